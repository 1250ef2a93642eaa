package org.compliancesuite.evidence.item;

import java.nio.charset.StandardCharsets;

/** Client file names are kept for display only and never used as a path. */
final class FileNames {

    private static final int MAX_LENGTH = 255;

    /** RFC 5987 attr-char: what an ext-value may carry without percent-encoding. */
    private static final String ATTR_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~";

    private FileNames() {}

    /**
     * Keeps the last path segment and replaces every character that could mislead a reader or break a header: control
     * characters (a newline reaching a header), Unicode format characters such as the bidi overrides U+202A-U+202E and
     * isolates U+2066-U+2069 (which make {@code invoice\u202Efdp.exe} display as {@code invoiceexe.pdf}), zero-width
     * characters, the line and paragraph separators U+2028/U+2029, unpaired surrogates and the double quote.
     */
    static String neutralise(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(last.length());
        last.codePoints().forEach(c -> clean.appendCodePoint(misleading(c) ? '_' : c));
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return "unnamed";
        }
        return result.length() > MAX_LENGTH ? truncate(result) : result;
    }

    /**
     * The value of a {@code Content-Disposition: attachment} header (RFC 6266): an ASCII {@code filename} every client
     * understands, and for a name beyond ASCII also {@code filename*} (RFC 5987, UTF-8 percent-encoded) that current
     * clients prefer.
     */
    static String contentDisposition(String name) {
        StringBuilder fallback = new StringBuilder(name.length());
        name.codePoints().forEach(c -> fallback.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : (char) c));
        boolean ascii = name.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        String header = "attachment; filename=\"" + fallback + "\"";
        if (ascii) {
            return header;
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            if (unsigned < 0x80 && ATTR_CHARS.indexOf(unsigned) >= 0) {
                encoded.append((char) unsigned);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(unsigned >> 4, 16)));
                encoded.append(Character.toUpperCase(Character.forDigit(unsigned & 0xf, 16)));
            }
        }
        return header + "; filename*=UTF-8''" + encoded;
    }

    private static boolean misleading(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE -> true;
            default -> c == '"';
        };
    }

    /** Cuts at {@link #MAX_LENGTH} chars without splitting a surrogate pair. */
    private static String truncate(String name) {
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }
}
