package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NetworkPolicies allow only the suite's intended calls: ingress to reporting-service and vault-service from
 * configured peers, reporting-service to catalog-service and evidence-service (and vault-service for key metadata),
 * evidence-service to catalog-service and vault-service, every service to PostgreSQL and DNS (and the OIDC provider's
 * JWKS endpoint), vault-service to Vault; everything else is denied.
 */
class NetworkPolicyTest {

    private static final String NAME = "app.kubernetes.io/name";
    private static final Map<String, Integer> PORTS =
            Map.of("catalog-service", 8081, "evidence-service", 8082, "vault-service", 8083, "reporting-service", 8084);

    /** Which suite service may call which: caller -> callees. */
    private static final Map<String, Set<String>> CALLS = Map.of(
            "catalog-service", Set.of(),
            "evidence-service", Set.of("catalog-service", "vault-service"),
            "vault-service", Set.of(),
            "reporting-service", Set.of("catalog-service", "evidence-service", "vault-service"));

    @ParameterizedTest
    @EnumSource(
            value = Sources.class,
            names = {
                "CHART_DEFAULT",
                "CHART_PRODUCTION",
                "CHART_KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD_CLOUDNATIVE_PG"
            })
    void onlyTheIntendedCallsBetweenServicesAreAllowed(Sources source) {
        for (String service : PORTS.keySet()) {
            Map<String, Object> spec = spec(source, service);
            assertThat(Manifests.list(spec.get("policyTypes")))
                    .as(service)
                    .containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(Manifests.at(spec, "podSelector", "matchLabels", NAME)).isEqualTo(service);

            Set<String> callers = new TreeSet<>();
            for (Object rule : Manifests.list(spec.get("ingress"))) {
                List<Object> from = Manifests.list(Manifests.map(rule).get("from"));
                assertThat(from)
                        .as("%s: an ingress rule without peers would admit everyone", service)
                        .isNotEmpty();
                assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                        .as("%s accepts traffic only on its own port", service)
                        .containsExactly(Map.of("protocol", "TCP", "port", PORTS.get(service)));
                for (Object peer : from) {
                    Object caller = Manifests.at(peer, "podSelector", "matchLabels", NAME);
                    if (caller != null && Manifests.at(peer, "namespaceSelector") == null) {
                        callers.add((String) caller);
                    }
                }
            }
            Set<String> expectedCallers = new TreeSet<>();
            CALLS.forEach((caller, callees) -> {
                if (callees.contains(service)) {
                    expectedCallers.add(caller);
                }
            });
            assertThat(callers).as("%s %s is called by", source, service).isEqualTo(expectedCallers);

            Set<String> callees = new TreeSet<>();
            for (Object rule : Manifests.list(spec.get("egress"))) {
                assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                        .as("%s: every egress rule names its ports", service)
                        .isNotEmpty();
                for (Object peer : Manifests.list(Manifests.map(rule).get("to"))) {
                    Object callee = Manifests.at(peer, "podSelector", "matchLabels", NAME);
                    if (callee != null && Manifests.at(peer, "namespaceSelector") == null) {
                        callees.add((String) callee);
                        assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                                .containsExactly(Map.of("protocol", "TCP", "port", PORTS.get(callee)));
                    }
                }
            }
            assertThat(callees).as("%s %s calls", source, service).isEqualTo(CALLS.get(service));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Sources.class,
            names = {
                "CHART_DEFAULT",
                "CHART_PRODUCTION",
                "CHART_KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD_CLOUDNATIVE_PG"
            })
    void onlyReportingAndVaultServiceAcceptTrafficFromOutsideTheSuite(Sources source) {
        boolean scraped = source == Sources.CHART_PRODUCTION;
        for (String service : PORTS.keySet()) {
            Set<Object> outsidePeers = new HashSet<>();
            for (Object rule : Manifests.list(spec(source, service).get("ingress"))) {
                for (Object peer : Manifests.list(Manifests.map(rule).get("from"))) {
                    boolean suitePod = Manifests.at(peer, "namespaceSelector") == null
                            && Manifests.at(peer, "podSelector", "matchLabels", NAME) != null;
                    boolean chartTest = "chart-test"
                            .equals(Manifests.at(peer, "podSelector", "matchLabels", "app.kubernetes.io/component"));
                    if (!suitePod && !chartTest) {
                        outsidePeers.add(peer);
                    }
                }
            }
            Set<Object> allowed = new HashSet<>();
            if (scraped) {
                allowed.add(Map.of(
                        "namespaceSelector",
                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
            }
            if (service.equals("reporting-service")) {
                allowed.add(Map.of(
                        "namespaceSelector",
                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))));
            }
            if (service.equals("vault-service") && source == Sources.CHART_PRODUCTION) {
                allowed.add(Map.of(
                        "namespaceSelector",
                                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "patient-portal")),
                        "podSelector", Map.of("matchLabels", Map.of(NAME, "patient-portal"))));
            }
            assertThat(outsidePeers)
                    .as("%s %s accepts from outside the suite", source, service)
                    .isEqualTo(allowed);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Sources.class,
            names = {
                "CHART_DEFAULT",
                "CHART_PRODUCTION",
                "CHART_KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD_CLOUDNATIVE_PG"
            })
    void everyServiceReachesDnsAndPostgresqlAndOnlyVaultServiceReachesVault(Sources source) {
        for (String service : PORTS.keySet()) {
            List<Object> egress = Manifests.list(spec(source, service).get("egress"));

            assertThat(egress).as("%s DNS", service).anySatisfy(rule -> {
                assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                        .containsExactlyInAnyOrder(
                                Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53));
                assertThat(Manifests.at(
                                Manifests.list(Manifests.map(rule).get("to")).getFirst(),
                                "podSelector",
                                "matchLabels",
                                "k8s-app"))
                        .isEqualTo("kube-dns");
            });
            assertThat(egress)
                    .as("%s PostgreSQL", service)
                    .anySatisfy(rule -> assertThat(
                                    Manifests.list(Manifests.map(rule).get("ports")))
                            .containsExactly(Map.of("protocol", "TCP", "port", 5432)));
            boolean reachesVault = egress.stream()
                    .anyMatch(rule -> Manifests.list(Manifests.map(rule).get("ports"))
                            .contains(Map.of("protocol", "TCP", "port", 8200)));
            assertThat(reachesVault).as("%s reaches Vault", service).isEqualTo(service.equals("vault-service"));
        }
    }

    @Test
    void pinnedPeersReplaceThePortOnlyRules() {
        Map<String, Object> vault = spec(Sources.CHART_PRODUCTION, "vault-service");
        List<Object> egress = Manifests.list(vault.get("egress"));

        assertThat(egress).anySatisfy(rule -> {
            assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                    .containsExactly(Map.of("protocol", "TCP", "port", 8200));
            assertThat(Manifests.list(Manifests.map(rule).get("to")))
                    .containsExactly(Map.of("ipBlock", Map.of("cidr", "10.30.8.10/32")));
        });
        assertThat(egress).anySatisfy(rule -> {
            assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                    .containsExactly(Map.of("protocol", "TCP", "port", 5432));
            assertThat(Manifests.list(Manifests.map(rule).get("to")))
                    .containsExactly(Map.of("ipBlock", Map.of("cidr", "10.30.4.0/24")));
        });
        List<Object> evidenceEgress = Manifests.list(
                spec(Sources.CHART_PRODUCTION, "evidence-service").get("egress"));
        assertThat(evidenceEgress).anySatisfy(rule -> {
            assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                    .containsExactly(Map.of("protocol", "TCP", "port", 443), Map.of("protocol", "TCP", "port", 8443));
            assertThat(Manifests.list(Manifests.map(rule).get("to")))
                    .containsExactly(Map.of("ipBlock", Map.of("cidr", "10.40.0.0/16")));
        });
    }

    /**
     * The README's stated departure: by default PostgreSQL, Vault and the JWKS endpoint are reached on their ports
     * with no destination named, because the chart cannot know where they run.
     */
    @ParameterizedTest
    @EnumSource(
            value = Sources.class,
            names = {"CHART_DEFAULT", "CHART_KUSTOMIZE_PROD", "KUSTOMIZE_PROD"})
    void byDefaultPostgresqlVaultAndJwksAreRestrictedByPortOnly(Sources source) {
        for (String service : PORTS.keySet()) {
            List<Object> egress = Manifests.list(spec(source, service).get("egress"));
            List<Integer> external = service.equals("vault-service") ? List.of(5432, 443, 8200) : List.of(5432, 443);
            for (int port : external) {
                assertThat(egress)
                        .as("%s %s egress on %d", source, service, port)
                        .filteredOn(rule -> Manifests.list(Manifests.map(rule).get("ports"))
                                .equals(List.of(Map.of("protocol", "TCP", "port", port))))
                        .singleElement()
                        .satisfies(rule -> assertThat(Manifests.map(rule)).doesNotContainKey("to"));
            }
        }
    }

    @Test
    void selectorsAndIpBlocksPinPostgresqlVaultAndJwksEgress(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("pinned.yaml"), """
                networkPolicy:
                  egress:
                    postgresql:
                      peers:
                        - namespaceSelector:
                            matchLabels:
                              kubernetes.io/metadata.name: databases
                          podSelector:
                            matchExpressions:
                              - key: cnpg.io/cluster
                                operator: In
                                values: [suite-db]
                      cidrs: []
                      port: 5432
                    vault:
                      peers:
                        - ipBlock:
                            cidr: 10.30.0.0/16
                            except: [10.30.9.0/24]
                      cidrs: [192.168.7.10/32]
                      port: 8200
                    identityProvider:
                      peers:
                        - namespaceSelector:
                            matchLabels:
                              kubernetes.io/metadata.name: identity
                      cidrs: []
                      ports: [443]
                """);

        List<Map<String, Object>> objects = Renderings.documents(Renderings.helmTemplate(values));

        for (String service : PORTS.keySet()) {
            List<Object> egress = Manifests.list(
                    Manifests.at(KustomizeTest.find(objects, "NetworkPolicy/" + service), "spec", "egress"));
            assertThat(to(egress, 5432))
                    .as("%s PostgreSQL", service)
                    .isEqualTo(List.of(Map.of(
                            "namespaceSelector",
                            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "databases")),
                            "podSelector",
                            Map.of(
                                    "matchExpressions",
                                    List.of(Map.of(
                                            "key",
                                            "cnpg.io/cluster",
                                            "operator",
                                            "In",
                                            "values",
                                            List.of("suite-db")))))));
            assertThat(to(egress, 443))
                    .as("%s JWKS", service)
                    .isEqualTo(List.of(Map.of(
                            "namespaceSelector",
                            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "identity")))));
            if (service.equals("vault-service")) {
                assertThat(to(egress, 8200))
                        .isEqualTo(List.of(
                                Map.of("ipBlock", Map.of("cidr", "10.30.0.0/16", "except", List.of("10.30.9.0/24"))),
                                Map.of("ipBlock", Map.of("cidr", "192.168.7.10/32"))));
            }
        }
    }

    @Test
    void cloudNativePgOverlayPinsPostgresqlEgressToTheClustersPods() {
        for (String service : PORTS.keySet()) {
            List<Object> pinned = Manifests.list(
                    spec(Sources.KUSTOMIZE_PROD_CLOUDNATIVE_PG, service).get("egress"));
            List<Object> prod =
                    Manifests.list(spec(Sources.KUSTOMIZE_PROD, service).get("egress"));

            assertThat(to(pinned, 5432))
                    .as(service)
                    .isEqualTo(List.of(Map.of(
                            "podSelector", Map.of("matchLabels", Map.of("cnpg.io/cluster", "compliance-suite-db")))));
            assertThat(pinned)
                    .as("%s: only the PostgreSQL rule changes", service)
                    .hasSameSizeAs(prod);
            for (int i = 0; i < prod.size(); i++) {
                if (!Manifests.list(Manifests.map(prod.get(i)).get("ports"))
                        .contains(Map.of("protocol", "TCP", "port", 5432))) {
                    assertThat(pinned.get(i)).isEqualTo(prod.get(i));
                }
            }
        }
    }

    @Test
    void refusesAJwksUrlWhosePortTheIdentityProviderRuleDoesNotOpen(@TempDir Path dir) throws IOException {
        Path blocked = Files.writeString(
                dir.resolve("blocked.yaml"),
                "jwt:\n  publicKeyLocation: http://keycloak.identity.svc:8080/realms/suite/certs\n");
        Path opened = Files.writeString(dir.resolve("opened.yaml"), """
                jwt:
                  publicKeyLocation: http://keycloak.identity.svc:8080/realms/suite/certs
                networkPolicy:
                  egress:
                    identityProvider:
                      peers: []
                      cidrs: []
                      ports: [8080]
                """);
        Path pem = Files.writeString(dir.resolve("pem.yaml"), "jwt:\n  publicKeyLocation: /etc/jwt/publicKey.pem\n");

        assertThatThrownBy(() -> Renderings.helmTemplate(blocked))
                .hasMessageContaining("networkPolicy.egress.identityProvider.ports must include 8080");
        List<Object> egress = Manifests.list(Manifests.at(
                KustomizeTest.find(
                        Renderings.documents(Renderings.helmTemplate(opened)), "NetworkPolicy/catalog-service"),
                "spec",
                "egress"));
        assertThat(egress)
                .anySatisfy(
                        rule -> assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                                .containsExactly(Map.of("protocol", "TCP", "port", 8080)));
        List<Object> withPem = Manifests.list(Manifests.at(
                KustomizeTest.find(Renderings.documents(Renderings.helmTemplate(pem)), "NetworkPolicy/catalog-service"),
                "spec",
                "egress"));
        assertThat(withPem)
                .as("a PEM file needs no JWKS egress")
                .noneSatisfy(
                        rule -> assertThat(Manifests.list(Manifests.map(rule).get("ports")))
                                .contains(Map.of("protocol", "TCP", "port", 443)));
    }

    /** The destinations of the single egress rule on exactly this TCP port. */
    private static Object to(List<Object> egress, int port) {
        List<Object> rules = egress.stream()
                .filter(rule -> Manifests.list(Manifests.map(rule).get("ports"))
                        .equals(List.of(Map.of("protocol", "TCP", "port", port))))
                .toList();
        assertThat(rules).as("egress rules on %d", port).hasSize(1);
        return Manifests.map(rules.getFirst()).get("to");
    }

    @ParameterizedTest
    @EnumSource(
            value = Sources.class,
            names = {
                "CHART_DEFAULT",
                "CHART_PRODUCTION",
                "CHART_KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD",
                "KUSTOMIZE_PROD_CLOUDNATIVE_PG"
            })
    void everythingElseIsDeniedByDefault(Sources source) {
        Map<String, Object> deny = KustomizeTest.find(source.objects(), "NetworkPolicy/compliance-suite-default-deny");
        Map<String, Object> spec = Manifests.map(deny.get("spec"));

        assertThat(Manifests.list(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(spec).doesNotContainKeys("ingress", "egress");
        Map<String, Object> selector = Manifests.map(Manifests.at(spec, "podSelector", "matchLabels"));
        for (String service : PORTS.keySet()) {
            Map<String, Object> podLabels = Manifests.map(Manifests.at(
                    KustomizeTest.find(source.objects(), "Deployment/" + service),
                    "spec",
                    "template",
                    "metadata",
                    "labels"));
            assertThat(podLabels)
                    .as("%s pods are selected by the default deny", service)
                    .containsAllEntriesOf(selector);
        }
        assertThat(source.objects())
                .filteredOn(o -> "NetworkPolicy".equals(Renderings.kind(o)))
                .hasSize(PORTS.size() + 1);
    }

    private static Map<String, Object> spec(Sources source, String service) {
        return Manifests.map(
                KustomizeTest.find(source.objects(), "NetworkPolicy/" + service).get("spec"));
    }
}
