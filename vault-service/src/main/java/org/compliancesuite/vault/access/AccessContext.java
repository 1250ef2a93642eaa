package org.compliancesuite.vault.access;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.vault.audit.AccessEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who is asking and from where, as the audit record needs it; one per request. */
@RequestScoped
public class AccessContext {

    @Inject
    Caller caller;

    @Inject
    HttpServerRequest request;

    @Inject
    TrustedProxies proxies;

    private boolean audited;

    /** The base event of an operation by the caller; the outcome and item fields are added by the operation. */
    public AccessEvent event(String action) {
        return new AccessEvent(
                caller.tenant(),
                caller.subject(),
                caller.client(),
                action,
                null,
                null,
                null,
                null,
                sourceIp(),
                AccessEvent.ALLOWED,
                null,
                null,
                null,
                false);
    }

    /**
     * The client's address: the peer, or what trusted proxies say in X-Forwarded-For. Every header line counts, in
     * order: a proxy that adds its own line after a line the client forged must still be read from its own line.
     */
    public String sourceIp() {
        String peer =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return proxies.clientAddress(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** The key of the caller's rate limit bucket: the OAuth client, or the subject when the token names none. */
    public String rateLimitClient() {
        String client = caller.client();
        return client != null ? client : caller.subject();
    }

    public String header(String name) {
        return request.getHeader(name);
    }

    /** Marks that the operation wrote its own record, so the refusal filter does not write a second one. */
    public void markAudited() {
        audited = true;
    }

    public boolean audited() {
        return audited;
    }

    @Singleton
    static class Proxies {
        @ConfigProperty(name = "vault.trusted-proxies")
        Optional<List<String>> trusted;

        @Produces
        @Singleton
        TrustedProxies trustedProxies() {
            return new TrustedProxies(trusted.orElse(List.of()));
        }
    }
}
