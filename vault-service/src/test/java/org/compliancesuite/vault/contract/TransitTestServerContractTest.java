package org.compliancesuite.vault.contract;

import io.quarkus.test.junit.QuarkusTest;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.compliancesuite.vault.testing.TransitTestServer;

/** The Transit contract against the test server that every other test uses. */
@QuarkusTest
class TransitTestServerContractTest extends TransitContractCases {

    @Override
    protected String vaultAddress() {
        return TransitTestResource.server().url();
    }

    @Override
    protected String vaultToken() {
        return TransitTestServer.ROOT_TOKEN;
    }
}
