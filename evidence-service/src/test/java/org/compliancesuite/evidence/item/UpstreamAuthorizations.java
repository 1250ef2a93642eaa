package org.compliancesuite.evidence.item;

import org.compliancesuite.evidence.UpstreamStubs;

/** Whether the stubbed catalog received the caller's bearer token. */
final class UpstreamAuthorizations {

    private UpstreamAuthorizations() {}

    static boolean sawBearer() {
        return !UpstreamStubs.AUTHORIZATIONS.isEmpty()
                && UpstreamStubs.AUTHORIZATIONS.stream().allMatch(a -> a.startsWith("Bearer "));
    }
}
