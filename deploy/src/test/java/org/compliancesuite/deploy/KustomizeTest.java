package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart is the one source of truth: kustomize/base and overlays/prod/generated are rendered from it, and each
 * overlay must render exactly the objects the chart renders with the overlay's matching values
 * (kustomize/chart-values). Run with -Ddeploy.regenerate=true (deploy/render-kustomize.sh) to re-render.
 */
class KustomizeTest {

    private static final List<String> SERVICES =
            List.of("catalog-service", "evidence-service", "vault-service", "reporting-service");
    private static final List<String> BASE_KIND_ORDER = List.of("ServiceAccount", "ConfigMap", "Service", "Deployment");

    @Test
    void baseAndGeneratedProdObjectsAreRenderedFromTheChart() throws IOException {
        Map<Path, String> expected = new LinkedHashMap<>();
        expected.putAll(renderBase());
        expected.putAll(renderProdGenerated());
        expected.putAll(renderTokenReviewComponent());

        if (Boolean.parseBoolean(System.getProperty("deploy.regenerate"))) {
            for (var file : expected.entrySet()) {
                Files.createDirectories(file.getKey().getParent());
                Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
            }
        }

        for (var file : expected.entrySet()) {
            assertThat(file.getKey())
                    .as("%s is out of date with the chart: run deploy/render-kustomize.sh", file.getKey())
                    .exists();
            assertThat(Files.readString(file.getKey(), StandardCharsets.UTF_8))
                    .as("%s is out of date with the chart: run deploy/render-kustomize.sh", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @ParameterizedTest(name = "{0} renders what the chart renders with its values")
    @CsvSource({"KUSTOMIZE_DEV, CHART_KUSTOMIZE_DEV", "KUSTOMIZE_PROD, CHART_KUSTOMIZE_PROD"})
    void overlayRendersTheSameObjectsAsTheChart(Sources overlay, Sources chart) {
        Map<String, Map<String, Object>> fromKustomize = byId(overlay.objects());
        Map<String, Map<String, Object>> fromChart = byId(chart.objects());

        assertThat(fromKustomize.keySet()).isEqualTo(fromChart.keySet());
        fromChart.forEach((id, object) -> assertThat(Manifests.canonical(fromKustomize.get(id)))
                .as("%s differs between %s and the chart", id, overlay)
                .isEqualTo(Manifests.canonical(object)));
    }

    @Test
    void everyOverlayPutsTheSuiteInItsNamespace() {
        for (Sources overlay :
                List.of(Sources.KUSTOMIZE_DEV, Sources.KUSTOMIZE_PROD, Sources.KUSTOMIZE_PROD_CLOUDNATIVE_PG)) {
            assertThat(overlay.objects())
                    .allSatisfy(object -> assertThat(Manifests.at(object, "metadata", "namespace"))
                            .as(Renderings.id(object))
                            .isEqualTo(Renderings.NAMESPACE));
        }
    }

    @Test
    void devRunsOneReplicaOfEachServiceOnTheLocalKeyProvider() {
        List<Map<String, Object>> objects = Sources.KUSTOMIZE_DEV.objects();

        assertThat(objects)
                .filteredOn(o -> "Deployment".equals(Renderings.kind(o)))
                .hasSize(4)
                .allSatisfy(d -> assertThat(Manifests.at(d, "spec", "replicas")).isEqualTo(1));
        assertThat(objects)
                .noneMatch(o -> List.of("HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy")
                        .contains(Renderings.kind(o)));
        Map<String, Object> vaultConfig = find(objects, "ConfigMap/vault-service");
        assertThat(Manifests.at(vaultConfig, "data", "KEY_PROVIDER")).isEqualTo("local");
        assertThat(Manifests.map(vaultConfig.get("data"))).doesNotContainKeys("VAULT_ADDR", "VAULT_AUTH");
    }

    @Test
    void prodScalesGuardsAndIsolatesEveryServiceAndLogsInToVaultWithKubernetesAuth() {
        List<Map<String, Object>> objects = Sources.KUSTOMIZE_PROD.objects();

        for (String service : SERVICES) {
            assertThat(find(objects, "HorizontalPodAutoscaler/" + service)).isNotNull();
            assertThat(find(objects, "PodDisruptionBudget/" + service)).isNotNull();
            assertThat(find(objects, "NetworkPolicy/" + service)).isNotNull();
            assertThat(Manifests.at(find(objects, "Deployment/" + service), "spec", "replicas"))
                    .as("the HPA owns the replica count of %s", service)
                    .isNull();
        }
        assertThat(find(objects, "NetworkPolicy/compliance-suite-default-deny")).isNotNull();
        Map<String, Object> vaultConfig = find(objects, "ConfigMap/vault-service");
        assertThat(Manifests.at(vaultConfig, "data", "KEY_PROVIDER")).isEqualTo("vault");
        assertThat(Manifests.at(vaultConfig, "data", "VAULT_AUTH")).isEqualTo("kubernetes");
        assertThat(Manifests.at(vaultConfig, "data", "VAULT_TLS_CA_PATH")).isEqualTo("/etc/vault-tls/ca.crt");
        assertThat(Manifests.at(
                        find(objects, "Deployment/vault-service"),
                        "spec",
                        "template",
                        "spec",
                        "automountServiceAccountToken"))
                .isEqualTo(true);
    }

    @Test
    void cloudNativePgComponentAddsTheClusterAndPointsEveryServiceAtIt() {
        List<Map<String, Object>> objects = Sources.KUSTOMIZE_PROD_CLOUDNATIVE_PG.objects();

        Map<String, Object> cluster = find(objects, "Cluster/compliance-suite-db");
        assertThat(cluster.get("apiVersion")).isEqualTo("postgresql.cnpg.io/v1");
        for (String service : SERVICES) {
            String database = "cs_" + service.substring(0, service.indexOf('-'));
            assertThat(Manifests.at(find(objects, "ConfigMap/" + service), "data", "DB_URL"))
                    .isEqualTo("jdbc:postgresql://compliance-suite-db-rw:5432/" + database);
        }
        assertThat(objects)
                .filteredOn(o -> "Database".equals(Renderings.kind(o)))
                .extracting(o -> Manifests.at(o, "spec", "name"))
                .containsExactlyInAnyOrder("cs_evidence", "cs_vault", "cs_reporting");
    }

    private static Map<Path, String> renderBase() {
        Path base = Renderings.kustomizeDir().resolve("base");
        Map<String, List<Map<String, Object>>> byService = new TreeMap<>();
        for (Map<String, Object> object :
                Renderings.documents(Renderings.helmTemplate(Sources.chartValues("base.yaml")))) {
            byService
                    .computeIfAbsent(Renderings.name(object), name -> new ArrayList<>())
                    .add(Manifests.withoutHelmMetadata(object));
        }
        assertThat(byService.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);

        Map<Path, String> files = new LinkedHashMap<>();
        StringBuilder kustomization = new StringBuilder(Manifests.GENERATED_HEADER)
                .append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (String service : SERVICES) {
            List<Map<String, Object>> objects = byService.get(service);
            objects.sort((a, b) -> Integer.compare(
                    BASE_KIND_ORDER.indexOf(Renderings.kind(a)), BASE_KIND_ORDER.indexOf(Renderings.kind(b))));
            files.put(base.resolve(service + ".yaml"), Manifests.toYaml(objects));
            kustomization.append("  - ").append(service).append(".yaml\n");
        }
        files.put(base.resolve("kustomization.yaml"), kustomization.toString());
        return files;
    }

    /** The objects only prod has: autoscalers, disruption budgets and NetworkPolicies. */
    private static Map<Path, String> renderProdGenerated() {
        Path generated = Renderings.kustomizeDir().resolve("overlays/prod/generated");
        List<Map<String, Object>> availability = new ArrayList<>();
        List<Map<String, Object>> networkPolicies = new ArrayList<>();
        for (Map<String, Object> object : Sources.CHART_KUSTOMIZE_PROD.objects()) {
            switch (Renderings.kind(object)) {
                case "HorizontalPodAutoscaler", "PodDisruptionBudget" ->
                    availability.add(Manifests.withoutHelmMetadata(object));
                case "NetworkPolicy" -> networkPolicies.add(Manifests.withoutHelmMetadata(object));
                default -> {}
            }
        }
        return Map.of(
                generated.resolve("availability.yaml"), Manifests.toYaml(availability),
                generated.resolve("network-policies.yaml"), Manifests.toYaml(networkPolicies));
    }

    /**
     * The chart's token review ClusterRoleBinding. The subject's namespace is left out so that kustomize gives it the
     * namespace of the overlay that includes the component.
     */
    private static Map<Path, String> renderTokenReviewComponent() {
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (Map<String, Object> object : Renderings.documents(Renderings.helmTemplate(
                Sources.chartValues("base.yaml"),
                Sources.chartValues("prod.yaml"),
                Sources.chartValues("vault-token-review.yaml")))) {
            if ("ClusterRoleBinding".equals(Renderings.kind(object))) {
                Map<String, Object> binding = Manifests.withoutHelmMetadata(object);
                Manifests.list(binding.get("subjects"))
                        .forEach(s -> Manifests.map(s).remove("namespace"));
                bindings.add(binding);
            }
        }
        assertThat(bindings).hasSize(1);
        return Map.of(
                Renderings.kustomizeDir().resolve("components/vault-token-review/cluster-role-binding.yaml"),
                Manifests.toYaml(bindings));
    }

    @Test
    void tokenReviewComponentOnTopOfProdRendersWhatTheChartRendersWithTheBinding() throws IOException {
        // An overlay of a platform team's own, as the component's kustomization.yaml describes it.
        Path overlay = Files.createDirectories(
                Renderings.deployDir().resolve("target/kustomize-overlays/prod-vault-token-review"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: compliance-suite
                resources:
                  - ../../../kustomize/overlays/prod
                components:
                  - ../../../kustomize/components/vault-token-review
                """);

        Map<String, Map<String, Object>> fromKustomize =
                byId(Renderings.documents(Renderings.kustomize(overlay.toString())));
        Map<String, Map<String, Object>> fromChart = byId(Renderings.documents(Renderings.helmTemplate(
                Sources.chartValues("base.yaml"),
                Sources.chartValues("prod.yaml"),
                Sources.chartValues("vault-token-review.yaml"))));

        assertThat(fromKustomize.keySet()).isEqualTo(fromChart.keySet());
        fromChart.forEach((id, object) -> assertThat(Manifests.canonical(fromKustomize.get(id)))
                .as("%s differs between the overlay and the chart", id)
                .isEqualTo(Manifests.canonical(object)));
        assertThat(Manifests.list(fromKustomize
                        .get("ClusterRoleBinding/compliance-suite-vault-service-token-review")
                        .get("subjects")))
                .containsExactly(
                        Map.of("kind", "ServiceAccount", "name", "vault-service", "namespace", "compliance-suite"));
    }

    /**
     * Objects by kind and name. A strategic merge patch inserts list items where kustomize chooses, so lists merged
     * by name (env, volumes, volume mounts) are compared in name order: their order carries no meaning here.
     */
    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> comparable = Manifests.withoutHelmMetadata(object);
            Object podSpec = Manifests.at(comparable, "spec", "template", "spec");
            if (podSpec != null) {
                sortByName(Manifests.map(podSpec).get("volumes"));
                for (Object container : Manifests.list(Manifests.map(podSpec).get("containers"))) {
                    sortByName(Manifests.map(container).get("env"));
                    sortByName(Manifests.map(container).get("volumeMounts"));
                }
            }
            byId.put(Renderings.id(object), comparable);
        }
        return byId;
    }

    private static void sortByName(Object list) {
        if (list != null) {
            Manifests.list(list).sort(Comparator.comparing(item ->
                    (String) Manifests.map(item).get("name")));
        }
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String id) {
        return objects.stream()
                .filter(o -> id.equals(Renderings.id(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not rendered"));
    }
}
