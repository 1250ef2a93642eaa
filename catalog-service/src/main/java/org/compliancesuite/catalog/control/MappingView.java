package org.compliancesuite.catalog.control;

/** One mapping of a control, seen from the control. */
public record MappingView(String frameworkId, String requirementCode, String relationship, String rationale) {}
