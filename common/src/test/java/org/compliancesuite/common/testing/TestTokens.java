package org.compliancesuite.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs test tokens with the test key pair whose public half the services trust in the {@code test} profile. It also
 * makes the broken tokens of the token matrix. Test keys only: they protect nothing.
 */
public final class TestTokens {

    public static final String ISSUER = "https://compliance-suite.test";
    public static final String AUDIENCE = "compliance-suite";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {}

    /** A valid token for the tenant with the roles. */
    public static String token(String tenant, String... roles) {
        return builder(tenant, roles).sign();
    }

    public static Builder builder(String tenant, String... roles) {
        return new Builder(tenant, List.of(roles));
    }

    /** A builder of one token; every part can be made wrong on purpose. */
    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String keyResource = "test-keys/privateKey.pem";
        private String alg = "RS256";

        private Builder(String tenant, List<String> roles) {
            long now = Instant.now().getEpochSecond();
            claims.put("iss", ISSUER);
            claims.put("aud", AUDIENCE);
            claims.put("sub", "user-" + tenant);
            claims.put("upn", "user@" + tenant + ".test");
            claims.put("azp", "test-client");
            claims.put("groups", roles);
            claims.put("tenant", tenant);
            claims.put("iat", now);
            claims.put("exp", now + 3600);
            claims.put("jti", UUID.randomUUID().toString());
        }

        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        public Builder expired() {
            long now = Instant.now().getEpochSecond();
            claims.put("iat", now - 7200);
            return claim("exp", now - 3600);
        }

        /** Signed by a key the services do not trust. */
        public Builder untrustedKey() {
            keyResource = "test-keys/otherPrivateKey.pem";
            return this;
        }

        public String sign() {
            String header = encode(Map.of("alg", alg, "typ", "JWT"));
            String payload = encode(claims);
            String input = header + "." + payload;
            return input + "." + B64.encodeToString(rs256(input, keyResource));
        }

        /** An unsigned token that claims {@code alg: none}. */
        public String unsigned() {
            return encode(Map.of("alg", "none", "typ", "JWT")) + "." + encode(claims) + ".";
        }

        /** A correctly signed token whose payload was changed afterwards (roles raised). */
        public String tampered() {
            String[] parts = sign().split("\\.");
            Map<String, Object> raised = new LinkedHashMap<>(claims);
            raised.put("groups", List.of("grc-admin", "security-officer", "phi-reader"));
            return parts[0] + "." + encode(raised) + "." + parts[2];
        }
    }

    private static String encode(Map<String, ?> json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] rs256(String input, String keyResource) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey(keyResource));
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String resource) throws GeneralSecurityException {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
