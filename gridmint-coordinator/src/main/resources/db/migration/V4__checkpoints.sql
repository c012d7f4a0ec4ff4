-- Checkpoints: the latest one of each task (a zip of its checkpoint dir, a blob), and on each attempt the attempt
-- whose checkpoint it was started from. Only the latest checkpoint is kept: a task resumes from nothing older.

CREATE TABLE task_checkpoints (
    job_id      TEXT    NOT NULL,
    idx         INTEGER NOT NULL,
    attempt_id  TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    size        BIGINT  NOT NULL,
    runtime_ms  BIGINT  NOT NULL,
    at          BIGINT  NOT NULL,
    PRIMARY KEY (job_id, idx),
    FOREIGN KEY (job_id, idx) REFERENCES tasks (job_id, idx)
);
CREATE INDEX task_checkpoints_sha256 ON task_checkpoints (sha256);

ALTER TABLE attempts ADD COLUMN resumed_from TEXT;
