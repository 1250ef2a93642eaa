package org.compliancesuite.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every operation of every service's OpenAPI document receives generated hostile requests. Holds: no 5xx, every 4xx
 * is problem+json without internals, no injected response header, a tampered token is never accepted, and a refused
 * request changes nothing in the service's database (every table fingerprinted before and after each refused write).
 */
@Order(20)
class HostileInputTest {

    static final String TENANT = "hostile";
    static final String OTHER_TENANT = "hostile-other";
    /** Above the suite's 10 MB MAX_BODY_SIZE. */
    static final int OVERSIZED = 10 * 1024 * 1024 + 4096;

    /**
     * Tables that refused requests are meant to write (vault-service audits every denied PHI operation), or that only
     * derive from another one fingerprinted (evidence-service's ledger_head is the last entry of ledger_entry).
     */
    static final Map<String, Set<String>> AUDIT_TABLES = Map.of(
            "vault", Set.of("phi_access_record", "phi_access_head", "phi_access_anchor"),
            "evidence", Set.of("schedule_claim", "ledger_head"));

    /**
     * Rows of evidence-service's own scheduled work, which may run during the test, are left out: the monitors of
     * the service token's tenant write evidence whose child rows carry no tenant (they are scoped to "not another
     * tenant's", so an orphan a refused request left would still count), and the hourly checkpoint signs this
     * tenant's chain too (its checkpoint and ledger entry are by "schedule").
     */
    static final Map<String, Map<String, String>> SCOPES = Map.of(
            "evidence",
            Map.of(
                    "evidence_control",
                    "x.evidence_id NOT IN (SELECT id FROM evidence WHERE tenant <> ?)",
                    "evidence_requirement",
                    "x.evidence_id NOT IN (SELECT id FROM evidence WHERE tenant <> ?)",
                    "content_chunk",
                    "x.content_id NOT IN"
                            + " (SELECT content_id FROM evidence WHERE tenant <> ? AND content_id IS NOT NULL)",
                    "sample_item",
                    "x.sample_id NOT IN (SELECT id FROM sample WHERE tenant <> ?)",
                    "sample_population",
                    "x.sample_id NOT IN (SELECT id FROM sample WHERE tenant <> ?)",
                    "ledger_checkpoint",
                    "x.tenant = ? AND x.created_by IS DISTINCT FROM 'schedule'",
                    "ledger_entry",
                    "x.tenant = ? AND x.actor IS DISTINCT FROM 'schedule'"));

    static final Pattern LEAK = Pattern.compile(
            "(\\tat [\\w$.]+\\(|\\bjava\\.[a-z]+\\.[A-Z]|org\\.hibernate|org\\.postgresql|PSQLException|SQLState"
                    + "|org\\.jboss|io\\.vertx\\.|com\\.fasterxml|Exception:)");

    static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();
    static RunningSuite suite;
    static String token;
    static List<String> tamperedTokens;
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @BeforeAll
    static void tokens() {
        suite = RunningSuite.get();
        token = suite.token(
                TENANT,
                "grc-admin",
                "compliance-manager",
                "auditor",
                "evidence-collector",
                "phi-encryptor",
                "phi-reader",
                "security-officer");
        String[] parts = token.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherTenant = b64.encodeToString(
                payload.replace("\"tenant\":\"" + TENANT + "\"", "\"tenant\":\"" + OTHER_TENANT + "\"")
                        .getBytes(StandardCharsets.UTF_8));
        String alg = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        char last = parts[2].charAt(parts[2].length() - 5);
        String flipped = parts[2].substring(0, parts[2].length() - 5)
                + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(parts[2].length() - 4);
        tamperedTokens = List.of(
                parts[0] + "." + parts[1] + "." + flipped,
                parts[0] + "." + otherTenant + "." + parts[2],
                alg + "." + parts[1] + ".",
                "not.a.jwt",
                "' OR '1'='1");
    }

    @AfterAll
    static void writeCounts() throws IOException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(COUNTS)
                .forEach((service, n) ->
                        text.append(service).append("-service ").append(n).append('\n'));
        Path file = Path.of("target/hostile-input-counts.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.toString());
        System.out.print("hostile-input requests per service:\n" + text);
    }

    @Test
    void catalog() throws Exception {
        run(
                "catalog",
                Map.of("frameworks", "iso27001-2022", "requirements", "A.5.1", "controls", "mfa", "maturity", "mfa"));
    }

    @Test
    void evidence() throws Exception {
        run("evidence", Map.of("controls", "mfa"));
    }

    @Test
    void vault() throws Exception {
        run("vault", Map.of("keys", "phi", "subjects", "patient-1"));
    }

    @Test
    void reporting() throws Exception {
        run("reporting", Map.of("frameworks", "iso27001-2022", "gap", "iso27001-2022", "pci", "pci-dss-4.0.1"));
    }

    /**
     * Runs the hostile requests of one service. {@code knownIds} gives, by the path segment before a parameter, an
     * existing identifier so that requests reach the checks behind the lookup; ids created by a baseline request are
     * added as they appear.
     */
    private void run(String service, Map<String, String> knownIds) throws Exception {
        String base = RunningSuite.baseUrl(service);
        OpenApiOperation.Document doc = OpenApiOperation.load(base);
        Map<String, String> ids = new ConcurrentHashMap<>(knownIds);
        List<String> violations = new ArrayList<>();
        Set<String> excluded = AUDIT_TABLES.getOrDefault(service, Set.of());
        try (DatabaseFingerprint fingerprint =
                new DatabaseFingerprint(service, excluded, SCOPES.getOrDefault(service, Map.of()))) {
            run(service, base, doc, ids, violations, fingerprint);
        }
        int sent = SENT.getOrDefault(service, 0);
        COUNTS.put(service, sent);
        System.out.printf(
                "%s-service: %d hostile requests over %d operations, %d violations%n",
                service, sent, doc.operations().size(), violations.size());
        assertTrue(sent > 0, "the OpenAPI document listed operations");
        assertTrue(
                violations.isEmpty(),
                service + "-service: " + violations.size() + " violations:\n"
                        + String.join("\n", violations.subList(0, Math.min(60, violations.size()))));
    }

    static final Map<String, Integer> SENT = new ConcurrentHashMap<>();

    private void run(
            String service,
            String base,
            OpenApiOperation.Document doc,
            Map<String, String> ids,
            List<String> violations,
            DatabaseFingerprint fingerprint)
            throws Exception {
        int sent = 0;
        boolean oversizedSent = false;
        boolean longLineSent = false;
        for (OpenApiOperation op : doc.operations()) {
            if (!op.path().startsWith("/api/")) {
                continue;
            }
            HostileRequests generator =
                    new HostileRequests(doc.root(), op, token, tamperedTokens, (o, p) -> pathValue(ids, o, p));
            HostileRequests.Attempt baseline = generator.baseline();
            Outcome first = send(base, baseline);
            sent++;
            check(service, op, baseline, first, violations);
            rememberId(ids, op, first);

            List<HostileRequests.Attempt> attempts = new ArrayList<>(generator.generate());
            if (!oversizedSent
                    && "POST".equals(op.method())
                    && baseline.contentType() != null
                    && baseline.contentType().contains("json")) {
                byte[] huge = new byte[OVERSIZED];
                java.util.Arrays.fill(huge, (byte) ' ');
                huge[0] = '{';
                huge[huge.length - 1] = '}';
                attempts.add(new HostileRequests.Attempt(
                        "body above MAX_BODY_SIZE",
                        op.method(),
                        baseline.pathAndQuery(),
                        token,
                        baseline.headers(),
                        baseline.contentType(),
                        huge,
                        false));
                oversizedSent = true;
            }
            if (!longLineSent && "GET".equals(op.method())) {
                // A request line above the HTTP server's 4096-byte limit: refused before any resource runs.
                attempts.add(new HostileRequests.Attempt(
                        "request line of 9000 bytes",
                        "GET",
                        baseline.pathAndQuery() + (baseline.pathAndQuery().contains("?") ? "&" : "?") + "pad="
                                + "x".repeat(9000),
                        token,
                        baseline.headers(),
                        null,
                        null,
                        false));
                longLineSent = true;
            }
            boolean writes = !"GET".equals(op.method());
            if (!writes) {
                // Reads change nothing to fingerprint: sent four at a time.
                List<Outcome> outcomes = PARALLEL.submit(() -> attempts.parallelStream()
                                .map(a -> sendQuietly(base, a))
                                .toList())
                        .get();
                for (int i = 0; i < attempts.size(); i++) {
                    HostileRequests.Attempt attempt = attempts.get(i);
                    Outcome outcome = outcomes.get(i);
                    check(service, op, attempt, outcome, violations);
                    if (attempt.tamperedToken() && op.secured() && outcome.status() < 300) {
                        violations.add(line(op, attempt, outcome, "a missing or tampered token was accepted"));
                    }
                }
                sent += attempts.size();
                continue;
            }
            Map<String, String> before = fingerprint.take(TENANT);
            for (HostileRequests.Attempt attempt : attempts) {
                Outcome outcome = send(base, attempt);
                sent++;
                check(service, op, attempt, outcome, violations);
                if (attempt.tamperedToken() && op.secured() && outcome.status() < 300) {
                    violations.add(line(op, attempt, outcome, "a missing or tampered token was accepted"));
                }
                Map<String, String> after = fingerprint.take(TENANT);
                if (outcome.status() >= 400) {
                    List<String> changed = DatabaseFingerprint.changed(before, after);
                    if (!changed.isEmpty()) {
                        violations.add(line(op, attempt, outcome, "refused but persisted: " + changed));
                    }
                }
                before = after;
            }
        }
        SENT.put(service, sent);
    }

    private static String pathValue(Map<String, String> ids, OpenApiOperation op, OpenApiOperation.Parameter p) {
        String[] segments = op.path().split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + p.name() + "}")) {
                String known = ids.get(segments[i - 1]);
                if (known != null) {
                    return known;
                }
            }
        }
        String format = p.schema().path("format").asText();
        return "uuid".equals(format) ? "8d7f3c1e-6a52-4b8e-9d4f-0c1b2a3e4f50" : "unknown-" + p.name();
    }

    /** After a created resource, later operations under the same collection address it. */
    private static void rememberId(Map<String, String> ids, OpenApiOperation op, Outcome outcome) {
        if (!"POST".equals(op.method())
                || outcome.status() >= 300
                || outcome.body().isEmpty()) {
            return;
        }
        try {
            JsonNode body = new ObjectMapper().readTree(outcome.body());
            String[] segments = op.path().split("/");
            String last = segments[segments.length - 1];
            if (body.hasNonNull("id") && !last.startsWith("{")) {
                ids.putIfAbsent(last, body.get("id").asText());
            }
        } catch (IOException notJson) {
            // a non-JSON answer names no id
        }
    }

    static final java.util.concurrent.ForkJoinPool PARALLEL = new java.util.concurrent.ForkJoinPool(4);

    private static Outcome sendQuietly(String base, HostileRequests.Attempt attempt) {
        try {
            return send(base, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "", Map.of(), "");
        }
    }

    record Outcome(int status, String contentType, Map<String, List<String>> headers, String body) {}

    static Outcome send(String base, HostileRequests.Attempt attempt) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60));
        try {
            request.uri(URI.create(base + attempt.pathAndQuery()));
        } catch (IllegalArgumentException unsendable) {
            return new Outcome(-1, "", Map.of(), "");
        }
        if (attempt.token() != null) {
            request.header("Authorization", "Bearer " + attempt.token());
        }
        attempt.headers().forEach((k, v) -> {
            try {
                request.header(k, v);
            } catch (IllegalArgumentException restricted) {
                // the JDK client refuses some header values; the attempt goes without that header
            }
        });
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        request.method(
                attempt.method(),
                attempt.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map(),
                    response.body());
        } catch (IOException e) {
            // A server that answers 413 early may close the connection while a large body is still being sent.
            return new Outcome(0, "", Map.of(), String.valueOf(e.getMessage()));
        }
    }

    private static void check(
            String service, OpenApiOperation op, HostileRequests.Attempt a, Outcome o, List<String> violations) {
        if (o.status() == -1) {
            return;
        }
        if (o.status() == 0) {
            if (a.body() == null || a.body().length < OVERSIZED) {
                violations.add(line(op, a, o, "connection failed: " + o.body()));
            }
            return;
        }
        if (o.status() >= 500) {
            violations.add(line(op, a, o, "5xx"));
        }
        if (o.status() >= 400 && !o.contentType().startsWith("application/problem+json")) {
            violations.add(line(op, a, o, "not problem+json but '" + o.contentType() + "'"));
        }
        if (o.status() >= 400 && LEAK.matcher(o.body()).find()) {
            violations.add(line(op, a, o, "body shows internals: " + HostileRequests.abbreviate(o.body())));
        }
        if (o.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("X-Injected"))) {
            violations.add(line(op, a, o, "an injected header came back"));
        }
    }

    private static String line(OpenApiOperation op, HostileRequests.Attempt a, Outcome o, String what) {
        return op + " [" + a.label() + "] -> " + o.status() + ": " + what;
    }
}
