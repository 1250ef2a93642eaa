package org.compliancesuite.reporting.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Stands in for catalog-service ({@code /catalog}), evidence-service ({@code /evidence}) and vault-service
 * ({@code /vault}) in tests. It answers per tenant, read from the propagated bearer token, with the fixtures a test
 * set, and can fail, hang or drop the connection on demand. Every request is recorded.
 */
public final class UpstreamStub {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Map<String, Map<String, Function<Map<String, String>, Reply>>> ROUTES =
            new ConcurrentHashMap<>();
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    private UpstreamStub() {}

    /** What the stub answers. */
    public record Reply(int status, Object body, long delayMillis, boolean drop) {
        public static Reply json(Object body) {
            return new Reply(200, body, 0, false);
        }
    }

    /** One request the stub received. */
    public record Call(String tenant, String path, Map<String, String> query, String authorization) {}

    static synchronized int start() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", UpstreamStub::handle);
            server.start();
        }
        return server.getAddress().getPort();
    }

    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Answers {@code path} (e.g. {@code /catalog/api/v1/frameworks}) for the tenant. */
    public static void on(String tenant, String path, Function<Map<String, String>, Reply> responder) {
        ROUTES.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(path, responder);
    }

    public static void json(String tenant, String path, Object body) {
        on(tenant, path, q -> Reply.json(body));
    }

    public static void fail(String tenant, String path, int status) {
        on(tenant, path, q -> new Reply(status, Map.of("status", status, "title", "failure"), 0, false));
    }

    public static void hang(String tenant, String path) {
        on(tenant, path, q -> new Reply(200, List.of(), 5_000, false));
    }

    public static void drop(String tenant, String path) {
        on(tenant, path, q -> new Reply(0, null, 0, true));
    }

    public static List<Call> calls(String tenant) {
        return CALLS.stream().filter(c -> tenant.equals(c.tenant())).toList();
    }

    public static long callsTo(String tenant, String path) {
        return calls(tenant).stream().filter(c -> c.path().equals(path)).count();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String tenant = tenantOf(authorization);
            CALLS.add(new Call(tenant, path, query, authorization));

            Function<Map<String, String>, Reply> responder = tenant == null
                    ? null
                    : ROUTES.getOrDefault(tenant, Map.of()).get(path);
            Reply reply = responder == null ? new Reply(404, Map.of("status", 404), 0, false) : responder.apply(query);
            if (reply.drop()) {
                return;
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            byte[] body = JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (timeout test); nothing to answer.
        }
    }

    private static String tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            String payload = authorization.substring(7).split("\\.")[1];
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            return claims.path("tenant").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
