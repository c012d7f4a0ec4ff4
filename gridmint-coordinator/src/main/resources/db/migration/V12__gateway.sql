-- The OpenAI-compatible gateway (issue 6): API keys, per-request usage, and the meters that bill it.

-- A key is kept as the SHA-256 of its secret (hex) and the secret's first characters; the secret itself is shown once.
CREATE TABLE api_keys (
    id          TEXT   NOT NULL PRIMARY KEY,
    account     TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    prefix      TEXT   NOT NULL,
    hash        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (hash);
CREATE INDEX api_keys_account ON api_keys (account, created_at);

-- One row per served request. `token_price` is the provider's price in micro-credits per million tokens; `charged` is
-- what this request added to its meter's bill (micro-credits, the fee included) and `fee` the protocol's part of it.
-- The INFERENCE postings reference `id` (net, to the provider's owner) and `id`/fee (to the treasury).
CREATE TABLE gateway_usage (
    id              TEXT    NOT NULL PRIMARY KEY,
    key_id          TEXT    NOT NULL,
    account         TEXT    NOT NULL,
    provider_id     TEXT    NOT NULL,
    provider_owner  TEXT    NOT NULL,
    model           TEXT    NOT NULL,
    items           INTEGER NOT NULL,
    tokens          BIGINT  NOT NULL,
    token_price     BIGINT  NOT NULL,
    charged         BIGINT  NOT NULL,
    fee             BIGINT  NOT NULL,
    at              BIGINT  NOT NULL
);
CREATE INDEX gateway_usage_account ON gateway_usage (account, at);

-- What one account used of one provider's model at one price: its tokens and what was billed for them. Only the increase
-- of floor(tokens * price / 1e6) is posted, so no request loses or overcharges a fraction of a micro-credit.
CREATE TABLE gateway_meters (
    account      TEXT   NOT NULL,
    provider_id  TEXT   NOT NULL,
    model        TEXT   NOT NULL,
    token_price  BIGINT NOT NULL,
    tokens       BIGINT NOT NULL,
    billed       BIGINT NOT NULL,
    PRIMARY KEY (account, provider_id, model, token_price)
);
