-- Drains: a provider whose owner asked it to drain gets no new work and is told so on its next claim or heartbeat,
-- until its agent registers again. Apart from the providers row so that registering stays one upsert of the offer.
CREATE TABLE provider_drains (
    provider_id   TEXT   NOT NULL PRIMARY KEY,
    requested_at  BIGINT NOT NULL
);

-- A drain's hand-back was called HANDED_BACK before it had its own reason.
UPDATE attempts SET reason = 'PROVIDER_DRAINED' WHERE reason = 'HANDED_BACK';
UPDATE tasks SET last_reason = 'PROVIDER_DRAINED' WHERE last_reason = 'HANDED_BACK';

-- Paying the checkpointed part of a failed attempt: how far into its own runtime the checkpoint was that an attempt
-- resumed from (the task's checkpoint row is overwritten by later ones, so it is kept here), and one charge per
-- resumed-from attempt that was paid, beside task_charges (which keeps one per succeeded task). The money itself is in
-- the journal (PAY and FEE with reference <task>@<attempt>); `ledger verify` checks that the two agree.
ALTER TABLE attempts ADD COLUMN resumed_at_ms BIGINT;

CREATE TABLE resumed_charges (
    attempt_id      TEXT    NOT NULL PRIMARY KEY,
    job_id          TEXT    NOT NULL,
    idx             INTEGER NOT NULL,
    provider_id     TEXT    NOT NULL,
    provider_owner  TEXT    NOT NULL,
    runtime_ms      BIGINT  NOT NULL,
    price_micros    BIGINT  NOT NULL,
    gross           BIGINT  NOT NULL,
    fee             BIGINT  NOT NULL,
    net             BIGINT  NOT NULL,
    at              BIGINT  NOT NULL
);
CREATE INDEX resumed_charges_job ON resumed_charges (job_id, idx);
CREATE INDEX resumed_charges_owner ON resumed_charges (provider_owner, at);

-- Reputation evidence beyond attempt outcomes (see org.gridmint.core.market.ProviderEvidence): the heartbeat gaps a
-- provider left while it held work, and its completed attempts' speed against their peers, summed in millionths
-- (an integer, so that both stores add it exactly). Counted as they happen, so the market reads one row per provider.
CREATE TABLE provider_evidence (
    provider_id        TEXT   NOT NULL PRIMARY KEY,
    missed_heartbeats  BIGINT NOT NULL,
    speed_sum_micros   BIGINT NOT NULL,
    speed_samples      BIGINT NOT NULL
);
