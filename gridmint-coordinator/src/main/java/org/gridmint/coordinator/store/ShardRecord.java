package org.gridmint.coordinator.store;

import java.util.Objects;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.TaskId;

/**
 * One shard of an embed job: the items its task embeds, and the blob ({@value #BLOB_NAME}) that holds them.
 *
 * @param firstItem the 0-based index in the whole input of its first item
 * @param itemCount how many items it holds: the rows its task's embeddings.npy must have
 */
public record ShardRecord(TaskId task, int firstItem, int itemCount, String sha256, long size) {
    /** The name a task sees its shard under. */
    public static final String BLOB_NAME = "shard.jsonl";

    public ShardRecord {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(sha256, "sha256");
        if (firstItem < 0) throw new IllegalArgumentException("firstItem must be >= 0, was " + firstItem);
        if (itemCount < 1) throw new IllegalArgumentException("a shard holds at least one item, was " + itemCount);
        if (size < 0) throw new IllegalArgumentException("size must be >= 0, was " + size);
    }

    /** The shard as its task's one input file. */
    public BlobRef blob() {
        return new BlobRef(BLOB_NAME, sha256, size);
    }
}
