-- Schema of the control catalog. Built-in content (frameworks, requirements, common controls, mappings) is not
-- inserted here: the repeatable Java migration BuiltInCatalogMigration loads it from the versioned data files under
-- src/main/resources/catalog/ and reloads it whenever those files change.

-- Trigram indexes serve the "contains" text search over requirement codes and titles (ILIKE '%term%').
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE framework (
    id                    text PRIMARY KEY,
    -- Null for the built-in frameworks every tenant sees.
    tenant                text,
    name                  text NOT NULL,
    version               text NOT NULL,
    description           text,
    scope                 text,
    audit_type            text CHECK (audit_type IN ('required', 'optional')),
    audit_frequency       text,
    audit_interval_months integer CHECK (audit_interval_months > 0),
    cost_min_usd          integer CHECK (cost_min_usd >= 0),
    cost_max_usd          integer CHECK (cost_max_usd >= cost_min_usd),
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    previous_version_id   text REFERENCES framework (id),
    -- Catalog-level OSCAL content of an imported catalog (metadata, params, back-matter), kept for export.
    oscal                 jsonb,
    position              integer NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    created_by            text NOT NULL,
    retired_at            timestamptz,
    retired_by            text
);
CREATE UNIQUE INDEX framework_tenant_name_version ON framework (tenant, lower(name), version) WHERE tenant IS NOT NULL;
CREATE INDEX framework_tenant ON framework (tenant);

CREATE TABLE requirement (
    id            uuid PRIMARY KEY,
    framework_id  text NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
    code          text NOT NULL,
    title         text NOT NULL,
    description   text,
    parent_code   text,
    kind          text NOT NULL,
    required      boolean NOT NULL,
    -- False for grouping nodes (themes, clauses, principal requirements...) that are not assessed on their own.
    assessable    boolean NOT NULL,
    position      integer NOT NULL,
    -- OSCAL id and the control/group content beyond id and title (class, params, props, parts, links).
    oscal_id      text,
    oscal         jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL,
    CONSTRAINT requirement_code_unique UNIQUE (framework_id, code)
);
CREATE INDEX requirement_parent ON requirement (framework_id, parent_code);
CREATE INDEX requirement_position ON requirement (framework_id, position);
CREATE INDEX requirement_code_trgm ON requirement USING gin (lower(code) gin_trgm_ops);
CREATE INDEX requirement_title_trgm ON requirement USING gin (lower(title) gin_trgm_ops);

CREATE TABLE common_control (
    id                  text PRIMARY KEY,
    title               text NOT NULL,
    description         text NOT NULL,
    evidence_frequency  text NOT NULL
        CHECK (evidence_frequency IN ('continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'annual')),
    position            integer NOT NULL
);

CREATE TABLE control_mapping (
    id              uuid PRIMARY KEY,
    control_id      text NOT NULL REFERENCES common_control (id),
    requirement_id  uuid NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
    -- Null for built-in mappings; the tenant for mappings of its custom frameworks.
    tenant          text,
    relationship    text NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersect')),
    rationale       text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL,
    CONSTRAINT control_mapping_unique UNIQUE (control_id, requirement_id)
);
CREATE INDEX control_mapping_requirement ON control_mapping (requirement_id);

CREATE TABLE applicability (
    id              uuid PRIMARY KEY,
    tenant          text NOT NULL,
    requirement_id  uuid NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
    applicable      boolean NOT NULL,
    justification   text,
    status          text NOT NULL
        CHECK (status IN ('not-started', 'planned', 'partial', 'implemented', 'not-applicable')),
    owner           text,
    target_date     date,
    updated_at      timestamptz NOT NULL,
    updated_by      text NOT NULL,
    CONSTRAINT applicability_unique UNIQUE (tenant, requirement_id),
    CONSTRAINT applicability_excluded_justified CHECK (applicable OR length(trim(justification)) > 0)
);

CREATE TABLE maturity_assessment (
    id             uuid PRIMARY KEY,
    tenant         text NOT NULL,
    control_id     text NOT NULL REFERENCES common_control (id),
    current_level  smallint NOT NULL CHECK (current_level BETWEEN 0 AND 4),
    target_level   smallint NOT NULL CHECK (target_level BETWEEN 0 AND 4),
    gaps           jsonb NOT NULL,
    assessed_at    timestamptz NOT NULL,
    assessed_by    text NOT NULL
);
CREATE INDEX maturity_latest ON maturity_assessment (tenant, control_id, assessed_at DESC);

CREATE TABLE remediation_item (
    id             uuid PRIMARY KEY,
    assessment_id  uuid NOT NULL REFERENCES maturity_assessment (id),
    tenant         text NOT NULL,
    position       integer NOT NULL,
    description    text NOT NULL,
    owner          text,
    due_date       date,
    status         text NOT NULL CHECK (status IN ('open', 'in-progress', 'done')),
    closed_at      timestamptz,
    updated_at     timestamptz NOT NULL,
    updated_by     text NOT NULL
);
CREATE INDEX remediation_assessment ON remediation_item (assessment_id);

CREATE TABLE framework_audit (
    id            uuid PRIMARY KEY,
    tenant        text NOT NULL,
    framework_id  text NOT NULL REFERENCES framework (id),
    audit_date    date NOT NULL,
    audit_type    text NOT NULL,
    auditor       text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    recorded_by   text NOT NULL
);
CREATE INDEX framework_audit_tenant ON framework_audit (tenant, framework_id, audit_date DESC);

CREATE TABLE change_record (
    id           bigserial PRIMARY KEY,
    tenant       text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    text NOT NULL,
    action       text NOT NULL,
    changed_by   text NOT NULL,
    changed_at   timestamptz NOT NULL,
    detail       jsonb NOT NULL
);
CREATE INDEX change_record_tenant ON change_record (tenant, changed_at DESC, id DESC);
