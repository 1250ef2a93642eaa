package org.compliancesuite.evidence.ledger;

/** Signs checkpoint statements; chosen by {@code CHECKPOINT_SIGNER}. */
public interface CheckpointSigner {

    /** A signature over the statement and what an auditor needs to check it offline. */
    record Signed(String signer, String algorithm, String keyId, String signatureBase64, String publicKeyPem) {}

    /** Signs the UTF-8 bytes of a tenant's checkpoint statement. */
    Signed sign(String tenant, byte[] statement);
}
