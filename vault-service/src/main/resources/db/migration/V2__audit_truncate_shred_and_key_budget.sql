-- TRUNCATE fires no row trigger, so the append-only guard of V1 did not stop it: one statement could empty the whole
-- PHI access log (45 CFR 164.312(b), 164.316(b)(2)(i)). A statement-level trigger refuses it.
CREATE FUNCTION phi_access_record_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'phi_access_record is append-only: TRUNCATE is refused';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER phi_access_record_no_truncate BEFORE TRUNCATE ON phi_access_record
    FOR EACH STATEMENT EXECUTE FUNCTION phi_access_record_no_truncate();

-- Before subject keys were created under a per-subject lock, a key inserted while its subject was being shredded could
-- outlive the shred. Such keys are destroyed now, as the shred meant them to be.
DELETE FROM subject_key k USING shredded_subject s WHERE k.tenant = s.tenant AND k.subject_ref = s.subject_ref;

-- Local provider: AES-GCM seals with random 96-bit nonces reserved per key version, in blocks, so that every replica
-- together stays under the 2^32 messages per key of NIST SP 800-38D section 8.3.
ALTER TABLE local_key_version ADD COLUMN reserved_seals bigint NOT NULL DEFAULT 0;
