package org.compliancesuite.deploy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Vault ACL policy evaluated as Vault does: an exact path rule wins, else the most specific matching pattern ("+" is
 * one path segment, a trailing "*" a prefix).
 */
final class VaultPolicy {

    private static final Pattern RULE =
            Pattern.compile("path \"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^]]*)]\\s*}", Pattern.MULTILINE);

    private final Map<String, Set<String>> rules = new LinkedHashMap<>();

    VaultPolicy(String hcl) {
        Matcher matcher = RULE.matcher(hcl);
        while (matcher.find()) {
            rules.put(
                    matcher.group(1),
                    Arrays.stream(matcher.group(2).split(","))
                            .map(c -> c.trim().replace("\"", ""))
                            .filter(c -> !c.isEmpty())
                            .collect(Collectors.toSet()));
        }
    }

    Map<String, Set<String>> rules() {
        return rules;
    }

    /** Capabilities Vault grants on the path. */
    Set<String> capabilities(String path) {
        String rule = decidingRule(path);
        return rule == null ? Set.of() : rules.get(rule);
    }

    /** The rule Vault applies to the path: an exact rule, else the most specific pattern; null when none matches. */
    String decidingRule(String path) {
        if (rules.containsKey(path)) {
            return path;
        }
        String best = null;
        for (String pattern : rules.keySet()) {
            if (matches(pattern, path) && (best == null || moreSpecific(pattern, best))) {
                best = pattern;
            }
        }
        return best;
    }

    private static boolean matches(String pattern, String path) {
        String regex = Arrays.stream(pattern.split("/", -1))
                .map(segment -> segment.equals("+") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/"));
        regex = regex.endsWith("*\\E") ? regex.substring(0, regex.length() - 3) + "\\E.*" : regex;
        return path.matches(regex);
    }

    /** Vault's ordering: the later the first wildcard, the more specific; then the longer pattern. */
    private static boolean moreSpecific(String candidate, String current) {
        int candidateWildcard = firstWildcard(candidate);
        int currentWildcard = firstWildcard(current);
        if (candidateWildcard != currentWildcard) {
            return candidateWildcard > currentWildcard;
        }
        return candidate.length() > current.length();
    }

    private static int firstWildcard(String pattern) {
        int plus = pattern.indexOf('+');
        int star = pattern.indexOf('*');
        if (plus < 0) {
            return star < 0 ? Integer.MAX_VALUE : star;
        }
        return star < 0 ? plus : Math.min(plus, star);
    }
}
