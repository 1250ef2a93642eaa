package org.compliancesuite.evidence.retention;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Retention that ends at creation for PCI DSS and suite-default evidence, so deletion is tested through the service
 * alone; HIPAA keeps its six years, so a retention still running is tested beside it.
 */
public class ShortRetentionProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("evidence.retention.pci", "P0D", "evidence.retention.default", "P0D");
    }
}
