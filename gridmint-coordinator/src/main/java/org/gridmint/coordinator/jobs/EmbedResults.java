package org.gridmint.coordinator.jobs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.api.embed.ShardFile;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ShardRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.spec.EmbedSpec;
import org.gridmint.embed.Vectors;

/**
 * The results of a succeeded embed job as one file, in input order: a .npy of every item's vector (the tasks' accepted
 * embeddings.npy, their rows concatenated), or JSON Lines {@code {"index", "id", "embedding"}} with the ids from the shards.
 *
 * <p>Failure modes: everything that can be checked without reading the rows is checked by {@link #plan} before the first
 * byte is sent (each task's output is there, a 2-D {@code <f4} .npy, with one row per item of its shard and the same
 * dimensions as the others), so that such errors still become problem details. Both formats are streamed, one task at a
 * time: results can be far larger than the heap.
 */
public final class EmbedResults {
    /** The formats of the embeddings route. */
    public enum Format {
        NPY("npy", "application/octet-stream"),
        JSONL("jsonl", "application/x-ndjson");

        private final String wire;
        private final String mediaType;

        Format(String wire, String mediaType) {
            this.wire = wire;
            this.mediaType = mediaType;
        }

        public String wire() {
            return wire;
        }

        public String mediaType() {
            return mediaType;
        }

        /** The format named {@code s}; 400 naming {@code format} otherwise (null: npy). */
        public static Format parse(String s) {
            if (s == null) return NPY;
            for (Format f : values()) if (f.wire.equals(s)) return f;
            throw new CoordinatorException.Invalid("format", "must be npy or jsonl, was '" + s + "'");
        }
    }

    /** One task's part of the results: its shard and its accepted embeddings.npy with that file's header. */
    record Part(ShardRecord shard, Path npy, Vectors.NpyShape header) {}

    /** What {@link #write} streams: the job's parts by task index, and the shape of the whole. */
    public record Plan(String jobId, Format format, int items, int dims, List<Part> parts) {}

    private final BlobStore blobs;

    EmbedResults(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Checks that {@code job} (the caller's) is an embed job that succeeded and that its tasks' outputs fit their shards;
     * 400 for an exec job, 409 naming the state for a job that has not succeeded or whose outputs do not fit.
     */
    Plan plan(StoreTx tx, JobRecord job, Format format) {
        if (!job.spec().embeds())
            throw new CoordinatorException.Invalid("jobId", "job " + job.id() + " runs " + job.spec().runtime().wireName()
                    + ", not embed: it has no embeddings; download its results instead");
        if (job.state() != JobState.SUCCEEDED)
            throw new CoordinatorException.Conflict("job " + job.id() + " is " + job.state() + "; its embeddings are ready when it has SUCCEEDED",
                    job.state().name());
        var outputs = tx.outputs(job.id());
        List<ShardRecord> shards = tx.shards(job.id());
        List<Part> parts = new ArrayList<>(shards.size());
        int dims = -1;
        int items = 0;
        for (ShardRecord s : shards) {
            int task = s.task().index();
            BlobRef out = outputs.getOrDefault(task, List.of()).stream().filter(b -> EmbedSpec.OUTPUT.equals(b.name())).findFirst()
                    .orElseThrow(() -> unusable(job, "task " + task + " has no accepted " + EmbedSpec.OUTPUT));
            Path npy = blobs.require(out.sha256());
            Vectors.NpyShape h;
            try {
                h = header(npy);
            } catch (IllegalArgumentException e) {
                throw unusable(job, "task " + task + "'s " + EmbedSpec.OUTPUT + " is unusable: " + e.getMessage());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + npy + ": " + e.getMessage(), e);
            }
            if (h.rows() != s.itemCount())
                throw unusable(job, "task " + task + "'s " + EmbedSpec.OUTPUT + " has " + h.rows() + " rows but its shard holds " + s.itemCount() + " items");
            if (dims >= 0 && h.dims() != dims)
                throw unusable(job, "task " + task + "'s vectors have " + h.dims() + " dimensions but the tasks before it have " + dims);
            dims = h.dims();
            items += s.itemCount();
            parts.add(new Part(s, npy, h));
        }
        if (parts.size() != job.spec().taskCount() || items != job.spec().embed().items())
            throw unusable(job, "it has shards for " + items + " of " + job.spec().embed().items() + " items");
        return new Plan(job.id().value(), format, items, dims, parts);
    }

    /** Streams the plan's results into {@code out} in its format. */
    void write(Plan plan, OutputStream out) throws IOException {
        if (plan.format() == Format.NPY) writeNpy(plan, out);
        else writeJsonl(plan, out);
        out.flush();
    }

    private static void writeNpy(Plan plan, OutputStream out) throws IOException {
        out.write(Vectors.npyHeader(plan.items(), plan.dims()));
        for (Part p : plan.parts()) {
            try (InputStream in = Files.newInputStream(p.npy())) {
                in.skipNBytes(p.header().dataOffset());
                long copied = in.transferTo(out);
                if (copied != p.header().dataBytes()) throw new IOException(p.npy() + " changed while it was sent");
            }
        }
    }

    private void writeJsonl(Plan plan, OutputStream out) throws IOException {
        JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (Part p : plan.parts()) {
            List<ShardFile.Entry> entries = ShardFile.read(Files.readAllBytes(blobs.require(p.shard().sha256())));
            if (entries.size() != p.header().rows())
                throw new IOException("shard of task " + p.shard().task().index() + " holds " + entries.size() + " items, its output " + p.header().rows());
            try (DataInputStream in = new DataInputStream(Files.newInputStream(p.npy()))) {
                in.skipNBytes(p.header().dataOffset());
                byte[] row = new byte[p.header().dims() * Float.BYTES];
                for (ShardFile.Entry e : entries) {
                    in.readFully(row);
                    ByteBuffer b = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
                    g.writeStartObject();
                    g.writeNumberField("index", e.i());
                    g.writeStringField("id", e.id());
                    g.writeArrayFieldStart("embedding");
                    for (int k = 0; k < p.header().dims(); k++) g.writeNumber(b.getFloat());
                    g.writeEndArray();
                    g.writeEndObject();
                    g.flush();
                    out.write('\n');
                }
            }
        }
        g.close();
    }

    /**
     * Checks an embed task's reported outputs before they are taken: exactly one {@code embeddings.npy}, a 2-D {@code <f4}
     * .npy with one row per item of the task's shard, {@code dims} (the model's) values per row, every value finite. 400
     * naming {@code outputs} otherwise, so that a result that could never be assembled, or would hand NaNs to the user, is
     * refused: an unreplicated result is accepted as it is, so this is the only place such a result is stopped.
     */
    public static void checkTaskOutput(BlobStore blobs, ShardRecord shard, List<BlobRef> outputs, int dims) {
        List<BlobRef> npys = outputs.stream().filter(b -> EmbedSpec.OUTPUT.equals(b.name())).toList();
        if (npys.size() != 1)
            throw new CoordinatorException.Invalid("outputs", "an embed task reports exactly one " + EmbedSpec.OUTPUT + ", was " + npys.size());
        Path npy = blobs.require(npys.getFirst().sha256());
        Vectors.NpyShape h;
        try {
            h = header(npy);
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException.Invalid("outputs", EmbedSpec.OUTPUT + " is unusable: " + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the reported " + EmbedSpec.OUTPUT + ": " + e.getMessage(), e);
        }
        if (h.rows() != shard.itemCount())
            throw new CoordinatorException.Invalid("outputs", EmbedSpec.OUTPUT + " has " + h.rows() + " rows but task " + shard.task().index()
                    + "'s shard holds " + shard.itemCount() + " items");
        if (h.dims() != dims)
            throw new CoordinatorException.Invalid("outputs", EmbedSpec.OUTPUT + " has vectors of " + h.dims() + " dimensions but the model's have " + dims);
        long bad = firstNonFiniteRow(npy, h);
        if (bad >= 0)
            throw new CoordinatorException.Invalid("outputs", EmbedSpec.OUTPUT + " row " + bad + " (item " + (shard.firstItem() + bad)
                    + ") holds a value that is not finite (NaN or infinite)");
    }

    /** The 0-based index of the first row of {@code npy} holding a NaN or an infinity, or -1 when every value is finite. */
    private static long firstNonFiniteRow(Path npy, Vectors.NpyShape h) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(npy), 1 << 16)) {
            in.skipNBytes(h.dataOffset());
            byte[] row = new byte[h.dims() * Float.BYTES];
            for (long r = 0; r < h.rows(); r++) {
                if (in.readNBytes(row, 0, row.length) != row.length) throw new java.io.EOFException(npy + " ends before row " + r);
                ByteBuffer b = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < h.dims(); k++) if (!Float.isFinite(b.getFloat())) return r;
            }
            return -1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the reported " + EmbedSpec.OUTPUT + ": " + e.getMessage(), e);
        }
    }

    /** The header of a stored .npy, checked against the file's size. */
    private static Vectors.NpyShape header(Path npy) throws IOException {
        Vectors.NpyShape h;
        try (InputStream in = Files.newInputStream(npy)) {
            h = Vectors.readNpyHeader(in);
        }
        long rowBytes = Files.size(npy) - h.dataOffset();
        if (rowBytes != h.dataBytes())
            throw new IllegalArgumentException("holds " + rowBytes + " bytes of rows, but its shape (" + h.rows() + ", " + h.dims() + ") needs " + h.dataBytes());
        return h;
    }

    private static CoordinatorException.Conflict unusable(JobRecord job, String why) {
        return new CoordinatorException.Conflict("the embeddings of job " + job.id() + " cannot be assembled: " + why, job.state().name());
    }
}
