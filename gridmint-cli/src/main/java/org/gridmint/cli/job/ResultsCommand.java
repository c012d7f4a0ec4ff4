package org.gridmint.cli.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint job results ID -o DIR}: every task's outputs, as {@code DIR/task-00007/<output path>}; or, for an embed
 * job, {@code --embeddings FILE}: every item's vector in input order, as one .npy or JSON Lines file.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Download every task's outputs into a directory, or an embed job's vectors into one file.",
                "With -o, files are written as DIR/task-00007/<output path>; each one written is printed on stdout.",
                "With --embeddings, a succeeded embed job's vectors are written in input order: npy is one NumPy array, little-endian "
                        + "float32, shape (items, dimensions); jsonl is one line per item, {\"index\": 0, \"id\": \"...\", \"embedding\": [...]}."})
final class ResultsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id.")
    String jobId;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "The directory to write into; created if missing, files already there are replaced.")
    Path dir;

    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "Write an embed job's vectors into FILE (replaced if it exists) instead of every output into a directory.")
    Path embeddings;

    @Option(names = "--format", paramLabel = "npy|jsonl",
            description = "The format of --embeddings: npy or jsonl. Default: from FILE's extension (.npy; .jsonl or .ndjson).")
    String format;

    @Override
    public Integer call() {
        if (embeddings != null) return embeddings();
        if (format != null) throw usage("--format is for --embeddings FILE only");
        if (dir == null) throw usage("Missing required option: '--output=DIR' (or --embeddings=FILE for an embed job's vectors)");
        try (GridmintClient c = client.connect()) {
            Path root = dir.toAbsolutePath().normalize();
            List<Path> files = c.downloadResults(jobId, dir);
            var out = spec.commandLine().getOut();
            for (Path f : files) out.println(dir.resolve(root.relativize(f)));
            out.flush();
            var err = spec.commandLine().getErr();
            err.println(files.isEmpty() ? jobId + " has no outputs" : "wrote " + files.size() + (files.size() == 1 ? " file" : " files") + " under " + dir);
            err.flush();
            return 0;
        }
    }

    private int embeddings() {
        if (dir != null) throw usage("give either -o DIR (every task's outputs) or --embeddings FILE (an embed job's vectors), not both");
        String f = format != null ? format.toLowerCase(Locale.ROOT) : formatOf(embeddings);
        if (!f.equals("npy") && !f.equals("jsonl")) throw usage("--format must be npy or jsonl, was '" + format + "'");
        Path parent = embeddings.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw usage("--embeddings: no such directory " + parent);
        try (GridmintClient c = client.connect()) {
            c.downloadEmbeddings(jobId, f, embeddings);
            var out = spec.commandLine().getOut();
            out.println(embeddings);
            out.flush();
            var err = spec.commandLine().getErr();
            err.println("wrote the embeddings of " + jobId + " (" + f + ") to " + embeddings);
            err.flush();
            return 0;
        }
    }

    /** npy or jsonl from the file's extension; a usage error for any other. */
    private String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) return "npy";
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
        throw usage("cannot tell the format of '" + file.getFileName() + "' from its extension: name it .npy or .jsonl, or give --format npy|jsonl");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
