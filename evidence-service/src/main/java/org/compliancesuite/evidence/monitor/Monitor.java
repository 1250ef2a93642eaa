package org.compliancesuite.evidence.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The monitors of the service, named as in the service contract. */
public enum Monitor {
    IDENTITY("identity"),
    TLS("tls"),
    KEY_ROTATION("key-rotation"),
    TRAINING("training");

    private final String value;

    Monitor(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static Optional<Monitor> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
