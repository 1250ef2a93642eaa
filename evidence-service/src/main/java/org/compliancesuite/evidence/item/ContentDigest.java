package org.compliancesuite.evidence.item;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.compliancesuite.common.problem.ProblemException;

/** The SHA-256 a client announces for its bytes, as an RFC 9530 {@code Content-Digest} header or a hex value. */
final class ContentDigest {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private ContentDigest() {}

    /** The hex SHA-256 of an RFC 9530 header such as {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}. */
    static String fromHeader(String header) {
        if (header == null || header.isBlank()) {
            throw missing();
        }
        for (String member : header.split(",")) {
            String[] pair = member.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("sha-256")) {
                String value = pair[1].strip();
                if (value.length() < 2 || !value.startsWith(":") || !value.endsWith(":")) {
                    throw malformed();
                }
                try {
                    byte[] digest = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
                    if (digest.length != 32) {
                        throw malformed();
                    }
                    return HexFormat.of().formatHex(digest);
                } catch (IllegalArgumentException e) {
                    throw malformed();
                }
            }
        }
        throw ProblemException.badRequest("Content-Digest must carry a sha-256 value");
    }

    static String fromHex(String hex) {
        if (hex == null || hex.isBlank()) {
            throw missing();
        }
        if (!HEX.matcher(hex.strip()).matches()) {
            throw ProblemException.badRequest("sha256 must be 64 hexadecimal digits");
        }
        return hex.strip().toLowerCase(Locale.ROOT);
    }

    /** The header value for stored bytes of the given hex SHA-256. */
    static String header(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }

    private static ProblemException missing() {
        return ProblemException.badRequest(
                "the SHA-256 of the file is required: a Content-Digest header, or a sha256 form field for multipart");
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("Content-Digest sha-256 must be :base64 of 32 bytes:");
    }
}
