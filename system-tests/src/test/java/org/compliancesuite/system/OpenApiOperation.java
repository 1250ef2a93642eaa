package org.compliancesuite.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One operation of a service's OpenAPI document, as the hostile-input run needs it. */
record OpenApiOperation(
        String method,
        String path,
        String operationId,
        List<Parameter> pathParams,
        List<Parameter> queryParams,
        List<Parameter> headerParams,
        Map<String, JsonNode> bodyByMediaType,
        boolean secured) {

    record Parameter(String name, boolean required, JsonNode schema) {}

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** Reads {@code /q/openapi?format=json} of a running service. */
    static Document load(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + "/q/openapi answered " + response.statusCode());
        }
        JsonNode root = new ObjectMapper().readTree(response.body());
        List<OpenApiOperation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    operations.add(of(root, method.toUpperCase(), path.getKey(), op, shared));
                }
            }
        }
        return new Document(root, operations);
    }

    private static OpenApiOperation of(JsonNode root, String method, String path, JsonNode op, List<JsonNode> shared) {
        List<Parameter> pathParams = new ArrayList<>();
        List<Parameter> queryParams = new ArrayList<>();
        List<Parameter> headerParams = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>(shared);
        op.path("parameters").forEach(all::add);
        for (JsonNode p : all) {
            p = Schemas.resolve(root, p);
            Parameter parameter =
                    new Parameter(p.path("name").asText(), p.path("required").asBoolean(false), p.path("schema"));
            switch (p.path("in").asText()) {
                case "path" -> pathParams.add(parameter);
                case "query" -> queryParams.add(parameter);
                case "header" -> headerParams.add(parameter);
                default -> {}
            }
        }
        Map<String, JsonNode> bodies = new java.util.LinkedHashMap<>();
        JsonNode content = Schemas.resolve(root, op.path("requestBody")).path("content");
        content.fields()
                .forEachRemaining(e -> bodies.put(e.getKey(), e.getValue().path("schema")));
        boolean secured = op.has("security") || root.has("security");
        return new OpenApiOperation(
                method,
                path,
                op.path("operationId").asText(method + " " + path),
                pathParams,
                queryParams,
                headerParams,
                bodies,
                secured);
    }

    record Document(JsonNode root, List<OpenApiOperation> operations) {}

    @Override
    public String toString() {
        return method + " " + path;
    }
}
