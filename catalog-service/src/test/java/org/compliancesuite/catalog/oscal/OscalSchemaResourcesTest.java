package org.compliancesuite.catalog.oscal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.networknt.schema.i18n.DefaultMessageSource;
import io.quarkus.runtime.annotations.RegisterResourceBundle;
import io.quarkus.runtime.annotations.RegisterResources;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * A native image holds only the resource bundles and resources registered at build time. The schema validator
 * words its messages from its own bundle and loads meta-schemas as resources; this test breaks when the library
 * renames them, so the registration on {@link OscalSchema} cannot silently go stale.
 */
class OscalSchemaResourcesTest {

    @Test
    void theBundleRegisteredForTheNativeImageIsTheOneTheValidatorReads() {
        RegisterResourceBundle registered = OscalSchema.class.getAnnotation(RegisterResourceBundle.class);
        assertThat(registered.bundleName(), equalTo(DefaultMessageSource.BUNDLE_BASE_NAME));
        ResourceBundle bundle = ResourceBundle.getBundle(registered.bundleName(), Locale.ENGLISH);
        assertThat(bundle.getString("required"), notNullValue());
    }

    @Test
    void theResourcesRegisteredForTheNativeImageExist() {
        List<String> globs =
                List.of(OscalSchema.class.getAnnotation(RegisterResources.class).globs());
        assertThat(globs, equalTo(List.of("jsv-messages*.properties", "draft-07/schema", "ucd/**")));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String resource : List.of("jsv-messages.properties", "draft-07/schema", "ucd/RFC5892-appendix-B.txt")) {
            assertThat(resource, loader.getResource(resource), notNullValue());
        }
    }
}
