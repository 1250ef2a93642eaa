package org.compliancesuite.reporting.upstream;

/** A service of the suite that reports are computed from, named as operators know it. */
public enum Dependency {
    CATALOG("catalog-service"),
    EVIDENCE("evidence-service"),
    VAULT("vault-service");

    private final String serviceName;

    Dependency(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
