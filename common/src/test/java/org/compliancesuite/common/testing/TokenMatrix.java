package org.compliancesuite.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import java.util.function.Function;

/**
 * The refusals every protected resource must give: no token, expired, wrong issuer, wrong audience, tampered
 * signature, {@code alg: none} and a key the service does not trust all answer 401; a wrong role 403. Each as
 * problem+json. The other-tenant case (404) depends on a record and stays in each service's own test.
 */
public final class TokenMatrix {

    private TokenMatrix() {}

    /**
     * @param request turns a token (or null for none) into the request to send, body and all
     * @param method the HTTP method
     * @param path the protected path
     * @param tenant the tenant of the tokens
     * @param allowedRole a role that is allowed
     * @param deniedRole a role that is refused
     */
    public static void assertRefusals(
            Function<String, RequestSpecification> request,
            String method,
            String path,
            String tenant,
            String allowedRole,
            String deniedRole) {
        expect401(request.apply(null), method, path);
        expect401(
                request.apply(TestTokens.builder(tenant, allowedRole).expired().sign()), method, path);
        expect401(
                request.apply(TestTokens.builder(tenant, allowedRole)
                        .claim("iss", "https://evil.example")
                        .sign()),
                method,
                path);
        expect401(
                request.apply(TestTokens.builder(tenant, allowedRole)
                        .claim("aud", "another-audience")
                        .sign()),
                method,
                path);
        expect401(request.apply(TestTokens.builder(tenant, allowedRole).tampered()), method, path);
        expect401(request.apply(TestTokens.builder(tenant, allowedRole).unsigned()), method, path);
        expect401(
                request.apply(
                        TestTokens.builder(tenant, allowedRole).untrustedKey().sign()),
                method,
                path);

        request.apply(TestTokens.token(tenant, deniedRole))
                .when()
                .request(method, path)
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    /** A spec with a bearer token, or none. */
    public static RequestSpecification bearer(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.auth().oauth2(token);
    }

    private static void expect401(RequestSpecification spec, String method, String path) {
        spec.when()
                .request(method, path)
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
    }
}
