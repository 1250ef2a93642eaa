-- An Idempotency-Key answers only the request it was first used for (a SHA-256 of method, path and body or metadata),
-- and only until it expires (EVIDENCE_IDEMPOTENCY_TTL); expired keys are purged on a schedule.
ALTER TABLE idempotency_key ADD COLUMN fingerprint text NOT NULL DEFAULT '';
ALTER TABLE idempotency_key ALTER COLUMN fingerprint DROP DEFAULT;
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- The population a sample was drawn from, in the order the draw used, so that the draw can be repeated and audited
-- later whatever happens to the evidence since.
CREATE TABLE sample_population (
    sample_id   uuid    NOT NULL REFERENCES sample (id),
    position    integer NOT NULL,
    evidence_id uuid    NOT NULL,
    PRIMARY KEY (sample_id, position)
);
