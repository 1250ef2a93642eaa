package org.compliancesuite.evidence.sampling;

import java.util.Map;

/**
 * The answer to drawing a sample: the sample, the sample sizes per frequency in force, and how the draw is made, so
 * an auditor can repeat it.
 */
public record SampleDrawn(SampleView sample, Map<String, Integer> sampleSizes, String selection) {}
