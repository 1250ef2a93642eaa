package org.compliancesuite.evidence.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Computes identity hygiene from an account export: MFA coverage, dormant accounts, privilege, password policy. */
@ApplicationScoped
public class IdentityMonitor {

    private static final int LISTED_ACCOUNTS = 20;

    @ConfigProperty(name = "evidence.monitor.identity.inactive-days", defaultValue = "90")
    int inactiveDays;

    // PCI DSS v4.0.1 8.3.6: passwords are at least 12 characters.
    @ConfigProperty(name = "evidence.monitor.identity.pci-password-min-length", defaultValue = "12")
    int pciMinLength;

    /** The suite's HIPAA baseline (45 CFR 164.308(a)(5)(ii)(D) password management) is stricter than PCI DSS. */
    @ConfigProperty(name = "evidence.monitor.identity.baseline-password-min-length", defaultValue = "14")
    int baselineMinLength;

    public MonitorResult evaluate(List<IdentitySnapshot.Account> accounts, Instant now) {
        Instant inactiveBefore = now.minus(Duration.ofDays(inactiveDays));
        int total = accounts.size();
        int withMfa = 0;
        List<String> inactive = new ArrayList<>();
        List<String> privilegedWithoutMfa = new ArrayList<>();
        List<String> belowBaseline = new ArrayList<>();
        int belowPci = 0;
        for (IdentitySnapshot.Account account : accounts) {
            if (account.mfaEnabled()) {
                withMfa++;
            } else if (account.privileged()) {
                privilegedWithoutMfa.add(account.id());
            }
            if (account.lastLogin() == null || account.lastLogin().isBefore(inactiveBefore)) {
                inactive.add(account.id());
            }
            if (account.passwordMinLength() < baselineMinLength) {
                belowBaseline.add(account.id());
            }
            if (account.passwordMinLength() < pciMinLength) {
                belowPci++;
            }
        }
        double coverage = total == 0 ? 0 : Math.round(1000.0 * withMfa / total) / 10.0;

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("accountsTotal", total);
        figures.put("mfaEnabledAccounts", withMfa);
        figures.put("mfaCoveragePercent", coverage);
        figures.put("inactiveAccounts", inactive.size());
        figures.put("inactiveAfterDays", inactiveDays);
        figures.put("privilegedWithoutMfa", privilegedWithoutMfa.size());
        figures.put("pciPasswordPolicyCompliant", belowPci == 0);
        figures.put("baselinePasswordPolicyCompliant", belowBaseline.isEmpty());
        // Reporting reads passwordPolicyCompliant (service contract): it stays the suite's baseline, the stricter rule.
        figures.put("passwordPolicyCompliant", belowBaseline.isEmpty());
        figures.put("accountsBelowPasswordBaseline", belowBaseline.size());
        figures.put("accountsBelowPciPasswordMinimum", belowPci);
        figures.put("passwordBaselineMinLength", baselineMinLength);
        figures.put("pciPasswordMinLength", pciMinLength);

        List<Finding> findings = new ArrayList<>();
        if (withMfa < total) {
            findings.add(new Finding("mfa-missing", (total - withMfa) + " of " + total + " accounts have no MFA"));
        }
        if (!privilegedWithoutMfa.isEmpty()) {
            findings.add(new Finding(
                    "privileged-without-mfa",
                    privilegedWithoutMfa.size() + " privileged accounts have no MFA: " + listed(privilegedWithoutMfa)));
        }
        if (!inactive.isEmpty()) {
            findings.add(new Finding(
                    "inactive-account",
                    inactive.size() + " accounts without login for more than " + inactiveDays + " days: "
                            + listed(inactive)));
        }
        if (!belowBaseline.isEmpty()) {
            findings.add(new Finding(
                    "password-policy",
                    belowBaseline.size() + " accounts allow passwords shorter than " + baselineMinLength
                            + " characters (" + belowPci + " shorter than the PCI DSS 8.3.6 minimum of "
                            + pciMinLength + "): " + listed(belowBaseline)));
        }
        return MonitorResult.of(Monitor.IDENTITY, figures, findings);
    }

    /** Accounts from a CSV export with the columns id, mfaEnabled, lastLogin, privileged, passwordMinLength. */
    static List<IdentitySnapshot.Account> fromCsv(InputStream csv) {
        List<IdentitySnapshot.Account> accounts = CsvTable.read(
                csv,
                List.of("id", "mfaEnabled", "lastLogin", "privileged", "passwordMinLength"),
                row -> new IdentitySnapshot.Account(
                        row.require("id"),
                        bool(row, "mfaEnabled"),
                        instant(row, "lastLogin"),
                        bool(row, "privileged"),
                        integer(row, "passwordMinLength")));
        if (accounts.isEmpty()) {
            throw ProblemException.unprocessable("accounts", "must not be empty");
        }
        return accounts;
    }

    private static String listed(List<String> ids) {
        return ids.size() <= LISTED_ACCOUNTS
                ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, LISTED_ACCOUNTS)) + " and " + (ids.size() - LISTED_ACCOUNTS)
                        + " more";
    }

    static boolean bool(CsvTable.Row row, String column) {
        String value = row.require(column).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default ->
                throw ProblemException.unprocessable("line " + row.line() + "." + column, "must be true or false");
        };
    }

    private static int integer(CsvTable.Row row, String column) {
        try {
            int value = Integer.parseInt(row.require(column));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.unprocessable("line " + row.line() + "." + column, "must be a whole number >= 0");
        }
    }

    /** An instant, or a date taken as its start in UTC; empty means never. */
    private static Instant instant(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.unprocessable(
                    "line " + row.line() + "." + column, "must be an ISO-8601 instant or date");
        }
    }
}
