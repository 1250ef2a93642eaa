package org.compliancesuite.catalog.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;

/**
 * Writes a framework as an OSCAL 1.1.2 catalog. Grouping requirements that are not assessed become groups; the
 * others become controls, with their sub-requirements as nested controls. Requirement codes such as
 * {@code 164.312(a)(1)} are not OSCAL tokens, so each control gets a token id and keeps its exact code as the
 * {@code label} property. An imported catalog is written back from the content kept at import (ids, params, props,
 * parts, links, metadata), so nothing of it is lost. The suite's own designations (HIPAA required or addressable,
 * SOC 2 category) are props in the {@link #SUITE_NS} namespace.
 */
@ApplicationScoped
public class OscalExporter {

    static final String OSCAL_VERSION = "1.1.2";
    /**
     * Namespace of the props the suite writes beyond OSCAL's own ({@code label} is OSCAL's): OSCAL props without a
     * namespace belong to OSCAL, so the suite's designations carry this one and an import recognises them by it.
     */
    public static final String SUITE_NS = "https://compliance-suite.dev/ns/oscal";
    /** HIPAA designation of an implementation specification: {@code required} or {@code addressable}. */
    static final String PROP_IMPLEMENTATION = "implementation";
    /** Whether the requirement must be met: {@code true} or {@code false}. */
    static final String PROP_REQUIRED = "required";
    /** SOC 2 Trust Services Criteria category: security, availability, processing-integrity... */
    static final String PROP_CATEGORY = "category";
    /** Namespace of the name-based (version 5) UUIDs of exported catalogs, fixed so that exports are stable. */
    private static final UUID NAMESPACE = UUID.fromString("6c3f2a52-8f0e-4d64-9a1e-2f1b8f6a3c11");

    @Inject
    ObjectMapper json;

    public ObjectNode export(Framework framework) {
        List<Requirement> requirements = Requirement.ofFramework(framework.id);
        Map<String, List<Requirement>> children = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            children.computeIfAbsent(r.parentCode, k -> new ArrayList<>()).add(r);
        }
        Map<String, String> ids = tokenIds(requirements);

        ObjectNode catalog = json.createObjectNode();
        JsonNode kept = framework.oscal;
        catalog.put(
                "uuid",
                kept != null && kept.hasNonNull("uuid") ? kept.get("uuid").asText() : uuid(framework));
        catalog.set(
                "metadata",
                kept != null && kept.has("metadata") ? kept.get("metadata").deepCopy() : metadata(framework));
        if (kept != null && kept.has("params")) {
            catalog.set("params", kept.get("params").deepCopy());
        }
        ArrayNode controls = json.createArrayNode();
        ArrayNode groups = json.createArrayNode();
        for (Requirement top : children.getOrDefault(null, List.of())) {
            if (isGroup(top, children)) {
                groups.add(group(top, children, ids));
            } else {
                controls.add(control(top, children, ids));
            }
        }
        if (!controls.isEmpty()) {
            catalog.set("controls", controls);
        }
        if (!groups.isEmpty()) {
            catalog.set("groups", groups);
        }
        if (kept != null && kept.has("back-matter")) {
            catalog.set("back-matter", kept.get("back-matter").deepCopy());
        }

        ObjectNode document = json.createObjectNode();
        document.set("catalog", catalog);
        return document;
    }

    private ObjectNode metadata(Framework framework) {
        ObjectNode metadata = json.createObjectNode();
        metadata.put("title", line(framework.name));
        Instant modified = framework.createdAt == null ? Instant.EPOCH : framework.createdAt;
        metadata.put("last-modified", modified.truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("version", line(framework.version));
        metadata.put("oscal-version", OSCAL_VERSION);
        if (framework.description != null && !framework.description.isBlank()) {
            metadata.put("remarks", framework.description);
        }
        return metadata;
    }

    private ObjectNode group(Requirement r, Map<String, List<Requirement>> children, Map<String, String> ids) {
        ObjectNode group = json.createObjectNode();
        // A group's id is optional in OSCAL: an imported group that had none is written back without one.
        if (r.oscal == null || r.oscalId != null) {
            group.put("id", ids.get(r.code));
        }
        copyContent(group, r, "group");
        ArrayNode groups = json.createArrayNode();
        ArrayNode controls = json.createArrayNode();
        for (Requirement child : children.getOrDefault(r.code, List.of())) {
            if (isGroup(child, children)) {
                groups.add(group(child, children, ids));
            } else {
                controls.add(control(child, children, ids));
            }
        }
        if (!groups.isEmpty()) {
            group.set("groups", groups);
        }
        if (!controls.isEmpty()) {
            group.set("controls", controls);
        }
        return group;
    }

    private ObjectNode control(Requirement r, Map<String, List<Requirement>> children, Map<String, String> ids) {
        ObjectNode control = json.createObjectNode();
        control.put("id", ids.get(r.code));
        copyContent(control, r, "control");
        ArrayNode nested = json.createArrayNode();
        // Controls nest only controls in OSCAL, so every descendant of a control is written as a control.
        for (Requirement child : children.getOrDefault(r.code, List.of())) {
            nested.add(control(child, children, ids));
        }
        if (!nested.isEmpty()) {
            control.set("controls", nested);
        }
        return control;
    }

    /** The imported content as it was, or for catalog content the class, title, label and statement. */
    private void copyContent(ObjectNode target, Requirement r, String type) {
        if (r.oscal != null) {
            if (r.oscal.has("class")) {
                target.set("class", r.oscal.get("class"));
            }
            target.put("title", r.title);
            r.oscal.properties().forEach(field -> {
                if (!field.getKey().equals("class")) {
                    target.set(field.getKey(), field.getValue().deepCopy());
                }
            });
            return;
        }
        target.put("class", token(r.kind));
        target.put("title", line(r.title));
        ArrayNode props = json.createArrayNode();
        props.addObject().put("name", "label").put("value", r.code);
        if ("control".equals(type)) {
            suiteProp(props, PROP_REQUIRED, String.valueOf(r.required));
            if (r.implementation != null) {
                suiteProp(props, PROP_IMPLEMENTATION, r.implementation);
            }
        }
        if (r.category != null) {
            suiteProp(props, PROP_CATEGORY, r.category);
        }
        target.set("props", props);
        if (r.description != null && !r.description.isBlank()) {
            ArrayNode parts = json.createArrayNode();
            parts.addObject().put("name", "statement").put("prose", r.description);
            target.set("parts", parts);
        }
    }

    /** OSCAL titles and versions are one line; a custom one typed with line breaks is written on one. */
    static String line(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static void suiteProp(ArrayNode props, String name, String value) {
        props.addObject().put("name", name).put("ns", SUITE_NS).put("value", value);
    }

    private static boolean isGroup(Requirement r, Map<String, List<Requirement>> children) {
        if (r.oscal != null || r.oscalId != null) {
            return "group".equals(r.kind);
        }
        return !r.assessable && children.containsKey(r.code);
    }

    /** A unique OSCAL token per requirement: the kept OSCAL id, else the code made into a token. */
    private static Map<String, String> tokenIds(List<Requirement> requirements) {
        Map<String, String> ids = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (Requirement r : requirements) {
            if (r.oscalId != null) {
                ids.put(r.code, r.oscalId);
                used.add(r.oscalId);
            }
        }
        for (Requirement r : requirements) {
            if (r.oscalId != null) {
                continue;
            }
            String base = token(r.code);
            String id = base;
            for (int n = 2; !used.add(id); n++) {
                id = base + "-" + n;
            }
            ids.put(r.code, id);
        }
        return ids;
    }

    /** 164.312(a)(2)(iv) becomes req-164.312-a-2-iv; A.8.5 stays A.8.5; CC6.1 stays CC6.1. */
    static String token(String code) {
        String cleaned = code.replace("(", "-")
                .replace(")", "")
                .replaceAll("[^\\p{L}\\p{N}._-]", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("-$", "");
        boolean startsWell =
                !cleaned.isEmpty() && (Character.isLetter(cleaned.codePointAt(0)) || cleaned.charAt(0) == '_');
        return startsWell ? cleaned : "req-" + cleaned;
    }

    private static String uuid(Framework framework) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(bytes(NAMESPACE));
            byte[] hash = sha1.digest((framework.id + "\n" + framework.version).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    private static byte[] bytes(UUID uuid) {
        byte[] out = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (msb >>> (56 - 8 * i));
            out[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return out;
    }
}
