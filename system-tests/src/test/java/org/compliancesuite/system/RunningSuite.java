package org.compliancesuite.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four packaged services started once per test JVM through {@code ./suite up}, the same code path a person uses,
 * on their own ports, databases and state folder so that a suite a developer runs locally is left alone. Stopped with
 * {@code ./suite down} when the JVM ends.
 */
public final class RunningSuite {

    public static final int PORT_BASE = 9180;
    public static final String DB_PREFIX = "cs_sys_";
    public static final List<String> SERVICES = List.of("catalog", "evidence", "vault", "reporting");

    private static RunningSuite instance;

    private final Path root;
    private final Path state;
    private final String upOutput;

    private RunningSuite(Path root, Path state, String upOutput) {
        this.root = root;
        this.state = state;
        this.upOutput = upOutput;
    }

    /** Starts the suite on first use; later calls return the running one. */
    public static synchronized RunningSuite get() {
        if (instance == null) {
            Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
            Path state = root.resolve("system-tests/target/suite");
            try {
                resetDatabases();
                RunningSuite suite = new RunningSuite(root, state, null);
                suite.run("down");
                String output = suite.run("up");
                instance = new RunningSuite(root, state, output);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        instance.run("down");
                    } catch (IOException | InterruptedException e) {
                        System.err.println("suite down failed: " + e.getMessage());
                    }
                }));
            } catch (IOException | InterruptedException | SQLException e) {
                throw new IllegalStateException("the suite did not start: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    public static String baseUrl(String service) {
        return "http://localhost:" + (PORT_BASE + SERVICES.indexOf(service) + 1);
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
