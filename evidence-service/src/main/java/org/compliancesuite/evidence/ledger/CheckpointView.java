package org.compliancesuite.evidence.ledger;

import java.time.Instant;

/**
 * A checkpoint as an auditor needs it: {@code signature} (base64, Vault's {@code vault:vN:} prefix kept when Vault
 * signed) is over the UTF-8 bytes of {@code signedPayload}, the canonical JSON of {@code type}
 * ({@code ledger-checkpoint/v1}), {@code tenant}, {@code sequence}, {@code headHash} and {@code signedAt}. Check it
 * with a key obtained independently ({@code keyId} names it: the deployment's configured public key, or
 * vault-service's public key of that version); {@code publicKeyPem} is the key the signer reported, stored for
 * reference only, since whoever can rewrite this row can replace it too.
 */
public record CheckpointView(
        String id,
        long sequence,
        String headHash,
        Instant signedAt,
        String signedPayload,
        String signer,
        String algorithm,
        String keyId,
        String signature,
        String publicKeyPem,
        String createdBy) {

    static CheckpointView of(Checkpoint c) {
        return new CheckpointView(
                c.id.toString(),
                c.sequence,
                c.headHash,
                c.signedAt,
                c.signedPayload,
                c.signer,
                c.algorithm,
                c.keyId,
                c.signature,
                c.publicKeyPem,
                c.createdBy);
    }
}
