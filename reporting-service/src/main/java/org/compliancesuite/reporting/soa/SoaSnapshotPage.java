package org.compliancesuite.reporting.soa;

import java.util.List;

/** A page of issued statements, newest first. */
public record SoaSnapshotPage(List<SoaReport.SoaIssue> items, int page, int size, long total) {}
