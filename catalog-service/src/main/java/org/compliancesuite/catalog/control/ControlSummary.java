package org.compliancesuite.catalog.control;

/** A common control in the paged list, with the number of requirements it is mapped to. */
public record ControlSummary(
        String id, String title, String description, String evidenceFrequency, long mappingCount) {}
