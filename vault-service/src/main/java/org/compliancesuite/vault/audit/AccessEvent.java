package org.compliancesuite.vault.audit;

/**
 * What happened, before it is written: the writer adds time, position in the chain and hashes. References are keyed
 * HMACs already ({@link AuditReferences}); nothing here may hold PHI, ciphertext or a token.
 */
public record AccessEvent(
        String tenant,
        String subject,
        String client,
        String action,
        String purpose,
        String justification,
        String dataSubjectRef,
        String recordRef,
        String sourceIp,
        String result,
        String reason,
        String keyName,
        Integer keyVersion,
        boolean reviewRequired) {

    public static final String ALLOWED = "allowed";
    public static final String DENIED = "denied";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";

    public AccessEvent withOutcome(String result, String reason) {
        return new AccessEvent(
                tenant,
                subject,
                client,
                action,
                purpose,
                justification,
                dataSubjectRef,
                recordRef,
                sourceIp,
                result,
                reason,
                keyName,
                keyVersion,
                reviewRequired);
    }

    public AccessEvent withItem(String dataSubjectRef, String recordRef, String keyName, Integer keyVersion) {
        return new AccessEvent(
                tenant,
                subject,
                client,
                action,
                purpose,
                justification,
                dataSubjectRef,
                recordRef,
                sourceIp,
                result,
                reason,
                keyName,
                keyVersion,
                reviewRequired);
    }
}
