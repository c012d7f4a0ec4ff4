package org.gridmint.provider.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds a task's outputs by glob, relative to its work dir. Only regular files count: a symbolic link made by
 * the task could point at any file of the agent's host, which the agent would then upload.
 */
final class OutputCollector {
    private OutputCollector() {}

    /** The globs that matched nothing. */
    static final class MissingOutputException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingOutputException(String message) {
            super(message);
        }
    }

    /** Relative name (with '/') to file, in glob order and then path order, each file once. */
    static Map<String, Path> collect(Path workDir, List<String> globs) throws IOException, MissingOutputException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(workDir)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(workDir::relativize).sorted().toList();
        }
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String glob : globs) {
            List<PathMatcher> matchers = matchers(glob);
            boolean any = false;
            for (Path rel : files) {
                if (matchers.stream().anyMatch(m -> m.matches(rel))) {
                    found.putIfAbsent(rel.toString().replace('\\', '/'), workDir.resolve(rel));
                    any = true;
                }
            }
            if (!any) missing.add(glob);
        }
        if (!missing.isEmpty()) {
            throw new MissingOutputException("declared output" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " matched no file in the work dir");
        }
        return found;
    }

    private static List<PathMatcher> matchers(String glob) {
        var fs = FileSystems.getDefault();
        List<PathMatcher> m = new ArrayList<>(List.of(fs.getPathMatcher("glob:" + glob)));
        // Java's "**/x" needs at least one directory; people writing it mean "x at any depth", the top included.
        if (glob.startsWith("**/") && glob.length() > 3) m.add(fs.getPathMatcher("glob:" + glob.substring(3)));
        return m;
    }
}
