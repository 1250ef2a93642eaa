package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks every object of every rendering (chart and overlays) against the suite's security baseline. */
class HardeningTest {

    private static final Map<String, Integer> PORTS =
            Map.of("catalog-service", 8081, "evidence-service", 8082, "vault-service", 8083, "reporting-service", 8084);

    private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

    /** The API type each kind must parse as; anything else rendered is a mistake. */
    private static final Map<String, Class<? extends KubernetesResource>> TYPES = Map.ofEntries(
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            // CloudNativePG custom resources: no typed model in fabric8, checked for their API group.
            Map.entry("postgresql.cnpg.io/v1/Cluster", GenericKubernetesResource.class),
            Map.entry("postgresql.cnpg.io/v1/Database", GenericKubernetesResource.class));

    /**
     * Environment names whose value is a credential and so may only come from a Secret; a *_LOCATION, *_PATH or *_FILE
     * names the file a mounted Secret provides (CHECKPOINT_PRIVATE_KEY_LOCATION, SERVICE_TOKEN_FILE), not the
     * credential.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?!.*_(LOCATION|PATH|FILE)$).*(PASSWORD|TOKEN|SECRET|PRIVATE|MASTER_KEY|CREDENTIAL).*");

    /** Credential shapes: PEM blocks, JWTs, Vault tokens, passwords in query strings or URLs. */
    private static final Pattern SECRET_SHAPE = Pattern.compile(
            "(?s).*(-----BEGIN|eyJ[A-Za-z0-9_-]{10,}\\.|\\bhvs\\.|password=|://[^/@\\s]+:[^/@\\s]+@).*");

    @ParameterizedTest
    @EnumSource(Sources.class)
    void everyObjectParsesAsItsKubernetesApiTypeWithoutUnknownFields(Sources source) {
        for (Map<String, Object> object : source.objects()) {
            String type = object.get("apiVersion") + "/" + Renderings.kind(object);
            assertThat(TYPES).as("%s renders %s", source, type).containsKey(type);

            KubernetesResource typed = Serialization.unmarshal(Serialization.asJson(object), TYPES.get(type));

            assertThat(typed).isInstanceOf(TYPES.get(type));
            if (typed instanceof GenericKubernetesResource generic) {
                assertThat(generic.getMetadata().getName()).isEqualTo(Renderings.name(object));
            } else {
                assertNoUnknownFields(Renderings.id(object), typed, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sources.class)
    void everyPodIsRestrictedNonRootReadOnlyAndProbed(Sources source) {
        List<Map<String, Object>> deployments = source.objects().stream()
                .filter(o -> "Deployment".equals(Renderings.kind(o)))
                .toList();
        assertThat(deployments).extracting(Renderings::name).containsExactlyInAnyOrderElementsOf(PORTS.keySet());

        for (Map<String, Object> deployment : deployments) {
            String id = Renderings.id(deployment);
            Map<String, Object> pod = Manifests.map(Manifests.at(deployment, "spec", "template", "spec"));
            assertPodSpecHardened(id, pod);

            Map<String, Object> container = ChartTest.container(deployment);
            int port = PORTS.get(Renderings.name(deployment));
            assertThat(Manifests.list(container.get("ports")))
                    .as("%s listens on its service port", id)
                    .containsExactly(Map.of("name", "http", "containerPort", port, "protocol", "TCP"));
            assertThat(Manifests.at(container, "startupProbe", "httpGet", "path"))
                    .as(id)
                    .isEqualTo("/q/health/started");
            assertThat(Manifests.at(container, "livenessProbe", "httpGet", "path"))
                    .as(id)
                    .isEqualTo("/q/health/live");
            assertThat(Manifests.at(container, "readinessProbe", "httpGet", "path"))
                    .as(id)
                    .isEqualTo("/q/health/ready");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(Manifests.at(container, probe, "httpGet", "port"))
                        .as(id)
                        .isEqualTo("http");
            }
            assertThat(Manifests.at(container, "resources", "requests", "memory"))
                    .as(id)
                    .isNotNull();
            assertThat(Manifests.at(container, "resources", "limits", "memory"))
                    .as(id)
                    .isNotNull();
            assertThat(Manifests.list(container.get("volumeMounts")))
                    .as("%s writes temporary files to /tmp only", id)
                    .contains(Map.of("name", "tmp", "mountPath", "/tmp"));
            assertThat(Manifests.list(pod.get("volumes"))).as(id).anySatisfy(volume -> {
                assertThat(Manifests.at(volume, "name")).isEqualTo("tmp");
                assertThat(Manifests.at(volume, "emptyDir", "sizeLimit")).isNotNull();
            });

            boolean vaultKubernetesAuth = "vault-service".equals(Renderings.name(deployment))
                    && "kubernetes".equals(config(source, "vault-service").get("VAULT_AUTH"))
                    && "vault".equals(config(source, "vault-service").get("KEY_PROVIDER"));
            assertThat(pod.get("automountServiceAccountToken"))
                    .as("%s mounts a ServiceAccount token only for Vault Kubernetes auth", id)
                    .isEqualTo(vaultKubernetesAuth);
        }
    }

    @ParameterizedTest
    @EnumSource(Sources.class)
    void everyServiceSendsItsPortToItsOwnPods(Sources source) {
        for (String service : PORTS.keySet()) {
            Map<String, Object> spec = Manifests.map(
                    KustomizeTest.find(source.objects(), "Service/" + service).get("spec"));
            Map<String, Object> podLabels = Manifests.map(Manifests.at(
                    KustomizeTest.find(source.objects(), "Deployment/" + service),
                    "spec",
                    "template",
                    "metadata",
                    "labels"));

            assertThat(spec.get("type")).isEqualTo("ClusterIP");
            assertThat(Manifests.list(spec.get("ports")))
                    .containsExactly(Map.of(
                            "name", "http", "port", PORTS.get(service), "targetPort", "http", "protocol", "TCP"));
            assertThat(podLabels).containsAllEntriesOf(Manifests.map(spec.get("selector")));
        }
    }

    @ParameterizedTest
    @EnumSource(Sources.class)
    void serviceAccountsMountNoTokenExceptForVaultKubernetesAuth(Sources source) {
        for (Map<String, Object> account : source.objects().stream()
                .filter(o -> "ServiceAccount".equals(Renderings.kind(o)))
                .toList()) {
            boolean vaultKubernetesAuth = "vault-service".equals(Renderings.name(account))
                    && "kubernetes".equals(config(source, "vault-service").get("VAULT_AUTH"));
            assertThat(account.get("automountServiceAccountToken"))
                    .as(Renderings.id(account))
                    .isEqualTo(vaultKubernetesAuth);
        }
    }

    @ParameterizedTest
    @EnumSource(Sources.class)
    void noSecretValueIsRendered(Sources source) {
        for (Map<String, Object> object : source.objects()) {
            String id = Renderings.id(object);
            assertThat(Renderings.kind(object))
                    .as("%s: the chart only references Secrets", id)
                    .isNotEqualTo("Secret");
            if ("ConfigMap".equals(Renderings.kind(object))) {
                Manifests.map(object.get("data")).forEach((name, value) -> {
                    assertThat(name).as("%s holds a credential name", id).doesNotMatch(SECRET_NAME);
                    assertThat(String.valueOf(value))
                            .as("%s %s looks like a credential", id, name)
                            .matches(v -> !looksLikeSecret(v), "no credential");
                });
            }
            for (Map<String, Object> container : containers(object)) {
                for (Object item : Manifests.list(container.get("env"))) {
                    Map<String, Object> env = Manifests.map(item);
                    String name = (String) env.get("name");
                    if (SECRET_NAME.matcher(name).matches()) {
                        assertThat(env)
                                .as("%s %s must come from a Secret", id, name)
                                .doesNotContainKey("value");
                        assertThat(Manifests.at(env, "valueFrom", "secretKeyRef", "name"))
                                .as(id)
                                .isNotNull();
                    }
                    if (env.get("value") != null) {
                        assertThat(String.valueOf(env.get("value")))
                                .as("%s %s", id, name)
                                .matches(v -> !looksLikeSecret(v), "no credential");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sources.class)
    void everyImageHasAPinnedTag(Sources source) {
        for (Map<String, Object> object : source.objects()) {
            for (Map<String, Object> container : containers(object)) {
                String image = (String) container.get("image");
                assertThat(image)
                        .as(Renderings.id(object))
                        .matches("[^:@\\s]+(:[0-9]+)?/[^:@\\s]+:[A-Za-z0-9_][A-Za-z0-9_.-]*");
                assertThat(image.substring(image.lastIndexOf(':') + 1))
                        .as(Renderings.id(object))
                        .isNotEqualTo("latest");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sources.class)
    void everyServiceGetsTheSuiteEnvironmentFromItsConfigMap(Sources source) {
        for (String service : PORTS.keySet()) {
            Map<String, Object> data = config(source, service);
            assertThat(data)
                    .as(service)
                    .containsKeys(
                            "PORT",
                            "DB_URL",
                            "JWT_ISSUER",
                            "JWT_AUDIENCE",
                            "JWT_PUBLIC_KEY_LOCATION",
                            "LOG_JSON",
                            "MAX_BODY_SIZE")
                    .containsEntry("PORT", String.valueOf(PORTS.get(service)));
            assertThat((String) data.get("DB_URL")).startsWith("jdbc:postgresql://");
            Map<String, Object> deployment = KustomizeTest.find(source.objects(), "Deployment/" + service);
            Map<String, Object> container = ChartTest.container(deployment);
            assertThat(Manifests.at(Manifests.list(container.get("envFrom")).getFirst(), "configMapRef", "name"))
                    .isEqualTo(service);
            assertThat(Manifests.list(container.get("env")))
                    .extracting(env -> Manifests.map(env).get("name"))
                    .contains("DB_USER", "DB_PASSWORD");
        }
        Map<String, Object> vault = config(source, "vault-service");
        assertThat(vault)
                .containsKeys(
                        "KEY_PROVIDER",
                        "KEY_MODE",
                        "VAULT_TRANSIT_MOUNT",
                        "PHI_KEY_NAME",
                        "BLIND_INDEX_KEY_NAME",
                        "AUDIT_HMAC_KEY_NAME",
                        "SIGNING_KEY_NAME");
        if ("vault".equals(vault.get("KEY_PROVIDER"))) {
            assertThat(vault).containsKeys("VAULT_ADDR", "VAULT_AUTH");
        }
        assertThat(config(source, "reporting-service"))
                .containsKeys(
                        "CATALOG_URL",
                        "EVIDENCE_URL",
                        "VAULT_SERVICE_URL",
                        "UPSTREAM_CONNECT_TIMEOUT_MS",
                        "UPSTREAM_READ_TIMEOUT_MS");
        assertThat(config(source, "evidence-service"))
                .containsKeys(
                        "CATALOG_URL",
                        "VAULT_SERVICE_URL",
                        "EVIDENCE_MAX_FILE_SIZE",
                        "CHECKPOINT_SIGNER",
                        "UPSTREAM_CONNECT_TIMEOUT_MS",
                        "UPSTREAM_READ_TIMEOUT_MS");
    }

    /** The restricted Pod Security profile, checked on a pod spec. */
    static void assertPodSpecHardened(String id, Map<String, Object> pod) {
        Map<String, Object> podSecurity = Manifests.map(pod.get("securityContext"));
        assertThat(podSecurity).as(id).containsEntry("runAsNonRoot", true);
        assertThat((Integer) podSecurity.get("runAsUser")).as(id).isPositive();
        assertThat(Manifests.at(podSecurity, "seccompProfile", "type")).as(id).isEqualTo("RuntimeDefault");
        assertThat(pod).as(id).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");

        for (Object item : Manifests.list(pod.get("containers"))) {
            Map<String, Object> container = Manifests.map(item);
            Map<String, Object> security = Manifests.map(container.get("securityContext"));
            assertThat(security)
                    .as(id)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false)
                    .doesNotContainKey("privileged");
            assertThat(Manifests.at(security, "capabilities", "drop")).as(id).isEqualTo(List.of("ALL"));
            assertThat(Manifests.at(security, "capabilities", "add")).as(id).isNull();
            assertThat(Manifests.at(security, "seccompProfile", "type")).as(id).isEqualTo("RuntimeDefault");
        }
        assertThat(pod.get("initContainers")).as(id).isNull();
        // Pod Security "restricted" allows only these volume types (no hostPath and the like).
        for (Object volume : Manifests.list(pod.get("volumes"))) {
            Set<String> types = new TreeSet<>(Manifests.map(volume).keySet());
            types.remove("name");
            assertThat(types).as("%s volume types", id).isSubsetOf(RESTRICTED_VOLUME_TYPES);
        }
        for (Object container : Manifests.list(pod.get("containers"))) {
            for (Object port : Manifests.list(Manifests.map(container).get("ports"))) {
                assertThat(Manifests.map(port)).as("%s host ports", id).doesNotContainKey("hostPort");
            }
        }
    }

    /** A credential shape, or a long run of base64/hex characters mixing letters and digits (a key or password). */
    static boolean looksLikeSecret(String value) {
        if (SECRET_SHAPE.matcher(value).matches()) {
            return true;
        }
        for (String run : value.split("[^A-Za-z0-9+/=]+")) {
            boolean random = run.length() >= 32
                    && run.chars().anyMatch(Character::isDigit)
                    && run.chars().anyMatch(Character::isLetter);
            if (random) {
                return true;
            }
        }
        return false;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> object) {
        Object podSpec = switch (Renderings.kind(object)) {
            case "Pod" -> object.get("spec");
            case "Deployment" -> Manifests.at(object, "spec", "template", "spec");
            default -> null;
        };
        return podSpec == null
                ? List.of()
                : Manifests.list(Manifests.map(podSpec).get("containers")).stream()
                        .map(Manifests::map)
                        .toList();
    }

    private static Map<String, Object> config(Sources source, String service) {
        return Manifests.map(
                KustomizeTest.find(source.objects(), "ConfigMap/" + service).get("data"));
    }

    /** Fails when any nested model object kept a field its API type does not define (a misspelt key). */
    private static void assertNoUnknownFields(String id, Object model, Set<Object> seen) {
        if (model == null || !seen.add(model)) {
            return;
        }
        if (model instanceof Collection<?> items) {
            items.forEach(item -> assertNoUnknownFields(id, item, seen));
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.values().forEach(value -> assertNoUnknownFields(id, value, seen));
            return;
        }
        if (!model.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if ("getAdditionalProperties".equals(getter.getName())) {
                assertThat((Map<?, ?>) value)
                        .as(
                                "%s: %s has fields its API type does not define",
                                id, model.getClass().getSimpleName())
                        .isNullOrEmpty();
            } else {
                assertNoUnknownFields(id, value, seen);
            }
        }
    }
}
