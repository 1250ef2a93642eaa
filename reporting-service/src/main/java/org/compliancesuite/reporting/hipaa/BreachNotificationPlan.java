package org.compliancesuite.reporting.hipaa;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The notifications a breach of unsecured PHI requires, each with its exact due date and the rule that sets it.
 *
 * @param delay how a law-enforcement delay moved the deadlines, or null
 * @param tasks the notifications, in due-date order
 */
public record BreachNotificationPlan(
        LocalDate discoveryDate,
        int totalAffected,
        Map<String, Integer> affectedByState,
        boolean discoveredByBusinessAssociate,
        int missingContactCount,
        AppliedDelay delay,
        List<NotificationTask> tasks,
        Instant computedAt,
        String computedBy) {

    /**
     * @param delayEnd the day the delay ends, from which notification may be made
     * @param daysAdded calendar days added to each deadline that fell after the statement
     */
    public record AppliedDelay(
            String statementKind, LocalDate statementDate, LocalDate delayEnd, int daysAdded, String rule) {}

    /**
     * One notification.
     *
     * @param code a stable name for the task
     * @param rule the regulation that requires it
     * @param audience who is notified
     * @param jurisdiction the state or territory, for media notice
     * @param dueDate the last day it may be made
     * @param originalDueDate the due date before any law-enforcement delay
     * @param notBefore the first day it may be made, when a law-enforcement delay holds it back
     * @param basis how the due date was computed
     */
    public record NotificationTask(
            String code,
            String title,
            String rule,
            String audience,
            String jurisdiction,
            LocalDate dueDate,
            LocalDate originalDueDate,
            LocalDate notBefore,
            String basis) {}
}
