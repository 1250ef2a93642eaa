-- Every evidence ledger checkpoint this service signed, kept in its own database: evidence-service's verification
-- compares its chain with this list, so a writer of evidence-service's database who rewrites the chain, deletes its
-- checkpoints or cuts entries off its end cannot make the signed history disappear with it. One head per tenant and
-- sequence: the primary key is what refuses a second, different head, across concurrent requests and replicas.
CREATE TABLE witnessed_checkpoint (
    tenant       text        NOT NULL,
    sequence     bigint      NOT NULL,
    head_hash    text        NOT NULL,
    -- exactly as it appears in the signed statement, which may carry more digits than timestamptz keeps
    signed_at    text        NOT NULL,
    key_version  integer     NOT NULL,
    signed_by    text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, sequence)
);

-- A witness that its own service could rewrite would vouch for nothing: the database refuses every change and
-- deletion, row by row and by TRUNCATE, as it does for the PHI access log.
CREATE FUNCTION witnessed_checkpoint_guard() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'witnessed_checkpoint is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER witnessed_checkpoint_guard BEFORE UPDATE OR DELETE ON witnessed_checkpoint
    FOR EACH ROW EXECUTE FUNCTION witnessed_checkpoint_guard();

CREATE TRIGGER witnessed_checkpoint_no_truncate BEFORE TRUNCATE ON witnessed_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION witnessed_checkpoint_guard();
