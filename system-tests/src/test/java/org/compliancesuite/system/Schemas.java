package org.compliancesuite.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds a plausible value for an OpenAPI schema, the starting point every hostile mutation departs from. */
final class Schemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Schemas() {}

    /** Follows {@code $ref} (and a single-element allOf/anyOf/oneOf) to the schema it names. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        for (int depth = 0; depth < 20 && node != null; depth++) {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                JsonNode target = root;
                for (String part : ref.substring(2).split("/")) {
                    target = target.path(part.replace("~1", "/").replace("~0", "~"));
                }
                node = target;
            } else if (!node.has("properties") && !node.has("type")) {
                JsonNode composed = first(node, "allOf", "oneOf", "anyOf");
                if (composed == null) {
                    return node;
                }
                node = composed;
            } else {
                return node;
            }
        }
        return node;
    }

    private static JsonNode first(JsonNode node, String... keys) {
        for (String key : keys) {
            JsonNode list = node.get(key);
            if (list != null && list.isArray() && !list.isEmpty()) {
                return list.get(0);
            }
        }
        return null;
    }

    static String type(JsonNode root, JsonNode schema) {
        JsonNode s = resolve(root, schema);
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return s.has("properties") ? "object" : "string";
    }

    static List<String> required(JsonNode root, JsonNode schema) {
        List<String> names = new ArrayList<>();
        resolve(root, schema).path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** A value that fits the schema: enum's first value, formats honoured, every property filled. */
    static JsonNode sample(JsonNode root, JsonNode schema, int depth) {
        JsonNode s = resolve(root, schema);
        if (s.has("enum") && !s.get("enum").isEmpty()) {
            return s.get("enum").get(0);
        }
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.has("default") && !s.get("default").isNull()) {
            return s.get("default");
        }
        return switch (type(root, s)) {
            case "object" -> {
                ObjectNode object = JSON.objectNode();
                if (depth < 6) {
                    s.path("properties")
                            .fields()
                            .forEachRemaining(p -> object.set(p.getKey(), sample(root, p.getValue(), depth + 1)));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = JSON.arrayNode();
                if (depth < 6) {
                    array.add(sample(root, s.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> JSON.numberNode(Math.max(1, s.path("minimum").asLong(1)));
            case "number" -> JSON.numberNode(Math.max(1.0, s.path("minimum").asDouble(1.0)));
            case "boolean" -> JSON.booleanNode(true);
            default -> JSON.textNode(sampleString(s));
        };
    }

    private static String sampleString(JsonNode s) {
        return switch (s.path("format").asText()) {
            case "date" -> "2026-06-01";
            case "date-time" -> "2026-06-01T10:00:00Z";
            case "uuid" -> "00000000-0000-4000-8000-000000000001";
            case "byte" -> "aGVsbG8=";
            case "uri" -> "https://example.org/x";
            default -> {
                int min = s.path("minLength").asInt(1);
                yield "sample" + "x".repeat(Math.max(0, min - 6));
            }
        };
    }
}
