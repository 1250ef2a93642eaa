package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** helm lint and helm template of the chart through the real Helm engine (helm-java). */
class ChartTest {

    @Test
    void lintsCleanWithDefaultValues() {
        LintResult result = new Helm(Renderings.chartDir()).lint().strict().call();

        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintsCleanWithProductionValues(@TempDir Path copy) throws IOException {
        // helm-java's lint takes no values file, so lint a copy whose values.yaml is the production installation.
        Path chart = copyChart(copy);
        ObjectNode values = (ObjectNode)
                Renderings.YAML.readTree(chart.resolve("values.yaml").toFile());
        merge(
                values,
                Renderings.YAML.readTree(
                        Renderings.testValues("production.yaml").toFile()));
        Renderings.YAML.writeValue(chart.resolve("values.yaml").toFile(), values);

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderTheFourServicesSecuredAndIsolated() {
        List<Map<String, Object>> objects = Sources.CHART_DEFAULT.objects();

        assertThat(objects).extracting(Renderings::id).containsExactlyInAnyOrderElementsOf(expectedDefaultObjects());
    }

    @Test
    void productionValuesRenderAutoscalingIngressMonitoringNativeImagesAndVaultCa() {
        List<Map<String, Object>> objects = Sources.CHART_PRODUCTION.objects();

        assertThat(objects)
                .extracting(Renderings::id)
                .contains(
                        "HorizontalPodAutoscaler/catalog-service",
                        "HorizontalPodAutoscaler/evidence-service",
                        "Ingress/compliance-suite",
                        "ServiceMonitor/compliance-suite")
                .doesNotContain("HorizontalPodAutoscaler/vault-service");
        Map<String, Object> catalog = KustomizeTest.find(objects, "Deployment/catalog-service");
        assertThat(Manifests.at(catalog, "spec", "replicas"))
                .as("the HPA owns the replicas")
                .isNull();
        assertThat(Manifests.at(container(catalog), "image"))
                .isEqualTo("registry.internal.example/compliance/catalog-service:1.4.2-native");
        assertThat(Manifests.at(catalog, "spec", "template", "spec", "securityContext", "runAsUser"))
                .as("native images run as 1001")
                .isEqualTo(1001);
        Map<String, Object> reporting = KustomizeTest.find(objects, "Deployment/reporting-service");
        assertThat(Manifests.at(container(reporting), "image"))
                .isEqualTo("registry.internal.example/compliance/reporting-service:1.4.3-native");
        Map<String, Object> evidence = KustomizeTest.find(objects, "Deployment/evidence-service");
        assertThat(Manifests.at(container(evidence), "image"))
                .isEqualTo("registry.internal.example/compliance/evidence-service:1.4.2");
        assertThat(Manifests.at(evidence, "spec", "template", "spec", "securityContext", "runAsUser"))
                .as("JVM images run as 185")
                .isEqualTo(185);
        assertThat(Manifests.at(KustomizeTest.find(objects, "Deployment/vault-service"), "spec", "replicas"))
                .isEqualTo(3);

        Map<String, Object> catalogPod = Manifests.map(Manifests.at(catalog, "spec", "template", "spec"));
        assertThat(catalogPod)
                .containsEntry("priorityClassName", "business-critical")
                .containsEntry("nodeSelector", Map.of("kubernetes.io/os", "linux"))
                .containsEntry(
                        "tolerations",
                        List.of(Map.of(
                                "key",
                                "dedicated",
                                "operator",
                                "Equal",
                                "value",
                                "compliance",
                                "effect",
                                "NoSchedule")));
        assertThat(Manifests.map(Manifests.at(catalog, "spec", "template", "metadata", "labels")))
                .containsEntry("cost-center", "grc");
        assertThat(Manifests.map(Manifests.at(catalog, "spec", "template", "metadata", "annotations")))
                .containsEntry("backup.velero.io/backup-volumes-excludes", "tmp")
                .containsKey("checksum/config");

        Map<String, Object> vaultConfig = Manifests.map(
                KustomizeTest.find(objects, "ConfigMap/vault-service").get("data"));
        assertThat(vaultConfig)
                .containsEntry("VAULT_ADDR", "https://vault.acme.example:8200")
                .containsEntry("VAULT_AUTH", "kubernetes")
                .containsEntry("VAULT_KUBERNETES_ROLE", "compliance-suite-vault-service")
                .containsEntry("VAULT_KUBERNETES_AUTH_MOUNT", "kubernetes-prod")
                .containsEntry("VAULT_TLS_CA_PATH", "/etc/vault-tls/ca.crt")
                .containsEntry("VAULT_TRANSIT_MOUNT", "transit-compliance")
                .containsEntry("TRUSTED_PROXIES", "10.20.0.0/16")
                .containsEntry("BREAK_GLASS_ROLE", "security-officer");
        Map<String, Object> vaultPod = Manifests.map(
                Manifests.at(KustomizeTest.find(objects, "Deployment/vault-service"), "spec", "template", "spec"));
        assertThat(Manifests.list(vaultPod.get("volumes")))
                .anySatisfy(
                        v -> assertThat(Manifests.at(v, "configMap", "name")).isEqualTo("vault-ca"));

        Map<String, Object> catalogConfig = Manifests.map(
                KustomizeTest.find(objects, "ConfigMap/catalog-service").get("data"));
        assertThat(catalogConfig)
                .containsEntry(
                        "DB_URL", "jdbc:postgresql://pg-catalog.db.acme.example:5432/cs_catalog?sslmode=verify-full")
                .containsEntry("JWT_ISSUER", "https://login.acme.example/realms/compliance")
                .containsEntry(
                        "JWT_PUBLIC_KEY_LOCATION",
                        "https://login.acme.example/realms/compliance/protocol/openid-connect/certs");
        Map<String, Object> evidenceConfig = Manifests.map(
                KustomizeTest.find(objects, "ConfigMap/evidence-service").get("data"));
        assertThat(evidenceConfig)
                .containsEntry("MONITOR_TLS_ENDPOINTS", "portal.acme.example:443,api.acme.example:8443")
                .containsEntry("MONITOR_TLS_TRUSTSTORE", "/etc/tls-monitor/truststore.p12")
                .containsEntry("CATALOG_URL", "http://catalog-service:8081")
                .containsEntry("VAULT_SERVICE_URL", "http://vault-service:8083");
        assertThat(Manifests.list(Manifests.at(container(evidence), "env"))).anySatisfy(env -> {
            assertThat(Manifests.at(env, "name")).isEqualTo("SERVICE_TOKEN");
            assertThat(Manifests.at(env, "valueFrom", "secretKeyRef", "name")).isEqualTo("evidence-service-token");
        });
        assertThat(evidenceConfig).doesNotContainKey("SERVICE_TOKEN_FILE");

        Map<String, Object> binding =
                KustomizeTest.find(objects, "ClusterRoleBinding/compliance-suite-vault-service-token-review");
        assertThat(Manifests.at(binding, "roleRef"))
                .isEqualTo(Map.of(
                        "apiGroup",
                        "rbac.authorization.k8s.io",
                        "kind",
                        "ClusterRole",
                        "name",
                        "system:auth-delegator"));
        assertThat(Manifests.list(binding.get("subjects")))
                .containsExactly(
                        Map.of("kind", "ServiceAccount", "name", "vault-service", "namespace", Renderings.NAMESPACE));
        assertThat(Manifests.list(Manifests.at(container(evidence), "env"))).anySatisfy(env -> {
            assertThat(Manifests.at(env, "name")).isEqualTo("MONITOR_TLS_TRUSTSTORE_PASSWORD");
            assertThat(Manifests.at(env, "valueFrom", "secretKeyRef", "name")).isEqualTo("acme-internal-ca");
        });
        assertThat(Manifests.list(Manifests.at(evidence, "spec", "template", "spec", "volumes")))
                .anySatisfy(
                        v -> assertThat(Manifests.at(v, "secret", "secretName")).isEqualTo("acme-internal-ca"));
    }

    @Test
    void tokenAuthReadsTheVaultTokenFromItsSecretAndMountsNoServiceAccountToken(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("token-auth.yaml");
        Files.writeString(values, """
                vault:
                  auth: token
                  token:
                    existingSecret: vault-service-token
                    key: token
                  tls:
                    caConfigMap: ""
                    caSecret: vault-tls
                    caKey: ca.pem
                """);

        List<Map<String, Object>> objects = Renderings.documents(Renderings.helmTemplate(values));

        Map<String, Object> deployment = KustomizeTest.find(objects, "Deployment/vault-service");
        assertThat(Manifests.at(deployment, "spec", "template", "spec", "automountServiceAccountToken"))
                .isEqualTo(false);
        assertThat(Manifests.list(Manifests.at(container(deployment), "env"))).anySatisfy(env -> {
            assertThat(Manifests.at(env, "name")).isEqualTo("VAULT_TOKEN");
            assertThat(Manifests.at(env, "valueFrom", "secretKeyRef", "name")).isEqualTo("vault-service-token");
        });
        assertThat(Manifests.list(Manifests.at(deployment, "spec", "template", "spec", "volumes")))
                .anySatisfy(v -> {
                    assertThat(Manifests.at(v, "secret", "secretName")).isEqualTo("vault-tls");
                    assertThat(Manifests.at(v, "secret", "items"))
                            .isEqualTo(List.of(Map.of("key", "ca.pem", "path", "ca.crt")));
                });
        assertThat(Manifests.map(
                        KustomizeTest.find(objects, "ConfigMap/vault-service").get("data")))
                .containsEntry("VAULT_AUTH", "token")
                .doesNotContainKeys("VAULT_KUBERNETES_ROLE", "VAULT_KUBERNETES_AUTH_MOUNT");
    }

    @Test
    void configSignerMountsTheCheckpointKeyPairFromItsSecret(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("config-signer.yaml");
        Files.writeString(values, """
                evidenceService:
                  checkpointSigner: config
                  checkpointKeyPair:
                    existingSecret: evidence-checkpoint-keys
                    privateKeyKey: ed25519.key
                    publicKeyKey: ed25519.pub
                """);

        List<Map<String, Object>> objects = Renderings.documents(Renderings.helmTemplate(values));

        assertThat(Manifests.map(KustomizeTest.find(objects, "ConfigMap/evidence-service")
                        .get("data")))
                .containsEntry("CHECKPOINT_SIGNER", "config")
                .containsEntry("CHECKPOINT_PRIVATE_KEY_LOCATION", "/etc/checkpoint-key/private.pem")
                .containsEntry("CHECKPOINT_PUBLIC_KEY_LOCATION", "/etc/checkpoint-key/public.pem");
        Map<String, Object> deployment = KustomizeTest.find(objects, "Deployment/evidence-service");
        assertThat(Manifests.list(Manifests.at(deployment, "spec", "template", "spec", "volumes")))
                .anySatisfy(v -> {
                    assertThat(Manifests.at(v, "secret", "secretName")).isEqualTo("evidence-checkpoint-keys");
                    assertThat(Manifests.at(v, "secret", "items"))
                            .isEqualTo(List.of(
                                    Map.of("key", "ed25519.key", "path", "private.pem"),
                                    Map.of("key", "ed25519.pub", "path", "public.pem")));
                });
        assertThat(Manifests.list(Manifests.at(container(deployment), "volumeMounts")))
                .contains(Map.of("name", "checkpoint-key", "mountPath", "/etc/checkpoint-key", "readOnly", true));
    }

    @Test
    void serviceTokenAsAFileMountsTheSecretKeyWithoutSubPathSoThatRotationsReachThePod(@TempDir Path dir)
            throws IOException {
        Path values = dir.resolve("token-file.yaml");
        Files.writeString(values, """
                evidenceService:
                  serviceToken:
                    from: file
                    existingSecret: evidence-jobs-token
                    key: jwt
                """);

        List<Map<String, Object>> objects = Renderings.documents(Renderings.helmTemplate(values));

        Map<String, Object> deployment = KustomizeTest.find(objects, "Deployment/evidence-service");
        assertThat(Manifests.map(KustomizeTest.find(objects, "ConfigMap/evidence-service")
                        .get("data")))
                .containsEntry("SERVICE_TOKEN_FILE", "/etc/service-token/token");
        assertThat(Manifests.list(Manifests.at(container(deployment), "env")))
                .extracting(env -> Manifests.at(env, "name"))
                .doesNotContain("SERVICE_TOKEN");
        assertThat(Manifests.list(Manifests.at(container(deployment), "volumeMounts")))
                .contains(Map.of("name", "service-token", "mountPath", "/etc/service-token", "readOnly", true));
        assertThat(Manifests.list(Manifests.at(deployment, "spec", "template", "spec", "volumes")))
                .contains(Map.of(
                        "name",
                        "service-token",
                        "secret",
                        Map.of(
                                "secretName",
                                "evidence-jobs-token",
                                "items",
                                List.of(Map.of("key", "jwt", "path", "token")))));
        for (String other : List.of("catalog-service", "vault-service", "reporting-service")) {
            assertThat(Manifests.list(Manifests.at(
                            KustomizeTest.find(objects, "Deployment/" + other), "spec", "template", "spec", "volumes")))
                    .extracting(v -> Manifests.at(v, "name"))
                    .doesNotContain("service-token");
        }
    }

    @Test
    void serviceTokenFromAProjectedVolumeTakesItsSources(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("token-projected.yaml");
        Files.writeString(values, """
                evidenceService:
                  serviceToken:
                    from: projected
                    projectedSources:
                      - serviceAccountToken:
                          audience: compliance-suite
                          expirationSeconds: 3600
                          path: token
                """);

        List<Map<String, Object>> objects = Renderings.documents(Renderings.helmTemplate(values));

        Map<String, Object> deployment = KustomizeTest.find(objects, "Deployment/evidence-service");
        assertThat(Manifests.map(KustomizeTest.find(objects, "ConfigMap/evidence-service")
                        .get("data")))
                .containsEntry("SERVICE_TOKEN_FILE", "/etc/service-token/token");
        assertThat(Manifests.list(Manifests.at(deployment, "spec", "template", "spec", "volumes")))
                .contains(Map.of(
                        "name",
                        "service-token",
                        "projected",
                        Map.of(
                                "sources",
                                List.of(Map.of(
                                        "serviceAccountToken",
                                        Map.of(
                                                "audience",
                                                "compliance-suite",
                                                "expirationSeconds",
                                                3600,
                                                "path",
                                                "token"))))));
        assertThat(Manifests.at(deployment, "spec", "template", "spec", "automountServiceAccountToken"))
                .as("the projected token is the only one the pod gets")
                .isEqualTo(false);
    }

    @Test
    void refusesAServiceTokenModeWithoutItsSource(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file.yaml"), "evidenceService:\n  serviceToken:\n    from: file\n");
        Path projected = Files.writeString(dir.resolve("projected.yaml"), """
                evidenceService:
                  serviceToken:
                    from: projected
                    projectedSources:
                      - secret:
                          name: evidence-jobs-token
                          items:
                            - key: jwt
                              path: jwt
                """);

        assertThatThrownBy(() -> Renderings.helmTemplate(file))
                .hasMessageContaining(
                        "evidenceService.serviceToken.existingSecret is required with serviceToken.from=file");
        assertThatThrownBy(() -> Renderings.helmTemplate(projected))
                .hasMessageContaining("one source must write the path \"token\"");
    }

    @Test
    void tokenReviewBindingIsOptInAndOnlyForVaultKubernetesAuth(@TempDir Path dir) throws IOException {
        assertThat(Sources.CHART_DEFAULT.objects()).extracting(Renderings::kind).doesNotContain("ClusterRoleBinding");
        Path tokenAuth = Files.writeString(dir.resolve("token-auth.yaml"), """
                vault:
                  auth: token
                  token:
                    existingSecret: vault-service-token
                    key: token
                  kubernetes:
                    createTokenReviewBinding: true
                """);
        Path renamed = Files.writeString(
                dir.resolve("binding.yaml"), "vault:\n  kubernetes:\n    createTokenReviewBinding: true\n");

        assertThatThrownBy(() -> Renderings.helmTemplate(tokenAuth))
                .hasMessageContaining("createTokenReviewBinding needs vault.auth=kubernetes");
        String rendered = new Helm(Renderings.chartDir())
                .template()
                .withName(Renderings.RELEASE)
                .withNamespace("grc")
                .withKubeVersion(Renderings.KUBE_VERSION)
                .withValuesFile(renamed)
                .call();
        Map<String, Object> binding =
                KustomizeTest.find(Renderings.documents(rendered), "ClusterRoleBinding/grc-vault-service-token-review");
        assertThat(Manifests.list(binding.get("subjects")))
                .containsExactly(Map.of("kind", "ServiceAccount", "name", "vault-service", "namespace", "grc"));
    }

    @ParameterizedTest(name = "{0} is refused by values.schema.json")
    @MethodSource("org.compliancesuite.deploy.SchemaTest#invalidValues")
    void refusesValuesThatBreakTheSchema(Path values) {
        assertThatThrownBy(() -> Renderings.helmTemplate(values))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void refusesAVaultCaFromBothAConfigMapAndASecret(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("two-cas.yaml");
        Files.writeString(values, "vault:\n  tls:\n    caConfigMap: vault-ca\n    caSecret: vault-tls\n");

        assertThatThrownBy(() -> Renderings.helmTemplate(values))
                .hasMessageContaining("set caConfigMap or caSecret, not both");
    }

    @Test
    void refusesTheLocalKeyProviderUnlessExplicitlyAllowed(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("local.yaml");
        Files.writeString(values, """
                vaultService:
                  keyProvider: local
                  localMasterKey:
                    existingSecret: vault-service-local-master-key
                    key: master-key
                """);

        assertThatThrownBy(() -> Renderings.helmTemplate(values))
                .hasMessageContaining("vaultService.keyProvider=local needs vaultService.localKeyProviderAllowed=true");
    }

    @Test
    void refusesAutoscalingWithMoreMinimumThanMaximumReplicas(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("hpa.yaml");
        Files.writeString(values, """
                reportingService:
                  autoscaling:
                    enabled: true
                    minReplicas: 5
                    maxReplicas: 3
                    targetCPUUtilizationPercentage: 75
                """);

        assertThatThrownBy(() -> Renderings.helmTemplate(values))
                .hasMessageContaining("reportingService.autoscaling: minReplicas 5 exceeds maxReplicas 3");
    }

    @Test
    void refusesTheLocalKeyProviderWithoutItsMasterKeySecret(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("local.yaml");
        Files.writeString(values, "vaultService:\n  keyProvider: local\n  localKeyProviderAllowed: true\n");

        assertThatThrownBy(() -> Renderings.helmTemplate(values))
                .hasMessageContaining("vaultService.localMasterKey.existingSecret is required");
    }

    @Test
    void helmTestPodChecksReadinessOfEveryServiceAndIsHardened(@TempDir Path copy) throws IOException {
        // helm-java's template leaves hooks out, so render a copy in which the test pod is an ordinary manifest.
        Path hook = Renderings.chartDir().resolve("templates/tests/test-readiness.yaml");
        assertThat(Files.readString(hook)).contains("helm.sh/hook: test");
        Path chart = copyChart(copy);
        Path copiedHook = chart.resolve("templates/tests/test-readiness.yaml");
        Files.writeString(
                copiedHook, Files.readString(copiedHook).replace("helm.sh/hook: test", "hook-under-test: test"));

        String rendered = new Helm(chart)
                .template()
                .withName(Renderings.RELEASE)
                .withKubeVersion(Renderings.KUBE_VERSION)
                .call();

        Map<String, Object> pod =
                KustomizeTest.find(Renderings.documents(rendered), "Pod/compliance-suite-test-readiness");
        HardeningTest.assertPodSpecHardened("Pod/compliance-suite-test-readiness", Manifests.map(pod.get("spec")));
        String script = String.join(
                " ",
                Manifests.list(Manifests.at(container(pod), "command")).stream()
                        .map(String::valueOf)
                        .toList());
        assertThat(script)
                .contains(
                        "catalog-service:8081", "evidence-service:8082", "vault-service:8083", "reporting-service:8084")
                .contains("GET /q/health/ready")
                .contains("\" 200\"")
                .contains("exit 1");
        assertThat(Manifests.at(pod, "metadata", "labels", "app.kubernetes.io/component"))
                .isEqualTo("chart-test");
    }

    static Map<String, Object> container(Map<String, Object> object) {
        Object podSpec = "Pod".equals(Renderings.kind(object))
                ? object.get("spec")
                : Manifests.at(object, "spec", "template", "spec");
        return Manifests.map(
                Manifests.list(Manifests.map(podSpec).get("containers")).getFirst());
    }

    private static List<String> expectedDefaultObjects() {
        List<String> expected = new ArrayList<>();
        for (String service : List.of("catalog-service", "evidence-service", "vault-service", "reporting-service")) {
            for (String kind : List.of(
                    "Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy")) {
                expected.add(kind + "/" + service);
            }
        }
        expected.add("NetworkPolicy/compliance-suite-default-deny");
        return expected;
    }

    private static Path copyChart(Path target) throws IOException {
        Path source = Renderings.chartDir();
        Path chart = target.resolve("compliance-suite");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path destination = chart.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        return chart;
    }

    static void merge(ObjectNode target, JsonNode overrides) {
        overrides.fields().forEachRemaining(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
