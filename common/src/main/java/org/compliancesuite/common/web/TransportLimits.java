package org.compliancesuite.common.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers the two limits the HTTP layer enforces before any resource runs (a request line too long, a declared body
 * too large) as problem+json like every other refusal. The transport's own limits stay as a backstop above these:
 * its initial-line limit is configured higher than {@link #MAX_URI_LENGTH}, and a body sent without a length is still
 * cut by the transport at the same body size.
 */
@Singleton
public class TransportLimits {

    /**
     * Longest request URI answered normally; the transport accepts up to
     * {@code quarkus.http.limits.max-initial-line-length}.
     */
    public static final int MAX_URI_LENGTH = 8192;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (context.request().uri().length() > MAX_URI_LENGTH) {
            refuse(context, 414, "URI Too Long", "the request URI is longer than " + MAX_URI_LENGTH + " characters");
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBodySize.asLongValue()) {
            refuse(
                    context,
                    413,
                    "Content Too Large",
                    "the request body is larger than " + maxBodySize.asLongValue() + " bytes");
            return;
        }
        context.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        String offered = context.request().getHeader(CorrelationId.HEADER);
        String correlationId = offered != null && offered.matches("[A-Za-z0-9._-]{8,64}")
                ? offered
                : UUID.randomUUID().toString();
        String path = context.request().path();
        String body = "{\"type\":\"https://compliance-suite.dev/problems/" + status + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\""
                + (path != null && path.length() <= MAX_URI_LENGTH && path.matches("[A-Za-z0-9/._~%-]*")
                        ? ",\"instance\":\"" + path + "\""
                        : "")
                + "}";
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(CorrelationId.HEADER, correlationId)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
