package org.compliancesuite.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Helm output into the manifests kustomize works with: the same objects without what only Helm manages (the
 * chart label, the managed-by label, the config checksum that makes `helm upgrade` roll pods, the namespace).
 */
final class Manifests {

    static final String GENERATED_HEADER =
            "# Generated from deploy/helm/compliance-suite by deploy/render-kustomize.sh: do not edit, re-render.\n";

    private static final ObjectMapper WRITER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private static final ObjectMapper CANONICAL = WRITER.copy()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Manifests() {}

    /** The object as YAML with sorted keys, so that two renderings compare as text with a readable difference. */
    static String canonical(Map<String, Object> document) {
        try {
            return CANONICAL.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the object without Helm-only metadata. */
    static Map<String, Object> withoutHelmMetadata(Map<String, Object> document) {
        Map<String, Object> copy = deepCopy(document);
        Map<String, Object> metadata = map(copy.get("metadata"));
        metadata.remove("namespace");
        stripLabels(metadata);
        Map<String, Object> spec = map(copy.get("spec"));
        if (spec != null && spec.get("template") instanceof Map<?, ?> template) {
            Map<String, Object> podMetadata = map(((Map<?, ?>) template).get("metadata"));
            stripLabels(podMetadata);
            Map<String, Object> annotations = map(podMetadata.get("annotations"));
            if (annotations != null) {
                annotations.remove("checksum/config");
                if (annotations.isEmpty()) {
                    podMetadata.remove("annotations");
                }
            }
        }
        return copy;
    }

    private static void stripLabels(Map<String, Object> metadata) {
        Map<String, Object> labels = map(metadata.get("labels"));
        if (labels != null) {
            labels.remove("helm.sh/chart");
            labels.remove("app.kubernetes.io/managed-by");
        }
    }

    /** Objects as one YAML stream, in the given order. */
    static String toYaml(List<Map<String, Object>> documents) {
        StringBuilder out = new StringBuilder(GENERATED_HEADER);
        for (Map<String, Object> document : documents) {
            out.append("---\n");
            try {
                out.append(WRITER.writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** The value at a path of map keys, or null. */
    static Object at(Object root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
