package org.compliancesuite.vault.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority made at test time with the JDK's keytool, and server certificates it issues for 127.0.0.1.
 * Nothing is committed: the keys live in a temporary directory for one test run and protect nothing but a test server.
 */
public final class TestCertificates {

    private static final String PASSWORD = "test-only";

    private final Path dir;
    private final String alias;

    private TestCertificates(Path dir, String alias) {
        this.dir = dir;
        this.alias = alias;
    }

    /** A new CA with its own key pair; {@link #caPem()} is what a client is told to trust. */
    public static TestCertificates authority(String name) {
        try {
            Path dir = Files.createTempDirectory("test-ca-" + name);
            dir.toFile().deleteOnExit();
            TestCertificates ca = new TestCertificates(dir, name);
            ca.keytool(
                    "-genkeypair",
                    "-alias",
                    name,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + name + " test CA",
                    "-ext",
                    "bc:c",
                    "-validity",
                    "2",
                    "-keystore",
                    ca.caStore().toString());
            ca.keytool(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    name,
                    "-keystore",
                    ca.caStore().toString(),
                    "-file",
                    ca.caPem().toString());
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caPem() {
        return dir.resolve(alias + ".pem");
    }

    private Path caStore() {
        return dir.resolve(alias + ".p12");
    }

    /** A server TLS context whose certificate for 127.0.0.1 and localhost this CA issued. */
    public SSLContext serverContext() {
        Path store = dir.resolve("server.p12");
        Path request = dir.resolve("server.csr");
        Path issued = dir.resolve("server.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store.toString());
        keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", request.toString());
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                caStore().toString(),
                "-infile",
                request.toString(),
                "-outfile",
                issued.toString(),
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-ext",
                "eku=serverAuth",
                "-validity",
                "2");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-keystore",
                store.toString(),
                "-file",
                caPem().toString());
        keytool("-importcert", "-alias", "server", "-keystore", store.toString(), "-file", issued.toString());
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (!arguments[0].equals("-exportcert")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
