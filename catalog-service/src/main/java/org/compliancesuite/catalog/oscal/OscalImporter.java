package org.compliancesuite.catalog.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancesuite.catalog.Refusals;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.custom.CustomFrameworkService;
import org.compliancesuite.catalog.custom.RequirementRequest;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Implementation;
import org.compliancesuite.catalog.framework.RequirementCode;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.common.problem.ProblemException;

/**
 * Imports an OSCAL catalog as a custom framework of the caller's tenant. The document is validated against the
 * official schema first; groups (nested to any depth) become grouping requirements, controls and their nested
 * controls (enhancements, to any depth) become requirements. A control's code is its {@code label} property when
 * every control has a distinct label that can serve as a code ({@link RequirementCode}), else its id; a group's code
 * likewise its label or id, or {@code group-N} for a group with neither. Everything beyond id, title and children
 * (class, params, props, parts, links) is kept verbatim, as are the catalog's uuid, metadata, params and back-matter,
 * so that an export gives the catalog back. The suite's own props ({@link OscalExporter#SUITE_NS}) bring back what
 * an export of the suite wrote: the HIPAA implementation designation, whether a requirement is required, the SOC 2
 * category.
 */
@ApplicationScoped
public class OscalImporter {

    static final int MAX_REPORTED_VIOLATIONS = 10;
    private static final int MAX_TITLE = 500;

    @Inject
    OscalSchema schema;

    @Inject
    ObjectMapper json;

    @Inject
    CustomFrameworkService frameworks;

    @Inject
    ChangeLog changes;

    /**
     * Validates and stores; 422 with the first violations and their JSON paths (schema violations, ids that cannot
     * serve as codes, suite props with values the suite does not know), 409 for duplicate ids or codes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ImportResult importCatalog(JsonNode document) {
        var violations = schema.violations(document, MAX_REPORTED_VIOLATIONS);
        if (!violations.isEmpty()) {
            throw Refusals.unprocessable(violations);
        }
        JsonNode catalog = document.get("catalog");
        JsonNode metadata = catalog.get("metadata");

        List<Node> nodes = new ArrayList<>();
        collect(catalog, null, false, nodes);
        Set<String> ids = new HashSet<>();
        List<String> duplicateIds = new ArrayList<>();
        nodes.stream().map(Node::oscalId).filter(id -> id != null).forEach(id -> {
            if (!ids.add(id)) {
                duplicateIds.add(id);
            }
        });
        if (!duplicateIds.isEmpty()) {
            throw ProblemException.conflict("OSCAL ids used more than once: " + String.join(", ", duplicateIds));
        }
        List<Problem.FieldViolation> errors = new ArrayList<>(assignCodes(nodes));
        for (Node node : nodes) {
            errors.addAll(node.errors);
            if (node.title.length() > MAX_TITLE) {
                errors.add(new Problem.FieldViolation(
                        node.path + ".title", "must be at most " + MAX_TITLE + " characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusals.unprocessable(
                    errors.stream().limit(MAX_REPORTED_VIOLATIONS).toList());
        }
        CustomFrameworkService.requireUniqueCodes(
                nodes.stream().map(n -> n.code).toList());

        Instant now = Instant.now();
        ObjectNode kept = json.createObjectNode();
        kept.set("uuid", catalog.get("uuid"));
        kept.set("metadata", metadata);
        if (catalog.has("params")) {
            kept.set("params", catalog.get("params"));
        }
        if (catalog.has("back-matter")) {
            kept.set("back-matter", catalog.get("back-matter"));
        }
        String name = truncate(metadata.get("title").asText().strip(), 200);
        String version = truncate(metadata.get("version").asText().strip(), 50);
        Framework framework = frameworks.newFramework(name, version, kept, now);
        framework.description =
                metadata.hasNonNull("remarks") ? metadata.get("remarks").asText() : null;

        int position = 0;
        int groups = 0;
        for (Node node : nodes) {
            String parent = node.parent == null ? null : node.parent.code;
            RequirementRequest request = new RequirementRequest(
                    node.code,
                    node.title,
                    null,
                    parent,
                    node.kind,
                    node.required,
                    !node.group,
                    node.implementation,
                    node.category);
            frameworks.newRequirement(framework, request, !node.group, position++, node.oscalId(), node.content, now);
            groups += node.group ? 1 : 0;
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", "oscal");
        detail.put("name", name);
        detail.put("version", version);
        detail.put("groups", groups);
        detail.put("controls", nodes.size() - groups);
        changes.record("framework", framework.id, "imported", now, detail);
        Log.infof(
                "Imported OSCAL catalog as framework %s: %d groups, %d controls",
                framework.id, groups, nodes.size() - groups);
        return new ImportResult(framework.id, name, version, groups, nodes.size() - groups);
    }

    /** Depth-first, parents before children, groups and controls in document order. */
    private void collect(JsonNode container, Node parent, boolean insideControl, List<Node> nodes) {
        String base = parent == null ? "$.catalog" : parent.path;
        JsonNode groups = container.get("groups");
        if (groups != null) {
            for (int i = 0; i < groups.size(); i++) {
                Node node = new Node(groups.get(i), parent, true, "group", base + ".groups[" + i + "]");
                nodes.add(node);
                collect(groups.get(i), node, false, nodes);
            }
        }
        JsonNode controls = container.get("controls");
        if (controls != null) {
            for (int i = 0; i < controls.size(); i++) {
                Node node = new Node(
                        controls.get(i),
                        parent,
                        false,
                        insideControl ? "enhancement" : "control",
                        base + ".controls[" + i + "]");
                nodes.add(node);
                collect(controls.get(i), node, true, nodes);
            }
        }
    }

    /**
     * Labels are the codes people use (AC-2(1)); ids are the fallback when a label is missing, clashes or cannot be
     * a code. Controls use their labels when every control has a distinct usable one, and groups likewise (NIST
     * families have none and keep their ids; a catalog the suite exported has them). An id that cannot be a code
     * either ({@code tree}, too long) is refused with its path, since it would name a requirement no URL reaches.
     * Groups without id or label get {@code group-N}, skipping codes in use.
     */
    private static List<Problem.FieldViolation> assignCodes(List<Node> nodes) {
        boolean controlLabels =
                distinctLabels(nodes.stream().filter(n -> !n.group).toList());
        boolean groupLabels = distinctLabels(nodes.stream().filter(n -> n.group).toList());
        List<Problem.FieldViolation> errors = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Node node : nodes) {
            boolean byLabel = node.group ? groupLabels : controlLabels;
            node.code = byLabel ? node.label : node.oscalId();
            if (node.code == null) {
                continue;
            }
            String problem = RequirementCode.problem(node.code);
            if (problem != null) {
                errors.add(new Problem.FieldViolation(
                        node.path + ".id", "cannot serve as a requirement code: " + problem));
            }
            used.add(node.code);
        }
        int unnamed = 0;
        for (Node node : nodes) {
            if (node.code == null) {
                String code;
                do {
                    code = "group-" + (++unnamed);
                } while (used.contains(code));
                node.code = code;
                used.add(code);
            }
        }
        return errors;
    }

    private static boolean distinctLabels(List<Node> nodes) {
        Set<String> labels = new HashSet<>();
        return !nodes.isEmpty() && nodes.stream().allMatch(n -> n.label != null && labels.add(n.label));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A group or control of the document being imported. */
    private static final class Node {
        final JsonNode source;
        final Node parent;
        final boolean group;
        final String kind;
        final String path;
        final String title;
        final String label;
        final ObjectNode content;
        final List<Problem.FieldViolation> errors = new ArrayList<>();
        Implementation implementation;
        Boolean required;
        String category;
        String code;

        Node(JsonNode source, Node parent, boolean group, String kind, String path) {
            this.source = source;
            this.parent = parent;
            this.group = group;
            this.kind = kind;
            this.path = path;
            this.title = source.get("title").asText().strip();
            this.label = labelOf(source);
            this.content = source.deepCopy();
            this.content.remove(List.of("id", "title", "controls", "groups"));
            readSuiteProps();
        }

        String oscalId() {
            return source.hasNonNull("id") ? source.get("id").asText() : null;
        }

        /** The suite's own props, written by an export of the suite; unknown values are refused with their path. */
        private void readSuiteProps() {
            JsonNode props = source.path("props");
            for (int i = 0; i < props.size(); i++) {
                JsonNode prop = props.get(i);
                if (!OscalExporter.SUITE_NS.equals(prop.path("ns").asText())) {
                    continue;
                }
                String value = prop.path("value").asText();
                String at = path + ".props[" + i + "].value";
                switch (prop.path("name").asText()) {
                    case OscalExporter.PROP_IMPLEMENTATION -> {
                        try {
                            implementation = Implementation.of(value);
                        } catch (IllegalArgumentException e) {
                            errors.add(new Problem.FieldViolation(at, "must be required or addressable"));
                        }
                    }
                    case OscalExporter.PROP_REQUIRED -> {
                        if (value.equals("true") || value.equals("false")) {
                            required = Boolean.valueOf(value);
                        } else {
                            errors.add(new Problem.FieldViolation(at, "must be true or false"));
                        }
                    }
                    case OscalExporter.PROP_CATEGORY -> {
                        if (value.matches("^[a-z][a-z0-9-]{0,49}$")) {
                            category = value;
                        } else {
                            errors.add(new Problem.FieldViolation(at, "must be lower-case letters, digits and -"));
                        }
                    }
                    default -> {
                        // Other suite props are kept with the content and mean nothing more on import.
                    }
                }
            }
            if (implementation != null && required != null && required != (implementation == Implementation.REQUIRED)) {
                errors.add(new Problem.FieldViolation(
                        path + ".props", "required and implementation contradict each other"));
            }
        }

        /** The OSCAL label prop, when it can serve as a code; otherwise the control is known by its id. */
        private static String labelOf(JsonNode source) {
            JsonNode props = source.get("props");
            if (props == null) {
                return null;
            }
            for (JsonNode prop : props) {
                if ("label".equals(prop.path("name").asText()) && !prop.has("ns")) {
                    String value = prop.path("value").asText().strip();
                    return RequirementCode.problem(value) == null ? value : null;
                }
            }
            return null;
        }
    }
}
