-- The escrow ledger. The journal is append-only and hash-chained: each entry's hash covers its fields and the
-- previous entry's hash (see org.gridmint.core.ledger.JournalEntry). Balances are kept beside it so that a
-- posting need not sum history; `gridmint ledger verify` checks that the two agree.

CREATE TABLE ledger_journal (
    seq           BIGINT NOT NULL PRIMARY KEY,
    kind          TEXT   NOT NULL,
    reference     TEXT   NOT NULL,
    from_account  TEXT   NOT NULL,
    to_account    TEXT   NOT NULL,
    amount        BIGINT NOT NULL,
    at            BIGINT NOT NULL,
    prev_hash     TEXT   NOT NULL,
    hash          TEXT   NOT NULL
);
-- Postings are idempotent by (kind, reference): the database refuses a second one even if the code did not.
CREATE UNIQUE INDEX ledger_journal_key ON ledger_journal (kind, reference);
CREATE INDEX ledger_journal_from ON ledger_journal (from_account, seq);
CREATE INDEX ledger_journal_to ON ledger_journal (to_account, seq);

CREATE TABLE ledger_balances (
    account  TEXT   NOT NULL PRIMARY KEY,
    balance  BIGINT NOT NULL
);

-- The journal's last entry, one row. Every posting transaction updates it first, which on PostgreSQL takes its
-- row lock: postings from concurrent transactions and coordinators are serialized, so the chain cannot fork.
CREATE TABLE ledger_head (
    id    INTEGER NOT NULL PRIMARY KEY,
    seq   BIGINT  NOT NULL,
    hash  TEXT    NOT NULL
);
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What each succeeded task was charged, for bills and earnings: the money itself is in the journal (PAY and FEE
-- with the task as reference); `ledger verify` checks that the two agree.
CREATE TABLE task_charges (
    job_id          TEXT    NOT NULL,
    idx             INTEGER NOT NULL,
    attempt_id      TEXT    NOT NULL,
    provider_id     TEXT    NOT NULL,
    provider_owner  TEXT    NOT NULL,
    runtime_ms      BIGINT  NOT NULL,
    price_micros    BIGINT  NOT NULL,
    gross           BIGINT  NOT NULL,
    fee             BIGINT  NOT NULL,
    net             BIGINT  NOT NULL,
    at              BIGINT  NOT NULL,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX task_charges_owner ON task_charges (provider_owner, at);
