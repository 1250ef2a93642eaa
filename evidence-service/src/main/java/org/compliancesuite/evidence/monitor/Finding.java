package org.compliancesuite.evidence.monitor;

/** One thing a monitor found wrong; {@code code} is stable, {@code message} is for people. */
public record Finding(String code, String message) {}
