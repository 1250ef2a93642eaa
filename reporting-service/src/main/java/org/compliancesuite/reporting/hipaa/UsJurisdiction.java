package org.compliancesuite.reporting.hipaa;

import java.util.Set;

/**
 * The states and jurisdictions a HIPAA breach can affect residents of: the 50 states, the District of Columbia and
 * the US territories (45 CFR 160.103 "State" includes DC, Puerto Rico, the Virgin Islands, Guam, American Samoa and
 * the Northern Mariana Islands). USPS two-letter codes.
 */
final class UsJurisdiction {

    static final Set<String> CODES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "VI", "GU",
            "AS", "MP");

    private UsJurisdiction() {}

    static boolean isKnown(String code) {
        return CODES.contains(code);
    }
}
