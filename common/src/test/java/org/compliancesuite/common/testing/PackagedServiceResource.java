package org.compliancesuite.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration for a {@code *IT} that runs the packaged service as it is deployed, in the prod profile: the test
 * keys and the test database are handed to the process as configuration, the way an operator hands them over with
 * environment variables. Each init argument is a configuration property; a value {@code classpath:NAME} is a test
 * resource (a key file) that the packaged artifact does not contain, copied to a file whose path becomes the value.
 * The verifying key and the issuer of {@link TestTokens} are always set.
 */
public class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {

    private final Map<String, String> config = new HashMap<>();
    private Path folder;

    @Override
    public void init(Map<String, String> initArgs) {
        config.put("mp.jwt.verify.publickey.location", "classpath:test-keys/publicKey.pem");
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("packaged-service");
            Map<String, String> resolved = new HashMap<>();
            for (Map.Entry<String, String> entry : config.entrySet()) {
                resolved.put(entry.getKey(), resolve(entry.getValue()));
            }
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resolve(String value) throws IOException {
        if (!value.startsWith("classpath:")) {
            return value;
        }
        String name = value.substring("classpath:".length());
        Path file = folder.resolve(name.replace('/', '_'));
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file.toAbsolutePath().toString();
    }

    @Override
    public void stop() {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
