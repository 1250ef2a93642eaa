package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json is strict: every object closes its keys and every leaf has a type. Checked here with a second,
 * independent validator (networknt) besides Helm's own, over every values file the repository ships.
 */
class SchemaTest {

    private static final Path SCHEMA = Renderings.chartDir().resolve("values.schema.json");

    @Test
    void everyObjectOfTheSchemaRefusesUnknownKeysAndEveryLeafHasAType() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        List<String> problems = new ArrayList<>();

        walk("#", schema, problems);

        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaIsAValidDraft7Schema() throws IOException {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(URI.create("http://json-schema.org/draft-07/schema#"));

        assertThat(metaSchema.validate(new ObjectMapper().readTree(SCHEMA.toFile())))
                .isEmpty();
    }

    static Stream<Path> validValues() throws IOException {
        try (Stream<Path> chartValues = Files.list(Renderings.kustomizeDir().resolve("chart-values"))) {
            return Stream.concat(
                    Stream.of(Renderings.chartDir().resolve("values.yaml"), Renderings.testValues("production.yaml")),
                    chartValues.sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("validValues")
    void everyShippedValuesFileIsValid(Path values) throws IOException {
        assertThat(schema().validate(withDefaults(values)))
                .as(values.toString())
                .isEmpty();
    }

    static Stream<Path> invalidValues() throws IOException {
        try (Stream<Path> files = Files.list(Renderings.deployDir().resolve("src/test/resources/invalid-values"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void everyInvalidValuesFileIsRefused(Path values) throws IOException {
        assertThat(schema().validate(withDefaults(values)))
                .as(values.toString())
                .isNotEmpty();
    }

    /** The values Helm validates: the chart's values.yaml with the file's values merged over it. */
    private static JsonNode withDefaults(Path values) throws IOException {
        ObjectNode merged = (ObjectNode) Renderings.YAML.readTree(
                Renderings.chartDir().resolve("values.yaml").toFile());
        ChartTest.merge(merged, Renderings.YAML.readTree(values.toFile()));
        return merged;
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
    }

    private static void walk(String path, JsonNode node, List<String> problems) {
        if (node.has("$ref")) {
            return;
        }
        String type = node.path("type").asText("");
        if (type.isEmpty()) {
            problems.add(path + " has no type");
        }
        if (type.equals("object")) {
            JsonNode additional = node.get("additionalProperties");
            boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean();
            boolean typedMap = additional != null && additional.isObject() && additional.has("type");
            if (!closed && !typedMap) {
                problems.add(path + " accepts unknown keys");
            }
            if (typedMap) {
                walk(path + "/additionalProperties", additional, problems);
            }
        }
        if (type.equals("array")) {
            walk(path + "/items", node.path("items"), problems);
        }
        for (String container : List.of("properties", "definitions")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path(container).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> child = it.next();
                walk(path + "/" + container + "/" + child.getKey(), child.getValue(), problems);
            }
        }
    }
}
