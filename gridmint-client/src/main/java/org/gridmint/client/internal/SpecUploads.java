package org.gridmint.client.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;

/** Finds the local files a spec lists, so that a missing one is reported before anything is uploaded. */
public final class SpecUploads {
    private SpecUploads() {}

    /** One file to upload and the name the job will see it under. */
    public record Upload(String name, Path path) {}

    /**
     * Resolves each of the spec's {@code files}, and an embed job's {@code input}, against {@code baseDir}; throws
     * {@link InvalidInputException} naming every entry that is not a readable regular file. The input is uploaded under
     * its own name, which the coordinator reads it by.
     */
    public static List<Upload> resolve(JobSpecDraft spec, Path baseDir) {
        List<String> files = spec.files() == null ? List.of() : spec.files();
        List<Upload> uploads = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            Path p = baseDir.resolve(f).normalize();
            if (Files.isDirectory(p)) errors.add(new FieldError("files[" + i + "]", "'" + f + "' is a directory (" + p + "); list the files in it"));
            else if (!Files.isRegularFile(p)) errors.add(new FieldError("files[" + i + "]", "no such file: '" + f + "' (looked at " + p + ")"));
            else if (!Files.isReadable(p)) errors.add(new FieldError("files[" + i + "]", "cannot read '" + f + "' (" + p + ")"));
            else uploads.add(new Upload(baseName(f), p));
        }
        String input = spec.input();
        if (input != null && uploads.stream().noneMatch(u -> u.name().equals(baseName(input)))) {
            Path p = baseDir.resolve(input).normalize();
            if (!Files.isRegularFile(p)) errors.add(new FieldError("input", "no such file: '" + input + "' (looked at " + p + ")"));
            else if (!Files.isReadable(p)) errors.add(new FieldError("input", "cannot read '" + input + "' (" + p + ")"));
            else uploads.add(new Upload(baseName(input), p));
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return uploads;
    }

    /** The name a task sees a file under; the same rule as the validator's, which checks it is a safe name. */
    static String baseName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
