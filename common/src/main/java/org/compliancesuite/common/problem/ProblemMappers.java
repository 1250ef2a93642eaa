package org.compliancesuite.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.compliancesuite.common.web.CorrelationId;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where a service turns failures into RFC 9457 bodies. Nothing thrown reaches a client in any other
 * shape, and no body carries a stack trace, a class name, SQL or secret material.
 */
public class ProblemMappers {

    /** SQLStates of a database that is shutting down, starting, or out of connections (class 08 is added). */
    private static final Set<String> DATABASE_UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");

    /** Character not in repertoire and unsupported Unicode escape: a NUL in text or in JSON. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    /** Unique violation: two requests raced to create the same record and the database kept the first. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = build(e.status(), e.title(), e.getMessage(), path(uri), null, e.errors());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldViolation> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldViolation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldViolation::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return build(422, "Unprocessable Content", detail, path(uri), null, errors)
                .build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = e.getPropertyName();
        return build(
                        400,
                        "Bad Request",
                        "unknown field '" + field + "'",
                        path(uri),
                        null,
                        List.of(new Problem.FieldViolation(field, "unknown field")))
                .build();
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String message;
        if (e.getValue() instanceof String text && text.indexOf('\0') >= 0) {
            message = "must not contain NUL characters";
        } else if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message = "must be one of "
                    + Arrays.stream(e.getTargetType().getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        } else {
            message = "has the wrong type";
        }
        return build(
                        422,
                        "Unprocessable Content",
                        field + ": " + message,
                        path(uri),
                        null,
                        List.of(new Problem.FieldViolation(field, message)))
                .build();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        return build(
                        400,
                        "Bad Request",
                        "malformed or mistyped JSON at " + field,
                        path(uri),
                        null,
                        List.of(new Problem.FieldViolation(field, "malformed or wrong type")))
                .build();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return build(400, "Bad Request", "the body is not valid JSON", path(uri), null, null)
                .build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorizedResponse(uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorizedResponse(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(403, "Forbidden", "the token's roles do not allow this operation", path(uri), null, null)
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverError(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "the requested media type is not available";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported media type";
            default -> title;
        };
        Response.ResponseBuilder builder = build(status, title, detail, path(uri), null, null);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Retry-After") || name.equalsIgnoreCase("Allow")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        SQLException sql = sqlCause(e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        boolean poolExhausted =
                sql != null && sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout");
        if (state.startsWith("08") || DATABASE_UNAVAILABLE.contains(state) || poolExhausted) {
            // connection refused or lost, server shutting down or not yet accepting: the request may be retried
            String correlationId = CorrelationId.current();
            Log.warnf("Database unavailable on %s (SQLState %s), correlation id %s", path(uri), state, correlationId);
            return build(
                            503,
                            "Service Unavailable",
                            "the database is unavailable; retry later",
                            path(uri),
                            correlationId,
                            null)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        if (UNSTORABLE_TEXT.contains(state)) {
            // a value PostgreSQL cannot hold (a NUL character); the transaction is rolled back, nothing is stored
            return build(
                            400,
                            "Bad Request",
                            "the request contains characters that cannot be stored",
                            path(uri),
                            null,
                            null)
                    .build();
        }
        if (UNIQUE_VIOLATION.equals(state)) {
            // the service checks for duplicates first; this is the loser of a race past that check
            return build(409, "Conflict", "a record with the same identity already exists", path(uri), null, null)
                    .build();
        }
        return serverError(e, uri);
    }

    /**
     * The first SQL exception among the causes, then among what they suppressed: a commit that fails is reported by
     * the transaction manager as a RollbackException whose driver error is only in a suppressed XAException's cause.
     */
    private static SQLException sqlCause(Throwable e) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(e);
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                return sql;
            }
            Throwable[] suppressed = t.getSuppressed();
            for (int i = suppressed.length - 1; i >= 0; i--) {
                pending.push(suppressed[i]);
            }
            if (t.getCause() != null) {
                pending.push(t.getCause()); // popped first: the cause chain is searched before anything suppressed
            }
        }
        return null;
    }

    private Response serverError(Throwable e, UriInfo uri) {
        String correlationId = CorrelationId.current();
        Log.errorf(e, "Unhandled failure on %s, correlation id %s", path(uri), correlationId);
        return build(
                        500,
                        "Internal Server Error",
                        "the request failed; quote the correlation id when reporting it",
                        path(uri),
                        correlationId,
                        null)
                .build();
    }

    private static Response unauthorizedResponse(UriInfo uri) {
        return build(401, "Unauthorized", "a valid bearer token is required", path(uri), null, null)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** Builds a problem response; used by resources that answer a problem without throwing. */
    public static Response.ResponseBuilder build(
            int status,
            String title,
            String detail,
            String instance,
            String correlationId,
            List<Problem.FieldViolation> errors) {
        Problem body = new Problem(
                "https://compliance-suite.dev/problems/" + status,
                title,
                status,
                detail,
                instance,
                correlationId,
                errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // The path starts with the method and parameter names ("create.request.title"); clients know the JSON name.
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(n -> n.getName())
                .toList();
        return nodes.size() > 2 ? String.join(".", nodes.subList(2, nodes.size())) : nodes.getLast();
    }

    private static String jsonPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        String joined = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return joined.isEmpty() ? "$" : joined;
    }
}
