package org.compliancesuite.common.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.compliancesuite.common.web.CorrelationId;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Sends the caller's own bearer token on calls to another service of the suite, so that the callee applies the same
 * roles and tenant as the original request. Register it on a REST client with {@code @RegisterClientHeaders}.
 */
public class TokenPropagation implements ClientHeadersFactory {

    @Inject
    Caller caller;

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String token = caller.rawToken();
        if (token != null) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.putSingle(CorrelationId.HEADER, CorrelationId.current());
        return headers;
    }
}
