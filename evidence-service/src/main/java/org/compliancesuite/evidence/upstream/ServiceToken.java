package org.compliancesuite.evidence.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/** The bearer token of the service account, used only by scheduled jobs that have no caller. */
public final class ServiceToken {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceToken() {}

    public static Optional<String> configured() {
        return ConfigProvider.getConfig()
                .getOptionalValue("evidence.service-token", String.class)
                .filter(token -> !token.isBlank());
    }

    /**
     * The tenant the service token speaks for. The token is not verified here: it is this service's own configuration
     * and the called services verify it.
     */
    public static Optional<String> tenant() {
        return configured().flatMap(token -> {
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
        });
    }
}
