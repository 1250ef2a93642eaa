package org.compliancesuite.catalog.oscal;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** The official schema beside the repository (shared/ next to the clone), resolved from the module directory. */
    private static final Path OFFICIAL_SCHEMA = Path.of("../../shared/oscal/1.1.2/oscal_catalog_schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema official;

    @BeforeAll
    static void loadOfficialSchema() throws IOException {
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
