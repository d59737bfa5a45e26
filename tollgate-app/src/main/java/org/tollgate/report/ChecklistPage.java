package org.tollgate.report;

import java.util.Locale;
import org.tollgate.drill.PaperChecklist;

/**
 * The paper checklist as one printable page (XHTML, the same source for the browser and the PDF): the
 * bedside criteria as large tick boxes, when to check, what to do and whom to notify, the re-fire rule, a
 * log table to fill in, and the footer (use case, policy, review run, date, signer). Black on white with
 * 14-point text and 1-centimetre boxes, so it can be ticked at a bedside and photocopied; at most five
 * criteria keep it to one page.
 */
public final class ChecklistPage {
  private ChecklistPage() {}

  /** @param pageSize "letter" or "A4" */
  public static String xhtml(PaperChecklist c, String pageSize) {
    String size = pageSize == null ? "letter" : pageSize.toLowerCase(Locale.ROOT).equals("a4") ? "A4" : "letter";
    StringBuilder h = new StringBuilder();
    h.append(Html.documentStart(c.title(), "@page { size: " + size + "; margin: 15mm; }"
        + "body { font-family: '" + Pdf.FONT_FAMILY + "', sans-serif; font-size: 14pt; color: #000; background: #fff; }"
        + "h1 { font-size: 20pt; margin: 0 0 4pt 0; } .when { font-size: 13pt; margin-bottom: 10pt; font-weight: bold; }"
        + "table.boxes { border-collapse: collapse; width: 100%; } table.boxes td { border: 1.5pt solid #000; padding: 9pt; vertical-align: middle; font-size: 16pt; }"
        + "td.box { width: 10mm; height: 10mm; } .action { border: 3pt solid #000; padding: 10pt; margin: 12pt 0 6pt 0; font-weight: bold; font-size: 16pt; }"
        + ".refire { font-size: 13pt; margin-bottom: 8pt; } ul { padding-left: 14pt; margin: 4pt 0; } li { margin-bottom: 2pt; font-size: 10.5pt; }"
        + "table.log { border-collapse: collapse; width: 100%; margin-top: 8pt; } table.log td, table.log th { border: 1pt solid #000; height: 18pt; font-size: 10pt; text-align: left; padding: 2pt 4pt; }"
        + ".footer { margin-top: 8pt; font-size: 9pt; border-top: 1pt solid #000; padding-top: 4pt; }"));
    h.append("<h1>").append(Html.esc(c.title())).append("</h1>");
    h.append("<div class=\"when\">Check every patient ").append(Html.esc(c.when())).append(". Tick each box that applies.</div>");
    h.append("<table class=\"boxes\">");
    for (String cond : c.criteria()) {
      h.append("<tr><td class=\"box\"> </td><td>").append(Html.esc(cond)).append("</td></tr>");
    }
    h.append("</table>");
    h.append("<div class=\"action\">If ").append(Html.esc(c.combination())).append(": ").append(Html.esc(c.action())).append(".</div>");
    h.append("<div class=\"refire\">Re-fire: ").append(Html.esc(c.refire())).append(".</div>");
    h.append("<ul>");
    for (String n : c.notes()) h.append("<li>").append(Html.esc(n)).append("</li>");
    h.append("</ul>");
    h.append("<table class=\"log\"><tr><th>Bed</th><th>Time</th><th>Boxes ticked</th><th>Notified (who, time)</th><th>Initials</th></tr>");
    for (int i = 0; i < 8; i++) h.append("<tr><td> </td><td> </td><td> </td><td> </td><td> </td></tr>");
    h.append("</table>");
    h.append("<div class=\"footer\">").append(Html.esc(c.footerLine())).append("</div>");
    h.append("</body></html>\n");
    return h.toString();
  }
}
