package org.compliancesuite.vault.access;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.vault.audit.AccessEvent;
import org.compliancesuite.vault.audit.AuditLog;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audits the refusals that happen before an operation runs: no valid token (401), a role that is not allowed (403),
 * and, for a caller with a valid token, a body that cannot be read or fails validation (unknown field, malformed JSON,
 * Bean Validation), and a failure the operation could not record itself (its audit records could not be committed, an
 * unexpected error), as failed. Refusals that the operation itself decides are audited by it. Without a verified token
 * there is no tenant, so those records go to the {@code unauthenticated} chain.
 */
public class RefusalAudit {

    static final String UNAUTHENTICATED = "unauthenticated";

    @Inject
    AuditLog audit;

    @Inject
    CurrentVertxRequest vertxRequest;

    @Inject
    AccessContext context;

    private static final Set<String> PHI_ACTIONS = Set.of("encrypt", "decrypt", "rewrap", "blind-index");

    @ServerResponseFilter
    public void refusals(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || context.audited()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String action = action(request.getMethod(), path);
        if (action == null) {
            return;
        }
        // Filters may run on the I/O thread: the identity is read from the routing context, which never blocks.
        JsonWebToken jwt = vertxRequest.getCurrent().user() instanceof QuarkusHttpUser user
                        && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token
                ? token
                : null;
        boolean known = jwt != null;
        if (!known && status != 401 && status != 403) {
            return;
        }
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
                status == 401 || status == 403
                        ? AccessEvent.DENIED
                        : status >= 500 ? AccessEvent.FAILED : AccessEvent.REJECTED,
                reason(status, response.getEntity()),
                keyName(path),
                null,
                false));
    }

    /**
     * Why the request was refused, without echoing what the client sent: an unknown field's name or a malformed value
     * may itself be PHI. Validation failures name the fields of the service's own request shape.
     */
    static String reason(int status, Object entity) {
        return switch (status) {
            case 401 -> "no valid token";
            case 403 -> "role not allowed";
            case 400 -> "malformed request";
            case 413 -> "request too large";
            case 415 -> "unsupported media type";
            case 503 -> "service unavailable";
            case 422 ->
                entity instanceof Problem problem && problem.errors() != null
                        ? "invalid request: "
                                + problem.errors().stream()
                                        .map(Problem.FieldViolation::field)
                                        .distinct()
                                        .collect(Collectors.joining(", "))
                        : "invalid request";
            default -> status >= 500 ? "server error" : "refused with status " + status;
        };
    }

    /** The logical key a key operation names, cut to a storable length. */
    private static String keyName(String path) {
        if (!path.startsWith("/api/v1/keys/")) {
            return null;
        }
        String rest = path.substring("/api/v1/keys/".length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    static String action(String method, String path) {
        if (path.startsWith("/api/v1/phi/subjects")) {
            return "shred";
        }
        if (path.startsWith("/api/v1/phi/")) {
            String operation = path.substring("/api/v1/phi/".length());
            return PHI_ACTIONS.contains(operation) ? operation : null;
        }
        if (path.startsWith("/api/v1/keys")) {
            return switch (method) {
                case "GET" -> "key-read";
                case "PUT" -> "key-configure";
                default -> "key-rotate";
            };
        }
        if (method.equals("GET") && path.startsWith("/api/v1/signatures/checkpoints")) {
            return "checkpoint-witness-read";
        }
        if (path.startsWith("/api/v1/signatures")) {
            return "sign";
        }
        return null;
    }
}
