-- Evidence metadata. Content bytes live behind the ContentStore (content_chunk here); the row keeps its digest.
CREATE TABLE evidence (
    id                  uuid PRIMARY KEY,
    tenant              text        NOT NULL,
    title               text        NOT NULL,
    description         text,
    source              text        NOT NULL,
    state               text        NOT NULL,
    kind                text        NOT NULL,
    file_name           text,
    media_type          text        NOT NULL,
    size                bigint      NOT NULL,
    sha256              text        NOT NULL,
    content_id          uuid,
    collected_at        timestamptz NOT NULL,
    period_start        date,
    period_end          date,
    fresh_until         timestamptz NOT NULL,
    collector_subject   text        NOT NULL,
    collector_client    text,
    created_at          timestamptz NOT NULL,
    reviewed_by         text,
    reviewed_at         timestamptz,
    rejection_reason    text,
    retain_until        timestamptz NOT NULL,
    retention_basis     text        NOT NULL,
    legal_hold          boolean     NOT NULL DEFAULT false,
    legal_hold_reason   text,
    legal_hold_by       text,
    legal_hold_at       timestamptz,
    deleted_at          timestamptz,
    deleted_by          text
);
CREATE INDEX evidence_tenant_collected ON evidence (tenant, collected_at DESC, id);
CREATE INDEX evidence_tenant_fresh ON evidence (tenant, fresh_until) WHERE deleted_at IS NULL;

CREATE TABLE evidence_control (
    evidence_id uuid NOT NULL REFERENCES evidence (id),
    control_id  text NOT NULL,
    PRIMARY KEY (evidence_id, control_id)
);
CREATE INDEX evidence_control_lookup ON evidence_control (control_id, evidence_id);

CREATE TABLE evidence_requirement (
    evidence_id      uuid NOT NULL REFERENCES evidence (id),
    requirement_ref  text NOT NULL,
    PRIMARY KEY (evidence_id, requirement_ref)
);
CREATE INDEX evidence_requirement_lookup ON evidence_requirement (requirement_ref, evidence_id);

-- Content in fixed-size chunks so that neither upload nor download holds a whole file in memory.
CREATE TABLE content_chunk (
    content_id uuid    NOT NULL,
    chunk_no   integer NOT NULL,
    data       bytea   NOT NULL,
    PRIMARY KEY (content_id, chunk_no)
);

-- The first answer to an Idempotency-Key; the primary key makes concurrent retries wait for the first one.
CREATE TABLE idempotency_key (
    tenant          text        NOT NULL,
    idempotency_key text        NOT NULL,
    evidence_id     uuid,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant, idempotency_key)
);

-- Per tenant and control, maintained in the transaction of every write so freshness reads never scan evidence.
CREATE TABLE control_summary (
    tenant                       text        NOT NULL,
    control_id                   text        NOT NULL,
    evidence_frequency           text        NOT NULL,
    latest_accepted_evidence_id  uuid,
    latest_accepted_collected_at timestamptz,
    accepted_count               bigint      NOT NULL DEFAULT 0,
    rejected_count               bigint      NOT NULL DEFAULT 0,
    pending_count                bigint      NOT NULL DEFAULT 0,
    updated_at                   timestamptz NOT NULL,
    PRIMARY KEY (tenant, control_id)
);

CREATE TABLE ledger_head (
    tenant    text PRIMARY KEY,
    sequence  bigint NOT NULL,
    head_hash text   NOT NULL
);

CREATE TABLE ledger_entry (
    tenant         text        NOT NULL,
    sequence       bigint      NOT NULL,
    event          text        NOT NULL,
    evidence_id    uuid,
    content_sha256 text,
    actor          text        NOT NULL,
    occurred_at    text        NOT NULL,
    details        text        NOT NULL,
    previous_hash  text        NOT NULL,
    hash           text        NOT NULL,
    PRIMARY KEY (tenant, sequence)
);
CREATE INDEX ledger_entry_evidence ON ledger_entry (evidence_id);

CREATE TABLE ledger_checkpoint (
    id             uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    sequence       bigint      NOT NULL,
    head_hash      text        NOT NULL,
    signed_at      timestamptz NOT NULL,
    signed_payload text        NOT NULL,
    signer         text        NOT NULL,
    algorithm      text        NOT NULL,
    key_id         text        NOT NULL,
    signature      text        NOT NULL,
    public_key_pem text        NOT NULL,
    created_by     text        NOT NULL
);
CREATE INDEX ledger_checkpoint_tenant ON ledger_checkpoint (tenant, sequence DESC);

-- A scheduled job claims its time slot here, so several replicas run each schedule once.
CREATE TABLE schedule_claim (
    job        text        NOT NULL,
    slot       bigint      NOT NULL,
    claimed_by text        NOT NULL,
    claimed_at timestamptz NOT NULL,
    PRIMARY KEY (job, slot)
);

CREATE TABLE monitor_run (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    monitor      text        NOT NULL,
    ran_at       timestamptz NOT NULL,
    passed       boolean     NOT NULL,
    figures      text        NOT NULL,
    findings     text        NOT NULL,
    evidence_id  uuid REFERENCES evidence (id),
    triggered_by text        NOT NULL
);
CREATE INDEX monitor_run_latest ON monitor_run (tenant, monitor, ran_at DESC);

CREATE TABLE sample (
    id              uuid PRIMARY KEY,
    tenant          text        NOT NULL,
    control_id      text        NOT NULL,
    period_start    date        NOT NULL,
    period_end      date        NOT NULL,
    frequency       text        NOT NULL,
    sample_size     integer     NOT NULL,
    population_size integer     NOT NULL,
    seed            bigint      NOT NULL,
    drawn_at        timestamptz NOT NULL,
    drawn_by        text        NOT NULL
);
CREATE INDEX sample_lookup ON sample (tenant, control_id, period_start);

CREATE TABLE sample_item (
    id          uuid PRIMARY KEY,
    sample_id   uuid    NOT NULL REFERENCES sample (id),
    position    integer NOT NULL,
    evidence_id uuid    NOT NULL,
    result      text,
    note        text,
    tested_by   text,
    tested_at   timestamptz
);
CREATE INDEX sample_item_sample ON sample_item (sample_id, position);
