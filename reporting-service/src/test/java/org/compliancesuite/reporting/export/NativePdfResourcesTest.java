package org.compliancesuite.reporting.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * A native image carries only the classpath resources that {@code quarkus.native.resources.includes} names. This test
 * prints a PDF with OpenPDF loaded in a class loader that shows exactly those resources (classes aside) and records
 * what OpenPDF asks for, so a resource it reads but the configuration forgets fails here, in JVM mode, rather than
 * in a native executable. Its error messages (error_messages/*.lng) are read only when it fails, and stay included.
 */
class NativePdfResourcesTest {

    /** Shows classes and, of the other resources, only those the native configuration includes; records requests. */
    static final class NativeResources extends URLClassLoader {
        final List<Pattern> includes;
        final Set<String> requested = new ConcurrentSkipListSet<>();
        final Set<String> refused = new ConcurrentSkipListSet<>();

        NativeResources(URL[] urls, List<Pattern> includes) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.includes = includes;
        }

        private boolean visible(String name) {
            if (name.endsWith(".class")) {
                return true;
            }
            requested.add(name);
            boolean included = includes.stream().anyMatch(p -> p.matcher(name).matches());
            if (!included) {
                refused.add(name);
            }
            return included;
        }

        @Override
        public URL getResource(String name) {
            return visible(name) ? super.getResource(name) : null;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return visible(name) ? super.getResources(name) : Collections.emptyEnumeration();
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return visible(name) ? super.getResourceAsStream(name) : null;
        }
    }

    /** Quarkus's glob: {@code **} spans directories, {@code *} stays within one. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Test
    void aPdfPrintsWithOnlyTheResourcesANativeImageCarries() throws Exception {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target/classes/application.properties"))) {
            config.load(in);
        }
        List<Pattern> includes = Arrays.stream(
                        config.getProperty("quarkus.native.resources.includes").split(","))
                .map(String::trim)
                .map(NativePdfResourcesTest::glob)
                .toList();
        URL openPdf = PdfReader.class.getProtectionDomain().getCodeSource().getLocation();
        URL[] classpath = {
            Path.of("target/classes").toUri().toURL(),
            Path.of("target/test-classes").toUri().toURL(),
            openPdf
        };

        byte[] pdf;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (NativeResources loader = new NativeResources(classpath, includes)) {
            thread.setContextClassLoader(loader);
            pdf = (byte[]) loader.loadClass(PdfSample.class.getName())
                    .getMethod("print")
                    .invoke(null);
            assertTrue(
                    loader.requested.contains("org/openpdf/text/pdf/fonts/Helvetica.afm"),
                    () -> "OpenPDF read its resources through the restricted loader: " + loader.requested);
            System.out.println(
                    "OpenPDF requested " + loader.requested + "; not in the native image: " + loader.refused);
        } finally {
            thread.setContextClassLoader(previous);
        }

        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertTrue(text.contains("Sample report"), text);
        assertTrue(text.contains("Score per framework"), text);
        assertTrue(text.contains("fw-a"), text);
    }
}
