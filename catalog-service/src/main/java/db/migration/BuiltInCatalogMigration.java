package db.migration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.compliancesuite.catalog.content.CatalogContent;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Loads the built-in catalog (frameworks, requirements, common controls and their mappings) from the versioned data
 * files under {@code catalog/}. It is a repeatable migration whose checksum is computed from those files: Flyway runs
 * it after the versioned schema migrations and again whenever a data file changes, so a content release is a data
 * file change and nothing else.
 *
 * <p>The load is an upsert: requirement rows keep their ids (tenants' applicability rows point at them), titles and
 * metadata are refreshed, and the built-in mappings are replaced as a whole. Requirements removed from a file are
 * kept, because tenants may have recorded applicability against them.
 *
 * <p>The class sits in package {@code db.migration} rather than in a feature package because Flyway resolves Java
 * migrations by the package of its location ({@code db/migration}).
 *
 * <p>Native image: Quarkus's Flyway extension does not scan the class path at run time. At build time it takes every
 * {@link JavaMigration} implementation from the application index, registers it for reflection and hands the class
 * to Flyway, so this migration runs in a native executable as it does on the JVM. The data files it reads are
 * included in the image by {@code quarkus.native.resources.includes}.
 */
public class BuiltInCatalogMigration implements JavaMigration {

    static final String DIRECTORY = "catalog/";
    static final String INDEX = DIRECTORY + "frameworks.json";
    static final String CONTROLS = DIRECTORY + "controls.json";
    private static final String LOADER = "catalog-content";
    /**
     * Part of the checksum, so that a release that loads more of the same files (a new column) reloads them even
     * when no data file changed. Raise it whenever the loader starts writing something new.
     */
    private static final int LOADER_VERSION = 2;

    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Override
    public MigrationVersion getVersion() {
        // Null makes the migration repeatable.
        return null;
    }

    @Override
    public String getDescription() {
        return "built-in catalog content";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(LOADER_VERSION);
        crc.update(bytes(INDEX));
        crc.update(bytes(CONTROLS));
        for (CatalogContent.FrameworkEntry framework : index().frameworks()) {
            crc.update(bytes(DIRECTORY + framework.file()));
        }
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        CatalogContent.Index index = index();

        Map<String, Map<String, UUID>> requirementIds = new HashMap<>();
        int position = 0;
        for (CatalogContent.FrameworkEntry framework : index.frameworks()) {
            upsertFramework(connection, framework, position++);
            requirementIds.put(framework.id(), upsertRequirements(connection, framework));
        }
        List<CatalogContent.ControlEntry> controls = read(CONTROLS, new TypeReference<>() {});
        int mappings = replaceControlsAndMappings(connection, controls, requirementIds);

        Log.infof(
                "Built-in catalog content %s loaded: %d frameworks, %d common controls, %d mappings",
                index.contentVersion(), index.frameworks().size(), controls.size(), mappings);
    }

    private void upsertFramework(Connection connection, CatalogContent.FrameworkEntry f, int position)
            throws SQLException {
        String sql = """
                INSERT INTO framework (id, tenant, name, version, description, scope, audit_type, audit_frequency,
                    audit_interval_months, cost_min_usd, cost_max_usd, categories, position, created_by)
                VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version,
                    description = excluded.description, scope = excluded.scope, audit_type = excluded.audit_type,
                    audit_frequency = excluded.audit_frequency,
                    audit_interval_months = excluded.audit_interval_months, cost_min_usd = excluded.cost_min_usd,
                    cost_max_usd = excluded.cost_max_usd, categories = excluded.categories,
                    position = excluded.position
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, f.id());
            statement.setString(2, f.name());
            statement.setString(3, f.version());
            statement.setString(4, f.description());
            statement.setString(5, f.scope());
            statement.setString(6, f.auditType());
            statement.setString(7, f.auditFrequency());
            statement.setInt(8, f.auditIntervalMonths());
            statement.setInt(9, f.costMinUsd());
            statement.setInt(10, f.costMaxUsd());
            statement.setString(11, f.categories() == null ? null : write(f.categories()));
            statement.setInt(12, position);
            statement.setString(13, LOADER);
            statement.executeUpdate();
        }
    }

    private Map<String, UUID> upsertRequirements(Connection connection, CatalogContent.FrameworkEntry framework)
            throws SQLException {
        List<CatalogContent.RequirementEntry> entries =
                read(DIRECTORY + framework.file(), new TypeReference<List<CatalogContent.RequirementEntry>>() {});
        String sql = """
                INSERT INTO requirement (id, framework_id, code, title, description, parent_code, kind, required,
                    implementation, category, assessable, position, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (framework_id, code) DO UPDATE SET title = excluded.title,
                    description = excluded.description, parent_code = excluded.parent_code, kind = excluded.kind,
                    required = excluded.required, implementation = excluded.implementation,
                    category = excluded.category, assessable = excluded.assessable, position = excluded.position
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int position = 0;
            for (CatalogContent.RequirementEntry r : entries) {
                boolean assessable = r.assessable() != null
                        ? r.assessable()
                        : framework.assessableKinds().contains(r.kind());
                statement.setObject(1, UUID.randomUUID());
                statement.setString(2, framework.id());
                statement.setString(3, r.code());
                statement.setString(4, r.title());
                statement.setString(5, r.description());
                statement.setString(6, r.parentCode());
                statement.setString(7, r.kind());
                statement.setBoolean(8, r.required());
                statement.setString(9, r.implementation());
                statement.setString(10, r.category());
                statement.setBoolean(11, assessable);
                statement.setInt(12, position++);
                statement.setString(13, LOADER);
                statement.addBatch();
            }
            statement.executeBatch();
        }

        Map<String, UUID> ids = new HashMap<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT code, id FROM requirement WHERE framework_id = ?")) {
            statement.setString(1, framework.id());
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getObject(2, UUID.class));
                }
            }
        }
        return ids;
    }

    private int replaceControlsAndMappings(
            Connection connection,
            List<CatalogContent.ControlEntry> controls,
            Map<String, Map<String, UUID>> requirementIds)
            throws SQLException {
        String controlSql = """
                INSERT INTO common_control (id, title, description, evidence_frequency, position)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,
                    evidence_frequency = excluded.evidence_frequency, position = excluded.position
                """;
        try (PreparedStatement statement = connection.prepareStatement(controlSql)) {
            int position = 0;
            for (CatalogContent.ControlEntry c : controls) {
                statement.setString(1, c.id());
                statement.setString(2, c.title());
                statement.setString(3, c.description());
                statement.setString(4, c.evidenceFrequency());
                statement.setInt(5, position++);
                statement.addBatch();
            }
            statement.executeBatch();
        }

        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM control_mapping WHERE tenant IS NULL")) {
            statement.executeUpdate();
        }
        List<String> unknown = new ArrayList<>();
        int count = 0;
        String mappingSql = """
                INSERT INTO control_mapping
                    (id, control_id, requirement_id, tenant, relationship, rationale, created_by)
                VALUES (?, ?, ?, NULL, ?, ?, ?)
                """;
        try (PreparedStatement statement = connection.prepareStatement(mappingSql)) {
            for (CatalogContent.ControlEntry c : controls) {
                for (CatalogContent.MappingEntry m : c.mappings()) {
                    UUID requirement = requirementIds
                            .getOrDefault(m.frameworkId(), Map.of())
                            .get(m.requirementCode());
                    if (requirement == null) {
                        unknown.add(c.id() + " -> " + m.frameworkId() + " " + m.requirementCode());
                        continue;
                    }
                    statement.setObject(1, UUID.randomUUID());
                    statement.setString(2, c.id());
                    statement.setObject(3, requirement);
                    statement.setString(4, m.relationship());
                    statement.setString(5, m.rationale());
                    statement.setString(6, LOADER);
                    statement.addBatch();
                    count++;
                }
            }
            if (!unknown.isEmpty()) {
                // A mapping to a code that does not exist is a content error: refuse the whole release.
                throw new IllegalStateException("catalog content maps to unknown requirements: " + unknown);
            }
            statement.executeBatch();
        }
        return count;
    }

    private CatalogContent.Index index() {
        return read(INDEX, new TypeReference<>() {});
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog content cannot be written as JSON", e);
        }
    }

    private <T> T read(String resource, TypeReference<T> type) {
        try {
            return json.readValue(bytes(resource), type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable catalog content " + resource, e);
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing catalog content " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
