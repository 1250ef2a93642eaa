package org.compliancesuite.vault.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a provider says about one key: versions with creation times, the minimum decryption version and the
 * auto-rotation period (zero when off). Public keys only for signing keys, raw 32-byte Ed25519 keys by version.
 */
public record KeyInfo(
        String name,
        String type,
        int latestVersion,
        int minDecryptionVersion,
        Duration autoRotatePeriod,
        SortedMap<Integer, Instant> versions,
        Map<Integer, byte[]> publicKeys) {}
