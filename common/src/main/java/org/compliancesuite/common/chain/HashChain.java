package org.compliancesuite.common.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hashing rules of the suite's tamper-evident chains (evidence ledger, PHI access audit). An entry's hash is
 * SHA-256 over {@code previousHash "\n" sequence "\n" canonicalJson(entry)}; the canonical form is compact JSON with
 * keys sorted at every level, so an auditor can recompute it with any JSON tool (documented in the README).
 */
public final class HashChain {

    /** The previous hash of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, false)
            .build();

    private HashChain() {}

    /** Compact JSON of the fields with keys sorted; null values are kept so that removing a field is detected. */
    public static String canonicalJson(Map<String, ?> fields) {
        try {
            return CANONICAL.writeValueAsString(new TreeMap<>(fields));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hash of entry number {@code sequence} that follows {@code previousHash}. */
    public static String link(String previousHash, long sequence, String canonicalEntry) {
        return sha256Hex((previousHash + "\n" + sequence + "\n" + canonicalEntry).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
