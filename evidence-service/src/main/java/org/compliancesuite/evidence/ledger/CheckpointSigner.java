package org.compliancesuite.evidence.ledger;

/** Signs checkpoint payloads; chosen by {@code CHECKPOINT_SIGNER}. */
public interface CheckpointSigner {

    /** A signature over the payload and what an auditor needs to check it offline. */
    record Signed(String signer, String algorithm, String keyId, String signatureBase64, String publicKeyPem) {}

    Signed sign(byte[] payload);
}
