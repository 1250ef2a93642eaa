package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each service ships JVM, native and native-micro images whose user and port agree with the chart. */
class DockerfileTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "catalog-service, Dockerfile.jvm, 8081, jvm",
        "catalog-service, Dockerfile.native, 8081, native",
        "catalog-service, Dockerfile.native-micro, 8081, native",
        "evidence-service, Dockerfile.jvm, 8082, jvm",
        "evidence-service, Dockerfile.native, 8082, native",
        "evidence-service, Dockerfile.native-micro, 8082, native",
        "vault-service, Dockerfile.jvm, 8083, jvm",
        "vault-service, Dockerfile.native, 8083, native",
        "vault-service, Dockerfile.native-micro, 8083, native",
        "reporting-service, Dockerfile.jvm, 8084, jvm",
        "reporting-service, Dockerfile.native, 8084, native",
        "reporting-service, Dockerfile.native-micro, 8084, native"
    })
    void imageRunsAsTheChartsNonRootUserOnTheServicePort(String service, String file, int port, String flavor)
            throws IOException {
        Path dockerfile = Renderings.deployDir()
                .resolveSibling(service)
                .resolve("src/main/docker")
                .resolve(file);
        List<String> lines = Files.readAllLines(dockerfile).stream()
                .map(String::strip)
                .filter(line -> !line.startsWith("#") && !line.isEmpty())
                .toList();
        Map<?, ?> runAsUser = (Map<?, ?>) Renderings.YAML
                .readValue(Renderings.chartDir().resolve("values.yaml").toFile(), Map.class)
                .get("runAsUser");

        assertThat(lines)
                .filteredOn(l -> l.startsWith("FROM "))
                .singleElement()
                .satisfies(from -> assertThat(from).matches("FROM [a-z0-9.-]+/[a-z0-9./_-]+:[0-9][A-Za-z0-9._-]*"));
        assertThat(lines).filteredOn(l -> l.startsWith("USER ")).last().isEqualTo("USER " + runAsUser.get(flavor));
        assertThat(lines).contains("EXPOSE " + port);
        if (flavor.equals("jvm")) {
            assertThat(lines).anyMatch(l -> l.startsWith("FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:"));
            assertThat(lines).contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/");
        } else {
            assertThat(lines).contains("COPY --chown=1001:root --chmod=0755 target/*-runner /work/application");
        }
    }
}
