package org.compliancesuite.reporting.dashboard;

import java.util.List;

/** A page of trend points, oldest first. */
public record TrendPage(List<TrendPoint> items, int page, int size, long total) {}
