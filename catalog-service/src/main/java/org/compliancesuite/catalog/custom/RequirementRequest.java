package org.compliancesuite.catalog.custom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A requirement of a custom framework. Codes are used in URLs, so they hold no slash, question mark or hash and do
 * not start or end with a space; {@code tree} is the path of the tree view. A parent must be listed (or already exist) before its children. {@code assessable}
 * defaults to true, or to false for a requirement that other requirements of the same request name as parent.
 */
public record RequirementRequest(
        @NotBlank
        @Size(max = 100)
        @Pattern(regexp = CODE, message = "must not contain / ? #, start or end with a space, or be 'tree'")
        String code,

        @NotBlank @Size(max = 500) String title,
        @Size(max = 10000) String description,
        @Size(max = 100) String parentCode,
        @Size(max = 50) String kind,
        Boolean required,
        Boolean assessable) {

    public static final String CODE = "^(?!tree$)[^/?#\\s]([^/?#]*[^/?#\\s])?$";
}
