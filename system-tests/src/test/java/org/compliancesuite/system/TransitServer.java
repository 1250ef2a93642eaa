package org.compliancesuite.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * vault-service's Vault-compatible Transit test server (published in vault-service's test-jar) run as a separate
 * process, so that a test can stop it and start it again on the same port as a real Vault outage would look.
 */
public final class TransitServer implements AutoCloseable {

    static final String MAIN_CLASS = "org.compliancesuite.vault.testing.TransitTestServer";
    static final String ROOT_TOKEN = "sys-transit-root";

    private final Path root;
    private final int port;
    private final Path log;
    private Process process;

    TransitServer(Path root, int port, Path log) {
        this.root = root;
        this.port = port;
        this.log = log;
    }

    /** Whether vault-service's build produced the test-jar that holds the server. */
    static boolean available(Path root) {
        return testJar(root) != null;
    }

    public String address() {
        return "http://localhost:" + port;
    }

    public String token() {
        return ROOT_TOKEN;
    }

    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath(),
                MAIN_CLASS,
                String.valueOf(port),
                ROOT_TOKEN));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Transit test server exited; see " + log);
            }
            try (Socket ignored = new Socket("localhost", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("the Transit test server did not listen on " + port + "; see " + log);
    }

    /** Stops the server at once, as a crashed or partitioned Vault. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /**
     * Closes the server's listener (through its standard input): connections are refused, as when Vault is down or
     * unreachable, while the process keeps its keys, as a real Vault keeps its storage. {@link #startListening()}
     * opens the same port again.
     */
    public synchronized void stopListening() throws IOException, InterruptedException {
        command("stop");
        awaitListening(false);
    }

    public synchronized void startListening() throws IOException, InterruptedException {
        command("start");
        awaitListening(true);
    }

    private void command(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    private void awaitListening(boolean listening) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean accepts;
            try (Socket ignored = new Socket("localhost", port)) {
                accepts = true;
            } catch (IOException refused) {
                accepts = false;
            }
            if (accepts == listening) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the Transit test server did not " + (listening ? "listen again" : "stop listening"));
    }

    /**
     * SIGSTOP: the server keeps its port and its in-memory keys but answers nothing, as a hung or partitioned Vault.
     * Stopping the process instead would lose the keys, which a real Vault keeps in its storage.
     */
    public synchronized void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: the server answers again with the same keys. */
    public synchronized void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " of the Transit test server failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private String classpath() {
        List<String> entries = new ArrayList<>();
        entries.add(testJar(root).toString());
        // The server's own dependencies (Jackson, Vert.x...) are those of the packaged service.
        Path lib = root.resolve("vault-service/target/quarkus-app/lib/main");
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> entries.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path testJar(Path root) {
        Path target = root.resolve("vault-service/target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
