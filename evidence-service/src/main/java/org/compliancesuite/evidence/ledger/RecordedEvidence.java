package org.compliancesuite.evidence.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One evidence item as its ledger events say it must be now: the {@code created} entry records everything the row
 * holds, and each later event (review, relinking, legal hold, deletion) the fields it changes. Replaying the events in
 * chain order gives the expected row; a row changed behind the service's back differs from it.
 */
final class RecordedEvidence {

    enum Kind {
        TEXT,
        LONG,
        BOOLEAN,
        INSTANT,
        DATE,
        LIST
    }

    /** The fields compared with the row, in column order of {@link #ROWS}; a mismatch names the first that differs. */
    static final Map<String, Kind> FIELDS = fields();

    /** The evidence rows of a tenant with their link tables, in the order of {@link #compareIds}. */
    static final String ROWS = "SELECT e.id, e.title, e.description, e.kind, e.source, e.media_type, e.file_name,"
            + " e.size, e.sha256, e.collected_at, e.period_start, e.period_end, e.fresh_until, e.collector_subject,"
            + " e.collector_client, e.created_at, e.state, e.reviewed_by, e.reviewed_at, e.rejection_reason,"
            + " ARRAY(SELECT c.control_id FROM evidence_control c WHERE c.evidence_id = e.id),"
            + " ARRAY(SELECT r.requirement_ref FROM evidence_requirement r WHERE r.evidence_id = e.id),"
            + " e.retain_until, e.retention_basis, e.legal_hold, e.legal_hold_reason, e.legal_hold_by, e.legal_hold_at,"
            + " e.deleted_at, e.deleted_by, e.content_id FROM evidence e WHERE e.tenant = ? ORDER BY e.id";

    /** The column of {@link #ROWS} after the compared fields. */
    static final int CONTENT_ID_COLUMN = 2 + FIELDS.size();

    /** Fields the {@code created} entry's details carry under the same name. */
    private static final List<String> CREATED_DETAILS = List.of(
            "title",
            "description",
            "kind",
            "source",
            "mediaType",
            "fileName",
            "size",
            "collectedAt",
            "periodStart",
            "periodEnd",
            "freshUntil",
            "createdAt",
            "retainUntil",
            "retentionBasis",
            "controlIds",
            "requirementRefs");

    /** A detail the entry does not carry: never equal to a row value, so its absence is reported, not ignored. */
    private static final String NOT_RECORDED = "\u0000not recorded by the ledger";

    private final Map<String, String> expected = new HashMap<>();
    private final Map<String, Long> setBy = new HashMap<>();
    private long createdSequence = -1;
    private long lastSequence;
    private String eventProblem;
    private long eventProblemSequence;

    private static Map<String, Kind> fields() {
        Map<String, Kind> fields = new LinkedHashMap<>();
        fields.put("title", Kind.TEXT);
        fields.put("description", Kind.TEXT);
        fields.put("kind", Kind.TEXT);
        fields.put("source", Kind.TEXT);
        fields.put("mediaType", Kind.TEXT);
        fields.put("fileName", Kind.TEXT);
        fields.put("size", Kind.LONG);
        fields.put("sha256", Kind.TEXT);
        fields.put("collectedAt", Kind.INSTANT);
        fields.put("periodStart", Kind.DATE);
        fields.put("periodEnd", Kind.DATE);
        fields.put("freshUntil", Kind.INSTANT);
        fields.put("collectorSubject", Kind.TEXT);
        fields.put("collectorClient", Kind.TEXT);
        fields.put("createdAt", Kind.INSTANT);
        fields.put("state", Kind.TEXT);
        fields.put("reviewedBy", Kind.TEXT);
        fields.put("reviewedAt", Kind.INSTANT);
        fields.put("rejectionReason", Kind.TEXT);
        fields.put("controlIds", Kind.LIST);
        fields.put("requirementRefs", Kind.LIST);
        fields.put("retainUntil", Kind.INSTANT);
        fields.put("retentionBasis", Kind.TEXT);
        fields.put("legalHold", Kind.BOOLEAN);
        fields.put("legalHoldReason", Kind.TEXT);
        fields.put("legalHoldBy", Kind.TEXT);
        fields.put("legalHoldAt", Kind.INSTANT);
        fields.put("deletedAt", Kind.INSTANT);
        fields.put("deletedBy", Kind.TEXT);
        return fields;
    }

    /** Applies one entry of the item, in chain order. */
    void apply(long sequence, String event, String actor, String contentSha256, JsonNode details) {
        lastSequence = sequence;
        if (event.equals(LedgerEvent.CREATED)) {
            if (createdSequence >= 0) {
                problem(sequence, "the evidence is created twice in the ledger");
                return;
            }
            createdSequence = sequence;
            for (String field : CREATED_DETAILS) {
                set(sequence, field, detail(details, field));
            }
            set(sequence, "sha256", contentSha256);
            set(sequence, "collectorSubject", actor);
            set(sequence, "collectorClient", detail(details, "client"));
            set(sequence, "state", "submitted");
            set(sequence, "reviewedBy", null);
            set(sequence, "reviewedAt", null);
            set(sequence, "rejectionReason", null);
            set(sequence, "legalHold", "false");
            set(sequence, "legalHoldReason", null);
            set(sequence, "legalHoldBy", null);
            set(sequence, "legalHoldAt", null);
            set(sequence, "deletedAt", null);
            set(sequence, "deletedBy", null);
            return;
        }
        if (createdSequence < 0) {
            problem(sequence, "a " + event + " entry precedes the evidence's created entry");
            return;
        }
        if (!Objects.equals(contentSha256, expected.get("sha256"))) {
            problem(sequence, "the entry names another content digest than the evidence's");
        }
        switch (event) {
            case LedgerEvent.REVIEWED -> {
                set(sequence, "state", detail(details, "decision"));
                set(sequence, "rejectionReason", detail(details, "reason"));
                set(sequence, "reviewedBy", actor);
                set(sequence, "reviewedAt", detail(details, "reviewedAt"));
            }
            case LedgerEvent.LINKS_CHANGED -> {
                set(sequence, "controlIds", detail(details, "controlIdsAfter"));
                set(sequence, "requirementRefs", detail(details, "requirementRefsAfter"));
                set(sequence, "freshUntil", detail(details, "freshUntil"));
                set(sequence, "retainUntil", detail(details, "retainUntil"));
                set(sequence, "retentionBasis", detail(details, "retentionBasis"));
            }
            case LedgerEvent.LEGAL_HOLD_SET -> {
                set(sequence, "legalHold", "true");
                set(sequence, "legalHoldReason", detail(details, "reason"));
                set(sequence, "legalHoldBy", actor);
                set(sequence, "legalHoldAt", detail(details, "heldAt"));
            }
            case LedgerEvent.LEGAL_HOLD_RELEASED -> {
                set(sequence, "legalHold", "false");
                set(sequence, "legalHoldReason", null);
                set(sequence, "legalHoldBy", actor);
                set(sequence, "legalHoldAt", detail(details, "releasedAt"));
            }
            case LedgerEvent.DELETED -> {
                set(sequence, "deletedAt", detail(details, "deletedAt"));
                set(sequence, "deletedBy", actor);
            }
            default -> problem(sequence, "the ledger holds an evidence event this service does not know: " + event);
        }
    }

    long createdSequence() {
        return createdSequence;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** An entry that cannot be applied (out of order, unknown), or null. */
    String eventProblem() {
        return eventProblem;
    }

    long eventProblemSequence() {
        return eventProblemSequence;
    }

    String expected(String field) {
        return expected.get(field);
    }

    /** The entry that last set the field. */
    long setBy(String field) {
        return setBy.getOrDefault(field, createdSequence);
    }

    /** The first field, in {@link #FIELDS} order, whose row value is not the one the events give; null when none. */
    String firstDifference(Map<String, String> row) {
        for (String field : FIELDS.keySet()) {
            if (!Objects.equals(expected.get(field), row.get(field))) {
                return field;
            }
        }
        return null;
    }

    /** The current row of {@link #ROWS}, normalised like the expected values. */
    static Map<String, String> row(ResultSet rs) throws SQLException {
        Map<String, String> row = new HashMap<>();
        int column = 2;
        for (Map.Entry<String, Kind> field : FIELDS.entrySet()) {
            row.put(field.getKey(), column(rs, column++, field.getValue()));
        }
        return row;
    }

    /** PostgreSQL orders uuid bytewise, that is as two unsigned longs; {@link UUID#compareTo} does not. */
    static int compareIds(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private void set(long sequence, String field, String value) {
        expected.put(field, normalise(FIELDS.get(field), value));
        setBy.put(field, sequence);
    }

    private void problem(long sequence, String problem) {
        if (eventProblem == null) {
            eventProblem = problem;
            eventProblemSequence = sequence;
        }
    }

    /** A detail as text: arrays as their sorted elements, numbers in decimal; absent is {@link #NOT_RECORDED}. */
    private static String detail(JsonNode details, String name) {
        if (details == null || !details.has(name)) {
            return NOT_RECORDED;
        }
        JsonNode value = details.get(name);
        if (value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(v -> elements.add(v.asText()));
            return new TreeSet<>(elements).toString();
        }
        return value.asText();
    }

    private static String normalise(Kind kind, String value) {
        if (value == null || value.equals(NOT_RECORDED)) {
            return value;
        }
        try {
            return switch (kind) {
                case INSTANT -> Instant.parse(value).toString();
                case DATE -> LocalDate.parse(value).toString();
                case LONG -> String.valueOf(Long.parseLong(value));
                default -> value;
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return NOT_RECORDED + value;
        }
    }

    private static String column(ResultSet rs, int column, Kind kind) throws SQLException {
        return switch (kind) {
            case TEXT -> rs.getString(column);
            case LONG -> {
                long value = rs.getLong(column);
                yield rs.wasNull() ? null : String.valueOf(value);
            }
            case BOOLEAN -> {
                boolean value = rs.getBoolean(column);
                yield rs.wasNull() ? null : String.valueOf(value);
            }
            case INSTANT -> {
                OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
                yield value == null ? null : value.toInstant().toString();
            }
            case DATE -> {
                LocalDate value = rs.getObject(column, LocalDate.class);
                yield value == null ? null : value.toString();
            }
            case LIST -> {
                Array array = rs.getArray(column);
                yield array == null ? null : new TreeSet<>(Arrays.asList((String[]) array.getArray())).toString();
            }
        };
    }
}
