package org.compliancesuite.catalog.control;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a common control's scope compares with a requirement's. */
public enum Relationship {
    EQUAL("equal"),
    SUBSET("subset"),
    SUPERSET("superset"),
    INTERSECT("intersect");

    private final String value;

    Relationship(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
