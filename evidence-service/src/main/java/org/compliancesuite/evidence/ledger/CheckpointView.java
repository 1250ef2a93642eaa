package org.compliancesuite.evidence.ledger;

import java.time.Instant;

/**
 * A checkpoint as an auditor needs it: {@code signature} (base64, Vault's {@code vault:vN:} prefix kept when Vault
 * signed) is over the UTF-8 bytes of {@code signedPayload}, checkable with {@code publicKeyPem}.
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
