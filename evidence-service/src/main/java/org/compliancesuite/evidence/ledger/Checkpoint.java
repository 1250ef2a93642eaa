package org.compliancesuite.evidence.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A signed statement of a tenant's chain head at one sequence. */
@Entity
@Table(name = "ledger_checkpoint")
public class Checkpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;
    public long sequence;

    @Column(name = "head_hash")
    public String headHash;

    @Column(name = "signed_at")
    public Instant signedAt;

    /** The exact UTF-8 text that was signed: canonical JSON of type, tenant, sequence, headHash and signedAt. */
    @Column(name = "signed_payload")
    public String signedPayload;

    public String signer;
    public String algorithm;

    @Column(name = "key_id")
    public String keyId;

    public String signature;

    @Column(name = "public_key_pem")
    public String publicKeyPem;

    @Column(name = "created_by")
    public String createdBy;
}
