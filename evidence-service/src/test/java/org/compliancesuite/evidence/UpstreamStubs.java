package org.compliancesuite.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.compliancesuite.common.chain.HashChain;

/**
 * Stands in for catalog-service and vault-service (answering their contract shapes) and runs local TLS endpoints for
 * the TLS monitor. Calls without a bearer token are refused, so the tests also prove that tokens are forwarded.
 * Registered for every test of the module, so all share one application start.
 */
@QuarkusTestResource(UpstreamStubs.class)
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    /** Control ids and their evidence frequency; "catalog-broken" makes the stub fail like a down catalog. */
    public static final Map<String, String> CONTROLS = Map.of(
            "mfa", "daily",
            "access-review", "quarterly",
            "tls", "continuous",
            "key-management", "annual",
            "security-training", "annual",
            "encryption-at-rest", "monthly",
            "audit-logging", "weekly",
            "vendor-review", "annual");

    public static final Set<String> REQUIREMENTS =
            Set.of("pci-dss-4.0.1/8.4.2", "pci-dss-4.0.1/10.5.1", "hipaa-security/164.312(b)", "soc2-2017/CC6.1");

    /** Smaller than the catalog has controls, so that listing all of them takes several pages. */
    public static final int CATALOG_MAX_PAGE_SIZE = 3;

    /** "tenant page" of every control page the stub served, oldest first. */
    public static final List<String> CATALOG_PAGE_REQUESTS = new CopyOnWriteArrayList<>();

    /** Sign requests refused because they were not a checkpoint statement of the caller's tenant. */
    public static final AtomicInteger SIGNING_REFUSALS = new AtomicInteger();

    /** Requests for the signing public key. */
    public static final AtomicInteger PUBLIC_KEY_REQUESTS = new AtomicInteger();

    /** Smaller than vault-service's largest page, so that a few witnessed checkpoints take several pages. */
    public static final int WITNESS_MAX_PAGE_SIZE = 2;

    /** "tenant fromSequence page" of every page of witnessed checkpoints the stub served, oldest first. */
    public static final List<String> WITNESS_PAGE_REQUESTS = new CopyOnWriteArrayList<>();

    /** While set, every vault-service call is dropped without an answer, as by a service that is down. */
    public static volatile boolean VAULT_UNREACHABLE;

    /** Where the TLS monitor's truststore is written when the stub starts. */
    static final Path TRUSTSTORE = Path.of("target", "test-tls", "truststore.p12");

    /** SNI names the legacy TLS stub received (from the monitor's probes and its JDK handshake). */
    public static volatile List<String> LEGACY_SERVER_NAMES = List.of();

    /** Authorization headers the stub received, newest last. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer http;
    private final List<SSLServerSocket> tlsServers = new ArrayList<>();
    private KeyPair signingKey;
    private LegacyTlsServer legacy;

    /**
     * What the stub signed, per tenant and sequence, as vault-service's witness keeps it. Per start, like the test
     * database that Flyway cleans at each start.
     */
    private final Map<String, NavigableMap<Long, Map<String, Object>>> witnessed = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            witnessed.clear();
            signingKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            http = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            http.createContext("/", this::handle);
            http.start();
            String base = "http://localhost:" + http.getAddress().getPort();
            return Map.of(
                    "quarkus.rest-client.catalog.url",
                    base,
                    "quarkus.rest-client.vault.url",
                    base,
                    "evidence.monitor.tls.endpoints",
                    tlsEndpoints(),
                    "evidence.monitor.tls.truststore",
                    TRUSTSTORE.toAbsolutePath().toString(),
                    "evidence.monitor.tls.truststore-password",
                    "changeit");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (legacy != null) {
            try {
                legacy.close();
            } catch (IOException ignored) {
                // closing a test server
            }
        }
        for (SSLServerSocket server : tlsServers) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing a test server
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        AUTHORIZATIONS.add(auth == null ? "" : auth);
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, Map.of("status", 401, "title", "Unauthorized"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (VAULT_UNREACHABLE && (path.startsWith("/api/v1/keys") || path.startsWith("/api/v1/signatures"))) {
            exchange.close();
            return;
        }
        if (method.equals("GET") && path.equals("/api/v1/controls")) {
            Map<String, String> query = query(exchange);
            int page = Integer.parseInt(query.getOrDefault("page", "0"));
            int size = Math.min(CATALOG_MAX_PAGE_SIZE, Integer.parseInt(query.getOrDefault("size", "50")));
            CATALOG_PAGE_REQUESTS.add(tenantOf(auth) + " " + page);
            List<Map<String, Object>> items = CONTROLS.keySet().stream()
                    .sorted()
                    .skip((long) page * size)
                    .limit(size)
                    .map(id -> Map.<String, Object>of("id", id, "evidenceFrequency", CONTROLS.get(id)))
                    .toList();
            respond(exchange, 200, Map.of("items", items, "page", page, "size", size, "total", CONTROLS.size()));
        } else if (method.equals("GET") && path.startsWith("/api/v1/controls/")) {
            String id = path.substring("/api/v1/controls/".length());
            if (id.equals("catalog-broken")) {
                respond(exchange, 500, Map.of("status", 500));
            } else if (CONTROLS.containsKey(id)) {
                respond(exchange, 200, control(id));
            } else {
                respond(exchange, 404, Map.of("status", 404));
            }
        } else if (method.equals("GET") && path.startsWith("/api/v1/frameworks/") && path.contains("/requirements/")) {
            String rest = path.substring("/api/v1/frameworks/".length());
            String key = rest.replace("/requirements/", "/");
            if (REQUIREMENTS.contains(key)) {
                String[] parts = key.split("/", 2);
                respond(
                        exchange,
                        200,
                        Map.of(
                                "frameworkId",
                                parts[0],
                                "code",
                                parts[1],
                                "title",
                                "t",
                                "kind",
                                "requirement",
                                "required",
                                true));
            } else {
                respond(exchange, 404, Map.of("status", 404));
            }
        } else if (method.equals("GET") && path.equals("/api/v1/keys")) {
            Instant now = Instant.now();
            respond(
                    exchange,
                    200,
                    List.of(
                            key("phi", "encryption", 90, now.minus(10, ChronoUnit.DAYS)),
                            key("evidence-checkpoint", "signing", null, now.minus(400, ChronoUnit.DAYS)),
                            key("audit-hmac", "audit-hmac", 0, now.minus(370, ChronoUnit.DAYS)),
                            key("phi-index", "blind-index", 0, now.minus(800, ChronoUnit.DAYS))));
        } else if (method.equals("POST") && path.equals("/api/v1/signatures")) {
            sign(exchange, auth);
        } else if (method.equals("GET") && path.equals("/api/v1/signatures/checkpoints")) {
            witnessedCheckpoints(exchange, auth);
        } else if (method.equals("GET") && path.equals("/api/v1/signatures/public-key")) {
            PUBLIC_KEY_REQUESTS.incrementAndGet();
            String version = query(exchange).get("version");
            if (version != null && !version.equals("1")) {
                respond(exchange, 404, Map.of("status", 404));
                return;
            }
            respond(
                    exchange,
                    200,
                    Map.of(
                            "keyName",
                            "evidence-checkpoint",
                            "keyVersion",
                            1,
                            "algorithm",
                            "ed25519",
                            "publicKeyPem",
                            "-----BEGIN PUBLIC KEY-----\n"
                                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                            .encodeToString(
                                                    signingKey.getPublic().getEncoded())
                                    + "\n-----END PUBLIC KEY-----\n"));
        } else {
            respond(exchange, 404, Map.of("status", 404));
        }
    }

    /**
     * Signs like vault-service: only a checkpoint statement of the caller's own tenant, that is canonical JSON with
     * exactly headHash, sequence, signedAt, tenant and type "ledger-checkpoint/v1"; anything else answers 422.
     */
    private void sign(HttpExchange exchange, String auth) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] statement =
                    Base64.getDecoder().decode(JSON.readTree(in).path("input").asText());
            JsonNode parsed = JSON.readTree(statement);
            Map<String, Object> fields = JSON.convertValue(parsed, new TypeReference<>() {});
            boolean checkpoint = parsed.isObject()
                    && fields.keySet().equals(Set.of("headHash", "sequence", "signedAt", "tenant", "type"))
                    && "ledger-checkpoint/v1".equals(fields.get("type"))
                    && fields.get("sequence") instanceof Number
                    && tenantOf(auth).equals(fields.get("tenant"))
                    && HashChain.canonicalJson(fields).equals(new String(statement, StandardCharsets.UTF_8));
            if (!checkpoint) {
                SIGNING_REFUSALS.incrementAndGet();
                respond(exchange, 422, Map.of("status", 422, "title", "Unprocessable Content"));
                return;
            }
            if (!witness(auth, fields)) {
                respond(exchange, 409, Map.of("status", 409, "title", "Conflict"));
                return;
            }
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signingKey.getPrivate());
            signature.update(statement);
            respond(
                    exchange,
                    200,
                    Map.of(
                            "signature",
                            "vault:v1:" + Base64.getEncoder().encodeToString(signature.sign()),
                            "keyName",
                            "evidence-checkpoint",
                            "keyVersion",
                            1,
                            "algorithm",
                            "ed25519"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            SIGNING_REFUSALS.incrementAndGet();
            respond(exchange, 422, Map.of("status", 422, "title", "Unprocessable Content"));
        } catch (GeneralSecurityException e) {
            respond(exchange, 500, Map.of("status", 500));
        }
    }

    /**
     * Records a statement about to be signed as vault-service does: false when its sequence was signed with another
     * head; the same head again records nothing new.
     */
    private boolean witness(String auth, Map<String, Object> statement) throws IOException {
        NavigableMap<Long, Map<String, Object>> tenant =
                witnessed.computeIfAbsent(tenantOf(auth), t -> new ConcurrentSkipListMap<>());
        long sequence = ((Number) statement.get("sequence")).longValue();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sequence", sequence);
        record.put("headHash", statement.get("headHash"));
        record.put("signedAt", statement.get("signedAt"));
        record.put("keyVersion", 1);
        record.put("signedBy", subjectOf(auth));
        record.put("recordedAt", Instant.now().toString());
        Map<String, Object> first = tenant.putIfAbsent(sequence, record);
        return first == null || first.get("headHash").equals(statement.get("headHash"));
    }

    /** GET /api/v1/signatures/checkpoints: the caller's tenant's witness, by sequence, paged like vault-service. */
    private void witnessedCheckpoints(HttpExchange exchange, String auth) throws IOException {
        Map<String, String> query = query(exchange);
        long from;
        int page;
        int size;
        try {
            from = Long.parseLong(query.getOrDefault("fromSequence", "1"));
            page = Integer.parseInt(query.getOrDefault("page", "0"));
            size = Integer.parseInt(query.getOrDefault("size", "50"));
        } catch (NumberFormatException e) {
            respond(exchange, 400, Map.of("status", 400, "title", "Bad Request"));
            return;
        }
        if (from < 1 || page < 0 || size < 1 || size > 500) {
            respond(exchange, 422, Map.of("status", 422, "title", "Unprocessable Content"));
            return;
        }
        size = Math.min(size, WITNESS_MAX_PAGE_SIZE);
        String tenant = tenantOf(auth);
        WITNESS_PAGE_REQUESTS.add(tenant + " " + from + " " + page);
        List<Map<String, Object>> range = List.copyOf(witnessed
                .getOrDefault(tenant, new TreeMap<>())
                .tailMap(from, true)
                .values());
        List<Map<String, Object>> items =
                range.stream().skip((long) page * size).limit(size).toList();
        respond(exchange, 200, Map.of("items", items, "page", page, "size", size, "total", range.size()));
    }

    private static Map<String, Object> control(String id) {
        String framework = id.equals("audit-logging")
                ? "pci-dss-4.0.1"
                : id.equals("encryption-at-rest") ? "hipaa-security" : "soc2-2017";
        return Map.of(
                "id", id,
                "title", id,
                "description", id,
                "evidenceFrequency", CONTROLS.get(id),
                "mappings",
                        List.of(Map.of(
                                "frameworkId",
                                framework,
                                "requirementCode",
                                "x",
                                "relationship",
                                "equal",
                                "rationale",
                                "test")));
    }

    private static Map<String, Object> key(
            String name, String purpose, Integer rotationPeriodDays, Instant latestCreated) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("name", name);
        key.put("purpose", purpose);
        key.put("latestVersion", 2);
        key.put("minDecryptionVersion", 1);
        key.put("rotationPeriodDays", rotationPeriodDays);
        key.put("autoRotate", false);
        key.put(
                "versions",
                List.of(
                        Map.of(
                                "version",
                                1,
                                "createdAt",
                                latestCreated.minus(500, ChronoUnit.DAYS).toString()),
                        Map.of("version", 2, "createdAt", latestCreated.toString())));
        return key;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    /** The tenant claim of a bearer token, read without verification (the service under test sent it). */
    static String tenantOf(String authorization) throws IOException {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]))
                .path("tenant")
                .asText();
    }

    /** The subject of a bearer token, read without verification. */
    static String subjectOf(String authorization) throws IOException {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]))
                .path("sub")
                .asText();
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The TLS endpoints, in this order: a valid self-signed certificate; a valid leaf under an intermediate that
     * expires in 10 days; a certificate the truststore does not hold; a certificate that expired 5 days ago; and a
     * server that still accepts TLS 1.0 (the legacy stub). Certificates are made now, so their dates hold any day.
     */
    private String tlsEndpoints() throws Exception {
        Instant now = Instant.now();
        Instant yesterday = now.minus(1, ChronoUnit.DAYS);
        Instant tenYears = now.plus(3650, ChronoUnit.DAYS);
        TestCertificates.Issued valid = TestCertificates.selfSigned("localhost", yesterday, tenYears, false);
        TestCertificates.Issued root = TestCertificates.selfSigned("Test Root", yesterday, tenYears, true);
        TestCertificates.Issued intermediate =
                TestCertificates.issued("Test Intermediate", root, yesterday, now.plus(10, ChronoUnit.DAYS), true);
        TestCertificates.Issued leaf = TestCertificates.issued("localhost", intermediate, yesterday, tenYears, false);
        TestCertificates.Issued untrusted = TestCertificates.selfSigned("localhost", yesterday, tenYears, false);
        TestCertificates.Issued expired = TestCertificates.selfSigned(
                "localhost", now.minus(20, ChronoUnit.DAYS), now.minus(5, ChronoUnit.DAYS), false);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("valid", valid.certificate());
        trust.setCertificateEntry("root", root.certificate());
        trust.setCertificateEntry("expired", expired.certificate());
        Files.createDirectories(TRUSTSTORE.getParent());
        try (OutputStream out = Files.newOutputStream(TRUSTSTORE)) {
            trust.store(out, "changeit".toCharArray());
        }

        legacy = new LegacyTlsServer(Set.of(0x0301));
        LEGACY_SERVER_NAMES = legacy.serverNames;
        return String.join(
                ",",
                tls(valid, valid.certificate()),
                tls(leaf, leaf.certificate(), intermediate.certificate()),
                tls(untrusted, untrusted.certificate()),
                tls(expired, expired.certificate()),
                "localhost:" + legacy.port());
    }

    private String tls(TestCertificates.Issued key, X509Certificate... chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("endpoint", key.keys().getPrivate(), "changeit".toCharArray(), chain);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server =
                (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
        tlsServers.add(server);
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try (SSLSocket socket = (SSLSocket) server.accept()) {
                            socket.startHandshake();
                        } catch (IOException e) {
                            // a client that aborts the handshake, or the server closing
                        }
                    }
                },
                "tls-stub-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return "localhost:" + server.getLocalPort();
    }
}
