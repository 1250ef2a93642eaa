package org.compliancesuite.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Generates the hostile requests for one operation from its OpenAPI description: malformed JSON, wrong types, missing
 * and unknown fields, huge strings and arrays, injection strings, invalid base64, wrong media types and tampered
 * tokens. Each request departs from a plausible baseline so that it reaches the code behind the first check.
 */
final class HostileRequests {

    /** One request to send; {@code token} null means no Authorization header. */
    record Attempt(
            String label,
            String method,
            String pathAndQuery,
            String token,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            boolean tamperedToken) {}

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1' --",
            "1; DROP TABLE evidence; --",
            "\" OR 1=1; SELECT pg_sleep(0) --",
            "../../../../etc/passwd",
            "..%2f..%2f..%2fetc%2fpasswd",
            "..\\..\\..\\windows\\win.ini",
            "\r\nX-Injected: yes",
            "%0d%0aX-Injected:%20yes",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1:1/a}",
            "#{7*7}${7*7}{{7*7}}",
            "nul\u0000byte",
            "%s%s%s%n",
            "\uD835\uDD4F\u202Ereversed\uFFFF",
            "-1",
            "");

    static final List<String> BAD_BASE64 = List.of("!!!not base64!!!", "YQ", "====", "vault:v1:%%%", "a".repeat(4097));

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int HUGE_STRING = 256 * 1024;
    private static final int HUGE_ARRAY = 20_000;

    private final JsonNode root;
    private final OpenApiOperation op;
    private final String token;
    private final List<String> tamperedTokens;
    private final BiFunction<OpenApiOperation, OpenApiOperation.Parameter, String> pathValues;
    private final List<Attempt> attempts = new ArrayList<>();

    HostileRequests(
            JsonNode root,
            OpenApiOperation op,
            String token,
            List<String> tamperedTokens,
            BiFunction<OpenApiOperation, OpenApiOperation.Parameter, String> pathValues) {
        this.root = root;
        this.op = op;
        this.token = token;
        this.tamperedTokens = tamperedTokens;
        this.pathValues = pathValues;
    }

    private Attempt baseline;

    /** The valid-looking request the mutations start from. */
    Attempt baseline() {
        if (baseline == null) {
            baseline = buildBaseline();
        }
        return baseline;
    }

    private Attempt buildBaseline() {
        String media = jsonMedia();
        byte[] body = media == null ? bodyFor(op.bodyByMediaType().keySet()) : bytes(sampleBody(media));
        String type = media != null ? media : firstMedia();
        return new Attempt(
                "baseline", op.method(), path(Map.of()) + query(Map.of()), token, headers(Map.of()), type, body, false);
    }

    List<Attempt> generate() {
        pathMutations();
        queryMutations();
        headerMutations();
        String media = jsonMedia();
        if (media != null) {
            bodyMutations(media);
        } else if (!op.bodyByMediaType().isEmpty()) {
            rawBodyMutations();
        }
        tokenMutations();
        return attempts;
    }

    private void pathMutations() {
        for (OpenApiOperation.Parameter p : op.pathParams()) {
            List<String> values = new ArrayList<>(
                    INJECTIONS.stream().filter(v -> !v.isEmpty()).toList());
            values.add("x".repeat(2000));
            values.add("00000000-0000-0000-0000-000000000000");
            values.add("%");
            for (String v : values) {
                add(
                        "path " + p.name() + "=" + abbreviate(v),
                        path(Map.of(p.name(), v)) + query(Map.of()),
                        headers(Map.of()),
                        baselineType(),
                        baselineBody());
            }
        }
    }

    private void queryMutations() {
        for (OpenApiOperation.Parameter p : op.queryParams()) {
            List<String> values = new ArrayList<>(INJECTIONS);
            values.addAll(
                    List.of("-1", "abc", "99999999999999999999", "1.5", "x".repeat(3000), "2026-13-45", "true", "[]"));
            for (String v : values) {
                add(
                        "query " + p.name() + "=" + abbreviate(v),
                        path(Map.of()) + query(Map.of(p.name(), v)),
                        headers(Map.of()),
                        baselineType(),
                        baselineBody());
            }
        }
    }

    private void headerMutations() {
        List<String> values = INJECTIONS.stream()
                .filter(v -> v.chars().noneMatch(c -> c < 0x20 || c > 0x7e))
                .toList();
        for (OpenApiOperation.Parameter p : op.headerParams()) {
            for (String v : values) {
                add(
                        "header " + p.name() + "=" + abbreviate(v),
                        path(Map.of()) + query(Map.of()),
                        headers(Map.of(p.name(), v)),
                        baselineType(),
                        baselineBody());
            }
            Map<String, String> without = headers(Map.of());
            without.remove(p.name());
            add(
                    "header " + p.name() + " missing",
                    path(Map.of()) + query(Map.of()),
                    without,
                    baselineType(),
                    baselineBody());
        }
        for (String v : values) {
            add(
                    "correlation header=" + abbreviate(v),
                    path(Map.of()) + query(Map.of()),
                    headers(Map.of("X-Correlation-Id", v)),
                    baselineType(),
                    baselineBody());
        }
    }

    private void bodyMutations(String media) {
        JsonNode schema = op.bodyByMediaType().get(media);
        JsonNode sample = sampleBody(media);
        String at = path(Map.of()) + query(Map.of());
        Map<String, String> h = headers(Map.of());

        List<String> malformed = List.of(
                "{",
                "{\"a\":",
                "[",
                "}",
                "nul",
                "{\"a\" 1}",
                "{'single':'quotes'}",
                "{\"a\":1,}",
                "\u0000\u0001\u0002",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "\"\\uD800\"",
                "1e999999");
        for (String m : malformed) {
            add("malformed " + abbreviate(m), at, h, media, m.getBytes(StandardCharsets.UTF_8));
        }
        add("empty body", at, h, media, new byte[0]);
        for (String other : List.of("null", "123", "\"text\"", "true", "[]", "{}", "[" + sample + "]")) {
            add("body " + abbreviate(other), at, h, media, other.getBytes(StandardCharsets.UTF_8));
        }
        add("wrong media type text/plain", at, h, "text/plain", bytes(sample));
        add("wrong media type xml", at, h, "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8));
        add("no media type", at, h, null, bytes(sample));
        add("latin-1 bytes", at, h, media, "{\"x\":\"\u00e9\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1));

        if (!(sample instanceof ObjectNode object)) {
            if (sample instanceof ArrayNode) {
                ArrayNode huge = JSON.arrayNode();
                for (int i = 0; i < HUGE_ARRAY; i++) {
                    huge.add(sample.isEmpty() ? JSON.textNode("x") : sample.get(0));
                }
                add("huge top-level array", at, h, media, bytes(huge));
            }
            return;
        }
        ObjectNode unknown = object.deepCopy();
        unknown.put("unexpectedField", "surprise");
        add("unknown field", at, h, media, bytes(unknown));
        for (String name : Schemas.required(root, schema)) {
            ObjectNode missing = object.deepCopy();
            missing.remove(name);
            add("missing " + name, at, h, media, bytes(missing));
        }
        JsonNode props = Schemas.resolve(root, schema).path("properties");
        props.fields()
                .forEachRemaining(field -> propertyMutations(object, field.getKey(), field.getValue(), at, h, media));
    }

    private void propertyMutations(
            ObjectNode sample, String name, JsonNode schema, String at, Map<String, String> h, String media) {
        String type = Schemas.type(root, schema);
        List<JsonNode> wrong =
                new ArrayList<>(List.of(JSON.nullNode(), JSON.objectNode().put("a", 1)));
        if (!"string".equals(type)) {
            wrong.add(JSON.textNode("not-a-" + type));
        }
        if (!"integer".equals(type) && !"number".equals(type)) {
            wrong.add(JSON.numberNode(12345));
        } else {
            wrong.add(JSON.numberNode(-1));
            wrong.add(JSON.numberNode(new java.math.BigInteger("99999999999999999999999999")));
            wrong.add(JSON.numberNode(1.5));
        }
        if (!"boolean".equals(type)) {
            wrong.add(JSON.booleanNode(true));
        }
        if (!"array".equals(type)) {
            wrong.add(JSON.arrayNode().add(1));
        }
        for (JsonNode w : wrong) {
            ObjectNode mutated = sample.deepCopy();
            mutated.set(name, w);
            add(name + " as " + abbreviate(w.toString()), at, h, media, bytes(mutated));
        }
        if ("string".equals(type)) {
            ObjectNode huge = sample.deepCopy();
            huge.put(name, "A".repeat(HUGE_STRING));
            add(name + " huge string", at, h, media, bytes(huge));
            for (String v : INJECTIONS) {
                ObjectNode mutated = sample.deepCopy();
                mutated.put(name, v);
                add(name + " = " + abbreviate(v), at, h, media, bytes(mutated));
            }
            for (String v : BAD_BASE64) {
                ObjectNode mutated = sample.deepCopy();
                mutated.put(name, v);
                add(name + " bad base64 " + abbreviate(v), at, h, media, bytes(mutated));
            }
            for (String v : List.of("2026-02-30", "1900-01-01T00:00:00Z", "not-a-date", "-1")) {
                ObjectNode mutated = sample.deepCopy();
                mutated.put(name, v);
                add(name + " = " + v, at, h, media, bytes(mutated));
            }
        } else if ("array".equals(type)) {
            ObjectNode huge = sample.deepCopy();
            ArrayNode items = huge.putArray(name);
            JsonNode item = Schemas.sample(root, Schemas.resolve(root, schema).path("items"), 2);
            for (int i = 0; i < HUGE_ARRAY; i++) {
                items.add(item);
            }
            add(name + " huge array", at, h, media, bytes(huge));
            ObjectNode hostileItems = sample.deepCopy();
            ArrayNode injected = hostileItems.putArray(name);
            INJECTIONS.forEach(injected::add);
            add(name + " injection items", at, h, media, bytes(hostileItems));
            ObjectNode nulls = sample.deepCopy();
            nulls.putArray(name).addNull().addNull();
            add(name + " null items", at, h, media, bytes(nulls));
        } else if ("object".equals(type)) {
            ObjectNode nested = sample.deepCopy();
            nested.set(name, JSON.objectNode().put("unexpectedField", 1));
            add(name + " unknown nested field", at, h, media, bytes(nested));
        }
    }

    private void rawBodyMutations() {
        String at = path(Map.of()) + query(Map.of());
        Map<String, String> h = headers(Map.of());
        for (String media : op.bodyByMediaType().keySet()) {
            add("random bytes as " + media, at, h, media, randomBytes(4096));
            add("empty as " + media, at, h, media, new byte[0]);
            if (media.startsWith("multipart/")) {
                add("multipart without boundary", at, h, "multipart/form-data", randomBytes(512));
                String boundary = "hostileboundary";
                String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + "../../etc/passwd\r\nX-Injected: yes\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--"
                        + boundary + "--\r\n";
                add(
                        "multipart hostile filename",
                        at,
                        h,
                        "multipart/form-data; boundary=" + boundary,
                        part.getBytes(StandardCharsets.UTF_8));
            }
        }
        add("undeclared media type", at, h, "application/x-hostile", randomBytes(64));
        Map<String, String> badDigest = headers(Map.of("Digest", "sha-256=!!!", "X-Content-SHA256", "zz"));
        add("bad digest headers", at, badDigest, firstMedia(), randomBytes(64));
    }

    private void tokenMutations() {
        String at = path(Map.of()) + query(Map.of());
        attempts.add(new Attempt(
                "no token", op.method(), at, null, headers(Map.of()), baselineType(), baselineBody(), true));
        for (String t : tamperedTokens) {
            attempts.add(new Attempt(
                    "tampered token " + abbreviate(t),
                    op.method(),
                    at,
                    t,
                    headers(Map.of()),
                    baselineType(),
                    baselineBody(),
                    true));
        }
    }

    private void add(String label, String at, Map<String, String> headers, String type, byte[] body) {
        attempts.add(new Attempt(label, op.method(), at, token, headers, type, body, false));
    }

    private String baselineType() {
        return baseline().contentType();
    }

    private byte[] baselineBody() {
        return baseline().body();
    }

    private String jsonMedia() {
        return op.bodyByMediaType().keySet().stream()
                .filter(m -> m.contains("json"))
                .findFirst()
                .orElse(null);
    }

    private String firstMedia() {
        return op.bodyByMediaType().keySet().stream().findFirst().orElse(null);
    }

    private JsonNode sampleBody(String media) {
        return Schemas.sample(root, op.bodyByMediaType().get(media), 0);
    }

    private static byte[] bodyFor(java.util.Set<String> media) {
        return media.isEmpty() ? null : "hostile input".getBytes(StandardCharsets.UTF_8);
    }

    private String path(Map<String, String> overrides) {
        String result = op.path();
        for (OpenApiOperation.Parameter p : op.pathParams()) {
            String value = overrides.containsKey(p.name()) ? overrides.get(p.name()) : pathValues.apply(op, p);
            result = result.replace("{" + p.name() + "}", encode(value));
        }
        return result;
    }

    private String query(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OpenApiOperation.Parameter p : op.queryParams()) {
            if (p.required()) {
                values.put(p.name(), Schemas.sample(root, p.schema(), 0).asText());
            }
        }
        values.putAll(overrides);
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        values.forEach((k, v) -> q.append(q.length() > 1 ? "&" : "")
                .append(encode(k))
                .append('=')
                .append(encode(v)));
        return q.toString();
    }

    private Map<String, String> headers(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OpenApiOperation.Parameter p : op.headerParams()) {
            if (p.required() || !p.schema().path("enum").isEmpty()) {
                values.put(p.name(), Schemas.sample(root, p.schema(), 0).asText());
            }
        }
        values.putAll(overrides);
        return values;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "...(" + s.length() + ")" : printable;
    }
}
