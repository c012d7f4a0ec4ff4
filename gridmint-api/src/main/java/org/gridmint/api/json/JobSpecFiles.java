package org.gridmint.api.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridmint.core.spec.JobSpecDraft;

/** Reads a job spec file, YAML or JSON (chosen by extension; YAML otherwise, which also reads JSON). */
public final class JobSpecFiles {
    private JobSpecFiles() {}

    public static JobSpecDraft read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return file.getFileName().toString().endsWith(".json") ? Json.read(bytes, JobSpecDraft.class) : Json.readYaml(bytes, JobSpecDraft.class);
    }
}
