package org.compliancesuite.common.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, taken from the verified token only. The tenant never comes from a URL or a body: a token without a
 * {@code tenant} claim is refused.
 */
@RequestScoped
public class Caller {

    public static final String TENANT_CLAIM = "tenant";
    /** The OAuth client the token was issued to, when the provider says so. */
    private static final String[] CLIENT_CLAIMS = {"azp", "client_id"};

    @Inject
    JsonWebToken jwt;

    /** The tenant the token speaks for. */
    public String tenant() {
        String tenant = jwt.getClaim(TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(403, "Forbidden", "the token carries no tenant claim");
        }
        return tenant;
    }

    /** The person or service account behind the token ({@code sub}, or {@code upn} when there is no subject). */
    public String subject() {
        String subject = jwt.getSubject();
        return subject != null ? subject : jwt.getName();
    }

    /** The client application, or null when the token does not name one. */
    public String client() {
        for (String claim : CLIENT_CLAIMS) {
            Object value = jwt.getClaim(claim);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    public Set<String> roles() {
        return jwt.getGroups();
    }

    public boolean hasRole(String role) {
        return jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    /** The raw token, for calls to another service of the suite on the caller's behalf. */
    public String rawToken() {
        return jwt.getRawToken();
    }
}
