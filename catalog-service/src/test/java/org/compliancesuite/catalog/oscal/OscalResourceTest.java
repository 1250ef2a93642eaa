package org.compliancesuite.catalog.oscal;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class OscalResourceTest {

    /** The SHA-256 of the official OSCAL 1.1.2 catalog schema (shared/oscal/1.1.2/oscal_catalog_schema.json). */
    static final String OFFICIAL_SHA256 = "5b069afa4f4ecc38d59914dab56098566d4247d3578a2123c030c80d36fc5104";

    /**
     * The official schema: the copy beside the repository (shared/ next to the clone) when there is one, otherwise the
     * copy the service ships, which must then have the official file's SHA-256; so a clone without shared/ still
     * validates against exactly the official schema.
     */
    private static final Path OFFICIAL_SCHEMA =
            Files.exists(Path.of("../../shared/oscal/1.1.2/oscal_catalog_schema.json"))
                    ? Path.of("../../shared/oscal/1.1.2/oscal_catalog_schema.json")
                    : Path.of("src/main/resources", OscalSchema.RESOURCE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema official;

    @BeforeAll
    static void loadOfficialSchema() throws IOException, NoSuchAlgorithmException {
        assertThat(
                OFFICIAL_SCHEMA + " is the official schema",
                HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(OFFICIAL_SCHEMA))),
                equalTo(OFFICIAL_SHA256));
        try (InputStream in = Files.newInputStream(OFFICIAL_SCHEMA)) {
            official = OscalSchema.compile(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iso27001-2022", "pci-dss-4.0.1", "hipaa-security", "hipaa-breach", "soc2-2017"})
    void exportOfEveryBuiltInFrameworkValidatesAgainstTheOfficialSchema(String framework) throws IOException {
        JsonNode document = export("acme", framework);

        Set<ValidationMessage> errors = official.validate(document);
        assertThat(errors.toString(), errors, empty());
        List<String> labels = new ArrayList<>();
        collectControlLabels(document.get("catalog"), labels);
        long assessable = Api.db(() -> Requirement.count("frameworkId = ?1 and assessable = true", framework));
        // Every assessable requirement is an OSCAL control, with its exact code as the label.
        assertThat((long) labels.size() >= assessable, is(true));
        assertThat(document.at("/catalog/metadata/oscal-version").asText(), is("1.1.2"));
    }

    @Test
    void exportKeepsExactCodesAsLabels() throws IOException {
        List<String> hipaa = new ArrayList<>();
        collectControlLabels(export("acme", "hipaa-security").get("catalog"), hipaa);
        assertThat(hipaa, hasItem("164.312(a)(2)(iv)"));
        List<String> iso = new ArrayList<>();
        collectControlLabels(export("acme", "iso27001-2022").get("catalog"), iso);
        assertThat(iso.stream().filter(l -> l.startsWith("A.")).count(), is(93L));
    }

    @Test
    void importsACatalogAndExportsItBackWithoutLosingControls() throws IOException {
        String tenant = Api.newTenant();
        ObjectNode source = OscalCatalogs.catalog("Round trip catalog", 3, 4, 2);

        String id = as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(source))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/frameworks/"))
                .body("groups", equalTo(3))
                .body("controls", equalTo(18))
                .extract()
                .path("id");

        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id + "/requirements/AA-2(1)")
                .then()
                .statusCode(200)
                .body("kind", equalTo("enhancement"))
                .body("parentCode", equalTo("AA-2"));
        JsonNode exported = export(tenant, id);
        assertThat(official.validate(exported), empty());
        assertThat(controlIds(exported.get("catalog")), equalTo(controlIds(source.get("catalog"))));
        assertThat(exported.at("/catalog/uuid"), equalTo(source.at("/catalog/uuid")));
        assertThat(exported.at("/catalog/metadata"), equalTo(source.at("/catalog/metadata")));
        assertThat(exported.at("/catalog/back-matter"), equalTo(source.at("/catalog/back-matter")));
        // Groups, nested enhancements, params, props, links and parts come back as they went in.
        assertThat(exported.at("/catalog/groups/0"), equalTo(source.at("/catalog/groups/0")));

        as(Api.newTenant(), "grc-admin")
                .when()
                .get("/api/v1/frameworks/" + id + "/oscal")
                .then()
                .statusCode(404);
    }

    @Test
    void importsAThreeHundredControlCatalog() throws IOException {
        String tenant = Api.newTenant();
        // 20 families x (10 controls + 5 enhancements) = 300 controls, shaped like a NIST SP 800-53 baseline.
        ObjectNode source = OscalCatalogs.catalog("SP 800-53 shaped baseline", 20, 10, 2);

        String id = as(tenant, "compliance-manager")
                .body(JSON.writeValueAsString(source))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201)
                .body("controls", equalTo(300))
                .body("groups", equalTo(20))
                .extract()
                .path("id");

        assertThat(Api.db(() -> Requirement.count("frameworkId = ?1 and kind <> 'group'", id)), is(300L));
        assertThat(controlIds(export(tenant, id).get("catalog")).size(), is(300));
    }

    @Test
    void refusesADocumentThatFailsTheSchemaWithPaths() throws IOException {
        String tenant = Api.newTenant();
        ObjectNode source = OscalCatalogs.catalog("Broken", 1, 2, 0);
        ((ObjectNode) source.at("/catalog/metadata")).remove("version");
        ((ObjectNode) source.at("/catalog/groups/0/controls/1")).put("id", "1 not a token");

        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(source))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("$.catalog.metadata"))
                .body("errors.field", hasItem("$.catalog.groups[0].controls[1].id"));
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(0L));
    }

    @Test
    void refusesDuplicatesOversizedAndMalformedBodies() throws IOException {
        String tenant = Api.newTenant();
        ObjectNode duplicate = OscalCatalogs.catalog("Duplicates", 1, 2, 0);
        ((ObjectNode) duplicate.at("/catalog/groups/0/controls/1")).put("id", "aa-1");
        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(duplicate))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(409);

        ObjectNode valid = OscalCatalogs.catalog("Twice", 1, 2, 0);
        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(valid))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201);
        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(valid))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(409);
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(1L));

        ObjectNode huge = OscalCatalogs.catalog("Huge", 1, 1, 0);
        ((ObjectNode) huge.at("/catalog/metadata")).put("remarks", "x".repeat(3_100_000));
        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(huge))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(413)
                .body("status", equalTo(413));

        as(tenant, "grc-admin")
                .body("{\"catalog\": ")
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(400);
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(1L));
    }

    @Test
    void refusesBadTokens() throws IOException {
        String body = JSON.writeValueAsString(OscalCatalogs.catalog("Matrix", 1, 1, 0));
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(body),
                "POST",
                "/api/v1/frameworks/oscal",
                "acme",
                "grc-admin",
                "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/frameworks/soc2-2017/oscal", "acme", "auditor", "phi-reader");
        as("acme", "auditor").when().get("/api/v1/frameworks").then().body("name", not(hasItem("Matrix")));
    }

    @Test
    void theSchemaTheServiceShipsIsTheOfficialOne() throws IOException {
        byte[] shipped;
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream(OscalSchema.RESOURCE)) {
            shipped = in.readAllBytes();
        }
        assertThat(Arrays.equals(shipped, Files.readAllBytes(OFFICIAL_SCHEMA)), is(true));
    }

    @Test
    void importsNestedGroupsCatalogParamsGroupsWithoutIdAndTwoLevelsOfEnhancements() throws IOException {
        String tenant = Api.newTenant();
        ObjectNode source = OscalCatalogs.nested("Nested catalog");
        assertThat(official.validate(source), empty());

        String id = as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(source))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201)
                .body("groups", equalTo(3))
                .body("controls", equalTo(5))
                .extract()
                .path("id");

        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id + "/requirements/tree")
                .then()
                .statusCode(200)
                .body("code", contains("ac", "group-1"))
                .body("find { it.code == 'ac' }.children.code", containsInAnyOrder("AC-1", "ac-ops"))
                .body("find { it.code == 'ac' }.children.find { it.code == 'ac-ops' }.kind", equalTo("group"))
                .body("find { it.code == 'group-1' }.children.code", contains("AP-1"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id + "/requirements/AC-2(1)(a)")
                .then()
                .statusCode(200)
                .body("kind", equalTo("enhancement"))
                .body("parentCode", equalTo("AC-2(1)"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id + "/requirements/AC-2(1)")
                .then()
                .statusCode(200)
                .body("parentCode", equalTo("AC-2"));

        JsonNode exported = export(tenant, id);
        assertThat(official.validate(exported).toString(), official.validate(exported), empty());
        assertThat(exported.at("/catalog/params"), equalTo(source.at("/catalog/params")));
        // Nested groups, the group without id and the two-level enhancements come back as they went in.
        assertThat(exported.at("/catalog/groups"), equalTo(source.at("/catalog/groups")));
        assertThat(exported.at("/catalog/groups/1").has("id"), is(false));
    }

    @Test
    void exportOfAHandMadeFrameworkValidatesAndItsDesignationsComeBackOnImport() throws IOException {
        String tenant = Api.newTenant();
        String id = as(tenant, "grc-admin")
                .body(Map.of(
                        "name",
                        "Hand-made\nbaseline",
                        "version",
                        "2026 rev 1",
                        "description",
                        "Written in the API, not imported.",
                        "requirements",
                        List.of(
                                Map.of("code", "1", "title", "Section one", "kind", "section"),
                                Map.of(
                                        "code",
                                        "1.1",
                                        "title",
                                        "Two\nlines",
                                        "parentCode",
                                        "1",
                                        "kind",
                                        "control objective"),
                                Map.of(
                                        "code",
                                        "1.1(a)",
                                        "title",
                                        "Addressable detail",
                                        "parentCode",
                                        "1.1",
                                        "implementation",
                                        "addressable"),
                                Map.of(
                                        "code",
                                        "Ä-2",
                                        "title",
                                        "Top-level control",
                                        "description",
                                        "Statement of the control.",
                                        "category",
                                        "security",
                                        "implementation",
                                        "required"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        JsonNode exported = export(tenant, id);
        assertThat(official.validate(exported).toString(), official.validate(exported), empty());
        List<JsonNode> designations = exported.findValues("props").stream()
                .flatMap(props -> java.util.stream.StreamSupport.stream(props.spliterator(), false))
                .filter(prop -> OscalExporter.SUITE_NS.equals(prop.path("ns").asText()))
                .toList();
        assertThat(
                designations.stream()
                        .filter(p -> p.path("name").asText().equals("implementation"))
                        .map(p -> p.path("value").asText())
                        .toList(),
                containsInAnyOrder("addressable", "required"));

        String copy = as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(exported))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + copy + "/requirements/1.1(a)")
                .then()
                .statusCode(200)
                .body("implementation", equalTo("addressable"))
                .body("required", equalTo(false))
                .body("parentCode", equalTo("1.1"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + copy + "/requirements/Ä-2")
                .then()
                .statusCode(200)
                .body("implementation", equalTo("required"))
                .body("category", equalTo("security"));
    }

    @Test
    void builtInHipaaExportImportsBackWithRequiredAndAddressable() throws IOException {
        String tenant = Api.newTenant();
        JsonNode exported = export(tenant, "hipaa-security");
        String copy = as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(exported))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + copy + "/requirements/164.312(a)(2)(iv)")
                .then()
                .statusCode(200)
                .body("implementation", equalTo("addressable"))
                .body("required", equalTo(false));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + copy + "/requirements/164.312(a)(2)(i)")
                .then()
                .statusCode(200)
                .body("implementation", equalTo("required"))
                .body("required", equalTo(true));
        assertThat(
                Api.db(() -> Requirement.count("frameworkId = ?1 and implementation = 'addressable'", copy)), is(22L));
    }

    @Test
    void aNewVersionOfAnImportedCatalogExportsItsOwnUuidAndVersion() throws IOException {
        String tenant = Api.newTenant();
        ObjectNode source = OscalCatalogs.catalog("Versioned catalog", 2, 2, 0);
        String v1 = as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(source))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String v2 = as(tenant, "grc-admin")
                .body(Map.of("version", "6.0"))
                .post("/api/v1/frameworks/" + v1 + "/versions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        JsonNode first = export(tenant, v1);
        JsonNode second = export(tenant, v2);
        assertThat(official.validate(second), empty());
        assertThat(first.at("/catalog/uuid"), equalTo(source.at("/catalog/uuid")));
        assertThat(
                second.at("/catalog/uuid").asText(),
                not(equalTo(source.at("/catalog/uuid").asText())));
        assertThat(first.at("/catalog/metadata/version").asText(), is("5.1.1"));
        assertThat(second.at("/catalog/metadata/version").asText(), is("6.0"));
        assertThat(
                second.at("/catalog/metadata/last-modified").asText(),
                not(equalTo(source.at("/catalog/metadata/last-modified").asText())));
        assertThat(second.at("/catalog/metadata/title"), equalTo(source.at("/catalog/metadata/title")));
        assertThat(second.at("/catalog/groups"), equalTo(first.at("/catalog/groups")));
        // Each export is stable: the new uuid is stored, not drawn again.
        assertThat(export(tenant, v2).at("/catalog/uuid"), equalTo(second.at("/catalog/uuid")));
    }

    @Test
    void labelsThatNoUrlReachesFallBackToIdsAndUnusableIdsAreRefusedWithTheirPath() throws IOException {
        String tenant = Api.newTenant();
        String bell = "AA" + (char) 7 + "1";
        for (String label :
                List.of("AA 1", "AA-1?", "AA#1", "AA%1", "AA;1", "AA/1", "tree", "..", bell, "x".repeat(101))) {
            ObjectNode source = OscalCatalogs.catalog("Labels " + label.hashCode(), 1, 2, 0);
            ObjectNode prop = (ObjectNode) source.at("/catalog/groups/0/controls/0/props/0");
            prop.put("value", label);
            assertThat(label, official.validate(source), empty());
            String id = as(tenant, "grc-admin")
                    .body(JSON.writeValueAsString(source))
                    .post("/api/v1/frameworks/oscal")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            List<String> codes = Api.db(
                    () -> Requirement.ofFramework(id).stream().map(r -> r.code).toList());
            assertThat(label, codes, contains("aa", "aa-1", "aa-2"));
            for (String code : codes) {
                as(tenant, "auditor")
                        .when()
                        .get("/api/v1/frameworks/" + id + "/requirements/" + code)
                        .then()
                        .statusCode(200)
                        .body("code", equalTo(code));
            }
        }

        ObjectNode tree = OscalCatalogs.catalog("Tree", 1, 2, 0);
        for (JsonNode control : tree.at("/catalog/groups/0/controls")) {
            ((ObjectNode) control.get("props").get(0)).put("value", "same label");
        }
        ((ObjectNode) tree.at("/catalog/groups/0/controls/1")).put("id", "tree");
        ((ObjectNode) tree.at("/catalog/groups/0")).put("id", "g" + "x".repeat(120));
        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(tree))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("$.catalog.groups[0].controls[1].id"))
                .body("errors.field", hasItem("$.catalog.groups[0].id"));

        ObjectNode badProp = OscalCatalogs.catalog("Bad prop", 1, 1, 0);
        ((ArrayNode) badProp.at("/catalog/groups/0/controls/0/props"))
                .addObject()
                .put("name", "implementation")
                .put("ns", OscalExporter.SUITE_NS)
                .put("value", "optional");
        as(tenant, "grc-admin")
                .body(JSON.writeValueAsString(badProp))
                .post("/api/v1/frameworks/oscal")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("$.catalog.groups[0].controls[0].props[2].value"));
        assertThat(Api.db(() -> Framework.count("tenant = ?1 and name in ('Tree', 'Bad prop')", tenant)), is(0L));
    }

    private static JsonNode export(String tenant, String framework) throws IOException {
        String body = as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + framework + "/oscal")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return JSON.readTree(body);
    }

    private static void collectControlLabels(JsonNode container, List<String> labels) {
        for (JsonNode group : container.path("groups")) {
            collectControlLabels(group, labels);
        }
        for (JsonNode control : container.path("controls")) {
            for (JsonNode prop : control.path("props")) {
                if (prop.path("name").asText().equals("label")) {
                    labels.add(prop.path("value").asText());
                }
            }
            collectControlLabels(control, labels);
        }
    }

    private static Set<String> controlIds(JsonNode container) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode group : container.path("groups")) {
            ids.addAll(controlIds(group));
        }
        for (JsonNode control : container.path("controls")) {
            ids.add(control.get("id").asText());
            ids.addAll(controlIds(control));
        }
        return ids;
    }
}
