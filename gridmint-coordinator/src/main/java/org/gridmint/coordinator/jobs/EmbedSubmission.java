package org.gridmint.coordinator.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.api.embed.EmbedInput;
import org.gridmint.api.embed.ShardFile;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.store.ShardRecord;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.spec.EmbedSpec;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;

/**
 * The submission of an embed job: reads its uploaded input, counts the items, checks the model against the catalog, and
 * cuts the items into one shard blob per task.
 *
 * <p>Failure modes: every problem with the model or the input (each bad line by number, the first
 * {@link EmbedInput#MAX_ERRORS}) is reported at once, before any shard is written; shards are content-addressed blobs
 * that nothing refers to until the job's transaction commits, so a submission that fails after writing them leaves only
 * garbage for the collector. The input (up to the blob limit) is read twice, as a stream, never whole: once to check and
 * count it, once to cut the shards, so that only one shard's items are in memory at a time.
 */
final class EmbedSubmission {
    /** The draft with its items counted, and the input blob the shards are cut from. */
    record Prepared(JobSpecDraft draft, Path input) {}

    private EmbedSubmission() {}

    /**
     * The draft with the input's item count, read from the blob named as the spec's input among {@code files} (which
     * {@code JobService.checkFiles} has made sure was uploaded). 400 naming {@code spec.model} for a model the catalog lacks
     * and {@code input ...} for each bad line or an input without items.
     */
    static Prepared prepare(BlobStore blobs, JobSpecDraft draft, EmbedSpec embed, List<BlobRef> files) {
        List<FieldError> errors = new ArrayList<>();
        if (ModelCatalog.find(embed.model()).isEmpty())
            errors.add(new FieldError("spec.model", "unknown model '" + embed.model() + "' (known: " + knownModels() + ")"));
        BlobRef input = files.stream().filter(f -> f != null && embed.input().equals(f.name())).findFirst()
                .orElseThrow(() -> new CoordinatorException.Invalid("files", "no uploaded blob is named as the spec's input '" + embed.input() + "'"));
        Path path = blobs.require(input.sha256());
        EmbedInput.Summary summary = read(path, embed, item -> {});
        errors.addAll(summary.errors());
        if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
        return new Prepared(draft.withItems(summary.items()), path);
    }

    /**
     * Writes task {@code i}'s shard for every task of {@code spec} (whose items are counted), reading {@code input} again and
     * writing each shard as soon as it is full.
     */
    static List<ShardRecord> writeShards(BlobStore blobs, JobId job, EmbedSpec spec, Path input) {
        List<ShardRecord> shards = new ArrayList<>(spec.taskCount());
        List<EmbedInput.Item> pending = new ArrayList<>();
        Runnable flush = () -> {
            int i = shards.size();
            EmbedSpec.Range r = spec.range(i);
            if (r.count() != pending.size())
                throw new IllegalStateException("task " + i + "'s shard has " + pending.size() + " items, its range " + r.count());
            byte[] shard = ShardFile.write(r.first(), pending);
            shards.add(new ShardRecord(new TaskId(job, i), r.first(), r.count(), blobs.putBytes(shard), shard.length));
            pending.clear();
        };
        EmbedInput.Summary summary = read(input, spec, item -> {
            pending.add(item);
            if (pending.size() == spec.shard()) flush.run();
        });
        if (!pending.isEmpty()) flush.run();
        // The blob is content-addressed, so it cannot change between the reads; this guards the cutting itself.
        if (!summary.valid() || summary.items() != spec.items() || shards.size() != spec.taskCount())
            throw new IllegalStateException("the input read " + summary.items() + " items into " + shards.size() + " shards the second time, "
                    + spec.items() + " into " + spec.taskCount() + " the first");
        return shards;
    }

    private static EmbedInput.Summary read(Path input, EmbedSpec embed, java.util.function.Consumer<EmbedInput.Item> sink) {
        try (InputStream in = Files.newInputStream(input)) {
            return EmbedInput.stream(in, embed.format(), embed.textField(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input blob " + input + ": " + e.getMessage(), e);
        }
    }

    /** The catalog's model names, for messages. */
    static String knownModels() {
        return String.join(", ", ModelCatalog.all().stream().map(ModelInfo::name).toList());
    }
}
