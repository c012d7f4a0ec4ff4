-- Providers belong to the account that registered them (signed requests), and the operator may quarantine one.
-- Providers registered before owners existed keep the empty owner: nobody can claim for them or re-register
-- them, so their agents register anew under their own key.
ALTER TABLE providers ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE providers ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE providers ADD COLUMN quarantine_reason TEXT;
