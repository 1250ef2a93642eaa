package org.compliancesuite.reporting.hipaa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.reporting.hipaa.BreachNotificationPlan.AppliedDelay;
import org.compliancesuite.reporting.hipaa.BreachNotificationPlan.NotificationTask;
import org.compliancesuite.reporting.period.ReportingPeriod;

/** Computes the notification plan of a breach of unsecured PHI under 45 CFR 164 Subpart D. */
@RequestScoped
public class BreachPlanService {

    // 45 CFR 164.404(b), 164.406(b), 164.408(b), 164.410(b): no later than 60 calendar days after discovery.
    static final int NOTICE_DAYS = 60;
    // 45 CFR 164.404(d)(2): substitute notice; 10 or more without contact details requires web posting or media.
    static final int SUBSTITUTE_WEB_OR_MEDIA_THRESHOLD = 10;
    // 45 CFR 164.404(d)(2)(ii)(A): the web posting stays up for 90 days.
    static final int SUBSTITUTE_POSTING_DAYS = 90;
    // 45 CFR 164.406(a): media notice for more than 500 residents of a State or jurisdiction.
    static final int MEDIA_THRESHOLD = 500;
    // 45 CFR 164.408(b): HHS notice with the individual notices when 500 or more individuals are affected.
    static final int HHS_IMMEDIATE_THRESHOLD = 500;
    // 45 CFR 164.412(b): an oral statement delays notification no longer than 30 days from the statement.
    static final int ORAL_DELAY_MAX_DAYS = 30;

    @Inject
    Caller caller;

    /** The plan; 422 when a state code is not a US state or territory or the counts contradict each other. */
    public BreachNotificationPlan plan(BreachPlanRequest request) {
        LocalDate discovery = ReportingPeriod.inRange("discoveryDate", request.discoveryDate());
        if (discovery.isAfter(ReportingPeriod.today())) {
            throw ProblemException.unprocessable("discoveryDate", "must not be in the future");
        }
        Map<String, Integer> byState = new TreeMap<>();
        request.affectedByState().forEach((code, count) -> {
            String field = "affectedByState." + code;
            String state = code.trim().toUpperCase(Locale.ROOT);
            if (!UsJurisdiction.isKnown(state)) {
                throw ProblemException.unprocessable(
                        field, "is not a US state, the District of Columbia or a US territory");
            }
            if (count == null) {
                throw ProblemException.unprocessable(field, "is required (a whole number of people)");
            }
            if (count < 0 || count > BreachPlanRequest.MAX_COUNT) {
                throw ProblemException.unprocessable(
                        field, "must be a whole number from 0 to " + BreachPlanRequest.MAX_COUNT);
            }
            byState.merge(state, count, Integer::sum);
        });
        long sum = byState.values().stream().mapToLong(Integer::longValue).sum();
        if (sum > BreachPlanRequest.MAX_COUNT) {
            throw ProblemException.unprocessable(
                    "affectedByState", "more than " + BreachPlanRequest.MAX_COUNT + " affected individuals in total");
        }
        int total = (int) sum;
        if (total == 0) {
            throw ProblemException.unprocessable("affectedByState", "at least one affected individual is required");
        }
        int missingContact = request.missingContactCount() == null ? 0 : request.missingContactCount();
        if (missingContact > total) {
            throw ProblemException.unprocessable(
                    "missingContactCount", "cannot exceed the " + total + " affected individuals");
        }
        boolean byAssociate = Boolean.TRUE.equals(request.discoveredByBusinessAssociate());
        AppliedDelay delay = delay(request.lawEnforcementDelay(), discovery);

        List<NotificationTask> tasks = new ArrayList<>();
        // Suite policy (not a 45 CFR deadline): the privacy and security officers hear of it within 24 hours.
        tasks.add(new NotificationTask(
                "internal-notice",
                "Notify the privacy officer, security officer and incident response team",
                "internal policy (24 hours)",
                "privacy officer, security officer",
                null,
                discovery.plusDays(1),
                discovery.plusDays(1),
                null,
                "discovery + 1 day"));
        LocalDate sixtyDays = discovery.plusDays(NOTICE_DAYS);
        if (byAssociate) {
            // 45 CFR 164.410(b): the business associate notifies the covered entity within 60 days of discovery.
            tasks.add(task(
                    "business-associate-notice",
                    "Business associate notifies the covered entity, identifying each affected individual",
                    "45 CFR 164.410",
                    "covered entity",
                    null,
                    sixtyDays,
                    delay,
                    "discovery + 60 calendar days"));
        }
        // 45 CFR 164.404(b): individuals without unreasonable delay, no later than 60 calendar days after discovery.
        tasks.add(task(
                "individual-notice",
                "Written notice by first-class mail to each of the " + total + " affected individuals",
                "45 CFR 164.404",
                "affected individuals",
                null,
                sixtyDays,
                delay,
                "discovery + 60 calendar days"));
        if (missingContact >= SUBSTITUTE_WEB_OR_MEDIA_THRESHOLD) {
            // 45 CFR 164.404(d)(2)(ii): 10 or more: conspicuous web posting for 90 days or major print or broadcast
            // media where the individuals likely reside, with a toll-free number active for at least 90 days.
            tasks.add(task(
                    "substitute-notice",
                    "Substitute notice for " + missingContact + " individuals without contact details: web posting for "
                            + SUBSTITUTE_POSTING_DAYS + " days or major print/broadcast media, toll-free number for "
                            + SUBSTITUTE_POSTING_DAYS + " days",
                    "45 CFR 164.404(d)(2)",
                    "individuals without current contact details",
                    null,
                    sixtyDays,
                    delay,
                    "with the individual notice: discovery + 60 calendar days"));
        } else if (missingContact > 0) {
            // 45 CFR 164.404(d)(2)(i): fewer than 10: an alternative form of written notice, telephone or other means.
            tasks.add(task(
                    "substitute-notice",
                    "Substitute notice for " + missingContact
                            + " individuals without contact details: alternative written notice, telephone or other"
                            + " means",
                    "45 CFR 164.404(d)(2)",
                    "individuals without current contact details",
                    null,
                    sixtyDays,
                    delay,
                    "with the individual notice: discovery + 60 calendar days"));
        }
        byState.forEach((state, count) -> {
            if (count > MEDIA_THRESHOLD) {
                // 45 CFR 164.406: prominent media outlets serving a State or jurisdiction with more than 500
                // affected residents, no later than 60 calendar days after discovery.
                tasks.add(task(
                        "media-notice",
                        "Notice to prominent media outlets serving " + state + " (" + count + " affected residents)",
                        "45 CFR 164.406",
                        "prominent media outlets",
                        state,
                        sixtyDays,
                        delay,
                        "discovery + 60 calendar days"));
            }
        });
        if (total >= HHS_IMMEDIATE_THRESHOLD) {
            // 45 CFR 164.408(b): 500 or more: HHS contemporaneously with the individual notices, within 60 days.
            tasks.add(task(
                    "hhs-notice",
                    "Notice to the Secretary of HHS through the HHS breach portal (" + total + " individuals)",
                    "45 CFR 164.408",
                    "Secretary of HHS",
                    null,
                    sixtyDays,
                    delay,
                    "500 or more affected: discovery + 60 calendar days"));
        } else {
            // 45 CFR 164.408(c): fewer than 500: log it and notify HHS no later than 60 days after the end of the
            // calendar year in which the breach was discovered.
            LocalDate yearEnd = LocalDate.of(discovery.getYear(), 12, 31);
            tasks.add(task(
                    "hhs-annual-log",
                    "Log the breach and report it to the Secretary of HHS in the annual submission (" + total
                            + " individuals)",
                    "45 CFR 164.408",
                    "Secretary of HHS",
                    null,
                    yearEnd.plusDays(NOTICE_DAYS),
                    delay,
                    "fewer than 500 affected: end of calendar year " + discovery.getYear() + " + 60 days"));
        }
        tasks.sort(Comparator.comparing(NotificationTask::dueDate).thenComparing(NotificationTask::code));
        return new BreachNotificationPlan(
                discovery, total, byState, byAssociate, missingContact, delay, tasks, Instant.now(), caller.subject());
    }

    /**
     * 45 CFR 164.412: notification is held back for the delay; the deadline is moved by the days of delay that fall
     * within the notice period (the clock stops while the delay lasts).
     */
    private static AppliedDelay delay(BreachPlanRequest.LawEnforcementDelay statement, LocalDate discovery) {
        if (statement == null) {
            return null;
        }
        ReportingPeriod.inRange("lawEnforcementDelay.statementDate", statement.statementDate());
        if (statement.statementDate().isAfter(ReportingPeriod.today())) {
            throw ProblemException.unprocessable(
                    "lawEnforcementDelay.statementDate", "the statement must already have been made");
        }
        if (statement.delayUntil() != null) {
            ReportingPeriod.inRange("lawEnforcementDelay.delayUntil", statement.delayUntil());
        }
        LocalDate end;
        String rule;
        if (statement.statementKind() == BreachPlanRequest.StatementKind.written) {
            if (statement.delayUntil() == null) {
                throw ProblemException.unprocessable(
                        "lawEnforcementDelay.delayUntil", "a written statement must specify the end of the delay");
            }
            // 45 CFR 164.412(a): delay for the time period specified by the official.
            end = statement.delayUntil();
            rule = "45 CFR 164.412(a)";
        } else {
            // 45 CFR 164.412(b): oral statement: no longer than 30 days from the statement unless a written one
            // follows.
            LocalDate cap = statement.statementDate().plusDays(ORAL_DELAY_MAX_DAYS);
            end = statement.delayUntil() == null || statement.delayUntil().isAfter(cap) ? cap : statement.delayUntil();
            rule = "45 CFR 164.412(b)";
        }
        if (end.isBefore(statement.statementDate())) {
            throw ProblemException.unprocessable(
                    "lawEnforcementDelay.delayUntil", "the delay ends before the statement was made");
        }
        LocalDate start = statement.statementDate().isBefore(discovery) ? discovery : statement.statementDate();
        int days = (int) Math.max(0, ChronoUnit.DAYS.between(start, end));
        return new AppliedDelay(statement.statementKind().name(), statement.statementDate(), end, days, rule);
    }

    /** A regulated notification; a law-enforcement delay stated before the deadline moves it and holds it back. */
    private static NotificationTask task(
            String code,
            String title,
            String rule,
            String audience,
            String jurisdiction,
            LocalDate due,
            AppliedDelay delay,
            String basis) {
        if (delay == null || delay.statementDate().isAfter(due)) {
            return new NotificationTask(code, title, rule, audience, jurisdiction, due, due, null, basis);
        }
        return new NotificationTask(
                code,
                title,
                rule,
                audience,
                jurisdiction,
                due.plusDays(delay.daysAdded()),
                due,
                delay.delayEnd(),
                basis + ", + " + delay.daysAdded() + " days of law-enforcement delay (" + delay.rule() + ")");
    }
}
