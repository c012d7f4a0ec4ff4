-- Drains: a provider whose owner asked it to drain gets no new work and is told so on its next claim or heartbeat,
-- until its agent registers again. Apart from the providers row so that registering stays one upsert of the offer.
CREATE TABLE provider_drains (
    provider_id   TEXT   NOT NULL PRIMARY KEY,
    requested_at  BIGINT NOT NULL
);

-- A drain's hand-back was called HANDED_BACK before it had its own reason.
UPDATE attempts SET reason = 'PROVIDER_DRAINED' WHERE reason = 'HANDED_BACK';
UPDATE tasks SET last_reason = 'PROVIDER_DRAINED' WHERE last_reason = 'HANDED_BACK';

