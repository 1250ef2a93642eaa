package org.compliancesuite.evidence.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A common control as catalog-service answers it; only the fields this service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogControl(String id, String title, String evidenceFrequency, List<Mapping> mappings) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mapping(String frameworkId, String requirementCode) {}

    public List<Mapping> mappings() {
        return mappings == null ? List.of() : mappings;
    }
}
