package org.gridmint.coordinator.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * <p>Failure modes: every problem with the model or the input (each bad line by number) is reported at once, before any
 * shard is written; shards are content-addressed blobs that nothing refers to until the job's transaction commits, so a
 * submission that fails after writing them leaves only garbage for the collector.
 */
final class EmbedSubmission {
    /** The draft with its items counted, and the items themselves in input order. */
    record Prepared(JobSpecDraft draft, List<EmbedInput.Item> items) {}

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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(blobs.require(input.sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input blob " + input.sha256() + ": " + e.getMessage(), e);
        }
        EmbedInput.Parsed parsed = EmbedInput.parse(bytes, embed.format(), embed.textField());
        errors.addAll(parsed.errors());
        if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
        return new Prepared(draft.withItems(parsed.items().size()), parsed.items());
    }

    /** Writes task {@code i}'s shard of {@code items} for every task of {@code spec} (whose items are counted). */
    static List<ShardRecord> writeShards(BlobStore blobs, JobId job, EmbedSpec spec, List<EmbedInput.Item> items) {
        List<ShardRecord> shards = new ArrayList<>(spec.taskCount());
        for (int i = 0; i < spec.taskCount(); i++) {
            EmbedSpec.Range r = spec.range(i);
            byte[] shard = ShardFile.write(r.first(), items.subList(r.first(), r.first() + r.count()));
            String sha = blobs.putBytes(shard);
            shards.add(new ShardRecord(new TaskId(job, i), r.first(), r.count(), sha, shard.length));
        }
        return shards;
    }

    /** The catalog's model names, for messages. */
    static String knownModels() {
        return String.join(", ", ModelCatalog.all().stream().map(ModelInfo::name).toList());
    }
}
