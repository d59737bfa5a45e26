package org.tollgate.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * XHTML → PDF with openhtmltopdf (PDFBox 3). Fonts (DejaVu Sans, regular and bold) ship in the jar and
 * are embedded in every PDF, so a page renders the same on a machine without internet or system fonts.
 */
public final class Pdf {
  public static final String FONT_FAMILY = "DejaVu Sans";

  static {
    // The renderer logs every step at INFO; a report tool's stderr is for the user's problems only.
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
  }

  private Pdf() {}

  /** The number of pages of a PDF this class rendered. */
  public static int pages(byte[] pdf) {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rendered PDF: " + e.getMessage(), e);
    }
  }

  public static void render(String xhtml, OutputStream out) {
    try {
      PdfRendererBuilder b = new PdfRendererBuilder();
      b.useFastMode();
      // Inline <svg> (the dossier's charts) is drawn by Batik; without a drawer openhtmltopdf prints the SVG's text.
      b.useSVGDrawer(new com.openhtmltopdf.svgsupport.BatikSVGDrawer());
      b.useFont(() -> font("fonts/DejaVuSans.ttf"), FONT_FAMILY, 400, PdfRendererBuilder.FontStyle.NORMAL, true);
      b.useFont(() -> font("fonts/DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, PdfRendererBuilder.FontStyle.NORMAL, true);
      b.withHtmlContent(withSvgFonts(xhtml), null);
      b.toStream(out);
      b.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the PDF: " + e.getMessage(), e);
    }
  }

  /**
   * Batik draws SVG text only with fonts declared in CSS {@code @font-face} rules (not those given to the
   * builder), else with whatever fonts the machine has. These rules point it at the same DejaVu files in
   * the jar, so chart text is embedded like the page's and looks the same on any machine. They are added
   * at render time only, so no page written to disk carries a path into the installation.
   */
  static String withSvgFonts(String xhtml) {
    int at = xhtml.indexOf("</style>");
    if (at < 0) return xhtml;
    return xhtml.substring(0, at) + FONT_FACES + xhtml.substring(at);
  }

  private static final String FONT_FACES = face("fonts/DejaVuSans.ttf", "normal") + face("fonts/DejaVuSans-Bold.ttf", "bold");

  private static String face(String resource, String weight) {
    java.net.URL u = Pdf.class.getClassLoader().getResource(resource);
    if (u == null) throw new IllegalStateException("missing font resource " + resource);
    return "@font-face { font-family: '" + FONT_FAMILY + "'; src: url('" + u.toExternalForm() + "'); font-weight: " + weight
        + "; -fs-pdf-font-embed: embed; -fs-pdf-font-encoding: Identity-H; }";
  }

  private static InputStream font(String resource) {
    InputStream in = Pdf.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("missing font resource " + resource);
    return in;
  }
}
