package org.compliancesuite.evidence.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The bearer token of the service account, used only by scheduled jobs that have no caller: the content of {@code
 * SERVICE_TOKEN_FILE} when that is set (re-read when the file changes, so it can be rotated), otherwise {@code
 * SERVICE_TOKEN}.
 */
public final class ServiceToken {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile TokenFile file;

    private ServiceToken() {}

    public static Optional<String> configured() {
        Optional<String> location = ConfigProvider.getConfig()
                .getOptionalValue("evidence.service-token-file", String.class)
                .map(String::strip)
                .filter(l -> !l.isEmpty());
        if (location.isPresent()) {
            return fileAt(Path.of(location.get())).read();
        }
        return ConfigProvider.getConfig()
                .getOptionalValue("evidence.service-token", String.class)
                .filter(token -> !token.isBlank());
    }

    /**
     * The tenant the service token speaks for. The token is not verified here: it is this service's own configuration
     * and the called services verify it.
     */
    public static Optional<String> tenant() {
        return configured().flatMap(ServiceToken::tenantOf);
    }

    static Optional<String> tenantOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return Optional.ofNullable(claims.path("tenant").textValue());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static TokenFile fileAt(Path path) {
        TokenFile current = file;
        if (current == null || !current.path().equals(path)) {
            synchronized (ServiceToken.class) {
                current = file;
                if (current == null || !current.path().equals(path)) {
                    current = new TokenFile(path);
                    file = current;
                }
            }
        }
        return current;
    }
}
