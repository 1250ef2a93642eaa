-- One dashboard snapshot per tenant and day (the latest computation of that day), for the trend.
CREATE TABLE dashboard_snapshot (
    id               bigserial PRIMARY KEY,
    tenant           text        NOT NULL,
    snapshot_date    date        NOT NULL,
    overall_score    numeric(4, 1),
    overall_status   text        NOT NULL,
    framework_scores text        NOT NULL,
    open_findings    integer     NOT NULL,
    data_as_of       timestamptz NOT NULL,
    computed_at      timestamptz NOT NULL,
    computed_by      text        NOT NULL,
    CONSTRAINT dashboard_snapshot_day UNIQUE (tenant, snapshot_date)
);

-- Issued Statements of Applicability: immutable once issued, each version readable later.
CREATE TABLE soa_snapshot (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    version      text        NOT NULL,
    approver     text        NOT NULL,
    issue_date   date        NOT NULL,
    issued_at    timestamptz NOT NULL,
    issued_by    text        NOT NULL,
    data_as_of   timestamptz NOT NULL,
    report       text        NOT NULL,
    CONSTRAINT soa_snapshot_version UNIQUE (tenant, version)
);
CREATE INDEX soa_snapshot_tenant_issued ON soa_snapshot (tenant, issued_at DESC);
