package org.compliancesuite.catalog.oscal;

/** What an OSCAL import created: the new custom framework and how many groups and controls it holds. */
public record ImportResult(String id, String name, String version, int groups, int controls) {}
