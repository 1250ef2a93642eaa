-- PHI access audit: append-only, hash-chained per tenant (45 CFR 164.312(b) audit controls).
CREATE TABLE phi_access_head (
    tenant    text PRIMARY KEY,
    sequence  bigint NOT NULL,
    head_hash text   NOT NULL
);

CREATE TABLE phi_access_record (
    id                uuid PRIMARY KEY,
    tenant            text        NOT NULL,
    sequence          bigint      NOT NULL,
    previous_hash     text        NOT NULL,
    hash              text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    retain_until      timestamptz NOT NULL,
    subject           text,
    client            text,
    action            text        NOT NULL,
    purpose           text,
    justification     text,
    data_subject_ref  text,
    record_ref        text,
    source_ip         text,
    result            text        NOT NULL,
    reason            text,
    key_name          text,
    key_version       integer,
    review_required   boolean     NOT NULL,
    CONSTRAINT phi_access_record_chain UNIQUE (tenant, sequence)
);
CREATE INDEX phi_access_record_subject ON phi_access_record (tenant, data_subject_ref, occurred_at);
CREATE INDEX phi_access_record_user ON phi_access_record (tenant, subject, occurred_at);
CREATE INDEX phi_access_record_time ON phi_access_record (tenant, occurred_at);

-- The database itself refuses to change an audit record or to delete one before its retention ends, so neither a
-- bug nor a person with the application's credentials can rewrite history (45 CFR 164.316(b)(2)(i): six years).
CREATE FUNCTION phi_access_record_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'phi_access_record is append-only';
    END IF;
    IF OLD.retain_until > now() THEN
        RAISE EXCEPTION 'phi_access_record is under retention';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER phi_access_record_guard BEFORE UPDATE OR DELETE ON phi_access_record
    FOR EACH ROW EXECUTE FUNCTION phi_access_record_guard();

-- Where a purge cut the start of a tenant's chain: verification starts from this anchor.
CREATE TABLE phi_access_anchor (
    tenant        text PRIMARY KEY,
    sequence      bigint      NOT NULL,
    hash          text        NOT NULL,
    purged_at     timestamptz NOT NULL,
    purged_by     text        NOT NULL
);

-- Per data subject keys for crypto-shredding: random key material wrapped by the tenant's PHI key.
CREATE TABLE subject_key (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    subject_ref  text        NOT NULL,
    wrapped_key  text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    CONSTRAINT subject_key_subject UNIQUE (tenant, subject_ref)
);

CREATE TABLE shredded_subject (
    tenant       text        NOT NULL,
    subject_ref  text        NOT NULL,
    key_id       uuid        NOT NULL,
    shredded_at  timestamptz NOT NULL,
    shredded_by  text        NOT NULL,
    reason       text        NOT NULL,
    PRIMARY KEY (tenant, subject_ref)
);

-- Per tenant secrets wrapped by a provider key (the audit reference HMAC key).
CREATE TABLE tenant_secret (
    tenant       text        NOT NULL,
    purpose      text        NOT NULL,
    wrapped      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, purpose)
);

-- Local key provider (development and ./suite up only): key material wrapped by LOCAL_MASTER_KEY.
CREATE TABLE local_key (
    name                    text PRIMARY KEY,
    type                    text        NOT NULL,
    latest_version          integer     NOT NULL,
    min_decryption_version  integer     NOT NULL,
    auto_rotate_seconds     bigint      NOT NULL,
    created_at              timestamptz NOT NULL
);

CREATE TABLE local_key_version (
    name        text        NOT NULL REFERENCES local_key (name),
    version     integer     NOT NULL,
    material    text        NOT NULL,
    public_key  text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (name, version)
);
