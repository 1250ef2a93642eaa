package org.compliancesuite.reporting.export;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.openpdf.text.ImgTemplate;
import org.openpdf.text.pdf.PdfName;

/**
 * What OpenPDF reaches by reflection, which a native image keeps only when told: PdfName builds its table of
 * standard names from its own declared fields, and Image.getInstance(Image) copies an image (the chart is a template
 * image) through its class's constructor.
 */
@RegisterForReflection(targets = {PdfName.class, ImgTemplate.class})
final class PdfNativeConfiguration {

    private PdfNativeConfiguration() {}
}
