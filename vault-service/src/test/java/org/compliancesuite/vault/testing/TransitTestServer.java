package org.compliancesuite.vault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * A Vault-compatible Transit server for tests: the paths vault-service uses, with Vault's request and response shapes
 * ({@code {"data":{...}}}, base64 plaintext, {@code vault:vN:} ciphertexts, {@code {"errors":[...]}} bodies), the
 * {@code X-Vault-Token} header checked, key versions, minimum decryption version, auto-rotation period, data keys,
 * rewrap, HMAC (with {@code key_version}), Ed25519 signing, {@code sys/health} (503 when sealed, or the status of a
 * standby or replica node) and Kubernetes login. Auto-rotation periods are honoured as Vault does (at least an hour;
 * here checked lazily on each use of the key). It can speak HTTPS, be stopped, started again on the same port, sealed
 * and unsealed, and hold a request in flight for race tests. Cryptography is real (AES-256-GCM with associated data,
 * HMAC-SHA256, Ed25519), so ciphertexts behave as Vault's do; keys live in memory only.
 *
 * <p>Run standalone: {@code java -cp <test classpath> org.compliancesuite.vault.testing.TransitTestServer 8200
 * [rootToken]} (root token defaults to {@code test-root-token}).
 */
public final class TransitTestServer {

    public static final String ROOT_TOKEN = "test-root-token";
    public static final String KUBERNETES_ROLE = "vault-service";
    public static final String KUBERNETES_JWT = "test-service-account-jwt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private int port;
    private final SSLContext tls;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private volatile int healthStatus = 200;
    private final Map<String, TransitKey> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private volatile boolean sealed;
    private HttpServer server;

    private static final class Version {
        final byte[] aes = randomBytes(32);
        final byte[] hmac = randomBytes(32);
        final KeyPair ed25519;
        volatile Instant created = Instant.now();

        Version(String type) {
            ed25519 = "ed25519".equals(type) ? ed25519() : null;
        }
    }

    private static final class TransitKey {
        final String name;
        final String type;
        final List<Version> versions = new ArrayList<>();
        int minDecryptionVersion = 1;
        long autoRotateSeconds;

        TransitKey(String name, String type) {
            this.name = name;
            this.type = type;
            versions.add(new Version(type));
        }

        synchronized int latest() {
            return versions.size();
        }

        synchronized Version version(int v) {
            return v >= 1 && v <= versions.size() ? versions.get(v - 1) : null;
        }

        synchronized void rotate() {
            versions.add(new Version(type));
        }

        /**
         * Vault rotates a key whose latest version is older than its auto-rotation period in a periodic background
         * check; the test server does it lazily, before serving any request for the key.
         */
        synchronized void autoRotate() {
            if (autoRotateSeconds > 0
                    && versions.getLast().created.plusSeconds(autoRotateSeconds).isBefore(Instant.now())) {
                rotate();
            }
        }
    }

    /** A request that waits on the server until the test lets it go, to hold an operation in flight. */
    public static final class Hold {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the held request reached the server. */
        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }

        private void block() {
            arrived.countDown();
            try {
                // bounded, so that a failing test never leaves a server thread behind for good
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static class VaultError extends RuntimeException {
        final int status;

        VaultError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    public TransitTestServer(int port) {
        this(port, ROOT_TOKEN, null);
    }

    public TransitTestServer(int port, String rootToken) {
        this(port, rootToken, null);
    }

    /** A server that speaks HTTPS with the certificate of {@code tls} when it is not null. */
    public TransitTestServer(int port, String rootToken, SSLContext tls) {
        this.port = port;
        this.tls = tls;
        tokens.add(rootToken);
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8200;
        TransitTestServer server = args.length > 1 ? new TransitTestServer(port, args[1]) : new TransitTestServer(port);
        server.start();
        System.out.println("Transit test server listening on http://127.0.0.1:" + server.port());
        // A test that runs the server as a process stops and starts its listener through standard input, so that
        // Vault goes away (connections refused) and comes back with the same keys, as a real Vault keeps its storage.
        // Not a daemon: while the listener is stopped it is the thread that keeps the process, and its keys, alive.
        Thread.ofPlatform().name("transit-control").start(() -> control(server));
    }

    private static void control(TransitTestServer server) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                switch (line.trim()) {
                    case "stop" -> {
                        server.stop();
                        System.out.println("Transit test server stopped listening");
                    }
                    case "start" -> {
                        server.start();
                        System.out.println("Transit test server listening again on " + server.url());
                    }
                    default -> System.out.println("unknown command: " + line);
                }
            }
        } catch (IOException e) {
            System.out.println("control input closed: " + e.getMessage());
        }
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/v1/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        // Restarts bind the same port, so clients configured with the URL reconnect after a stop.
        port = server.getAddress().getPort();
    }

    /** Stops listening; keys survive, as they would in Vault's storage. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    public int port() {
        return server == null ? port : server.getAddress().getPort();
    }

    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port();
    }

    /**
     * The status sys/health answers while unsealed: 200 active, 429 standby, 472 disaster recovery secondary, 473
     * performance standby, 474 standby without its active node.
     */
    public void healthStatus(int status) {
        healthStatus = status;
    }

    /** Holds the next request of the operation ({@code encrypt}, {@code datakey}, ...) until released. */
    public Hold hold(String operation) {
        Hold hold = new Hold();
        holds.put(operation, hold);
        return hold;
    }

    /** The names of the keys that exist on the mount. */
    public Set<String> keyNames(String mount) {
        return keys.keySet().stream()
                .filter(k -> k.startsWith(mount + "/"))
                .map(k -> k.substring(mount.length() + 1))
                .collect(Collectors.toSet());
    }

    public int latestVersion(String mount, String name) {
        TransitKey key = keys.get(mount + "/" + name);
        return key == null ? 0 : key.latest();
    }

    /** Makes every version of the key look older, as if that much time had passed in Vault. */
    public void backdate(String mount, String name, Duration by) {
        TransitKey key = keys.get(mount + "/" + name);
        synchronized (key) {
            key.versions.forEach(v -> v.created = v.created.minus(by));
        }
    }

    /** Rotates a key behind the service's back, as an operator with Vault access could. */
    public void rotateOutOfBand(String mount, String name) {
        keys.get(mount + "/" + name).rotate();
    }

    public void seal() {
        sealed = true;
    }

    public void unseal() {
        sealed = false;
    }

    /** How many requests reached an operation, e.g. {@code encrypt}, {@code decrypt}, {@code datakey}. */
    public long calls(String operation) {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/v1/".length());
            JsonNode body = readBody(exchange.getRequestBody());
            try {
                ObjectNode answer = route(exchange, path, body);
                respond(exchange, answer == null ? 204 : 200, answer);
            } catch (HealthAnswer e) {
                respond(exchange, e.status, e.body);
            } catch (VaultError e) {
                ObjectNode error = JSON.createObjectNode();
                error.putArray("errors").add(e.getMessage());
                respond(exchange, e.status, error);
            }
        }
    }

    private ObjectNode route(HttpExchange exchange, String path, JsonNode body) {
        String method = exchange.getRequestMethod();
        if (path.equals("sys/health")) {
            count("health");
            int status = sealed ? 503 : healthStatus;
            ObjectNode health = JSON.createObjectNode()
                    .put("initialized", true)
                    .put("sealed", sealed)
                    .put("standby", status == 429 || status == 473 || status == 474)
                    .put("performance_standby", status == 473)
                    .put("replication_dr_mode", status == 472 ? "secondary" : "disabled")
                    .put("version", "1.15.0-transit-test");
            if (status != 200) {
                throw new HealthAnswer(status, health);
            }
            return health;
        }
        if (sealed) {
            throw new VaultError(503, "Vault is sealed");
        }
        String[] parts = path.split("/");
        if (parts.length >= 3 && parts[0].equals("auth") && parts[parts.length - 1].equals("login")) {
            return kubernetesLogin(body);
        }
        String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        if (token == null || !tokens.contains(token)) {
            throw new VaultError(403, "permission denied");
        }
        if (path.equals("auth/token/lookup-self") || path.equals("auth/token/renew-self")) {
            return tokenSelf(path.endsWith("renew-self"), token);
        }
        if (parts.length < 2) {
            throw new VaultError(404, "no handler for route \"" + path + "\"");
        }
        String mount = parts[0];
        String operation = parts[1];
        count(operation);
        Hold hold = holds.remove(operation);
        if (hold != null) {
            hold.block();
        }
        return switch (operation) {
            case "keys" -> keys(method, exchange, mount, parts, body);
            case "encrypt" -> encrypt(key(mount, parts, 2, true), body);
            case "decrypt" ->
                data(JSON.createObjectNode()
                        .put(
                                "plaintext",
                                b64(decrypt(key(mount, parts, 2, false), text(body, "ciphertext"), aad(body)))));
            case "rewrap" -> rewrap(key(mount, parts, 2, false), body);
            case "datakey" -> dataKey(parts.length > 2 ? parts[2] : "", key(mount, parts, 3, false), body);
            case "hmac" -> hmac(key(mount, parts, 2, false), body);
            case "sign" -> sign(key(mount, parts, 2, false), body);
            default -> throw new VaultError(404, "no handler for route \"" + path + "\"");
        };
    }

    /** sys/health answers its JSON body with 503 when sealed, as Vault does. */
    private static final class HealthAnswer extends VaultError {
        final ObjectNode body;

        HealthAnswer(int status, ObjectNode body) {
            super(status, "health");
            this.body = body;
        }
    }

    private ObjectNode kubernetesLogin(JsonNode body) {
        count("login");
        if (!KUBERNETES_ROLE.equals(text(body, "role"))) {
            throw new VaultError(400, "invalid role name \"" + text(body, "role") + "\"");
        }
        if (!KUBERNETES_JWT.equals(text(body, "jwt").strip())) {
            throw new VaultError(403, "permission denied");
        }
        String token = "s." + UUID.randomUUID();
        tokens.add(token);
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("auth")
                .put("client_token", token)
                .put("accessor", UUID.randomUUID().toString())
                .put("lease_duration", 3600)
                .put("renewable", true)
                .putArray("policies")
                .add("vault-service");
        return answer;
    }

    private ObjectNode tokenSelf(boolean renew, String token) {
        count(renew ? "renew-self" : "lookup-self");
        if (renew) {
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("auth")
                    .put("client_token", token)
                    .put("lease_duration", 3600)
                    .put("renewable", true)
                    .putArray("policies")
                    .add("vault-service");
            return answer;
        }
        ObjectNode data = JSON.createObjectNode()
                .put("id", token)
                .put("ttl", 3600)
                .put("creation_ttl", 3600)
                .put("renewable", !ROOT_TOKEN.equals(token))
                .put("type", "service")
                .put("display_name", "vault-service");
        data.putArray("policies").add("vault-service");
        return data(data);
    }

    private ObjectNode keys(String method, HttpExchange exchange, String mount, String[] parts, JsonNode body) {
        boolean list = method.equals("LIST")
                || (parts.length == 2
                        && "list=true".equals(exchange.getRequestURI().getQuery()));
        if (list) {
            ObjectNode data = JSON.createObjectNode();
            var names = data.putArray("keys");
            keys.keySet().stream()
                    .filter(k -> k.startsWith(mount + "/"))
                    .sorted()
                    .forEach(k -> names.add(k.substring(mount.length() + 1)));
            return data(data);
        }
        if (parts.length < 3) {
            throw new VaultError(405, "unsupported operation");
        }
        String id = mount + "/" + parts[2];
        if (parts.length == 3 && method.equals("GET")) {
            TransitKey key = keys.get(id);
            if (key == null) {
                throw new VaultError(404, "key not found");
            }
            key.autoRotate();
            return keyInfo(key);
        }
        if (parts.length == 3 && method.equals("POST")) {
            String type = body.hasNonNull("type") ? body.get("type").asText() : "aes256-gcm96";
            if (!type.equals("aes256-gcm96") && !type.equals("ed25519")) {
                throw new VaultError(400, "unknown key type " + type);
            }
            return keyInfo(keys.computeIfAbsent(id, k -> new TransitKey(parts[2], type)));
        }
        TransitKey key = keys.get(id);
        if (key == null) {
            throw new VaultError(404, "key not found");
        }
        if (parts.length == 4 && parts[3].equals("rotate")) {
            key.rotate();
            return keyInfo(key);
        }
        if (parts.length == 4 && parts[3].equals("config")) {
            synchronized (key) {
                if (body.hasNonNull("min_decryption_version")) {
                    int minimum = body.get("min_decryption_version").asInt();
                    if (minimum > key.latest()) {
                        throw new VaultError(
                                400,
                                "cannot set min decryption version of " + minimum + ", latest key version is "
                                        + key.latest());
                    }
                    key.minDecryptionVersion = Math.max(1, minimum);
                }
                if (body.hasNonNull("auto_rotate_period")) {
                    long period = seconds(body.get("auto_rotate_period"));
                    if (period != 0 && period < 3600) {
                        // Vault: zero turns auto-rotation off, any other period is at least an hour
                        throw new VaultError(400, "auto rotate period must be 0 to disable or at least an hour");
                    }
                    key.autoRotateSeconds = period;
                }
            }
            return keyInfo(key);
        }
        throw new VaultError(404, "unsupported path");
    }

    private ObjectNode keyInfo(TransitKey key) {
        ObjectNode data = JSON.createObjectNode()
                .put("name", key.name)
                .put("type", key.type)
                .put("latest_version", key.latest())
                .put("min_decryption_version", key.minDecryptionVersion)
                .put("min_encryption_version", 0)
                .put("min_available_version", 0)
                .put("auto_rotate_period", key.autoRotateSeconds)
                .put("deletion_allowed", false)
                .put("derived", false)
                .put("exportable", false)
                .put("allow_plaintext_backup", false)
                .put("supports_encryption", key.type.startsWith("aes"))
                .put("supports_decryption", key.type.startsWith("aes"))
                .put("supports_derivation", true)
                .put("supports_signing", key.type.equals("ed25519"));
        ObjectNode versions = data.putObject("keys");
        for (int v = 1; v <= key.latest(); v++) {
            Version version = key.version(v);
            if (version.ed25519 != null) {
                byte[] spki = version.ed25519.getPublic().getEncoded();
                versions.putObject(String.valueOf(v))
                        .put("creation_time", version.created.toString())
                        .put("name", "ed25519")
                        .put("public_key", b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
            } else {
                versions.put(String.valueOf(v), version.created.getEpochSecond());
            }
        }
        return data(data);
    }

    private TransitKey key(String mount, String[] parts, int index, boolean upsert) {
        if (parts.length <= index) {
            throw new VaultError(405, "missing key name");
        }
        String id = mount + "/" + parts[index];
        TransitKey key =
                upsert ? keys.computeIfAbsent(id, k -> new TransitKey(parts[index], "aes256-gcm96")) : keys.get(id);
        if (key == null) {
            throw new VaultError(400, "encryption key not found");
        }
        key.autoRotate();
        return key;
    }

    private ObjectNode encrypt(TransitKey key, JsonNode body) {
        requireAes(key);
        int version = key.latest();
        byte[] sealed = seal(key.version(version).aes, bytes(body, "plaintext"), aad(body));
        return data(JSON.createObjectNode()
                .put("ciphertext", "vault:v" + version + ":" + b64(sealed))
                .put("key_version", version));
    }

    private byte[] decrypt(TransitKey key, String ciphertext, byte[] aad) {
        requireAes(key);
        if (ciphertext == null || !ciphertext.startsWith("vault:v")) {
            throw new VaultError(400, "invalid ciphertext: no prefix");
        }
        String[] parts = ciphertext.split(":", 3);
        int version;
        try {
            version = Integer.parseInt(parts[1].substring(1));
        } catch (RuntimeException e) {
            throw new VaultError(400, "invalid ciphertext: could not parse version");
        }
        if (parts.length < 3) {
            throw new VaultError(400, "invalid ciphertext: wrong number of fields");
        }
        if (version < key.minDecryptionVersion) {
            throw new VaultError(400, "ciphertext or signature version is disallowed by policy (too old)");
        }
        Version material = key.version(version);
        if (material == null) {
            throw new VaultError(400, "invalid key version");
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new VaultError(400, "invalid ciphertext: could not decode base64");
        }
        return open(material.aes, sealed, aad);
    }

    private ObjectNode rewrap(TransitKey key, JsonNode body) {
        byte[] plaintext = decrypt(key, text(body, "ciphertext"), null);
        int version = key.latest();
        return data(JSON.createObjectNode()
                .put("ciphertext", "vault:v" + version + ":" + b64(seal(key.version(version).aes, plaintext, null)))
                .put("key_version", version));
    }

    private ObjectNode dataKey(String type, TransitKey key, JsonNode body) {
        requireAes(key);
        int bits = body.hasNonNull("bits") ? body.get("bits").asInt() : 256;
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new VaultError(400, "invalid bits value");
        }
        byte[] dataKey = randomBytes(bits / 8);
        int version = key.latest();
        ObjectNode data = JSON.createObjectNode()
                .put("ciphertext", "vault:v" + version + ":" + b64(seal(key.version(version).aes, dataKey, null)))
                .put("key_version", version);
        switch (type) {
            case "plaintext" -> data.put("plaintext", b64(dataKey));
            case "wrapped" -> {}
            default -> throw new VaultError(400, "invalid type");
        }
        return data(data);
    }

    private ObjectNode hmac(TransitKey key, JsonNode body) {
        int version = body.hasNonNull("key_version") ? body.get("key_version").asInt() : key.latest();
        if (version < 1 || key.version(version) == null) {
            throw new VaultError(400, "invalid key version");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.version(version).hmac, "HmacSHA256"));
            byte[] value = mac.doFinal(bytes(body, "input"));
            return data(JSON.createObjectNode().put("hmac", "vault:v" + version + ":" + b64(value)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode sign(TransitKey key, JsonNode body) {
        if (!key.type.equals("ed25519")) {
            throw new VaultError(400, "key type " + key.type + " does not support signing");
        }
        int version = key.latest();
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.version(version).ed25519.getPrivate());
            signature.update(bytes(body, "input"));
            return data(JSON.createObjectNode()
                    .put("signature", "vault:v" + version + ":" + b64(signature.sign()))
                    .put("key_version", version));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireAes(TransitKey key) {
        if (!key.type.startsWith("aes")) {
            throw new VaultError(400, "key type " + key.type + " does not support encryption");
        }
    }

    private static byte[] aad(JsonNode body) {
        return body.hasNonNull("associated_data") ? bytes(body, "associated_data") : null;
    }

    private static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] nonce = randomBytes(12);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(nonce, 12 + sealed.length);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed.length < 28) {
            throw new VaultError(400, "invalid ciphertext: too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (AEADBadTagException e) {
            throw new VaultError(400, "cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        String text = value.asText().strip();
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        // Go duration strings such as "720h", "1h30m", "45s".
        return Duration.parse("PT" + text.toUpperCase(Locale.ROOT)).toSeconds();
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    private static ObjectNode data(ObjectNode data) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("request_id", UUID.randomUUID().toString())
                .put("lease_id", "")
                .put("renewable", false)
                .put("lease_duration", 0);
        answer.set("data", data);
        answer.putNull("wrap_info");
        answer.putNull("warnings");
        answer.putNull("auth");
        return answer;
    }

    private static JsonNode readBody(InputStream in) throws IOException {
        byte[] raw = in.readAllBytes();
        if (raw.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw new VaultError(400, "failed to parse JSON input");
        }
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] bytes(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw new VaultError(400, "missing " + field);
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new VaultError(400, "unable to decode " + field + " as base64");
        }
    }

    private static String b64(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
