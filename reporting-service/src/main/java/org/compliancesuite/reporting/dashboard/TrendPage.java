package org.compliancesuite.reporting.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * A page of trend points, oldest first, and the days of the period that have no snapshot.
 *
 * @param from the first day of the period
 * @param to the last day of the period
 * @param daysWithoutSnapshot how many days of the period, up to today, have no snapshot
 * @param gaps those days as ranges, oldest first (over the whole period, not only this page)
 * @param snapshotRule when snapshots are taken, and that missing days are never filled in
 */
public record TrendPage(
        List<TrendPoint> items,
        int page,
        int size,
        long total,
        LocalDate from,
        LocalDate to,
        long daysWithoutSnapshot,
        List<Gap> gaps,
        String snapshotRule) {

    /** Consecutive days without a snapshot, both ends included. */
    public record Gap(LocalDate from, LocalDate to, long days) {}
}
