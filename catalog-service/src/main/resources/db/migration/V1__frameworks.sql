CREATE TABLE framework (
    id            text PRIMARY KEY,
    tenant        text,
    name          text NOT NULL,
    version       text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

INSERT INTO framework (id, tenant, name, version) VALUES
    ('iso27001-2022', NULL, 'ISO/IEC 27001:2022', '2022'),
    ('pci-dss-4.0.1', NULL, 'PCI DSS', '4.0.1'),
    ('hipaa-security', NULL, 'HIPAA Security Rule', '45 CFR 164 Subpart C'),
    ('hipaa-breach', NULL, 'HIPAA Breach Notification Rule', '45 CFR 164 Subpart D'),
    ('soc2-2017', NULL, 'SOC 2 Trust Services Criteria', '2017 (points of focus 2022)');
