package org.compliancesuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables a service reads, from its configuration sources, and those the chart gives it. */
final class ServiceEnvironment {

    /** ${NAME} or ${NAME:default}: how every overridable value of the suite names its environment variable. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private ServiceEnvironment() {}

    /** Variables referenced by the service's application.properties and common's shared configuration. */
    static Set<String> read(String service) {
        Path root = Renderings.deployDir().getParent();
        Set<String> names = new TreeSet<>();
        for (Path source : List.of(
                root.resolve(service).resolve("src/main/resources/application.properties"),
                root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"))) {
            try {
                Matcher matcher = REFERENCE.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** Variables the rendering gives the service's container: its ConfigMap's keys and the container's env. */
    static Set<String> chartEnvironment(List<Map<String, Object>> objects, String service) {
        Set<String> names = new TreeSet<>(Manifests.map(
                        KustomizeTest.find(objects, "ConfigMap/" + service).get("data"))
                .keySet());
        Map<String, Object> container = ChartTest.container(KustomizeTest.find(objects, "Deployment/" + service));
        for (Object env : Manifests.list(container.get("env"))) {
            names.add((String) Manifests.map(env).get("name"));
        }
        return names;
    }
}
