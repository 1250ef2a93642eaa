package org.compliancesuite.catalog.maturity;

import com.fasterxml.jackson.annotation.JsonValue;

/** Progress of one remediation item. */
public enum RemediationStatus {
    OPEN("open"),
    IN_PROGRESS("in-progress"),
    DONE("done");

    private final String value;

    RemediationStatus(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
