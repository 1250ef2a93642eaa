package org.compliancesuite.evidence.item;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The full new set of controls and requirements an evidence item supports. */
public record LinksRequest(
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> controlIds,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> requirementRefs) {

    public List<String> requirementRefs() {
        return requirementRefs == null ? List.of() : requirementRefs;
    }
}
