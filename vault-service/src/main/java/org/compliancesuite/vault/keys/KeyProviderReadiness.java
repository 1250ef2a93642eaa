package org.compliancesuite.vault.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the key provider cannot serve: traffic moves to other replicas and returns when Vault does. */
@Readiness
@ApplicationScoped
public class KeyProviderReadiness implements HealthCheck {

    @Inject
    KeyProvider provider;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("key-provider").withData("provider", provider.id());
        try {
            provider.checkAvailable();
            return response.up().build();
        } catch (ProblemException e) {
            return response.down().withData("reason", e.getMessage()).build();
        }
    }
}
