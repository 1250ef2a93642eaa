package org.compliancesuite.vault.access;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.compliancesuite.vault.audit.AccessEvent;
import org.compliancesuite.vault.audit.AuditLog;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audits the refusals that happen before an operation runs: no valid token (401) and a role that is not allowed
 * (403). Refusals that the operation itself decides are audited by it. Without a verified token there is no tenant,
 * so those records go to the {@code unauthenticated} chain.
 */
public class RefusalAudit {

    static final String UNAUTHENTICATED = "unauthenticated";

    @Inject
    AuditLog audit;

    @Inject
    CurrentVertxRequest vertxRequest;

    @Inject
    AccessContext context;

    @ServerResponseFilter
    public void refusals(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if ((status != 401 && status != 403) || context.audited()) {
            return;
        }
        String action = action(request.getMethod(), request.getUriInfo().getPath());
        if (action == null) {
            return;
        }
        // Filters may run on the I/O thread: the identity is read from the routing context, which never blocks.
        JsonWebToken jwt = vertxRequest.getCurrent().user() instanceof QuarkusHttpUser user
                        && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token
                ? token
                : null;
        boolean known = jwt != null;
        Object tenantClaim = known ? jwt.getClaim("tenant") : null;
        String tenant = tenantClaim == null ? UNAUTHENTICATED : tenantClaim.toString();
        Object client = known ? jwt.getClaim("azp") : null;
        // A refusal releases nothing, so it is queued without making the response wait for the commit.
        audit.recordAsync(new AccessEvent(
                tenant,
                known ? jwt.getSubject() : null,
                client == null ? null : client.toString(),
                action,
                PurposeOfUse.of(context.header(PhiGate.PURPOSE_HEADER))
                        .map(PurposeOfUse::value)
                        .orElse(null),
                null,
                null,
                null,
                context.sourceIp(),
                AccessEvent.DENIED,
                status == 401 ? "no valid token" : "role not allowed",
                null,
                null,
                false));
    }

    static String action(String method, String path) {
        if (path.startsWith("/api/v1/phi/subjects")) {
            return "shred";
        }
        if (path.startsWith("/api/v1/phi/")) {
            return path.substring("/api/v1/phi/".length());
        }
        if (path.startsWith("/api/v1/keys")) {
            return switch (method) {
                case "GET" -> "key-read";
                case "PUT" -> "key-configure";
                default -> "key-rotate";
            };
        }
        if (path.startsWith("/api/v1/signatures")) {
            return "sign";
        }
        return null;
    }
}
