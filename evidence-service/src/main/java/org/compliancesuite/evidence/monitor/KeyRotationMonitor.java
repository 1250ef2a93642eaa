package org.compliancesuite.evidence.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Key rotation from vault-service's key metadata: a key is overdue when its newest version is older than its rotation
 * period (PCI DSS v4.0.1 3.6.1.4 and 3.7.4: keys are changed at the end of their defined cryptoperiod).
 */
@ApplicationScoped
public class KeyRotationMonitor {

    /**
     * Purposes whose keys are never rotated by design. A blind index is a keyed HMAC that stored records are looked up
     * by; a new key version would make every existing index unfindable, so vault-service refuses to rotate it and its
     * cryptoperiod is the life of the data it indexes.
     */
    static final Set<String> EXEMPT_PURPOSES = Set.of("blind-index");

    /**
     * The cryptoperiod of a key that states none. vault-service reports {@code rotationPeriodDays} 0 (or nothing) when
     * automatic rotation is off; such a key must still be rotated by hand within this period, so it is judged by it.
     */
    @ConfigProperty(name = "evidence.monitor.key-rotation.default-period-days", defaultValue = "365")
    int defaultPeriodDays;

    public MonitorResult evaluate(List<VaultClient.KeyMetadata> keys, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<Map<String, Object>> checked = new ArrayList<>();
        List<String> exempt = new ArrayList<>();
        int overdue = 0;
        for (VaultClient.KeyMetadata key : keys) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", key.name());
            line.put("purpose", key.purpose());
            if (key.purpose() != null && EXEMPT_PURPOSES.contains(key.purpose())) {
                line.put("exempt", true);
                line.put("exemptReason", "a " + key.purpose() + " key is never rotated by design");
                exempt.add(key.name());
                checked.add(line);
                continue;
            }
            boolean periodStated = key.rotationPeriodDays() != null && key.rotationPeriodDays() > 0;
            int period = periodStated ? key.rotationPeriodDays() : defaultPeriodDays;
            line.put("exempt", false);
            line.put("rotationPeriodDays", period);
            line.put("rotationPeriodSource", periodStated ? "key" : "default");
            VaultClient.KeyVersion newest = key.versions() == null
                    ? null
                    : key.versions().stream()
                            .filter(v -> v.version() != null && v.createdAt() != null)
                            .max(Comparator.comparing(VaultClient.KeyVersion::version))
                            .orElse(null);
            if (newest == null) {
                overdue++;
                findings.add(new Finding("key-version-unknown", "key " + key.name() + " reports no dated version"));
            } else {
                long age = Duration.between(newest.createdAt(), now).toDays();
                line.put("latestVersion", newest.version());
                line.put("latestVersionAgeDays", age);
                if (age > period) {
                    overdue++;
                    findings.add(new Finding(
                            "key-rotation-overdue",
                            "key " + key.name() + " version " + newest.version() + " is " + age
                                    + " days old; rotation period " + period + " days"
                                    + (periodStated ? "" : " (default: automatic rotation is off)")));
                }
            }
            checked.add(line);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("keysChecked", keys.size() - exempt.size());
        figures.put("keysOverdue", overdue);
        figures.put("keysExempt", exempt.size());
        figures.put("exemptKeys", exempt);
        figures.put("defaultRotationPeriodDays", defaultPeriodDays);
        figures.put("keys", checked);
        return MonitorResult.of(Monitor.KEY_ROTATION, figures, findings);
    }
}
