#!/usr/bin/env python3
"""Regenerates the demo's text corpus (examples/embed/wordnet-glosses.txt) from WordNet 3.0.

Usage: scripts/make-wordnet-corpus.py WORDNET_DIR [OUT_FILE]
  WORDNET_DIR  the dict folder of WordNet 3.0 (data.noun, index.noun, data.verb, index.verb), e.g.
               /usr/share/wordnet from Debian's wordnet-base package
  OUT_FILE     default: examples/embed/wordnet-glosses.txt beside this script's repository

Writes one item per line, "word: gloss", e.g.
  dog: a member of the genus Canis (probably descended from the common wolf) that has been domesticated by man ...

Which glosses: the most frequent sense of every noun and verb that WordNet's sense-tagged corpus has seen (so the
words are familiar ones), whose definition (the gloss without its quoted examples) has 6 to 30 words; from those,
NOUNS nouns and VERBS verbs spread evenly over the file order (which is grouped by topic), so the set is varied.
Deterministic: the same input gives the same file, byte for byte. Standard library only.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Its licence (examples/embed/WORDNET-LICENSE)
must travel with every copy of the output.
"""
import os
import sys

NOUNS = 2250
VERBS = 750
MIN_WORDS, MAX_WORDS = 6, 30


def primary_senses(wordnet, pos):
    """Offsets of the first (most frequent) synset of each lemma whose senses were seen in the tagged corpus."""
    offsets = set()
    with open(os.path.join(wordnet, "index." + pos), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split()
            pointers = int(fields[3])
            rest = fields[4 + pointers:]
            tagged, synsets = int(rest[1]), rest[2:]
            if tagged > 0:
                offsets.add(synsets[0])
    return offsets


def definition(gloss):
    """The gloss without its quoted examples: 'cause to be calm; "The patient ..."' -> 'cause to be calm'."""
    text = gloss.split('"', 1)[0].strip()
    return text.rstrip(";: ").strip()


def items(wordnet, pos, wanted):
    keep = primary_senses(wordnet, pos)
    eligible = []
    with open(os.path.join(wordnet, "data." + pos), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  ") or " | " not in line:
                continue
            head, gloss = line.split(" | ", 1)
            fields = head.split()
            if fields[0] not in keep:
                continue
            text = definition(gloss)
            if not MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                continue
            word = fields[4].replace("_", " ")
            eligible.append(f"{word}: {text}")
    if len(eligible) < wanted:
        sys.exit(f"only {len(eligible)} eligible {pos} glosses in {wordnet}, {wanted} wanted")
    # Evenly spread picks (every k-th with a fractional k), so the count is exact and every topic is sampled.
    return [eligible[i * len(eligible) // wanted] for i in range(wanted)]


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    wordnet = argv[1]
    for name in ("data.noun", "index.noun", "data.verb", "index.verb"):
        if not os.path.isfile(os.path.join(wordnet, name)):
            sys.exit(f"{wordnet} is not a WordNet 3.0 dict folder: it lacks {name}")
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = argv[2] if len(argv) == 3 else os.path.join(repo, "examples", "embed", "wordnet-glosses.txt")
    lines = items(wordnet, "noun", NOUNS) + items(wordnet, "verb", VERBS)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} glosses ({NOUNS} nouns, {VERBS} verbs) to {out}")


if __name__ == "__main__":
    main(sys.argv)
