package org.compliancesuite.catalog.framework;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a HIPAA Security Rule implementation specification binds (45 CFR 164.306(d)): a required one must be
 * implemented; an addressable one is implemented when reasonable and appropriate, or an equivalent measure is
 * documented instead.
 */
public enum Implementation {
    REQUIRED("required"),
    ADDRESSABLE("addressable");

    private final String value;

    Implementation(String value) {
        this.value = value;
    }

    /** The designation named by its value, or null for null. */
    public static Implementation of(String value) {
        if (value == null) {
            return null;
        }
        for (Implementation implementation : values()) {
            if (implementation.value.equals(value)) {
                return implementation;
            }
        }
        throw new IllegalArgumentException("no implementation designation " + value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
