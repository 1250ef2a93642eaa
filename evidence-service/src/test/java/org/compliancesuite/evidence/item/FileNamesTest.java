package org.compliancesuite.evidence.item;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void pathSegmentsAndControlCharactersAreNeutralised() {
        assertEquals("passwd", FileNames.neutralise("../../etc/passwd"));
        assertEquals("fire_wall.txt", FileNames.neutralise("..\\..\\etc/fire\twall.txt"));
        assertEquals("a_b", FileNames.neutralise("a\"b"));
        assertEquals("unnamed", FileNames.neutralise(".."));
    }

    @Test
    void bidiControlsSeparatorsAndFormatCharactersAreNeutralised() {
        // U+202E makes "invoice<RLO>fdp.exe" display as "invoiceexe.pdf"
        assertEquals("invoice_fdp.exe", FileNames.neutralise("invoice\u202Efdp.exe"));
        for (char c : new char[] {
            '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029',
            '\u200B', '\u200D', '\uFEFF', '\u0085'
        }) {
            assertEquals("a_b.pdf", FileNames.neutralise("a" + c + "b.pdf"), Integer.toHexString(c));
        }
        assertEquals("a_b", FileNames.neutralise("a\uD800b"), "an unpaired surrogate");
        assertEquals("relatório 2026 – Q1 ✓.pdf", FileNames.neutralise("relatório 2026 – Q1 ✓.pdf"));
    }

    @Test
    void contentDispositionHasAnAsciiFallbackAndAnRfc5987NameBeyondAscii() {
        assertEquals("attachment; filename=\"report 1.pdf\"", FileNames.contentDisposition("report 1.pdf"));
        assertEquals(
                "attachment; filename=\"relat_rio_.pdf\"; filename*=UTF-8''relat%C3%B3rio%E2%9C%93.pdf",
                FileNames.contentDisposition("relatório✓.pdf"));
        assertEquals(
                "attachment; filename=\"_ _.txt\"; filename*=UTF-8''%F0%9F%93%84%20%E2%80%93.txt",
                FileNames.contentDisposition("📄 –.txt"));
    }
}
