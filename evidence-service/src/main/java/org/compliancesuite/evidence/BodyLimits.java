package org.compliancesuite.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.web.CorrelationId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP body limit ({@code quarkus.http.limits.max-body-size}) is global and sized for file uploads, which are
 * streamed to storage. Every other body (JSON, and the CSV exports of the monitors) is read into memory, so it gets the
 * smaller {@code EVIDENCE_MAX_JSON_SIZE}: refused with 413 before it is read when its Content-Length says so, and cut
 * with 413 as soon as more arrives when it is sent without a length (chunked).
 */
@Singleton
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class BodyLimits implements ReaderInterceptor {

    private static final String UPLOAD = BodyLimits.class.getName() + ".upload";

    /** How much of a refused upload's body is read and dropped before its connection is closed. */
    static final long DRAIN_BYTES = 1024 * 1024;

    static final long DRAIN_MILLIS = 2000;

    @ConfigProperty(name = "evidence.max-json-size")
    MemorySize maxJsonSize;

    @Inject
    ObjectMapper json;

    @Inject
    RoutingContext routing;

    void install(@Observes Router router) {
        // after the suite's transport limits, before any body is read
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    /** The two routes that stream a file: multipart and raw uploads of evidence. */
    static boolean isUpload(HttpMethod method, String path, String contentType) {
        if (method != HttpMethod.POST || path == null) {
            return false;
        }
        String normalised = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return normalised.equals("/api/v1/evidence/upload")
                || (normalised.equals("/api/v1/evidence")
                        && contentType != null
                        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data"));
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean upload =
                isUpload(request.method(), context.normalizedPath(), request.getHeader(HttpHeaders.CONTENT_TYPE));
        context.put(UPLOAD, upload);
        if (upload) {
            // An upload refused before its body is read (401, 415, 422...) must not go on receiving it: the rest of a
            // large body would still arrive and, with nobody reading it, pile up in memory until the service runs out
            // of heap. After the refusal the connection is closed (HTTP/1.1) or the stream reset (HTTP/2, where a
            // Connection header is not allowed). On HTTP/1.1 what the client already sent is read and dropped first,
            // within bounds: a connection closed with unread bytes is reset, and the reset can destroy the answer
            // before the client reads it (a refused small upload then looked like a server that never answered).
            boolean http1 = request.version() != HttpVersion.HTTP_2;
            context.addHeadersEndHandler(ignored -> {
                if (http1 && context.response().getStatusCode() >= 400 && !request.isEnded()) {
                    context.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
            });
            context.addBodyEndHandler(ignored -> {
                if (context.response().getStatusCode() >= 400 && !request.isEnded()) {
                    if (http1) {
                        drainThenClose(context.vertx(), request);
                    } else {
                        context.response().reset(0); // NO_ERROR: the answer is complete, stop sending the body
                    }
                }
            });
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (!upload && length != null && declared(length) > maxJsonSize.asLongValue()) {
            refuse(context);
            return;
        }
        context.next();
    }

    /**
     * Reads a body sent without a length up to the limit before the reader sees it: a reader that failed half-way
     * (Jackson) would report the cut as malformed JSON, and the body is held in memory by the readers anyway.
     */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!Boolean.TRUE.equals(routing.get(UPLOAD))) {
            int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxJsonSize.asLongValue());
            byte[] body = context.getInputStream().readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ProblemException(413, "Content Too Large", detail());
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }

    /**
     * A lingering close: reads and discards what the client is still sending, at most {@link #DRAIN_BYTES} bytes for
     * at most {@link #DRAIN_MILLIS} ms, then closes. Nothing read here is kept, so memory does not grow with the body.
     */
    private static void drainThenClose(Vertx vertx, HttpServerRequest request) {
        HttpConnection connection = request.connection();
        long timer = vertx.setTimer(DRAIN_MILLIS, id -> connection.close());
        Runnable close = () -> {
            vertx.cancelTimer(timer);
            connection.close();
        };
        long[] drained = {0};
        try {
            request.handler(buffer -> {
                drained[0] += buffer.length();
                if (drained[0] > DRAIN_BYTES) {
                    close.run();
                }
            });
            request.exceptionHandler(failure -> close.run());
            request.endHandler(ended -> close.run());
            request.resume();
        } catch (IllegalStateException alreadyEnded) {
            close.run();
        }
    }

    private static long declared(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String detail() {
        return "a request body other than a file upload may have at most " + maxJsonSize.asLongValue() + " bytes";
    }

    private void refuse(RoutingContext context) {
        String body;
        try {
            body = json.writeValueAsString(new Problem(
                    "https://compliance-suite.dev/problems/413", "Content Too Large", 413, detail(), null, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String offered = context.request().getHeader(CorrelationId.HEADER);
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(
                        CorrelationId.HEADER,
                        offered != null && offered.matches("[A-Za-z0-9._-]{8,64}")
                                ? offered
                                : UUID.randomUUID().toString())
                // the body is not read: the connection cannot carry another request after it
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
