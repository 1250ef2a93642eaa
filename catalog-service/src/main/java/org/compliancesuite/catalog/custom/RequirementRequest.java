package org.compliancesuite.catalog.custom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.compliancesuite.catalog.framework.Implementation;
import org.compliancesuite.catalog.framework.RequirementCode;

/**
 * A requirement of a custom framework. Codes are used in URLs, so they follow {@link RequirementCode}. A parent must
 * be listed (or already exist) before its children. {@code assessable} defaults to true, or to false for a
 * requirement that other requirements of the same request name as parent. {@code implementation} (required or
 * addressable, as HIPAA designates its implementation specifications) sets {@code required} when that is not given,
 * and must agree with it when it is.
 */
public record RequirementRequest(
        @NotBlank
        @Size(max = RequirementCode.MAX_LENGTH)
        @Pattern(regexp = RequirementCode.PATTERN, message = RequirementCode.RULE)
        String code,

        @NotBlank @Size(max = 500) String title,
        @Size(max = 10000) String description,
        @Size(max = RequirementCode.MAX_LENGTH) String parentCode,
        @Size(max = 50) String kind,
        Boolean required,
        Boolean assessable,
        Implementation implementation,

        @Size(max = 50) @Pattern(regexp = "^[a-z][a-z0-9-]*$", message = "must be lower-case letters, digits and -")
        String category) {

    /** Whether the requirement is required: as given, else as its implementation says, else true. */
    public boolean requiredOrDefault() {
        if (required != null) {
            return required;
        }
        return implementation == null || implementation == Implementation.REQUIRED;
    }

    /** True when both {@code required} and {@code implementation} are given and disagree. */
    public boolean contradictsImplementation() {
        return required != null && implementation != null && required != (implementation == Implementation.REQUIRED);
    }
}
