package org.tollgate.report;

import java.util.Locale;
import org.tollgate.drill.PaperChecklist;

/**
 * The paper fallback as one printable page (XHTML, the same source for the browser and the PDF):
 * tick boxes for the conditions, the action, and the notes. Black on white, no colour needed.
 */
public final class ChecklistPage {
  private ChecklistPage() {}

  /** @param pageSize "letter" or "A4" */
  public static String xhtml(PaperChecklist c, String useCase, String pageSize) {
    String size = pageSize == null ? "letter" : pageSize.toLowerCase(Locale.ROOT).equals("a4") ? "A4" : "letter";
    StringBuilder h = new StringBuilder();
    h.append(Html.documentStart(c.title(), "@page { size: " + size + "; margin: 18mm; }"
        + "body { font-family: '" + Pdf.FONT_FAMILY + "', sans-serif; font-size: 12pt; color: #000; }"
        + "h1 { font-size: 18pt; margin: 0 0 4pt 0; } .sub { font-size: 10pt; margin-bottom: 14pt; }"
        + "table { border-collapse: collapse; width: 100%; } td { border: 1pt solid #000; padding: 8pt; vertical-align: top; }"
        + "td.box { width: 22pt; font-size: 16pt; text-align: center; } .action { border: 2pt solid #000; padding: 10pt; margin: 14pt 0; font-weight: bold; }"
        + "ul { padding-left: 16pt; } li { margin-bottom: 4pt; font-size: 10.5pt; } .sign td { border: none; border-bottom: 1pt solid #000; height: 22pt; }"));
    h.append("<h1>").append(Html.esc(c.title())).append("</h1>");
    h.append("<div class=\"sub\">").append(useCase == null ? "" : Html.esc(useCase) + " — ")
        .append("Use when the system is down. Check each box from the chart and the latest results.</div>");
    h.append("<table>");
    for (String cond : c.conditions()) {
      h.append("<tr><td class=\"box\">☐</td><td>").append(Html.esc(cond)).append("</td></tr>");
    }
    h.append("</table>");
    h.append("<div class=\"action\">").append(Html.esc(c.action())).append("</div>");
    h.append("<ul>");
    for (String n : c.notes()) h.append("<li>").append(Html.esc(n)).append("</li>");
    h.append("</ul>");
    h.append("<table class=\"sign\"><tr><td>Patient / bed</td><td>Time</td><td>Notified</td><td>Initials</td></tr>");
    for (int i = 0; i < 10; i++) h.append("<tr><td> </td><td> </td><td> </td><td> </td></tr>");
    h.append("</table>");
    h.append("</body></html>\n");
    return h.toString();
  }
}
