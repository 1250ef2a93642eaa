package org.compliancesuite.evidence;

import java.util.List;

/** One page of a list, in the suite's paging shape. */
public record Page<T>(List<T> items, int page, int size, long total) {}
