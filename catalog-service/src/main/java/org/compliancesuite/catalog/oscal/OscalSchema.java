package org.compliancesuite.catalog.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.runtime.annotations.RegisterResourceBundle;
import io.quarkus.runtime.annotations.RegisterResources;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.compliancesuite.common.problem.Problem;

/**
 * The official OSCAL 1.1.2 catalog JSON schema (NIST, public domain), shipped as a resource and compiled once.
 * Documents are validated against it before anything is read from them.
 *
 * <p>Native image: the validator words its messages from the resource bundle {@code jsv-messages} in its jar and
 * loads the draft-07 meta-schema and Unicode tables ({@code ucd/}) as resources. A native image holds only the
 * bundles and resources registered at build time, and a missing bundle fails the first refusal with a
 * MissingResourceException instead of a 422, so both are registered here, beside the code that needs them.
 */
@RegisterResourceBundle(bundleName = "jsv-messages")
@RegisterResources(globs = {"jsv-messages*.properties", "draft-07/schema", "ucd/**"})
@ApplicationScoped
public class OscalSchema {

    static final String RESOURCE = "oscal/oscal_catalog_schema.json";

    private final JsonSchema schema;

    public OscalSchema() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            schema = compile(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles an OSCAL JSON schema (draft-07). */
    public static JsonSchema compile(InputStream schemaJson) {
        // Violations name the offending node as a JSON path ($.catalog.groups[0].controls[1].id).
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaJson, config);
    }

    /** The first violations (at most {@code limit}), each with the JSON path of the offending node. */
    public List<Problem.FieldViolation> violations(JsonNode document, int limit) {
        return schema.validate(document).stream()
                .limit(limit)
                .map(OscalSchema::violation)
                .toList();
    }

    private static Problem.FieldViolation violation(ValidationMessage message) {
        String text = message.getError() != null ? message.getError() : message.getMessage();
        return new Problem.FieldViolation(message.getInstanceLocation().toString(), text);
    }
}
