package org.compliancesuite.catalog.control;

/** A control covering a requirement, seen from the requirement. */
public record RequirementControlView(
        String controlId, String title, String evidenceFrequency, String relationship, String rationale) {}
