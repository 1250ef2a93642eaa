package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart is the suite's one source of Kubernetes manifests; quarkus-kubernetes (a dependency of common) still
 * writes target/kubernetes/kubernetes.yml for every service it builds. This test holds the chart to what the services
 * declare there: the HTTP container port, the probe paths and ports, the port the Service targets, and environment
 * variables the generator sets.
 *
 * <p>A service not built in this Maven run (deploy tested alone) is skipped when its file is absent; a service that
 * was packaged in the same run (deploy.reactor and deploy.goals, set by deploy/pom.xml) must have left its file.
 */
class GeneratedManifestTest {

    private static final Set<String> PACKAGING_PHASES =
            Set.of("package", "pre-integration-test", "integration-test", "post-integration-test", "verify", "install");

    /**
     * Environment variables the generator sets that the chart deliberately does not, each with the fact that makes
     * it safe to leave out (checked below).
     */
    private static final Map<String, String> NOT_TAKEN = Map.of(
            "KUBERNETES_NAMESPACE",
            "set by quarkus-kubernetes for a Kubernetes client, which no service has: no service reads it",
            "QUARKUS_FLYWAY_ACTIVE",
            "false only because the generator moves Flyway into an init Job; the chart migrates at start-up");

    @ParameterizedTest
    @ValueSource(strings = {"catalog-service", "evidence-service", "vault-service", "reporting-service"})
    void chartAgreesWithTheManifestsQuarkusGeneratesForTheService(String service) throws IOException {
        Path file = Renderings.deployDir().resolveSibling(service).resolve("target/kubernetes/kubernetes.yml");
        if (!Files.exists(file)) {
            assertThat(packagedInThisRun(service))
                    .as(
                            "%s was packaged in this Maven run but left no %s: is quarkus-kubernetes still a"
                                    + " dependency of common?",
                            service, file)
                    .isFalse();
            Assumptions.abort(service + " was not built in this Maven run and " + file + " is absent: run"
                    + " ./mvnw verify (the reactor builds the services before deploy) to check the chart against it");
        }
        List<Map<String, Object>> generated = Renderings.documents(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Object> generatedContainer =
                ChartTest.container(KustomizeTest.find(generated, "Deployment/" + service));
        List<Map<String, Object>> chart = Sources.CHART_DEFAULT.objects();
        Map<String, Object> chartDeployment = KustomizeTest.find(chart, "Deployment/" + service);
        Map<String, Object> chartContainer = ChartTest.container(chartDeployment);

        int port = httpPort(generatedContainer);
        assertThat(httpPort(chartContainer))
                .as("%s HTTP container port", service)
                .isEqualTo(port);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(Manifests.at(chartContainer, probe, "httpGet", "path"))
                    .as("%s %s path", service, probe)
                    .isEqualTo(Manifests.at(generatedContainer, probe, "httpGet", "path"));
            assertThat(resolve(chartContainer, Manifests.at(chartContainer, probe, "httpGet", "port")))
                    .as("%s %s port", service, probe)
                    .isEqualTo(resolve(generatedContainer, Manifests.at(generatedContainer, probe, "httpGet", "port")));
        }
        Map<String, Object> generatedService = KustomizeTest.find(generated, "Service/" + service);
        Map<String, Object> chartService = KustomizeTest.find(chart, "Service/" + service);
        assertThat(resolve(chartContainer, servicePort(chartService).get("targetPort")))
                .as("%s Service target port", service)
                .isEqualTo(resolve(
                        generatedContainer, servicePort(generatedService).get("targetPort")));

        Set<String> chartEnvironment = ServiceEnvironment.chartEnvironment(chart, service);
        Set<String> read = ServiceEnvironment.read(service);
        Set<String> missing = new TreeSet<>();
        for (Object item : Manifests.list(generatedContainer.get("env"))) {
            String name = (String) Manifests.map(item).get("name");
            if (!chartEnvironment.contains(name) && !NOT_TAKEN.containsKey(name)) {
                missing.add(name);
            }
        }
        assertThat(missing)
                .as("%s: variables quarkus-kubernetes sets and the chart does not", service)
                .isEmpty();
        assertThat(read).as(NOT_TAKEN.get("KUBERNETES_NAMESPACE")).doesNotContain("KUBERNETES_NAMESPACE");
        if (hasEnv(generatedContainer, "QUARKUS_FLYWAY_ACTIVE")) {
            assertThat(generated)
                    .as(NOT_TAKEN.get("QUARKUS_FLYWAY_ACTIVE"))
                    .anySatisfy(o -> assertThat(Renderings.id(o)).isEqualTo("Job/" + service + "-flyway-init"));
            assertThat(chartEnvironment).doesNotContain("QUARKUS_FLYWAY_ACTIVE");
        }
    }

    private static boolean packagedInThisRun(String service) {
        Set<String> reactor = words(System.getProperty("deploy.reactor", ""));
        Set<String> goals = words(System.getProperty("deploy.goals", ""));
        return reactor.contains(service) && goals.stream().anyMatch(PACKAGING_PHASES::contains);
    }

    private static Set<String> words(String value) {
        return new TreeSet<>(Arrays.stream(value.trim().split("[\\s,]+"))
                .filter(w -> !w.isEmpty())
                .toList());
    }

    private static int httpPort(Map<String, Object> container) {
        return Manifests.list(container.get("ports")).stream()
                .map(Manifests::map)
                .filter(p -> "http".equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no port named http"));
    }

    /** A port given by number or by the name of a container port, as a number. */
    private static int resolve(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        for (Object item : Manifests.list(container.get("ports"))) {
            Map<String, Object> p = Manifests.map(item);
            named.put((String) p.get("name"), ((Number) p.get("containerPort")).intValue());
        }
        assertThat(named).as("container port named %s", port).containsKey((String) port);
        return named.get((String) port);
    }

    private static Map<String, Object> servicePort(Map<String, Object> service) {
        return Manifests.map(
                Manifests.list(Manifests.at(service, "spec", "ports")).getFirst());
    }

    private static boolean hasEnv(Map<String, Object> container, String name) {
        return Manifests.list(container.get("env")).stream()
                .anyMatch(e -> name.equals(Manifests.map(e).get("name")));
    }
}
