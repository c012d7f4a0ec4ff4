package org.gridmint.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo's job, shipped inside the jar from {@code examples/embed}: 3,000 WordNet 3.0 glosses (one per line),
 * WordNet's licence, which travels with every copy of them, and the embed job's spec.
 */
final class DemoData {
    static final String SPEC = "embed-glosses.yaml";
    static final String CORPUS = "wordnet-glosses.txt";
    static final String LICENSE = "WORDNET-LICENSE";

    private DemoData() {}

    /** Writes the spec, the corpus and its licence into {@code dir}; returns the spec file. */
    static Path extract(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : List.of(SPEC, CORPUS, LICENSE)) copy("demo/embed/" + name, dir.resolve(name));
            return dir.resolve(SPEC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo's job into " + dir, e);
        }
    }

    /** The job's items in input order: the corpus's lines, blank ones skipped as the coordinator skips them. */
    static List<String> items(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(CORPUS)).stream().filter(l -> !l.isBlank()).toList();
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("the jar lacks " + resource);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
