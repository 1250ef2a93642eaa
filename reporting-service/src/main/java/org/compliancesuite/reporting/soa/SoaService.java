package org.compliancesuite.reporting.soa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.reporting.scoring.RequirementCoverage;
import org.compliancesuite.reporting.soa.SoaReport.SoaIssue;
import org.compliancesuite.reporting.soa.SoaReport.SoaRow;
import org.compliancesuite.reporting.upstream.CatalogRecords.ChecklistItem;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.Sources;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the Statement of Applicability from the ISO 27001 checklist and issues numbered snapshots of it. */
@RequestScoped
public class SoaService {

    /** ISO/IEC 27001:2022 Annex A has 93 controls in four themes, A.5 to A.8. */
    static final int ANNEX_A_CONTROLS = 93;

    private static final Pattern ANNEX_A_CODE = Pattern.compile("^A\\.[5-8]\\.\\d+$");

    @Inject
    Sources sources;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "reporting.frameworks.iso27001")
    String frameworkId;

    /**
     * The live statement. Refused with 502 when the catalog does not list exactly the 93 Annex A controls, so that an
     * incomplete statement is never presented as the whole.
     */
    public SoaReport current() {
        Map<String, ControlFreshness> freshness = sources.freshness();
        List<SoaRow> rows = sources.checklist(frameworkId).itemsOrEmpty().stream()
                .filter(SoaService::isAnnexAControl)
                .map(item -> row(item, RequirementCoverage.of(item, freshness)))
                .toList();
        if (rows.size() != ANNEX_A_CONTROLS) {
            Log.warnf("catalog-service listed %d Annex A controls for %s", rows.size(), frameworkId);
            throw new ProblemException(
                    502,
                    "Bad Gateway",
                    "catalog-service listed " + rows.size() + " ISO 27001 Annex A controls, " + ANNEX_A_CONTROLS
                            + " expected; the statement would be incomplete");
        }
        return new SoaReport(frameworkId, sources.asOf(), summary(rows), rows, null);
    }

    /** Issues the live statement as a new version; 409 when the version was already issued. */
    public SoaReport issue(SoaIssueRequest request) {
        SoaReport live = current();

        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        SoaIssue issue = new SoaIssue(
                id.toString(),
                request.version(),
                request.approver(),
                LocalDate.ofInstant(now, ZoneOffset.UTC),
                now,
                caller.subject());
        SoaReport issued = live.issued(issue);
        store(id, issued);
        Log.infof("Statement of Applicability %s issued for tenant %s", request.version(), caller.tenant());
        return issued;
    }

    /** An issued statement of the caller's tenant; 404 when unknown or another tenant's. */
    public SoaReport issued(String snapshotId) {
        UUID id;
        try {
            id = UUID.fromString(snapshotId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no such Statement of Applicability snapshot");
        }
        SoaSnapshot snapshot = SoaSnapshot.findById(id);
        if (snapshot == null || !snapshot.tenant.equals(caller.tenant())) {
            throw ProblemException.notFound("no such Statement of Applicability snapshot");
        }
        try {
            return json.readValue(snapshot.report, SoaReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored statement could not be read", e);
        }
    }

    /** The caller's tenant's issued statements, newest first. */
    public SoaSnapshotPage issuedList(int page, int size) {
        PanacheQuery<SoaSnapshot> query = SoaSnapshot.<SoaSnapshot>find(
                        "tenant", Sort.descending("issuedAt"), caller.tenant())
                .page(page, size);
        List<SoaIssue> items = query.list().stream()
                .map(s -> new SoaIssue(s.id.toString(), s.version, s.approver, s.issueDate, s.issuedAt, s.issuedBy))
                .toList();
        return new SoaSnapshotPage(items, page, size, query.count());
    }

    @Transactional
    void store(UUID id, SoaReport issued) {
        String tenant = caller.tenant();
        // Versions are unique per tenant. Two issues of one version at once both pass this check; the unique
        // constraint then refuses the later insert at commit, which the common problem mapper answers with 409.
        if (SoaSnapshot.count(
                        "tenant = ?1 and version = ?2", tenant, issued.issue().version())
                > 0) {
            throw ProblemException.conflict("version " + issued.issue().version() + " was already issued");
        }
        SoaSnapshot snapshot = new SoaSnapshot();
        snapshot.id = id;
        snapshot.tenant = tenant;
        snapshot.version = issued.issue().version();
        snapshot.approver = issued.issue().approver();
        snapshot.issueDate = issued.issue().issueDate();
        snapshot.issuedAt = issued.issue().issuedAt();
        snapshot.issuedBy = issued.issue().issuedBy();
        snapshot.dataAsOf = issued.asOf();
        try {
            snapshot.report = json.writeValueAsString(issued);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statement could not be written", e);
        }
        snapshot.persist();
    }

    /**
     * Annex A controls are the checklist items coded {@code A.5.n} to {@code A.8.n} (the four themes); clauses 4 to 10
     * and the themes themselves are not controls.
     */
    static boolean isAnnexAControl(ChecklistItem item) {
        return item.code() != null && ANNEX_A_CODE.matcher(item.code()).matches();
    }

    private static SoaRow row(ChecklistItem item, RequirementCoverage coverage) {
        return new SoaRow(
                item.code(),
                item.title(),
                item.group(),
                item.isApplicable(),
                item.justification(),
                item.isApplicable() ? statusOrDefault(item.status()) : "not-applicable",
                item.owner(),
                item.targetDate(),
                coverage.controlIds(),
                coverage.evidenceIds(),
                !coverage.freshControlIds().isEmpty());
    }

    private static String statusOrDefault(String status) {
        return status == null ? "not-started" : status;
    }

    private static SoaReport.SoaSummary summary(List<SoaRow> rows) {
        int applicable = (int) rows.stream().filter(SoaRow::applicable).count();
        return new SoaReport.SoaSummary(
                rows.size(),
                applicable,
                rows.size() - applicable,
                count(rows, "implemented"),
                count(rows, "planned"),
                count(rows, "partial"),
                count(rows, "not-started"),
                (int) rows.stream()
                        .filter(r -> r.applicable() && r.evidenceFresh())
                        .count());
    }

    private static int count(List<SoaRow> rows, String status) {
        return (int) rows.stream()
                .filter(r -> r.applicable() && status.equals(r.status()))
                .count();
    }
}
