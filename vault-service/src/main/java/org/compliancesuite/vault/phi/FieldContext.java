package org.compliancesuite.vault.phi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;

/**
 * What a ciphertext is bound to, authenticated as AES-GCM associated data (Transit {@code associated_data} in direct
 * mode): the tenant, the logical key, the mode, the data subject key and, when the caller gives them, the record and
 * field. A ciphertext copied to another record, field or tenant fails authentication. The key version is left out
 * so that a rewrap does not change what the field is bound to.
 */
public record FieldContext(String tenant, String record, String field) {

    byte[] associatedData(FieldCiphertext.Mode mode, String keyName, UUID subjectKey) {
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("format", FieldCiphertext.PREFIX);
        bound.put("mode", mode.code());
        bound.put("tenant", tenant);
        bound.put("key", keyName);
        bound.put("subjectKey", subjectKey == null ? null : subjectKey.toString());
        bound.put("record", record);
        bound.put("field", field);
        return HashChain.canonicalJson(bound).getBytes(StandardCharsets.UTF_8);
    }
}
