package org.compliancesuite.evidence.monitor;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One thing a monitor found wrong; {@code code} is stable, {@code message} is for people. Registered for reflection
 * because stored runs are read back with Jackson outside any REST endpoint.
 */
@RegisterForReflection
public record Finding(String code, String message) {}
