package org.compliancesuite.catalog.control;

import java.util.List;

/** A common control with the requirements it satisfies, as the service contract describes it. */
public record ControlView(
        String id, String title, String description, String evidenceFrequency, List<MappingView> mappings) {}
