package org.compliancesuite.catalog.maturity;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.compliancesuite.catalog.Page;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.control.CommonControl;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;

/** Maturity assessments of common controls per tenant, kept as a history, and their remediation items. */
@ApplicationScoped
public class MaturityService {

    private static final List<String> LEVEL_NAMES =
            List.of("not-implemented", "initial", "developed", "managed", "optimized");

    @Inject
    Caller caller;

    @Inject
    ChangeLog changes;

    /**
     * Adds an assessment; earlier ones stay as history. A control assessed below its target must name at least one
     * gap (422), since the gap is what the remediation items close.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AssessmentView assess(String controlId, AssessmentRequest request) {
        CommonControl.require(controlId);
        List<String> gaps = request.gaps() == null
                ? List.of()
                : request.gaps().stream().map(String::strip).toList();
        if (request.currentLevel() < request.targetLevel() && gaps.isEmpty()) {
            throw ProblemException.unprocessable(
                    "gaps", "name at least one gap while the current level is below the target level");
        }

        Instant now = Instant.now();
        MaturityAssessment assessment = new MaturityAssessment();
        assessment.id = UUID.randomUUID();
        assessment.tenant = caller.tenant();
        assessment.controlId = controlId;
        assessment.currentLevel = request.currentLevel().shortValue();
        assessment.targetLevel = request.targetLevel().shortValue();
        assessment.gaps = gaps;
        assessment.assessedAt = now;
        assessment.assessedBy = caller.subject();
        assessment.persist();

        List<RemediationItem> items = new ArrayList<>();
        List<AssessmentRequest.Remediation> remediation =
                request.remediation() == null ? List.of() : request.remediation();
        for (int i = 0; i < remediation.size(); i++) {
            AssessmentRequest.Remediation r = remediation.get(i);
            RemediationItem item = new RemediationItem();
            item.id = UUID.randomUUID();
            item.assessmentId = assessment.id;
            item.tenant = assessment.tenant;
            item.position = i;
            item.description = r.description().strip();
            item.owner = r.owner();
            item.dueDate = r.dueDate();
            RemediationStatus status = r.status() == null ? RemediationStatus.OPEN : r.status();
            item.status = status.toString();
            item.closedAt = status == RemediationStatus.DONE ? now : null;
            item.updatedAt = now;
            item.updatedBy = assessment.assessedBy;
            item.persist();
            items.add(item);
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("controlId", controlId);
        detail.put("currentLevel", request.currentLevel());
        detail.put("targetLevel", request.targetLevel());
        detail.put("gaps", gaps.size());
        detail.put("remediationItems", items.size());
        changes.record("maturity-assessment", assessment.id.toString(), "created", now, detail);
        return view(assessment, items);
    }

    /** A control's assessments for the tenant, newest first. */
    public Page<AssessmentView> history(String controlId, int page, int size) {
        CommonControl.require(controlId);
        PanacheQuery<MaturityAssessment> query = MaturityAssessment.find(
                "tenant = ?1 and controlId = ?2 order by assessedAt desc, id", caller.tenant(), controlId);
        List<MaturityAssessment> assessments = query.page(page, size).list();
        Map<UUID, List<RemediationItem>> items = itemsOf(assessments);
        List<AssessmentView> views = assessments.stream()
                .map(a -> view(a, items.getOrDefault(a.id, List.of())))
                .toList();
        return new Page<>(views, page, size, query.count());
    }

    /** The latest assessment of every control the tenant has assessed, in control order. */
    @SuppressWarnings("unchecked")
    public List<MaturityView> latest() {
        List<MaturityAssessment> latest = MaturityAssessment.getEntityManager()
                .createNativeQuery(
                        "SELECT DISTINCT ON (a.control_id) a.* FROM maturity_assessment a"
                                + " WHERE a.tenant = :tenant ORDER BY a.control_id, a.assessed_at DESC, a.id",
                        MaturityAssessment.class)
                .setParameter("tenant", caller.tenant())
                .getResultList();
        Map<UUID, List<RemediationItem>> items = itemsOf(latest);
        return latest.stream()
                .map(a -> new MaturityView(
                        a.controlId,
                        a.currentLevel,
                        a.targetLevel,
                        a.assessedAt,
                        a.assessedBy,
                        a.gaps,
                        items.getOrDefault(a.id, List.of()).stream()
                                .map(RemediationView::of)
                                .toList()))
                .toList();
    }

    /** Moves a remediation item of the tenant; another tenant's item answers 404. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RemediationView updateRemediation(UUID id, RemediationUpdate update) {
        RemediationItem item = RemediationItem.<RemediationItem>find("id = ?1 and tenant = ?2", id, caller.tenant())
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("no remediation item " + id));

        Instant now = Instant.now();
        String previous = item.status;
        item.status = update.status().toString();
        if (update.status() == RemediationStatus.DONE) {
            item.closedAt = item.closedAt == null ? now : item.closedAt;
        } else {
            item.closedAt = null;
        }
        if (update.owner() != null) {
            item.owner = update.owner();
        }
        if (update.dueDate() != null) {
            item.dueDate = update.dueDate();
        }
        item.updatedAt = now;
        item.updatedBy = caller.subject();

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("assessmentId", item.assessmentId.toString());
        detail.put("previousStatus", previous);
        detail.put("status", item.status);
        detail.put("owner", item.owner);
        detail.put("dueDate", item.dueDate == null ? null : item.dueDate.toString());
        changes.record("remediation-item", item.id.toString(), "updated", now, detail);
        return RemediationView.of(item);
    }

    private static Map<UUID, List<RemediationItem>> itemsOf(List<MaturityAssessment> assessments) {
        if (assessments.isEmpty()) {
            return Map.of();
        }
        List<UUID> ids = assessments.stream().map(a -> a.id).toList();
        return RemediationItem.<RemediationItem>list("assessmentId in ?1 order by position", ids).stream()
                .collect(Collectors.groupingBy(i -> i.assessmentId, LinkedHashMap::new, Collectors.toList()));
    }

    private static AssessmentView view(MaturityAssessment a, List<RemediationItem> items) {
        return new AssessmentView(
                a.id.toString(),
                a.controlId,
                a.currentLevel,
                LEVEL_NAMES.get(a.currentLevel),
                a.targetLevel,
                LEVEL_NAMES.get(a.targetLevel),
                a.assessedAt,
                a.assessedBy,
                a.gaps,
                items.stream().map(RemediationView::of).toList());
    }
}
