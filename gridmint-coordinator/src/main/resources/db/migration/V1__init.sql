-- Gridmint coordinator schema, version 1.
-- One file for SQLite and PostgreSQL: portable types only (TEXT, INTEGER, BIGINT), instants as BIGINT epoch
-- milliseconds, booleans as INTEGER 0/1, JSON as TEXT, enums by name. Partial indexes keep the hot queries
-- (pending tasks, expired leases) proportional to live work rather than to history.

CREATE TABLE providers (
    id             TEXT    NOT NULL PRIMARY KEY,
    name           TEXT,
    cpus           INTEGER NOT NULL,
    memory_mb      BIGINT  NOT NULL,
    gpus           TEXT    NOT NULL,
    region         TEXT,
    price_micros   BIGINT  NOT NULL,
    slots          INTEGER NOT NULL,
    sandboxed      INTEGER NOT NULL,
    agent_version  TEXT,
    registered_at  BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL
);
CREATE INDEX providers_registered ON providers (registered_at, id);

CREATE TABLE jobs (
    id              TEXT   NOT NULL PRIMARY KEY,
    owner           TEXT   NOT NULL,
    draft           TEXT   NOT NULL,
    files           TEXT   NOT NULL,
    state           TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    finished_at     BIGINT,
    failure_reason  TEXT
);
CREATE INDEX jobs_created ON jobs (created_at, id);
CREATE INDEX jobs_owner_created ON jobs (owner, created_at, id);
-- The predicate is repeated verbatim by the queries that should use it (SQLite matches it textually).
CREATE INDEX jobs_unfinished ON jobs (created_at, id) WHERE state IN ('PENDING', 'RUNNING');

-- The distinct blobs a job's files refer to, so that blob garbage collection need not parse jobs.files.
CREATE TABLE job_blobs (
    job_id  TEXT NOT NULL REFERENCES jobs (id),
    sha256  TEXT NOT NULL,
    PRIMARY KEY (job_id, sha256)
);
CREATE INDEX job_blobs_sha256 ON job_blobs (sha256);

CREATE TABLE tasks (
    job_id                TEXT    NOT NULL REFERENCES jobs (id),
    idx                   INTEGER NOT NULL,
    state                 TEXT    NOT NULL,
    attempts              INTEGER NOT NULL,
    failures              INTEGER NOT NULL,
    last_failed_provider  TEXT,
    last_reason           TEXT,
    updated_at            BIGINT  NOT NULL,
    PRIMARY KEY (job_id, idx)
);
-- Pending tasks of one job in index order, and per-job counts by state, without touching finished rows.
CREATE INDEX tasks_job_state ON tasks (job_id, state, idx);

CREATE TABLE attempts (
    id                TEXT    NOT NULL PRIMARY KEY,
    job_id            TEXT    NOT NULL,
    idx               INTEGER NOT NULL,
    number            INTEGER NOT NULL,
    provider_id       TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    reason            TEXT,
    message           TEXT,
    exit_code         INTEGER,
    assigned_at       BIGINT  NOT NULL,
    started_at        BIGINT,
    ended_at          BIGINT,
    lease_expires_at  BIGINT  NOT NULL,
    progress          TEXT,
    FOREIGN KEY (job_id, idx) REFERENCES tasks (job_id, idx)
);
-- Unique: a second attempt with the same number would mean a task was handed out twice.
CREATE UNIQUE INDEX attempts_task_number ON attempts (job_id, idx, number);
CREATE INDEX attempts_active_lease ON attempts (lease_expires_at, id) WHERE state IN ('ASSIGNED', 'RUNNING');
CREATE INDEX attempts_provider_state ON attempts (provider_id, state);

CREATE TABLE attempt_logs (
    attempt_id     TEXT NOT NULL PRIMARY KEY REFERENCES attempts (id),
    stdout_name    TEXT,
    stdout_sha256  TEXT,
    stdout_size    BIGINT,
    stderr_name    TEXT,
    stderr_sha256  TEXT,
    stderr_size    BIGINT
);
CREATE INDEX attempt_logs_stdout ON attempt_logs (stdout_sha256);
CREATE INDEX attempt_logs_stderr ON attempt_logs (stderr_sha256);

CREATE TABLE task_outputs (
    job_id   TEXT    NOT NULL,
    idx      INTEGER NOT NULL,
    ordinal  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    sha256   TEXT    NOT NULL,
    size     BIGINT  NOT NULL,
    PRIMARY KEY (job_id, idx, ordinal),
    FOREIGN KEY (job_id, idx) REFERENCES tasks (job_id, idx)
);
CREATE INDEX task_outputs_sha256 ON task_outputs (sha256);
