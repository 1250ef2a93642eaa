package org.compliancesuite.common.security;

/** The suite's roles, as they appear in a token's {@code groups} claim. */
public final class Roles {

    public static final String GRC_ADMIN = "grc-admin";
    public static final String COMPLIANCE_MANAGER = "compliance-manager";
    /** Read-only access to compliance data and audit logs. */
    public static final String AUDITOR = "auditor";
    /** Service accounts that push evidence. */
    public static final String EVIDENCE_COLLECTOR = "evidence-collector";

    public static final String PHI_ENCRYPTOR = "phi-encryptor";
    public static final String PHI_READER = "phi-reader";
    public static final String SECURITY_OFFICER = "security-officer";

    private Roles() {}
}
