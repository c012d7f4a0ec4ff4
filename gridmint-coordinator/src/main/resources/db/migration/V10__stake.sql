-- Stake (issue 5). The money itself is in the ledger: each provider's stake account (stake:prov-…) holds what its owner
-- staked, including what is unbonding, so that a slash still reaches it. These tables say what the money is doing.

-- An unstake waits out its unbonding period here. `amount` is what will be released (a slash during the unbonding
-- shrinks it); `release_at` is when the release loop may release it, and it does so only while the provider has no
-- result awaiting a verdict. `released_at` is set once the UNSTAKE posting (reference: id) is written.
CREATE TABLE stake_unbondings (
    id            TEXT   NOT NULL PRIMARY KEY,
    provider_id   TEXT   NOT NULL,
    owner         TEXT   NOT NULL,
    requested     BIGINT NOT NULL,
    amount        BIGINT NOT NULL,
    requested_at  BIGINT NOT NULL,
    release_at    BIGINT NOT NULL,
    released_at   BIGINT
);
-- The predicate is repeated verbatim by the release loop's query (SQLite matches it textually).
CREATE INDEX stake_unbondings_due ON stake_unbondings (release_at, id) WHERE released_at IS NULL;
CREATE INDEX stake_unbondings_provider ON stake_unbondings (provider_id, requested_at);

-- Each slash, one per (verdict, provider): what it took and where it went (the SLASH postings reference
-- <verdict_id>/<provider_id>/client and …/treasury), and until when it quarantined the provider.
CREATE TABLE stake_slashes (
    verdict_id         TEXT   NOT NULL,
    provider_id        TEXT   NOT NULL,
    client             TEXT   NOT NULL,
    staked             BIGINT NOT NULL,
    to_client          BIGINT NOT NULL,
    to_treasury        BIGINT NOT NULL,
    at                 BIGINT NOT NULL,
    quarantined_until  BIGINT NOT NULL,
    PRIMARY KEY (verdict_id, provider_id)
);
CREATE INDEX stake_slashes_provider ON stake_slashes (provider_id, at);
