package org.compliancesuite.evidence.item;

/** Client file names are kept for display only and never used as a path. */
final class FileNames {

    private static final int MAX_LENGTH = 255;

    private FileNames() {}

    /**
     * Keeps the last path segment and replaces control characters, so a name like {@code ../../etc/passwd} or one
     * carrying a newline cannot reach a path or a header.
     */
    static String neutralise(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(last.length());
        last.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) || c == '"' ? '_' : c));
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return "unnamed";
        }
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) : result;
    }
}
