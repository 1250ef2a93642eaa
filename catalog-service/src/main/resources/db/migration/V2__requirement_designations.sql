-- HIPAA Security Rule implementation specifications are Required or Addressable (45 CFR 164.306(d)); a standard
-- without implementation specifications is itself required. The boolean "required" stays for the readers that rely
-- on it; "implementation" says which of the two the rule names, and is null where the distinction does not apply.
ALTER TABLE requirement
    ADD COLUMN implementation text CHECK (implementation IN ('required', 'addressable')),
    ADD CONSTRAINT requirement_implementation_matches_required
        CHECK (implementation IS NULL OR (implementation = 'required') = required);

-- The Trust Services Criteria category a SOC 2 criterion belongs to (security, availability, processing-integrity,
-- confidentiality, privacy); null for frameworks without such categories.
ALTER TABLE requirement ADD COLUMN category text;

-- The categories a framework is organised in, with whether each is always in scope (SOC 2: Security).
ALTER TABLE framework ADD COLUMN categories jsonb;
