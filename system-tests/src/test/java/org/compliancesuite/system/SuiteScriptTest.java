package org.compliancesuite.system;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code ./suite} refuses what it cannot do with one clear line, never a stack trace, and leaves nothing running. */
class SuiteScriptTest {

    private static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();

    @Test
    void aTakenPortStopsUpWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int base = taken.getLocalPort() - 1;
            Path state = Files.createTempDirectory("suite-port-taken");
            Result result = suite(state, base, Map.of(), "up");

            assertEquals(1, result.exit(), result.output());
            assertTrue(
                    result.output().contains("suite: port " + taken.getLocalPort() + " for catalog-service is taken"),
                    result.output());
            assertFalse(result.output().contains("Exception"), result.output());
            assertFalse(Files.exists(state.resolve("run/catalog.pid")), "nothing was started");
        }
    }

    @Test
    void aTakenPortOfTheLastServiceStartsNoneOfTheOthers() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int base = taken.getLocalPort() - 4; // reporting-service's port
            Path state = Files.createTempDirectory("suite-last-port-taken");
            Result result = suite(state, base, Map.of(), "up");

            assertEquals(1, result.exit(), result.output());
            assertTrue(
                    result.output().contains("suite: port " + taken.getLocalPort() + " for reporting-service is taken"),
                    result.output());
            for (String service : RunningSuite.SERVICES) {
                assertFalse(Files.exists(state.resolve("run/" + service + ".pid")), service + " was not started");
            }
        }
    }

    @Test
    void aJdkOlderThan21IsNamedInOneLine() throws Exception {
        Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Assumptions.assumeTrue(Files.isExecutable(old.resolve("bin/java")), "a JDK 17 to point JAVA_HOME at");
        Path state = Files.createTempDirectory("suite-old-jdk");
        Result result = suite(state, 9990, Map.of("JAVA_HOME", old.toString(), "SUITE_JDK_DIRS", ""), "up");

        assertEquals(1, result.exit(), result.output());
        assertEquals(
                "suite: a JDK 21 or newer is required; found only: " + old + " (Java 17). Set JAVA_HOME to a JDK 21+",
                result.output().strip());
    }

    @Test
    void missingPostgresqlIsNamedInOneLine() throws Exception {
        // A PATH with every command of this machine but PostgreSQL's client programs.
        Path bin = Files.createTempDirectory("suite-no-psql");
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            try (var commands = Files.list(Path.of(dir))) {
                for (Path command : commands.toList()) {
                    String name = command.getFileName().toString();
                    Path link = bin.resolve(name);
                    if (!name.startsWith("psql") && !name.startsWith("pg_") && !Files.exists(link, NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        Path state = Files.createTempDirectory("suite-no-postgres");
        Result result = suite(state, 9990, Map.of("PATH", bin.toString()), "up");

        assertEquals(1, result.exit(), result.output());
        assertEquals(
                "suite: PostgreSQL is not installed (psql not found); install postgresql 15 or newer",
                result.output().strip());
    }

    @Test
    void unknownServiceAndBadArgumentsAreUsageLines() throws Exception {
        Path state = Files.createTempDirectory("suite-usage");
        Result logs = suite(state, 9990, Map.of(), "logs", "billing");
        assertEquals(1, logs.exit());
        assertEquals(
                "suite: unknown service 'billing' (catalog, evidence, vault, reporting)",
                logs.output().strip());

        Result token = suite(state, 9990, Map.of(), "token", "--roles", "auditor", "--tenant", "acme", "--ttl", "soon");
        assertEquals(1, token.exit());
        assertEquals("suite: --ttl takes a number of seconds", token.output().strip());
    }

    private record Result(int exit, String output) {}

    private static Result suite(Path state, int portBase, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("suite").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SUITE_STATE_DIR", state.toString());
        builder.environment().put("SUITE_PORT_BASE", String.valueOf(portBase));
        builder.environment().put("SUITE_DB_PREFIX", RunningSuite.DB_PREFIX);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "suite " + String.join(" ", args) + " finished");
        return new Result(process.exitValue(), output);
    }
}
