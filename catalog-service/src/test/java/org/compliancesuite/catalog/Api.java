package org.compliancesuite.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;

/** Shortcuts for the tests: requests as a tenant with a role, fresh tenants, and reads of what was persisted. */
public final class Api {

    private Api() {}

    /** A tenant no other test uses, so tests do not see each other's data. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String tenant, String role) {
        return TokenMatrix.bearer(TestTokens.token(tenant, role)).contentType(ContentType.JSON);
    }

    /** Reads persisted state in its own transaction. */
    public static <T> T db(Callable<T> read) {
        return QuarkusTransaction.requiringNew().call(read);
    }
}
