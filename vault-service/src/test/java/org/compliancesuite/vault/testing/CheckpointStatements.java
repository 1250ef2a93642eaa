package org.compliancesuite.vault.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.compliancesuite.common.chain.HashChain;

/** Ledger checkpoint statements as evidence-service builds them: canonical JSON of exactly these fields. */
public final class CheckpointStatements {

    public static final String HEAD = "9f2c".repeat(16);

    private CheckpointStatements() {}

    public static final String SIGNED_AT = "2026-12-03T10:15:30.123456Z";

    public static String statement(String tenant, long sequence) {
        return statement(tenant, sequence, HEAD, SIGNED_AT);
    }

    public static String statement(String tenant, long sequence, String headHash, String signedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "ledger-checkpoint/v1");
        fields.put("tenant", tenant);
        fields.put("sequence", sequence);
        fields.put("headHash", headHash);
        fields.put("signedAt", signedAt);
        return HashChain.canonicalJson(fields);
    }
}
