package org.compliancesuite.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four packaged services started once per test JVM through {@code ./suite up}, the same code path a person uses,
 * on their own ports, databases and state folder so that a suite a developer runs locally is left alone, with
 * vault-service on the Vault-compatible Transit test server (a separate process). Stopped with {@code ./suite down}
 * when the JVM ends.
 */
public final class RunningSuite {

    public static final int PORT_BASE = 9180;
    public static final String DB_PREFIX = "cs_sys_";
    public static final List<String> SERVICES = List.of("catalog", "evidence", "vault", "reporting");

    /** The Transit test server's port: outside the suite's own ports and the local run's 8081-8084. */
    public static final int TRANSIT_PORT = 9189;

    private static RunningSuite instance;
    private static IllegalStateException startFailure;

    private final Path root;
    private final Path state;
    private final TransitServer transit;
    private String upOutput;

    private RunningSuite(Path root, Path state, TransitServer transit) {
        this.root = root;
        this.state = state;
        this.transit = transit;
    }

    /** Starts the suite on first use; later calls return the running one. */
    public static synchronized RunningSuite get() {
        if (startFailure != null) {
            throw startFailure; // one attempt per JVM: every later test class fails at once with the same cause
        }
        if (instance == null) {
            Path root = Path.of(System.getProperty("suite.root", ".."))
                    .toAbsolutePath()
                    .normalize();
            Path state = root.resolve("system-tests/target/suite");
            try {
                resetDatabases();
                Files.createDirectories(state.resolve("logs"));
                if (!TransitServer.available(root)) {
                    // The journeys and the Vault fault test are specified against Transit: never fall back quietly.
                    throw new IOException("vault-service's test-jar (the Transit test server) is missing; build the"
                            + " reactor first (./mvnw verify builds it before the system tests)");
                }
                TransitServer transit = new TransitServer(root, TRANSIT_PORT, state.resolve("logs/transit.log"));
                RunningSuite suite = new RunningSuite(root, state, transit);
                // Registered first, so that a start that fails half-way leaves no process behind either.
                Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll));
                suite.run("down");
                transit.start();
                try {
                    suite.upOutput = suite.run("up");
                } catch (IOException firstAttempt) {
                    // On a loaded machine a service can miss its database-connection timeout while starting; `up` is
                    // idempotent and starts only what is not running, as an operator would run it again.
                    System.err.println("./suite up failed once, running it again: " + firstAttempt.getMessage());
                    suite.upOutput = suite.run("up");
                }
                instance = suite;
            } catch (IOException | InterruptedException | SQLException e) {
                startFailure = new IllegalStateException("the suite did not start: " + e.getMessage(), e);
                throw startFailure;
            }
        }
        return instance;
    }

    public static String baseUrl(String service) {
        return "http://localhost:" + (PORT_BASE + SERVICES.indexOf(service) + 1);
    }

    private void stopAll() {
        try {
            run("down");
        } catch (IOException | InterruptedException e) {
            System.err.println("suite down failed: " + e.getMessage());
        }
        try {
            transit.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code ./suite up} printed. */
    public String upOutput() {
        return upOutput;
    }

    /** A token from {@code ./suite token}. */
    public String token(String tenant, String... roles) {
        try {
            return run("token", "--roles", String.join(",", roles), "--tenant", tenant, "--subject", "sys-" + tenant)
                    .trim();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a suite command with this suite's settings and returns its standard output. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("suite").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.put("SUITE_STATE_DIR", state.toString());
        env.put("SUITE_PORT_BASE", String.valueOf(PORT_BASE));
        env.put("SUITE_DB_PREFIX", DB_PREFIX);
        env.put("SUITE_READY_TIMEOUT", "240");
        env.put("SUITE_VAULT_ADDR", transit.address());
        env.put("SUITE_VAULT_TOKEN", transit.token());
        Path err = Files.createTempFile("suite", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(6, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("./suite " + String.join(" ", args) + " failed: " + Files.readString(err) + out);
        }
        Files.deleteIfExists(err);
        return out;
    }

    public Path state() {
        return state;
    }

    public Path root() {
        return root;
    }

    /** The Transit test server vault-service runs on, or null when vault-service's build has none. */
    public TransitServer transit() {
        return transit;
    }

    /** The process id {@code ./suite} recorded for a service. */
    public long pid(String service) {
        try {
            return Long.parseLong(
                    Files.readString(state.resolve("run/" + service + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, as a crashed node or an OOM kill. */
    public void kill(String service) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(pid(service)).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** {@code ./suite up} again: starts what is not running and waits until every service is ready. */
    public void restart() {
        try {
            run("up");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("./suite up after a fault failed: " + e.getMessage(), e);
        }
    }

    public Path jar(String service) {
        return root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    public static String dbUrl(String service) {
        return "jdbc:postgresql://localhost:5432/" + DB_PREFIX + service;
    }

    public static Connection db(String service) throws SQLException {
        return DriverManager.getConnection(dbUrl(service), "compliance", "compliance");
    }

    /** The environment {@code ./suite} gives a service, for a further instance of it on another port. */
    public Map<String, String> serviceEnv(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", dbUrl(service));
        env.put("DB_USER", "compliance");
        env.put("DB_PASSWORD", "compliance");
        env.put("JWT_ISSUER", "https://compliance-suite.local");
        env.put("JWT_AUDIENCE", "compliance-suite");
        env.put("JWT_PUBLIC_KEY_LOCATION", state.resolve("keys/jwt-public.pem").toString());
        env.put("CATALOG_URL", baseUrl("catalog"));
        env.put("EVIDENCE_URL", baseUrl("evidence"));
        env.put("VAULT_SERVICE_URL", baseUrl("vault"));
        env.put("LOG_JSON", "false");
        switch (service) {
            case "vault" -> {
                env.put("KEY_PROVIDER", "vault");
                env.put("VAULT_ADDR", transit.address());
                env.put("VAULT_AUTH", "token");
                env.put("VAULT_TOKEN", transit.token());
            }
            case "evidence" -> {
                env.put("CHECKPOINT_SIGNER", "config");
                env.put(
                        "CHECKPOINT_PRIVATE_KEY_LOCATION",
                        state.resolve("keys/checkpoint-private.pem").toString());
                env.put(
                        "CHECKPOINT_PUBLIC_KEY_LOCATION",
                        state.resolve("keys/checkpoint-public.pem").toString());
                env.put("SERVICE_TOKEN", serviceToken());
            }
            default -> {}
        }
        return env;
    }

    private String serviceToken() {
        try {
            return run(
                            "token",
                            "--roles",
                            "auditor,evidence-collector",
                            "--tenant",
                            "demo",
                            "--subject",
                            "evidence-service",
                            "--ttl",
                            "31536000")
                    .trim();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties the system-test databases so every run starts from migrations. */
    private static void resetDatabases() throws SQLException {
        for (String service : SERVICES) {
            String url = "jdbc:postgresql://localhost:5432/" + DB_PREFIX + service;
            try (Connection c = DriverManager.getConnection(url, "compliance", "compliance");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS public CASCADE");
                s.execute("CREATE SCHEMA public");
            }
        }
    }
}
