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

    /**
     * PostgreSQL text cannot hold NUL, and one unstorable record would fail the whole group-commit batch it travels
     * in, refusing other callers' requests; a NUL from a hostile key name or header is stored as U+FFFD instead.
     */
    public AccessEvent {
        tenant = storable(tenant);
        subject = storable(subject);
        client = storable(client);
        action = storable(action);
        purpose = storable(purpose);
        justification = storable(justification);
        dataSubjectRef = storable(dataSubjectRef);
        recordRef = storable(recordRef);
        sourceIp = storable(sourceIp);
        result = storable(result);
        reason = storable(reason);
        keyName = storable(keyName);
    }

    private static String storable(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

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
