package org.compliancesuite.vault.signature;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.compliancesuite.common.chain.HashChain;

/**
 * The only thing the checkpoint key signs: a ledger checkpoint statement of the caller's own tenant, in the canonical
 * form of {@link HashChain#canonicalJson} (compact JSON, keys sorted), exactly
 *
 * <pre>
 * {"headHash":"&lt;64 lower-case hex&gt;","sequence":&lt;positive integer&gt;,"signedAt":"&lt;ISO-8601 instant&gt;",
 *  "tenant":"&lt;caller's tenant&gt;","type":"ledger-checkpoint/v1"}
 * </pre>
 *
 * Without this the endpoint would be a signing oracle: anyone with a signing role could have arbitrary bytes (another
 * tenant's checkpoint, a forged statement of another kind) signed with the tenant's key. Requiring the canonical bytes
 * means one statement has exactly one signed form, so a verifier never has to guess how it was serialised.
 *
 * @param signedAt exactly as the statement gives it (an ISO-8601 instant), so that what is witnessed is what was signed
 */
record CheckpointStatement(String headHash, long sequence, String signedAt, String tenant) {

    static final String TYPE = "ledger-checkpoint/v1";

    private static final Set<String> FIELDS = Set.of("headHash", "sequence", "signedAt", "tenant", "type");
    private static final Pattern HEAD_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Why an input is not a checkpoint statement of the tenant; the message never repeats the input. */
    static final class NotAStatement extends RuntimeException {
        private final String code;

        NotAStatement(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static CheckpointStatement parse(byte[] input, String callerTenant) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotAStatement("not-json", "the input must be a UTF-8 JSON checkpoint statement");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (IOException e) {
            throw new NotAStatement("not-json", "the input must be a JSON checkpoint statement");
        }
        if (node == null || !node.isObject()) {
            throw new NotAStatement("not-json", "the input must be a JSON object");
        }
        Set<String> fields = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            fields.add(names.next());
        }
        if (!fields.equals(FIELDS)) {
            throw new NotAStatement(
                    "wrong-fields", "a checkpoint statement has exactly the fields " + new TreeSet<>(FIELDS));
        }
        JsonNode type = node.get("type");
        if (!type.isTextual() || !TYPE.equals(type.textValue())) {
            throw new NotAStatement("wrong-type", "type must be \"" + TYPE + "\"");
        }
        JsonNode tenant = node.get("tenant");
        if (!tenant.isTextual() || !tenant.textValue().equals(callerTenant)) {
            // the key is the caller's tenant's; it attests that tenant's ledger and no other
            throw new NotAStatement("wrong-tenant", "tenant must be the token's tenant");
        }
        JsonNode headHash = node.get("headHash");
        if (!headHash.isTextual() || !HEAD_HASH.matcher(headHash.textValue()).matches()) {
            throw new NotAStatement("bad-head-hash", "headHash must be 64 lower-case hexadecimal digits");
        }
        JsonNode sequence = node.get("sequence");
        if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.longValue() < 1) {
            throw new NotAStatement("bad-sequence", "sequence must be a positive integer");
        }
        JsonNode signedAt = node.get("signedAt");
        try {
            Instant.parse(signedAt.isTextual() ? signedAt.textValue() : "");
        } catch (DateTimeParseException e) {
            throw new NotAStatement("bad-signed-at", "signedAt must be an ISO-8601 UTC instant");
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("headHash", headHash.textValue());
        canonical.put("sequence", sequence.longValue());
        canonical.put("signedAt", signedAt.textValue());
        canonical.put("tenant", tenant.textValue());
        canonical.put("type", TYPE);
        if (!HashChain.canonicalJson(canonical).equals(text)) {
            throw new NotAStatement(
                    "not-canonical", "the statement must be in canonical form: compact JSON with keys sorted");
        }
        return new CheckpointStatement(
                headHash.textValue(), sequence.longValue(), signedAt.textValue(), tenant.textValue());
    }
}
