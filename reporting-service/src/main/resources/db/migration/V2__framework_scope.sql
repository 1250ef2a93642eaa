-- The frameworks a tenant pursues, chosen in reporting-service: only they count toward the overall score. An empty
-- list (or no row) means no scope was chosen, and every framework the catalog shows the tenant counts.
CREATE TABLE framework_scope (
    tenant        text PRIMARY KEY,
    framework_ids text[]      NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL
);

-- Every change of a scope, who made it and when; never updated or deleted.
CREATE TABLE framework_scope_change (
    id            bigserial PRIMARY KEY,
    tenant        text        NOT NULL,
    framework_ids text[]      NOT NULL,
    previous_ids  text[]      NOT NULL,
    changed_at    timestamptz NOT NULL,
    changed_by    text        NOT NULL
);
CREATE INDEX framework_scope_change_tenant ON framework_scope_change (tenant, changed_at DESC, id DESC);
