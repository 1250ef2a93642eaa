package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every environment variable a rendering gives a service is one the service reads (application.properties or
 * common's shared configuration): a value the chart offers but no service reads is a setting that silently does
 * nothing.
 */
class ServiceEnvironmentTest {

    private static final List<String> SERVICES =
            List.of("catalog-service", "evidence-service", "vault-service", "reporting-service");

    @ParameterizedTest
    @EnumSource(Sources.class)
    void everyVariableTheChartSetsIsReadByItsService(Sources source) {
        for (String service : SERVICES) {
            assertUnread(source.name(), source.objects(), service);
        }
    }

    @Test
    void variablesOfTheOptionalModesAreReadByTheirService(@TempDir Path dir) throws IOException {
        Map<String, String> modes = Map.of(
                "service-token-file.yaml",
                """
                evidenceService:
                  serviceToken:
                    from: file
                    existingSecret: evidence-jobs-token
                    key: token
                """,
                "vault-token.yaml",
                """
                vault:
                  auth: token
                  token:
                    existingSecret: vault-service-token
                    key: token
                """,
                "config-signer.yaml",
                """
                evidenceService:
                  checkpointSigner: config
                  checkpointKeyPair:
                    existingSecret: evidence-checkpoint-keys
                    privateKeyKey: private.pem
                    publicKeyKey: public.pem
                """,
                "local-provider.yaml",
                """
                vaultService:
                  keyProvider: local
                  localKeyProviderAllowed: true
                  localMasterKey:
                    existingSecret: master
                    key: master-key
                """);
        for (var mode : modes.entrySet()) {
            Path values = Files.writeString(dir.resolve(mode.getKey()), mode.getValue());
            List<Map<String, Object>> objects = Renderings.documents(Renderings.helmTemplate(values));
            for (String service : SERVICES) {
                assertUnread(mode.getKey(), objects, service);
            }
        }
    }

    @Test
    void onlyTheServicesWithRestClientsGetUpstreamTimeoutsAndOnlyEvidenceServiceAServiceToken() {
        for (Sources source : List.of(Sources.CHART_DEFAULT, Sources.CHART_PRODUCTION)) {
            for (String service : SERVICES) {
                Set<String> names = ServiceEnvironment.chartEnvironment(source.objects(), service);
                boolean callsOthers = service.equals("evidence-service") || service.equals("reporting-service");
                assertThat(names.contains("UPSTREAM_READ_TIMEOUT_MS"))
                        .as("%s %s", source, service)
                        .isEqualTo(callsOthers);
                if (!service.equals("evidence-service")) {
                    assertThat(names)
                            .as("%s %s", source, service)
                            .doesNotContain("SERVICE_TOKEN", "SERVICE_TOKEN_FILE");
                }
            }
        }
    }

    private static void assertUnread(String rendering, List<Map<String, Object>> objects, String service) {
        Set<String> unread = new TreeSet<>(ServiceEnvironment.chartEnvironment(objects, service));
        unread.removeAll(ServiceEnvironment.read(service));
        assertThat(unread)
                .as("%s gives %s variables it never reads", rendering, service)
                .isEmpty();
    }
}
