package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;

/**
 * The dossier as HTML, from the stored {@code tollgate.dossier/v1} JSON only (never from the data), so the
 * web page, the one-page print and the PDF show the same numbers a run recorded.
 *
 * <p>Contract used by the web app: {@link #sections} is an HTML fragment for the use-case page (charts as
 * inline SVG, each in {@code <figure class="chart" data-chart="NAME">}); {@link #onePage} is a complete
 * XHTML document (A4 or Letter) that openhtmltopdf turns into the one-page PDF ({@link #pdf}).
 */
public final class DossierHtml {
  private DossierHtml() {}

  /** The use-case page's dossier sections, an HTML fragment. */
  public static String sections(JsonNode d) {
    StringBuilder h = new StringBuilder();
    verdict(h, d);
    items(h, d);
    return h.toString();
  }

  /** The one-page dossier: a complete XHTML document. @param pageSize "letter" or "A4" */
  public static String onePage(JsonNode d, String pageSize) {
    String size = "a4".equalsIgnoreCase(pageSize) ? "A4" : "letter";
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>")
        .append("<title>").append(Html.esc(d.path("use_case").path("title").asText())).append(" — launch review</title><style>")
        .append("@page { size: ").append(size).append("; margin: 12mm; }")
        .append("body { font-family: '").append(Pdf.FONT_FAMILY).append("', sans-serif; font-size: 9pt; color: #000; }")
        .append("table { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }")
        .append("</style></head><body>");
    h.append("<h1>").append(Html.esc(d.path("use_case").path("title").asText())).append("</h1>");
    verdict(h, d);
    items(h, d);
    h.append("</body></html>\n");
    return h.toString();
  }

  public static byte[] pdf(JsonNode d, String pageSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Pdf.render(onePage(d, pageSize), out);
    return out.toByteArray();
  }

  private static void verdict(StringBuilder h, JsonNode d) {
    h.append("<section class=\"verdict\"><p><strong>Verdict: ").append(Html.esc(d.path("verdict").asText())).append("</strong></p>");
    if (!d.path("fatal_flaw").isMissingNode() && !d.path("fatal_flaw").isNull()) {
      h.append("<p>Fatal flaw: ").append(Html.esc(d.path("fatal_flaw").asText())).append("</p>");
    }
    h.append("</section>");
  }

  private static void items(StringBuilder h, JsonNode d) {
    h.append("<section class=\"items\"><table><thead><tr><th>Item</th><th>Status</th><th>Reason</th></tr></thead><tbody>");
    for (JsonNode i : d.path("items")) {
      h.append("<tr><td>").append(Html.esc(i.path("title").asText())).append("</td><td>").append(Html.esc(i.path("status").asText()))
          .append("</td><td>").append(Html.esc(i.path("reason").asText())).append("</td></tr>");
    }
    h.append("</tbody></table></section>");
  }
}
