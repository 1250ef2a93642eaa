package org.compliancesuite.catalog.custom;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an external audit is required for the framework or chosen by the organisation. */
public enum AuditType {
    REQUIRED("required"),
    OPTIONAL("optional");

    private final String value;

    AuditType(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
