-- Speculative execution: a backup attempt names the attempt it races, so that a restarted coordinator, the job's
-- status and its bill can tell a backup from a retry and say which of the two won.
ALTER TABLE attempts ADD COLUMN backup_of TEXT;
