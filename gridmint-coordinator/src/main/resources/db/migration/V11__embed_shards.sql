-- Batch embed jobs (issue 6): the coordinator cuts an embed job's input into one shard per task at submission. Each
-- shard is a blob (shard.jsonl: one {"i", "id", "text"} object per item) that the task's assignment hands to the provider,
-- and whose ids the JSON Lines results read back. first_item/item_count say which items of the input it holds, so that
-- results can check each task's rows without reading the shard.
CREATE TABLE job_shards (
    job_id       TEXT    NOT NULL,
    task_index   INTEGER NOT NULL,
    first_item   INTEGER NOT NULL,
    item_count   INTEGER NOT NULL,
    blob_sha256  TEXT    NOT NULL,
    blob_size    BIGINT  NOT NULL,
    PRIMARY KEY (job_id, task_index),
    FOREIGN KEY (job_id, task_index) REFERENCES tasks (job_id, idx)
);
-- Blob garbage collection asks whether anything refers to a blob.
CREATE INDEX job_shards_blob ON job_shards (blob_sha256);

-- The embedding models a provider serves: JSON of List<ModelOffer> (name, device, dimensions, tokenPrice); null for a
-- provider that serves none (every provider from before issue 6).
ALTER TABLE providers ADD COLUMN models TEXT;
