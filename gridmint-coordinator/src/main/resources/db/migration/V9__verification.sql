-- Verification of untrusted work (issue 5): every result a provider reports for a task of a verified job, the plan
-- each task is verified by, each provider's trust (its run of results that agreed with others), and every verdict
-- with its evidence. Results are kept apart from task_outputs, which hold only a task's accepted (canonical) outputs.

-- One row per result reported, in report order per task (ordinal 0, 1, ...). status: OPEN while its task awaits a
-- verdict (or when no quorum formed), ACCEPTED for the canonical result (the one the client pays), AGREED for a result
-- that agreed with it (a replica, paid at cost by the network), REJECTED for one that lost the verdict (never paid).
CREATE TABLE task_results (
    attempt_id      TEXT    NOT NULL PRIMARY KEY,
    job_id          TEXT    NOT NULL,
    idx             INTEGER NOT NULL,
    ordinal         INTEGER NOT NULL,
    provider_id     TEXT    NOT NULL,
    provider_owner  TEXT    NOT NULL,
    outputs         TEXT    NOT NULL,
    digest          TEXT    NOT NULL,
    runtime_ms      BIGINT  NOT NULL,
    reported_at     BIGINT  NOT NULL,
    status          TEXT    NOT NULL,
    FOREIGN KEY (job_id, idx) REFERENCES tasks (job_id, idx)
);
CREATE UNIQUE INDEX task_results_task ON task_results (job_id, idx, ordinal);
CREATE INDEX task_results_provider ON task_results (provider_id, status);

-- A task's verification plan (org.gridmint.core.verify.TaskVerification), decided at its first result; a tie-breaker
-- or a full check replaces it. partner: ANY or TRUSTED.
CREATE TABLE task_verifications (
    job_id        TEXT    NOT NULL,
    idx           INTEGER NOT NULL,
    quorum        INTEGER NOT NULL,
    target        INTEGER NOT NULL,
    partner       TEXT    NOT NULL,
    tie_breakers  INTEGER NOT NULL,
    why           TEXT    NOT NULL,
    updated_at    BIGINT  NOT NULL,
    PRIMARY KEY (job_id, idx),
    FOREIGN KEY (job_id, idx) REFERENCES tasks (job_id, idx)
);

-- Each provider's trust (org.gridmint.core.verify.Trust); a provider without a row has none.
CREATE TABLE provider_trust (
    provider_id        TEXT    NOT NULL PRIMARY KEY,
    consecutive_valid  INTEGER NOT NULL,
    valid_total        BIGINT  NOT NULL,
    invalid_total      BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL
);

-- Every verdict on a task's results. outcome: ACCEPTED or NO_QUORUM. evidence: JSON, one entry per result compared
-- (attempt, provider, owner, digest, whether it agreed, whether it was rejected, the comparison in words, what the
-- network paid for it and what its provider was slashed). The ledger's SLASH postings reference the verdict's id.
CREATE TABLE verdicts (
    id                 TEXT    NOT NULL PRIMARY KEY,
    job_id             TEXT    NOT NULL,
    idx                INTEGER NOT NULL,
    outcome            TEXT    NOT NULL,
    policy             TEXT    NOT NULL,
    why                TEXT    NOT NULL,
    canonical_attempt  TEXT,
    evidence           TEXT    NOT NULL,
    decided_at         BIGINT  NOT NULL
);
CREATE INDEX verdicts_job ON verdicts (job_id, idx, decided_at);
