package org.compliancesuite.vault.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One PHI access, allowed or denied (45 CFR 164.312(b)). Append-only: the database refuses updates and refuses
 * deletion before {@code retainUntil}. The data subject and record appear only as keyed HMACs.
 */
@Entity
@Table(name = "phi_access_record")
public class PhiAccessRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;

    public long sequence;

    @Column(name = "previous_hash")
    public String previousHash;

    public String hash;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "retain_until")
    public Instant retainUntil;

    public String subject;

    public String client;

    public String action;

    public String purpose;

    public String justification;

    @Column(name = "data_subject_ref")
    public String dataSubjectRef;

    @Column(name = "record_ref")
    public String recordRef;

    @Column(name = "source_ip")
    public String sourceIp;

    public String result;

    public String reason;

    @Column(name = "key_name")
    public String keyName;

    @Column(name = "key_version")
    public Integer keyVersion;

    @Column(name = "review_required")
    public boolean reviewRequired;

    /** The fields the chain hash covers, in the canonical form documented in the README. */
    public Map<String, Object> canonicalFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put("tenant", tenant);
        fields.put("occurredAt", occurredAt.toString());
        fields.put("retainUntil", retainUntil.toString());
        fields.put("subject", subject);
        fields.put("client", client);
        fields.put("action", action);
        fields.put("purpose", purpose);
        fields.put("justification", justification);
        fields.put("dataSubjectRef", dataSubjectRef);
        fields.put("recordRef", recordRef);
        fields.put("sourceIp", sourceIp);
        fields.put("result", result);
        fields.put("reason", reason);
        fields.put("keyName", keyName);
        fields.put("keyVersion", keyVersion);
        fields.put("reviewRequired", reviewRequired);
        return fields;
    }
}
