package org.compliancesuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
            Result result = suite(state, base, "up");

            assertEquals(1, result.exit(), result.output());
            assertTrue(
                    result.output().contains("suite: port " + taken.getLocalPort() + " for catalog-service is taken"),
                    result.output());
            assertFalse(result.output().contains("Exception"), result.output());
            assertFalse(Files.exists(state.resolve("run/catalog.pid")), "nothing was started");
        }
    }

    @Test
    void unknownServiceAndBadArgumentsAreUsageLines() throws Exception {
        Path state = Files.createTempDirectory("suite-usage");
        Result logs = suite(state, 9990, "logs", "billing");
        assertEquals(1, logs.exit());
        assertEquals(
                "suite: unknown service 'billing' (catalog, evidence, vault, reporting)",
                logs.output().strip());

        Result token = suite(state, 9990, "token", "--roles", "auditor", "--tenant", "acme", "--ttl", "soon");
        assertEquals(1, token.exit());
        assertEquals("suite: --ttl takes a number of seconds", token.output().strip());
    }

    private record Result(int exit, String output) {}

    private static Result suite(Path state, int portBase, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("suite").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SUITE_STATE_DIR", state.toString());
        builder.environment().put("SUITE_PORT_BASE", String.valueOf(portBase));
        builder.environment().put("SUITE_DB_PREFIX", RunningSuite.DB_PREFIX);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "suite " + String.join(" ", args) + " finished");
        return new Result(process.exitValue(), output);
    }
}
