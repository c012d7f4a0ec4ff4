-- Token economics and settlement (issue 7): epochs and their emissions, the verified work they rewarded, GRID owed to
-- accounts, payout addresses, withdrawals, and each epoch's settlement batch (one Merkle leaf per payout address).
-- Times are epoch milliseconds; credits and GRID are micro-units (10^-6).

-- Facts fixed once for the network's life, such as its genesis instant ("genesis", epoch millis as text).
CREATE TABLE network_facts (
    name   TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
);

-- One row per closed epoch: its emission by the schedule, what it minted (zero without verified work), the treasury's
-- share, the verified work it rewarded, and its settlement batch. `state`: CLOSED (batch computed, not yet posted),
-- POSTED (root on-chain, `tx_hash` set), SETTLED (embedded settlement: nothing to post). `operator_funding`: credits the
-- operator transferred to the settlement contract to back the batch (network-issued credits no deposit brought on-chain),
-- set when the epoch is POSTED.
CREATE TABLE epochs (
    epoch            BIGINT  NOT NULL PRIMARY KEY,
    starts_at        BIGINT  NOT NULL,
    ends_at          BIGINT  NOT NULL,
    emission         BIGINT  NOT NULL,
    minted           BIGINT  NOT NULL,
    treasury_tokens  BIGINT  NOT NULL,
    verified_gpu_ms  BIGINT  NOT NULL,
    payout_credits   BIGINT  NOT NULL,
    payout_tokens    BIGINT  NOT NULL,
    leaves           INTEGER NOT NULL,
    root             TEXT,
    settlement       TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    tx_hash          TEXT,
    operator_funding BIGINT  NOT NULL DEFAULT 0,
    closed_at        BIGINT  NOT NULL,
    posted_at        BIGINT
);

-- Each verified result rewarded, once: the attempt whose result another provider's agreed with, the epoch whose
-- emission rewarded it, whose it was, and its work (billed runtime x GPUs, a CPU task counting as one GPU).
CREATE TABLE rewarded_work (
    attempt_id   TEXT   NOT NULL PRIMARY KEY,
    epoch        BIGINT NOT NULL,
    verdict_id   TEXT   NOT NULL,
    provider_id  TEXT   NOT NULL,
    account      TEXT   NOT NULL,
    gpu_ms       BIGINT NOT NULL
);
CREATE INDEX rewarded_work_epoch ON rewarded_work (epoch, account);

-- Each account's GRID from one epoch (the treasury's share under account 'treasury'), with the work it was for.
CREATE TABLE epoch_rewards (
    epoch    BIGINT NOT NULL,
    account  TEXT   NOT NULL,
    gpu_ms   BIGINT NOT NULL,
    tokens   BIGINT NOT NULL,
    PRIMARY KEY (epoch, account)
);

-- GRID each account was rewarded and not yet paid out on-chain (`unsettled`), and what was (`settled`).
CREATE TABLE token_balances (
    account    TEXT   NOT NULL PRIMARY KEY,
    unsettled  BIGINT NOT NULL,
    settled    BIGINT NOT NULL
);

-- Where an account is paid on-chain (0x + 40 lower-case hex digits).
CREATE TABLE payout_addresses (
    account     TEXT   NOT NULL PRIMARY KEY,
    address     TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Withdrawals asked for: the WITHDRAW posting (reference withdraw:<id>) is written with the row; `epoch` is set when a
-- closing epoch takes it into its batch.
CREATE TABLE withdrawals (
    id            TEXT   NOT NULL PRIMARY KEY,
    account       TEXT   NOT NULL,
    address       TEXT   NOT NULL,
    amount        BIGINT NOT NULL,
    requested_at  BIGINT NOT NULL,
    epoch         BIGINT
);
CREATE INDEX withdrawals_account ON withdrawals (account, requested_at);
CREATE INDEX withdrawals_epoch ON withdrawals (epoch);

-- An epoch's settlement batch: one leaf per payout address, in the order the tree was built (`idx`). `leaf` is the
-- leaf's hash (0x…); credits and GRID are micro-units (the chain adapter scales them to 18 decimals).
CREATE TABLE settlement_leaves (
    epoch    BIGINT  NOT NULL,
    idx      INTEGER NOT NULL,
    address  TEXT    NOT NULL,
    credits  BIGINT  NOT NULL,
    tokens   BIGINT  NOT NULL,
    leaf     TEXT    NOT NULL,
    PRIMARY KEY (epoch, idx)
);
CREATE UNIQUE INDEX settlement_leaves_address ON settlement_leaves (epoch, address);

-- An epoch rewards the verdicts decided before its end that no close examined yet: found by time of decision.
CREATE INDEX verdicts_decided ON verdicts (decided_at);

-- The epoch close's income per account and the network report read the journal, task charges and attempts by time window.
CREATE INDEX ledger_journal_at ON ledger_journal (at);
CREATE INDEX task_charges_at ON task_charges (at);
CREATE INDEX attempts_ended ON attempts (ended_at);

-- Which accounts each leaf paid, and how much of it (a leaf nets every account paid at its address): an account's claims
-- are the leaves that paid it, whatever its payout address is now, and ledger verify checks each leaf against its rows.
CREATE TABLE settlement_leaf_accounts (
    epoch    BIGINT NOT NULL,
    address  TEXT   NOT NULL,
    account  TEXT   NOT NULL,
    credits  BIGINT NOT NULL,
    tokens   BIGINT NOT NULL,
    PRIMARY KEY (epoch, address, account)
);
CREATE INDEX settlement_leaf_accounts_account ON settlement_leaf_accounts (account, epoch);

-- Every ACCEPTED verdict an epoch's close examined, whether it rewarded anything or not: later closes skip it, so none
-- reads old verdicts again, and a verdict committed after its own epoch closed (absent here) is found by the next close.
CREATE TABLE examined_verdicts (
    verdict_id  TEXT   NOT NULL PRIMARY KEY,
    epoch       BIGINT NOT NULL
);
