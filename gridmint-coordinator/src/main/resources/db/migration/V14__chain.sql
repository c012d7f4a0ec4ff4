-- On-chain deposits (issue 7): each Deposited event of the settlement contract that the coordinator read once it was
-- buried under enough confirmations, and how far it has read. A deposit is credited (DEPOSIT chain -> account, reference
-- chain:<tx_hash>:<log_index>) in the same transaction as its row and the cursor's advance, so it is credited once.

-- `account` is what the depositor wrote, verbatim (it may name no account). `state`: CREDITED (the DEPOSIT posting was
-- written), UNROUTABLE (`account` is not an acct-… id: recorded and reported, never credited; the contract keeps the
-- funds). `amount` is micro-credits.
CREATE TABLE chain_deposits (
    tx_hash       TEXT    NOT NULL,
    log_index     BIGINT  NOT NULL,
    block_number  BIGINT  NOT NULL,
    block_hash    TEXT    NOT NULL,
    account       TEXT    NOT NULL,
    from_address  TEXT    NOT NULL,
    amount        BIGINT  NOT NULL,
    state         TEXT    NOT NULL,
    seen_at       BIGINT  NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX chain_deposits_block ON chain_deposits (block_number);

-- The last block whose deposits were all handled (one row, id = 1). Absent before the first read.
CREATE TABLE chain_cursor (
    id          INTEGER NOT NULL PRIMARY KEY,
    block       BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
