package org.gridmint.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One posting as the journal keeps it: numbered from 1 without gaps, timed, and chained: its hash covers its own
 * fields and the previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
 */
public record JournalEntry(long seq, Posting posting, Instant at, String prevHash, String hash) {
    /** The previous hash of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    public JournalEntry {
        if (seq < 1) throw new IllegalArgumentException("seq starts at 1, was " + seq);
        if (posting == null || at == null || prevHash == null || hash == null) throw new IllegalArgumentException("a journal entry needs every field");
    }

    /** The entry that follows {@code prev} (null for the first), with its hash computed. */
    public static JournalEntry next(JournalEntry prev, Posting posting, Instant at) {
        long seq = prev == null ? 1 : prev.seq + 1;
        String prevHash = prev == null ? GENESIS : prev.hash;
        return new JournalEntry(seq, posting, at, prevHash, hashOf(seq, posting, at, prevHash));
    }

    /** The entry after the one numbered {@code prevSeq} whose hash is {@code prevHash} (0 and {@link #GENESIS} for the first). */
    public static JournalEntry after(long prevSeq, String prevHash, Posting posting, Instant at) {
        long seq = prevSeq + 1;
        return new JournalEntry(seq, posting, at, prevHash, hashOf(seq, posting, at, prevHash));
    }

    /** Whether this entry's hash is the one its fields and previous hash give. */
    public boolean hashHolds() {
        return hash.equals(hashOf(seq, posting, at, prevHash));
    }

    /** SHA-256 (lower-case hex) over the entry's fields, one per line, and the previous hash. */
    public static String hashOf(long seq, Posting p, Instant at, String prevHash) {
        String text = seq + "\n" + p.kind() + "\n" + p.reference() + "\n" + p.from().id() + "\n" + p.to().id() + "\n"
                + p.amount().micros() + "\n" + at.toEpochMilli() + "\n" + prevHash;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
