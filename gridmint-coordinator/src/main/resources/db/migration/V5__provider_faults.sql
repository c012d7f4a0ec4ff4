-- Automatic quarantine: each provider's run of failures that were its own fault, how often it has been
-- quarantined, and until when (see org.gridmint.core.market.Quarantine). Kept apart from the operator's
-- quarantine on the providers row: the operator's lasts until released, this one ends by itself.
CREATE TABLE provider_faults (
    provider_id           TEXT    NOT NULL PRIMARY KEY,
    consecutive_failures  INTEGER NOT NULL,
    times_quarantined     INTEGER NOT NULL,
    quarantined_until     BIGINT
);
