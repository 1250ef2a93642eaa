package org.compliancesuite.evidence.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Key rotation from vault-service's key metadata: a key is overdue when its newest version is older than its rotation
 * period (PCI DSS v4.0.1 3.6.1.4 and 3.7.4: keys are changed at the end of their defined cryptoperiod).
 */
@ApplicationScoped
public class KeyRotationMonitor {

    @ConfigProperty(name = "evidence.monitor.key-rotation.default-period-days", defaultValue = "365")
    int defaultPeriodDays;

    public MonitorResult evaluate(List<VaultClient.KeyMetadata> keys, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<Map<String, Object>> checked = new ArrayList<>();
        int overdue = 0;
        for (VaultClient.KeyMetadata key : keys) {
            int period = key.rotationPeriodDays() == null || key.rotationPeriodDays() <= 0
                    ? defaultPeriodDays
                    : key.rotationPeriodDays();
            VaultClient.KeyVersion newest = key.versions() == null
                    ? null
                    : key.versions().stream()
                            .filter(v -> v.version() != null && v.createdAt() != null)
                            .max(Comparator.comparing(VaultClient.KeyVersion::version))
                            .orElse(null);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", key.name());
            line.put("rotationPeriodDays", period);
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
                                    + " days old; rotation period " + period + " days"));
                }
            }
            checked.add(line);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("keysChecked", keys.size());
        figures.put("keysOverdue", overdue);
        figures.put("keys", checked);
        return MonitorResult.of(Monitor.KEY_ROTATION, figures, findings);
    }
}
