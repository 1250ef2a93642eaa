package org.compliancesuite.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders the chart with the real Helm engine (helm-java) and the overlays with kubectl kustomize. */
final class Renderings {

    static final String RELEASE = "compliance-suite";
    static final String NAMESPACE = "compliance-suite";
    static final String KUBE_VERSION = "1.32.0";
    /** kubectl with its built-in kustomize; the KUBECTL environment variable points elsewhere. */
    static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "/usr/bin/kubectl");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Renderings() {}

    static Path deployDir() {
        return Path.of(System.getProperty("deploy.dir", ".")).toAbsolutePath().normalize();
    }

    static Path chartDir() {
        return deployDir().resolve("helm/compliance-suite");
    }

    static Path kustomizeDir() {
        return deployDir().resolve("kustomize");
    }

    static Path testValues(String name) {
        return deployDir().resolve("src/test/resources/values").resolve(name);
    }

    /** helm template of the chart with the given values files applied in order; throws when Helm refuses. */
    static String helmTemplate(Path... valuesFiles) {
        TemplateCommand template = new Helm(chartDir())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return template.call();
    }

    /** kubectl kustomize of a directory under deploy/kustomize. */
    static String kustomize(String relativeDir) {
        Path dir = kustomizeDir().resolve(relativeDir);
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(KUBECTL, "kustomize", dir.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            String error = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + error);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The non-empty YAML documents of a multi-document stream, each as a generic map. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var iterator = YAML.readValues(parser, LinkedHashMap.class);
            while (iterator.hasNext()) {
                Map<String, Object> document = iterator.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static String kind(Map<String, Object> document) {
        return (String) document.get("kind");
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> document) {
        return (String) ((Map<String, Object>) document.get("metadata")).get("name");
    }

    static String id(Map<String, Object> document) {
        return kind(document) + "/" + name(document);
    }
}
