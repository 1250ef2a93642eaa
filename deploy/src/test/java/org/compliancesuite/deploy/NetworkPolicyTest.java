package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
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
