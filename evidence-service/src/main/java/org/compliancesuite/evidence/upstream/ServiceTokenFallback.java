package org.compliancesuite.evidence.upstream;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Calls made by a scheduled job carry no caller token; they use the service account's token from {@code
 * SERVICE_TOKEN}. A call made during a request keeps the caller's token set by {@code TokenPropagation}.
 */
public class ServiceTokenFallback implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        ServiceToken.configured()
                .ifPresent(token -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
