package org.compliancesuite.catalog.framework;

import java.util.regex.Pattern;

/**
 * What a requirement code may be. Codes are path segments of the API ({@code /frameworks/{id}/requirements/{code}}),
 * so a stored code must reach its requirement by URL: no slash, no '?', '#', '%', ';' or backslash (query,
 * fragment, escapes, matrix parameters), no whitespace, control or invisible characters, not {@code .} or {@code ..}
 * (removed by path normalisation) and not {@code tree}, the path of the tree view.
 */
public final class RequirementCode {

    public static final int MAX_LENGTH = 100;

    /** For Bean Validation; the length is checked separately. */
    public static final String PATTERN = "^(?!tree$)(?!\\.{1,2}$)[^/?#%;\\\\\\s\\p{C}\\p{Z}]+$";

    public static final String RULE = "must not contain / ? # % ; \\ or whitespace, control or invisible characters,"
            + " and must not be '.', '..' or 'tree'";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private RequirementCode() {}

    /** Null when the code is usable, else why not. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "must not be empty";
        }
        if (code.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        return COMPILED.matcher(code).matches() ? null : RULE;
    }
}
