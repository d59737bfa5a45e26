package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.data.ColumnMapping;
import org.tollgate.drill.ShownDrill;
import org.tollgate.format.Units;
import org.tollgate.report.chart.Chart;
import org.tollgate.report.chart.ForestPlot;
import org.tollgate.report.chart.Formats;
import org.tollgate.report.chart.LineChart;
import org.tollgate.report.chart.Scale;
import org.tollgate.report.chart.BarChart;
import org.tollgate.report.chart.Size;
import org.tollgate.report.chart.Style;

/**
 * The dossier as HTML, from the stored {@code tollgate.dossier/v3} JSON only (never from the data), so the
 * web page, the one-page print and the PDF show the same numbers a run recorded.
 *
 * <p>Contract used by the web app: {@link #sections} is an HTML fragment for the use-case page (charts as
 * inline SVG, each in {@code <figure class="chart" data-chart="NAME">} with {@code g.axis} groups; style it
 * with {@link #CSS}); {@link #onePage} is a complete XHTML document (A4 or Letter) that openhtmltopdf turns
 * into the one-page PDF ({@link #pdf}); {@link #page} is the sections as a standalone document.
 *
 * <p>Every text from the dossier is escaped; every number carries its unit; pass, fail and missing are
 * written as words with a symbol, never shown by colour alone.
 */
public final class DossierHtml {
  private DossierHtml() {}

  /** Stylesheet for {@link #sections}: readable at 1280 px, charts two per row, and a print layout without colour dependence. */
  public static final String CSS = """
      .dossier { font-family: 'DejaVu Sans', Arial, sans-serif; color: #111; max-width: 1240px; line-height: 1.4; }
      .dossier section { margin: 0 0 28px 0; }
      .dossier h2 { font-size: 20px; border-bottom: 2px solid #333; padding-bottom: 4px; }
      .dossier h3 { font-size: 16px; margin: 16px 0 6px 0; }
      .dossier table { border-collapse: collapse; width: 100%; font-size: 14px; }
      .dossier th, .dossier td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
      .dossier th { background: #eee; }
      .dossier td.num { text-align: right; white-space: nowrap; }
      .dossier .verdict { border: 3px solid #111; padding: 12px 16px; }
      .dossier .verdict .word { font-size: 28px; font-weight: bold; }
      .dossier .verdict.go { background: #e8f3e8; } .dossier .verdict.redesign { background: #fff4e0; } .dossier .verdict.no-go { background: #fbe6e6; }
      .dossier .status { font-weight: bold; white-space: nowrap; }
      .dossier .keynumbers { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 10px 0 0 0; padding: 0; list-style: none; }
      .dossier .keynumbers li { min-width: 180px; } .dossier .keynumbers b { display: block; font-size: 18px; }
      .dossier .charts { display: flex; flex-wrap: wrap; gap: 16px; }
      .dossier figure.chart { margin: 0; max-width: 100%; }
      .dossier figure.chart svg { max-width: 100%; height: auto; display: block; }
      .dossier figcaption { font-size: 13px; color: #333; max-width: 560px; }
      .dossier .note { font-size: 13px; color: #333; }
      .dossier details summary { cursor: pointer; font-weight: bold; }
      .dossier details > summary h2 { display: inline; border: none; }
      .dossier details > summary .more { font-weight: normal; font-size: 14px; color: #333; }
      .dossier .why, .why { color: #333; font-style: italic; }
      .dossier a.term, a.term { color: inherit; text-decoration: underline dotted; text-underline-offset: 2px; }
      .dossier p.no-chart { align-self: flex-start; max-width: 540px; border-left: 3px solid #777; padding: 4px 8px; margin: 0; background: #f6f6f6; font-size: 14px; }
      .dossier tr.deciding td { border: 2px solid #111; font-weight: bold; }
      .dossier dl dt { font-weight: bold; margin-top: 8px; } .dossier dl dd { margin: 2px 0 0 16px; }
      .dossier .deciding-rule { margin: 4px 0; }
      @media print {
        .dossier { max-width: none; font-size: 10pt; }
        .dossier .verdict { background: none !important; }
        .dossier section { break-inside: auto; }
        .dossier h2, .dossier h3 { break-after: avoid; page-break-after: avoid; }
        .dossier figure.chart, .dossier p.no-chart { break-inside: avoid; }
        .dossier details > *:not(summary) { display: block; }
        /* two charts to a row on paper, drawn to the column's width */
        .dossier .charts { gap: 10px; }
        .dossier .charts > figure.chart, .dossier .charts > p.no-chart { flex: 0 0 calc(50% - 5px); max-width: calc(50% - 5px); }
        .dossier figure.chart svg { width: 100%; height: auto; }
        .dossier figcaption { font-size: 8pt; max-width: none; }
        /* a tall checklist row may run onto the next page rather than leave this one half empty */
        .dossier .checklist tr { break-inside: auto; page-break-inside: auto; }
        .dossier ul.evidence { margin: 0; padding: 0; }
        .dossier ul.evidence li { display: inline; }
        .dossier ul.evidence li:after { content: " · "; }
        .dossier ul.evidence li:last-child:after { content: ""; }
        .dossier .glossary dl { columns: 2; column-gap: 18px; }
        .dossier .glossary dt { break-after: avoid; page-break-after: avoid; }
        .dossier .glossary dd { break-inside: avoid; }
      }
      """;

  /** The use-case page's dossier sections, an HTML fragment. */
  public static String sections(JsonNode d) {
    return sections(d, null);
  }

  /**
   * The sections, with attestations recorded after the run (e.g. from the store) in the checklist's
   * "attested by" column.
   *
   * @param attestations null, or an array of objects with {@code item} ("paper_fallback", "business_model",
   *     "peer_training", or the item number), {@code by}, {@code role}, {@code date} and optionally {@code note}
   *     and {@code after_run} (true: recorded after the run, so the item's status does not count it yet)
   */
  public static String sections(JsonNode d, JsonNode attestations) {
    return sections(d, attestations, "checklist.pdf");
  }

  /**
   * As {@link #sections(JsonNode, JsonNode)}, with the address the drill section links the printable paper
   * checklist to (by default {@code checklist.pdf}, the file {@code tollgate review} writes beside the dossier).
   */
  public static String sections(JsonNode d, JsonNode attestations, String checklistHref) {
    return "<div class=\"dossier\">" + summary(d) + body(d, attestations, checklistHref) + "</div>";
  }

  /** The summary a committee reads first: verdict, fatal flaw, deciding rule and headline numbers (a fragment; style with {@link #CSS}). */
  public static String summary(JsonNode d) {
    StringBuilder h = new StringBuilder(4_000);
    verdict(h, d, true);
    return Glossary.link(h.toString());
  }

  /**
   * The sections after the summary, each a {@code <section id="…">} in the order of {@link #CONTENTS}: the
   * checklist, the evidence of each rule with its charts, then the reference material collapsed.
   */
  public static String body(JsonNode d, JsonNode attestations, String checklistHref) {
    StringBuilder h = new StringBuilder(200_000);
    checklist(h, d, attestations);
    rulesBeyond(h, d);
    stratified(h, d);
    thresholdCurves(h, d);
    alertEconomy(h, d);
    friction(h, d);
    drill(h, d, checklistHref);
    fmea(h, d);
    regulatory(h, d);
    standards(h, d);
    inputs(h, d);
    h.append(Glossary.section());
    // every statistical or regulatory term linked to its definition where it first appears in each section
    return Glossary.link(h.toString());
  }

  /** The sections of {@link #body}, by id and heading: what a page's table of contents lists. */
  public static final List<Map.Entry<String, String>> CONTENTS = List.of(
      Map.entry("checklist", "Launch checklist and rules"),
      Map.entry("trade-offs-and-workflow", "Trade-offs and workflow fit"),
      Map.entry("stratified", "Stratified performance"),
      Map.entry("threshold-curves", "Threshold curves"),
      Map.entry("alert-economy", "Alert economy"),
      Map.entry("friction", "Friction and load by role"),
      Map.entry("drill", "Downtime drill and paper fallback"),
      Map.entry("fmea", "Failure consequences (FMEA)"),
      Map.entry("regulatory", "Regulatory path"),
      Map.entry("standards", "Model card and HTI-1"),
      Map.entry("inputs", "Inputs"),
      Map.entry("glossary", "Glossary"));

  /**
   * The rules beyond the checklist that a review file may add: the trade-offs weighed (each measure before
   * and after) and the workflow fit (where the work happens, with its chart). Says so when neither was given.
   */
  private static void rulesBeyond(StringBuilder h, JsonNode d) {
    h.append("<section class=\"trade-offs-and-workflow\" id=\"trade-offs-and-workflow\"><h2>Trade-offs and workflow fit</h2>");
    JsonNode trade = null;
    JsonNode fit = null;
    for (JsonNode i : d.path("items")) {
      if (i.path("id").asText().equals("trade_offs")) trade = i;
      if (i.path("id").asText().equals("workflow_fit")) fit = i;
    }
    if (trade == null && fit == null) {
      h.append("<p>Not assessed: review.yaml names no trade-off measures (<code>trade_offs</code>) and no designed workflow window (<code>workflow_fit</code>).</p></section>");
      return;
    }
    if (trade != null) {
      h.append("<h3>Trade-offs: ").append(Html.esc(status(trade.path("status").asText()))).append("</h3><p>Decision: <strong>")
          .append(Html.esc(trade.path("evidence").path("decision").asText(""))).append("</strong>.</p><table><thead><tr><th>Measure, before → after (95% CI of the difference)</th></tr></thead><tbody>");
      for (JsonNode m : trade.path("evidence").path("measures")) h.append("<tr><td>").append(Html.esc(m.asText())).append("</td></tr>");
      h.append("</tbody></table>");
      ForestPlot tc = tradeOffs(trade, Size.PAGE);
      if (tc != null) h.append("<div class=\"charts\">").append(tc.figureOrSentence()).append("</div>");
      if (trade.hasNonNull("fix") && !trade.path("status").asText().equals("pass")) h.append("<p>Fix: ").append(Html.esc(trade.path("fix").asText())).append("</p>");
    } else {
      h.append("<p>Trade-offs: not assessed (no <code>trade_offs</code> measures in review.yaml).</p>");
    }
    if (fit != null) {
      h.append("<h3>Workflow fit: ").append(Html.esc(status(fit.path("status").asText()))).append("</h3><p>").append(Html.esc(fit.path("reason").asText(""))).append("</p>");
      BarChart c = workflowFit(fit, Size.PAGE);
      if (c != null) h.append("<div class=\"charts\">").append(c.figureOrSentence()).append("</div>");
      if (fit.hasNonNull("fix") && !fit.path("status").asText().equals("pass")) h.append("<p>Fix: ").append(Html.esc(fit.path("fix").asText())).append("</p>");
    } else {
      h.append("<p>Workflow fit: not assessed (no <code>workflow_fit</code> window in review.yaml).</p>");
    }
    h.append("</section>");
  }

  /** The sections as a standalone XHTML document (what a browser opens without the server). */
  public static String page(JsonNode d) {
    return Html.documentStart(title(d) + " — launch review dossier", "body { margin: 20px; }" + CSS) + "<h1>" + Html.esc(title(d)) + "</h1>"
        + sections(d) + "</body></html>\n";
  }

  /** The one-page dossier of a review not recorded in a store, reviewed today (UTC). @param pageSize "letter" or "A4" */
  public static String onePage(JsonNode d, String pageSize) {
    return onePage(d, pageSize, Signing.unrecorded(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
  }

  /**
   * The one-page dossier, a document for the committee to sign: a complete XHTML document for one A4 or
   * Letter page. Top to bottom: what was reviewed (use case, owner, model and tollgate versions, run id,
   * review date, audit checkpoint, input hashes); the verdict with its fatal flaw and deciding rule; the
   * headline numbers; the checklist, failing rules first, then missing, then passing, the deciding rule
   * marked; the deciding rule's evidence (its chart when it has one) and at most two other charts; the
   * decision block (the four outcomes as tick boxes, ruled lines for conditions and the review date, a
   * signature line each for the chair and three members). Black on white: every status is a word with a symbol.
   *
   * @param pageSize "letter" or "A4"
   */
  public static String onePage(JsonNode d, String pageSize, Signing signing) {
    return onePage(d, pageSize, signing, MAX_PRINT_CHART_HEIGHT, 3);
  }

  /** The one-page dossier with its charts at most {@code chartHeight} px tall (see {@link #pdf(JsonNode, String, Signing)}). */
  static String onePage(JsonNode d, String pageSize, Signing signing, int chartHeight, int maxCharts) {
    String size = "a4".equalsIgnoreCase(pageSize) ? "A4" : "letter";
    StringBuilder h = new StringBuilder(120_000);
    h.append(Html.documentStart(title(d) + " — launch review", "@page { size: " + size + "; margin: 7mm 11mm 6mm 11mm; }"
        + "body { font-family: '" + Pdf.FONT_FAMILY + "', sans-serif; font-size: 7.5pt; color: #000; margin: 0; }"
        + "h1 { font-size: 13pt; margin: 0; } .kind { font-size: 7pt; margin: 0 0 3pt 0; letter-spacing: 0.5pt; text-transform: uppercase; }"
        + ".verdict { border: 1.5pt solid #000; padding: 3pt 6pt; margin: 3pt 0 3pt 0; } .verdict .word { font-size: 13pt; font-weight: bold; }"
        + ".verdict p { margin: 1pt 0; } .verdict p.settings-changed { font-size: 6.6pt; }"
        + "table { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid #555; padding: 1pt 3pt; text-align: left; vertical-align: top; }"
        + "th { background: #e6e6e6; } td.num { text-align: right; white-space: nowrap; } .status { font-weight: bold; white-space: nowrap; }"
        + "table.ident td, table.ident th { font-size: 6.8pt; padding: 0.5pt 3pt; } table.ident th { width: 15%; font-weight: bold; }"
        + "table.ident td.hash { font-size: 6pt; word-wrap: break-word; }"
        + "table.keys td { border: none; padding: 0 5pt 1pt 0; font-size: 6.5pt; } table.keys b { font-size: 8pt; }"
        + "table.items td, table.items th { font-size: 6.6pt; padding: 0.5pt 2pt; } tr.deciding td { font-weight: bold; border: 1.2pt solid #000; }"
        + "table.charts td { border: none; padding: 0 2pt 0 0; vertical-align: top; } figure { margin: 0; } figcaption { font-size: 6pt; }"
        + ".evidence { font-size: 6.6pt; margin: 1pt 0 0 0; padding-left: 10pt; } .evidence li { margin: 0; }"
        + ".decision { border: 1.2pt solid #000; padding: 3pt 6pt 4pt 6pt; margin-top: 4pt; page-break-inside: avoid; }"
        + ".decision h2 { margin-top: 0; } .outcomes { font-size: 8.5pt; margin: 2pt 0 3pt 0; } .outcomes span { margin-right: 14pt; }"
        + "table.ruled td { border: none; border-bottom: 0.6pt solid #000; height: 13pt; vertical-align: bottom; padding: 0 3pt 1pt 0; font-size: 7pt; }"
        + "table.ruled td.label { border-bottom: none; width: 16%; font-weight: bold; } table.ruled td.blank { border-bottom: none; }"
        + "table.sign th { background: none; border: none; font-size: 6.5pt; padding: 3pt 3pt 0 0; }"
        + "table.sign { border-collapse: separate; border-spacing: 8pt 0; } table.sign td { border: none; border-bottom: 0.6pt solid #000; height: 14pt; vertical-align: bottom; padding: 0 0 1pt 0; font-size: 7pt; }"
        + "table.sign td.role { border-bottom: none; font-weight: bold; width: 16%; }"
        + "h2 { font-size: 9pt; margin: 4pt 0 2pt 0; } .foot { font-size: 6pt; margin: 3pt 0 0 0; }"
        // the deciding rule's evidence as one run of "label: value" items, not a column of bullets
        + "ul.evidence { margin: 0 0 2pt 0; padding: 0; font-size: 6.6pt; } ul.evidence li { display: inline; }"
        + "ul.evidence li:after { content: ' · '; } ul.evidence li:last-child:after { content: ''; }"
        // On a screen (the HTML opened in a browser) the page is a column of readable width; on a phone its tables stack.
        // openhtmltopdf renders the print medium and never applies these.
        + "@media screen { body { zoom: 1.3; max-width: 800px; margin: 10px auto; padding: 0 8px; } }"
        + "@media screen and (max-width: 700px) { body { zoom: 1; max-width: none; } table.charts, table.charts tbody, table.charts tr, table.charts td"
        + " { display: block; width: auto; } table.charts svg { max-width: 100%; height: auto; } table.ident th { width: auto; } table.ident td.hash { word-break: break-all; } .outcomes span { display: inline-block; } }"));
    // a browser on a phone lays the page out at its own width, not at a desktop's 980 px
    h.replace(h.indexOf("<meta charset=\"UTF-8\"/>"), h.indexOf("<meta charset=\"UTF-8\"/>") + "<meta charset=\"UTF-8\"/>".length(),
        "<meta charset=\"UTF-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    h.append("<p class=\"kind\">Launch review dossier · for committee decision and signature</p>");
    h.append("<h1>").append(Html.esc(title(d))).append("</h1>");
    identity(h, d, signing);
    verdict(h, d, false);
    h.append("<table class=\"keys\"><tr>");
    int k = 0;
    for (Map.Entry<String, String> e : keyNumbers(d).entrySet()) {
      if (k > 0 && k % 6 == 0) h.append("</tr><tr>");
      h.append("<td>").append(Html.esc(e.getKey())).append("<br/><b>").append(Html.esc(e.getValue())).append("</b></td>");
      k++;
    }
    h.append("</tr></table>");
    JsonNode deciding = decidingItem(d);
    h.append("<h2>Launch checklist: failing rules first, then missing evidence, then passed</h2><table class=\"items\"><thead><tr>")
        .append("<th style=\"width:33%\">Rule</th><th style=\"width:9%\">Status</th><th>Reason</th></tr></thead><tbody>");
    for (JsonNode i : sortedItems(d)) {
      boolean isDeciding = i == deciding;
      h.append(isDeciding ? "<tr class=\"deciding\">" : "<tr>").append("<td>").append(isDeciding ? "▶ " : "").append(Html.esc(itemLabel(i)))
          .append(isDeciding ? " (deciding rule)" : "").append("</td><td class=\"status\">").append(Html.esc(status(i.path("status").asText())))
          .append("</td><td>").append(unbroken(Html.esc(i.path("reason").asText("")))).append("</td></tr>");
    }
    h.append("</tbody></table>");
    List<Chart> all = evidenceCharts(d, deciding);
    List<Chart> charts = all.subList(0, Math.min(maxCharts, all.size()));
    boolean decidingChart = deciding != null && !charts.isEmpty() && decidingChart(d, deciding) != null;
    if (deciding != null) {
      h.append("<h2>Evidence for the deciding rule: ").append(Html.esc(itemLabel(deciding))).append("</h2>");
      if (!decidingChart) h.append(unbroken(evidence(deciding.path("evidence"))));
    }
    if (charts.isEmpty() && !all.isEmpty()) {
      h.append("<p class=\"evidence\">Charts: no room on this page; they are in the full dossier (dossier.html).</p>");
    }
    if (!charts.isEmpty()) {
      // The heading and its charts kept together: a heading alone at the foot of a page, its charts overleaf, is empty.
      h.append("<div style=\"page-break-inside: avoid\">");
      if (deciding == null) h.append("<h2>Key evidence</h2>");
      h.append("<table class=\"charts\"><tr>");
      for (int c = 0; c < charts.size(); c++) {
        // "Other evidence" only beside a deciding rule's evidence: under "Key evidence" (a GO) there is nothing for it to be other than
        String label = deciding == null ? "" : c == 0 && decidingChart ? "<b>Deciding evidence</b>" : c == (decidingChart ? 1 : 0) ? "<b>Other evidence</b>" : "<b>&#160;</b>";
        h.append("<td>").append(label).append(firstSentence(shrunk(charts.get(c).figure(), chartHeight))).append("</td>");
      }
      h.append("</tr></table></div>");
    }
    decisionBlock(h, d.path("verdict").asText(""));
    h.append("<p class=\"foot\">Numbers from the stored dossier (").append(Html.esc(d.path("schema").asText("")))
        .append("); counts of 1 to ").append(minCell(d) - 1)
        .append(" withheld, zeros shown. <i>tollgate audit verify --checkpoint</i> shows later that this run's record is unchanged.</p>");
    h.append("</body></html>\n");
    return h.toString();
  }

  /** The tallest a chart may be on the one page, in px (a forest plot grows a row per subgroup). */
  static final int MAX_PRINT_CHART_HEIGHT = 165;

  /**
   * The figure with its svg scaled down (width and height attributes; the viewBox keeps the drawing) when it is
   * taller than {@code max} px, so a forest plot of many subgroups cannot push the signatures onto a second page.
   */
  static String shrunk(String figure, int max) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<svg([^>]*?) width=\"(\\d+)\" height=\"(\\d+)\"").matcher(figure);
    if (!m.find()) return figure;
    int w = Integer.parseInt(m.group(2));
    int ht = Integer.parseInt(m.group(3));
    if (ht <= max) return figure;
    long nw = Math.round((double) w * max / ht);
    return figure.substring(0, m.start()) + "<svg" + m.group(1) + " width=\"" + nw + "\" height=\"" + max + "\"" + figure.substring(m.end());
  }

  /** The figure with its caption cut to the first sentence: on the one page the chart's title and axes say the rest. */
  static String firstSentence(String figure) {
    int a = figure.indexOf("<figcaption>");
    int b = figure.indexOf("</figcaption>");
    if (a < 0 || b < a) return figure;
    String cap = figure.substring(a + "<figcaption>".length(), b);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^.*?[.](?=\\s[A-Z(])").matcher(cap);
    return m.find() ? figure.substring(0, a) + "<figcaption>" + m.group() + figure.substring(b) : figure;
  }

  /** What was reviewed, by whom, when, with which software and data: the page's identity block. */
  private static void identity(StringBuilder h, JsonNode d, Signing s) {
    JsonNode uc = d.path("use_case");
    JsonNode basic = d.path("standards").path("model_card").path("basic_info");
    String model = basic.path("version").asText("");
    String developer = basic.path("model_developer").asText("");
    h.append("<table class=\"ident\"><tbody>");
    h.append("<tr><th>Use case</th><td>").append(Html.esc(uc.path("id").asText(""))).append("</td><th>Owner</th><td>")
        .append(Html.esc(uc.path("owner").asText("not given"))).append("</td></tr>");
    h.append("<tr><th>Intended use</th><td colspan=\"3\">").append(Html.esc(uc.path("intended_use").asText("not given"))).append("</td></tr>");
    h.append("<tr><th>Model version</th><td>").append(Html.esc(model.isEmpty() || model.startsWith("not available") ? "not given in review.yaml" : model))
        .append(developer.isEmpty() || developer.startsWith("not available") ? "" : " (" + Html.esc(developer) + ")")
        .append("</td><th>Reviewed with</th><td>").append(Html.esc(d.path("tool_version").asText(""))).append("</td></tr>");
    h.append("<tr><th>Run id</th><td>").append(Html.esc(s.runText())).append("</td><th>Review date</th><td>").append(Html.esc(s.reviewDate()))
        .append("</td></tr>");
    h.append("<tr><th>Audit checkpoint</th><td colspan=\"3\" class=\"hash\">").append(Html.esc(s.checkpointText())).append("</td></tr>");
    h.append("<tr><th>Inputs (SHA-256)</th><td colspan=\"3\" class=\"hash\">");
    boolean first = true;
    for (JsonNode in : d.path("inputs")) {
      if (!first) h.append("; ");
      first = false;
      // a file name and its hash stay together on one line ("interactions." / "parquet" was split)
      h.append("<span style=\"white-space: nowrap\">").append(Html.esc(fileName(in.path("path").asText("")))).append(' ')
          .append(Html.esc(shortHash(in.path("sha256").asText("")))).append("</span>");
    }
    if (first) h.append("no data files");
    h.append("</td></tr></tbody></table>");
  }

  /**
   * The decision block: the outcomes the verdict allows to tick (as the store records them: approve needs GO, approve with
   * contingencies GO or REDESIGN, a NO-GO is declined or re-reviewed), ruled lines to write on, and a signature line each
   * for the chair and three members.
   */
  private static void decisionBlock(StringBuilder h, String verdict) {
    h.append("<div class=\"decision\"><h2>Committee decision (tick one)</h2><p class=\"outcomes\">")
        .append(org.tollgate.store.People.Outcome.APPROVE.allowedFor(verdict) ? "<span>☐ Approve</span>" : "")
        .append(org.tollgate.store.People.Outcome.APPROVE_WITH_CONTINGENCIES.allowedFor(verdict) ? "<span>☐ Approve with contingencies</span>" : "")
        .append("<span>☐ Re-review on the date below</span><span>☐ Decline</span>")
        .append(verdict.equals("NO-GO") ? "<span class=\"why\">(a NO-GO is not approved: its fatal flaw has no fix to make a condition of)</span>"
            : verdict.equals("REDESIGN") ? "<span class=\"why\">(a REDESIGN is approved only with contingencies: the fixes as conditions)</span>" : "")
        .append("</p>")
        .append("<table class=\"ruled\"><tr><td class=\"label\">Conditions</td><td colspan=\"3\"></td></tr><tr><td class=\"label\"></td><td colspan=\"3\"></td></tr>")
        .append("<tr><td class=\"label\">Review date</td><td style=\"width:30%\"></td><td class=\"label\" style=\"border-bottom:none\"></td><td class=\"blank\"></td></tr></table>")
        .append("<table class=\"sign\"><thead><tr><th></th><th style=\"width:30%\">Name (print)</th><th style=\"width:34%\">Signature</th><th>Date</th></tr></thead><tbody>");
    for (String role : List.of("Chair", "Member", "Member", "Member")) {
      h.append("<tr><td class=\"role\">").append(role).append("</td><td></td><td></td><td></td></tr>");
    }
    h.append("</tbody></table></div>");
  }

  /**
   * The rules as the page lists them: failing first, then missing, then passing; within each, in the
   * dossier's order (the checklist's seven items, then the rules beyond them).
   */
  static List<JsonNode> sortedItems(JsonNode d) {
    List<JsonNode> items = new ArrayList<>();
    d.path("items").forEach(items::add);
    items.sort(java.util.Comparator.comparingInt(i -> switch (i.path("status").asText()) {
      case "fail" -> 0;
      case "missing" -> 1;
      default -> 2;
    }));
    return items;
  }

  /** The item named by the dossier's {@code deciding_item} (the rule the fatal flaw comes from), or null (GO, or an older dossier). */
  public static JsonNode decidingItem(JsonNode d) {
    String id = d.path("deciding_item").asText(null);
    if (id == null) return null;
    for (JsonNode i : d.path("items")) if (i.path("id").asText().equals(id)) return i;
    return null;
  }

  /** The chart that shows the evidence of a rule, or null when its evidence is not a chart (an attestation, a document). */
  static Chart decidingChart(JsonNode d, JsonNode item) {
    Chart c = decidingChartOrEmpty(d, item);
    return c == null || c.uninformative() != null ? null : c;
  }

  private static Chart decidingChartOrEmpty(JsonNode d, JsonNode item) {
    String id = item.path("id").asText();
    return switch (id) {
      case "2" -> d.path("simulation").path("threshold_curve").path("points").size() > 0 ? costCurve(d, Size.PRINT) : null;
      case "4" -> !d.path("friction").isObject() ? null
          : d.path("friction").path("gate").path("redistributed_to").size() > 0 && d.path("friction").path("roles").size() > 0
              ? frictionByRole(d, Size.PRINT) : frictionPerSession(d, Size.PRINT);
      case "workflow_fit" -> workflowFit(item, Size.PRINT);
      case "trade_offs" -> tradeOffs(item, Size.PRINT);
      // with an alert policy the rule judges the policy per group: its chart is the policy's detected-in-time by group
      case "stratified_performance" -> item.path("evidence").path("groups").size() > 0 && item.path("evidence").has("policy") ? policyForest(d, item, Size.PRINT)
          : d.path("evaluation").isObject() ? forest(d, stratifiedMetric(item), label(stratifiedMetric(item)), Size.PRINT) : null;
      case "accuracy_paradox" -> d.path("evaluation").isObject() && !rawScale(d) ? decisionCurve(d, Size.PRINT) : null;
      default -> null;
    };
  }

  /** The metric a failing stratified-performance rule is about (from its evidence), sensitivity when it does not say. */
  private static String stratifiedMetric(JsonNode item) {
    String m = item.path("evidence").path("metric").asText("sensitivity");
    return List.of("sensitivity", "specificity", "ppv", "npv", "auroc").contains(m) ? m : "sensitivity";
  }

  private static String label(String metric) {
    return switch (metric) {
      case "ppv" -> "PPV";
      case "npv" -> "NPV";
      case "auroc" -> "AUROC";
      default -> Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
    };
  }

  public static byte[] pdf(JsonNode d, String pageSize) {
    return pdf(d, pageSize, Signing.unrecorded(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
  }

  /**
   * Chart heights tried in turn, tallest first, until the dossier fits on one page (px). The last two steps leave room for
   * the verdict box's line of gate settings changed from the defaults (up to three lines) before the signatures would move.
   */
  static final int[] PRINT_CHART_HEIGHTS = {MAX_PRINT_CHART_HEIGHT, 135, 110, 90, 70, 55};

  /**
   * {@link #onePage(JsonNode, String, Signing)} as a PDF, on one page: when the checklist's reasons are long
   * (a measured paper fallback, many subgroups) the charts are drawn smaller, in steps, until the signature
   * block fits on the first page. The text is never cut; should even the smallest charts not fit, the last
   * rendering is returned (two pages, which the dossier tests would catch).
   */
  public static byte[] pdf(JsonNode d, String pageSize, Signing signing) {
    byte[] pdf = null;
    for (int height : PRINT_CHART_HEIGHTS) {
      pdf = render(d, pageSize, signing, height, 3);
      if (Pdf.pages(pdf) <= 1) return pdf;
    }
    // Long reasons can leave no room even for the smallest charts (they sit side by side: fewer would not be shorter):
    // the charts give way, with a line saying where they are, before the decision block and its signatures go overleaf.
    byte[] without = render(d, pageSize, signing, 0, 0);
    return Pdf.pages(without) <= 1 ? without : pdf;
  }

  private static byte[] render(JsonNode d, String pageSize, Signing signing, int chartHeight, int maxCharts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Pdf.render(onePage(d, pageSize, signing, chartHeight, maxCharts), out);
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- verdict and key numbers

  private static String title(JsonNode d) {
    return d.path("use_case").path("title").asText("untitled use case");
  }

  private static void verdict(StringBuilder h, JsonNode d, boolean withNumbers) {
    String v = d.path("verdict").asText("");
    String cls = v.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
    String symbol = switch (v) {
      case "GO" -> "✔ ";
      case "NO-GO" -> "✖ ";
      case "REDESIGN" -> "↻ ";
      default -> "";
    };
    h.append("<section class=\"verdict ").append(Html.esc(cls)).append("\"><p class=\"word\">Verdict: ").append(symbol).append(Html.esc(v)).append("</p>");
    settingsChanged(h, d);
    JsonNode f = d.path("fatal_flaw");
    if (!f.isMissingNode() && !f.isNull()) {
      h.append("<p class=\"fatal-flaw\"><strong>Fatal flaw:</strong> ").append(Html.esc(f.asText())).append("</p>");
    }
    JsonNode deciding = decidingItem(d);
    if (deciding != null) {
      h.append("<p class=\"deciding-rule\"><strong>Deciding rule:</strong> ").append(Html.esc(itemLabel(deciding))).append(" — ")
          .append(Html.esc(status(deciding.path("status").asText()))).append("</p>");
    }
    if (withNumbers) {
      h.append("<ul class=\"keynumbers\">");
      for (Map.Entry<String, String> e : keyNumbers(d).entrySet()) {
        h.append("<li>").append(Html.esc(e.getKey())).append("<b>").append(Html.esc(e.getValue())).append("</b></li>");
      }
      h.append("</ul>");
    }
    h.append("</section>");
  }

  /**
   * The gate settings review.yaml changed from tollgate's defaults, in the verdict box next to the verdict (the engine's
   * line, looser first; bold when any is looser): a committee signs the settings with the verdict. Nothing when none changed.
   */
  private static void settingsChanged(StringBuilder h, JsonNode d) {
    String line = d.path("settings_line").asText("");
    if (line.isEmpty()) return;
    boolean looser = false;
    for (JsonNode c : d.path("settings_changed")) looser |= c.path("looser").asBoolean();
    h.append("<p class=\"settings-changed\">").append(looser ? "<strong>" : "").append(Html.esc(line)).append(looser ? "</strong>" : "").append("</p>");
  }

  /** The numbers a committee signs: the one operating point's, from {@link Headline}. */
  static Map<String, String> keyNumbers(JsonNode d) {
    return Headline.of(d);
  }

  private static JsonNode chosenPolicy(JsonNode d) {
    JsonNode s = d.path("simulation");
    if (!s.isObject()) return null;
    String name = s.path("chosen_policy").asText();
    for (JsonNode p : s.path("policies")) if (p.path("name").asText().equals(name)) return p;
    return s.path("policies").size() > 0 ? s.path("policies").get(0) : null;
  }

  // ---------------------------------------------------------------- checklist

  private static final Map<String, String> ATTESTED_ITEMS = Map.of("paper_fallback", "3", "business_model", "6", "peer_training", "7");

  private static void checklist(StringBuilder h, JsonNode d, JsonNode attestations) {
    h.append("<section class=\"checklist\" id=\"checklist\"><h2>Launch checklist and rules</h2>")
        .append("<p class=\"note\">Failing rules first, then rules whose evidence is missing, then passed rules. One rule not passed halts approval.</p>");
    h.append("<table><thead><tr><th>Item</th><th>Status</th><th>Why</th><th>Evidence</th><th>Fix</th><th>Attested by</th></tr></thead><tbody>");
    JsonNode deciding = decidingItem(d);
    for (JsonNode i : sortedItems(d)) {
      String id = i.path("id").asText();
      boolean isDeciding = i == deciding;
      h.append("<tr class=\"item item-").append(Html.esc(id)).append(isDeciding ? " deciding" : "").append("\"><td>").append(isDeciding ? "▶ " : "")
          .append(Html.esc(itemLabel(i))).append(isDeciding ? " <em>(deciding rule)</em>" : "").append("</td><td class=\"status\">")
          .append(Html.esc(status(i.path("status").asText()))).append("</td><td>").append(Html.esc(i.path("reason").asText(""))).append("</td><td>")
          .append(evidence(i.path("evidence"))).append("</td><td>");
      h.append(fixCell(i));
      h.append("</td><td>").append(attestedBy(id, i.path("evidence"), attestations)).append("</td></tr>");
    }
    h.append("</tbody></table></section>");
  }

  /**
   * The Fix column: none for a pass; the fix of a redesign; for a rejection (no fix) its remedy when the rule names one (r17
   * finding 6: "none: the rule names no fix" beside load moved onto case managers), said to be for a new review, not a redesign.
   */
  static String fixCell(JsonNode i) {
    if (i.path("status").asText().equals("pass")) return "<span class=\"why\">none needed (passed)</span>";
    JsonNode fix = i.path("fix");
    if (fix.isTextual()) return Html.esc(fix.asText());
    JsonNode remedy = i.path("evidence").path("remedy");
    if (remedy.isTextual()) return "<span class=\"why\">no fix makes this a redesign (it is a rejection); for a new review:</span> " + Html.esc(remedy.asText());
    return "<span class=\"why\">none: the rule names no fix</span>";
  }

  private static String itemLabel(JsonNode i) {
    String id = i.path("id").asText();
    return id.matches("\\d+") ? id + ". " + i.path("title").asText() : i.path("title").asText();
  }

  /** A status as a word with a symbol, so it never depends on colour. */
  static String status(String s) {
    return switch (s) {
      case "pass" -> "✔ pass";
      case "fail" -> "✖ fail";
      case "missing" -> "? missing";
      default -> s;
    };
  }

  private static String attestedBy(String id, JsonNode ev, JsonNode attestations) {
    List<String> who = new ArrayList<>();
    if (ev.hasNonNull("attested_by")) {
      who.add(person(ev.path("attested_by").asText(), ev.path("role").asText(null), ev.path("date").asText(null), null));
    }
    if (attestations != null) {
      for (JsonNode a : attestations) {
        String item = a.path("item").asText();
        if (item.equals(id) || id.equals(ATTESTED_ITEMS.get(item))) {
          String by = a.hasNonNull("by") ? a.path("by").asText() : a.path("name").asText(a.path("user").asText(""));
          String p = person(by, a.path("role").asText(null), a.path("date").asText(a.path("time").asText(null)), a.path("note").asText(null));
          // Recorded after the run: the item's status above could not count it until the review runs again.
          who.add(a.path("after_run").asBoolean(false) ? p + " <em>(after this run; review again to count it)</em>" : p);
        }
      }
    }
    if (who.isEmpty()) {
      return ATTESTED_ITEMS.containsValue(id) ? "<span class=\"why\">nobody: no signed attestation</span>" : "<span class=\"why\">not attested: measured from data</span>";
    }
    return String.join("<br/>", who);
  }

  private static String person(String by, String role, String date, String note) {
    StringBuilder s = new StringBuilder(Html.esc(by));
    if (role != null && !role.isEmpty()) s.append(" (").append(Html.esc(role.replace('_', ' '))).append(')');
    if (date != null && !date.isEmpty()) s.append(", ").append(Html.esc(Units.utcMinute(date))); // an instant to the minute, UTC (r17 finding 10)
    if (note != null && !note.isEmpty()) s.append(": “").append(Html.esc(note)).append('”');
    return s.toString();
  }

  /** An item's evidence as short "label: value" items: plain labels, units and intervals ({@link Evidence}). */
  @SuppressWarnings("unchecked")
  static String evidence(JsonNode ev) {
    if (!ev.isObject() || ev.isEmpty()) return "<span class=\"why\">none recorded</span>";
    List<String[]> rows = Evidence.rows(Json.MAPPER.convertValue(ev, java.util.LinkedHashMap.class), false);
    if (rows.isEmpty()) return "<span class=\"why\">none recorded</span>";
    StringBuilder s = new StringBuilder("<ul class=\"evidence\">");
    for (String[] r : rows.subList(0, Math.min(12, rows.size()))) {
      s.append("<li>").append(Html.esc(r[0])).append(": ").append(Html.esc(r[1])).append("</li>");
    }
    if (rows.size() > 12) s.append("<li>… more in dossier.json</li>");
    return s.append("</ul>").toString();
  }

  /** A word with a dot inside ("+0.24", "0.15–0.24", "interactions.parquet"), at most 40 characters, in escaped text. */
  private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile("(?<![^\\s(])[^\\s<>]{0,38}[^\\s<>.]\\.[^\\s<>.][^\\s<>]{0,38}");

  /**
   * Escaped text with every dotted word kept on one line: the PDF renderer breaks a line after a dot, which split
   * "+0.24" into "+0." / "24" and a file name into "interactions." / "parquet". Only the printed page needs it.
   */
  static String unbroken(String escaped) {
    return DOTTED.matcher(escaped).replaceAll(m -> "<span style=\"white-space: nowrap\">" + java.util.regex.Matcher.quoteReplacement(m.group()) + "</span>");
  }

  /** One evidence value in words with its unit from the key's name (the page's and the training brief's one formatter). */
  static String evidenceValue(String k, JsonNode v) {
    if (v.isNull()) return "not available";
    if (v.isTextual()) {
      String t = v.asText();
      if (k.contains("sha256")) return shortHash(t);
      return t.length() > 160 ? t.substring(0, 157) + "…" : t;
    }
    if (v.isBoolean()) return v.asBoolean() ? "yes" : "no";
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode x : v) if (x.isValueNode()) parts.add(x.asText());
      return parts.isEmpty() ? null : String.join(", ", parts);
    }
    if (!v.isNumber()) return null;
    double x = v.asDouble();
    if (k.contains("share") || k.contains("replication")) return Units.percent(x);
    if (k.endsWith("_days")) return Units.days(x);
    if (k.contains("cost") || k.contains("payment") || k.endsWith("_per_month") && k.contains("limit")) return Units.money(x) + (k.contains("month") ? " a month" : "");
    if (k.contains("minutes")) return Units.minutes(x) + (k.endsWith("per_day") ? " a day" : "");
    if (k.contains("hours")) return Units.hours(x);
    if (k.contains("seconds")) return k.contains("delta") ? Units.signedSeconds(x) : Units.seconds(x);
    if (k.endsWith("per_day")) return Units.rate(x) + " a day";
    if (k.endsWith("per_staff_shift")) return Units.rate(x);
    if (k.endsWith("per_month")) return Units.rate(x) + " a month";
    if (k.contains("factor")) return Units.factor(x);
    if (k.equals("accuracy") || k.contains("rate") && x <= 1) return Units.percent(x);
    if (k.equals("auroc")) return Units.number(x, 3); // as the headline prints it: "0.910", not "0.91"
    if (v.isIntegralNumber()) return Units.count(v.asLong());
    return Units.figure(x);
  }

  // ---------------------------------------------------------------- stratified performance

  private static void stratified(StringBuilder h, JsonNode d) {
    h.append("<section class=\"stratified\" id=\"stratified\"><h2>Stratified performance</h2>");
    JsonNode e = d.path("evaluation");
    if (!e.isObject()) {
      h.append("<p>No labelled predictions were given, so performance could not be measured.</p></section>");
      return;
    }
    boolean alert = hasAlertPolicy(d);
    if (alert) {
      // One operating point: with an alert policy, what goes live is the policy (persistence, timing, re-fires), judged group by
      // group below; a sensitivity or PPV "at score ≥ t" would be a second operating point on the same page.
      h.append("<p class=\"note\">One case per ").append(Html.esc(e.path("per").asText("encounter"))).append(". The AUROC is threshold-free: how well the score ")
          .append("ranks patients in each group. What the alert as it will run detects, group by group, is the table below (the policy under review); ")
          .append("sensitivity and PPV at a bare score threshold are not shown, because they are not what goes live. Lines are 95% confidence intervals; ")
          .append("the dashed line is the overall value. Groups with a cell of 1 to ").append(minCell(d) - 1).append(" cases are withheld (the small-cell rule).</p><div class=\"charts\">");
    } else {
      h.append("<p class=\"note\">One case per ").append(Html.esc(e.path("per").asText("encounter"))).append("; predicted positive when the score is ")
          .append(num(e.path("threshold").asDouble(), 2)).append(" or higher (the operating point of this use case, which has no alert policy). Lines are 95% ")
          .append("confidence intervals; the dashed line is the overall value. Groups with a cell of 1 to ").append(minCell(d) - 1)
          .append(" cases are withheld (the small-cell rule).</p><div class=\"charts\">");
      h.append(forest(d, "sensitivity", "Sensitivity", Size.PAGE).figureOrSentence());
      h.append(forest(d, "ppv", "Positive predictive value (PPV)", Size.PAGE).figureOrSentence());
    }
    h.append(forest(d, "auroc", "AUROC", Size.PAGE).figureOrSentence());
    h.append("</div>");
    policyByGroup(h, d);
    List<String> findings = new ArrayList<>();
    for (JsonNode x : e.path("disparities")) {
      String st = x.path("status").asText();
      // with an alert policy only the threshold-free comparisons (AUROC): the policy's own are in its table's findings
      if (alert && !x.path("metric").asText().equals("auroc")) continue;
      if (!st.equals("no detectable difference") && x.hasNonNull("statement")) findings.add(x.path("statement").asText());
    }
    if (!findings.isEmpty()) {
      h.append("<h3>Findings</h3><ul>");
      for (String f : findings.subList(0, Math.min(12, findings.size()))) h.append("<li>").append(Html.esc(f)).append("</li>");
      if (findings.size() > 12) h.append("<li>… and ").append(findings.size() - 12).append(" more in dossier.json</li>");
      h.append("</ul>");
    }
    h.append("</section>");
  }

  /**
   * What goes live, group by group: the subgroup rule's evidence (the policy under review per protected group, counts already
   * withheld by the engine) as a table, with the comparisons that are not "no detectable difference".
   */
  static void policyByGroup(StringBuilder h, JsonNode d) {
    JsonNode ev = null;
    for (JsonNode i : d.path("items")) if (i.path("id").asText().equals("stratified_performance")) ev = i.path("evidence");
    if (ev == null || !ev.path("groups").isArray() || ev.path("groups").isEmpty()) return;
    if (!ev.has("policy")) {
      modelByGroup(h, d, ev);
      return;
    }
    h.append("<h3>The policy under review, group by group (").append(Html.esc(ev.path("policy").asText())).append(")</h3>")
        .append("<table class=\"policy-by-group\"><thead><tr><th>group</th><th>encounters</th><th>with the outcome</th><th>detected in time</th>")
        .append("<th>alert PPV</th><th>encounters flagged</th></tr></thead><tbody>");
    for (JsonNode g : ev.path("groups")) {
      h.append("<tr><td>").append(Html.esc(g.path("group").asText())).append(g.path("reference").asBoolean() ? " (reference)" : "").append("</td>");
      // Counts are withheld cell by cell by the engine: a share whose counts are null says so, the group's other shares stay.
      h.append("<td>").append(count(g.path("encounters"))).append("</td><td>").append(count(g.path("outcome_encounters"))).append("</td><td>")
          .append(groupShare(g.path("detected_in_time"), g.path("outcome_encounters"), "none: no one with the outcome", minCell(d))).append("</td><td>")
          .append(groupShare(g.path("timely_alerts"), g.path("alerts"), "none: no alerts", minCell(d))).append("</td><td>")
          .append(groupShare(g.path("flagged_encounters"), g.path("encounters"), "none: no encounters", minCell(d))).append("</td></tr>");
    }
    h.append("</tbody></table>");
    List<String> judged = new ArrayList<>();
    for (JsonNode c : ev.path("judged")) {
      if (!c.path("status").asText().equals("no detectable difference")) judged.add(c.path("statement").asText());
    }
    if (!judged.isEmpty()) {
      h.append("<ul class=\"policy-findings\">");
      for (String f : judged.subList(0, Math.min(8, judged.size()))) h.append("<li>").append(Html.esc(f)).append("</li>");
      if (judged.size() > 8) h.append("<li>… and ").append(judged.size() - 8).append(" more in dossier.json</li>");
      h.append("</ul>");
    }
  }

  /**
   * Without an alert policy, what goes live is the score at its threshold: the subgroup rule's evidence (the evaluation's
   * groups, counts already withheld by the engine cell by cell) as a table. A withheld count's share says "withheld"; the
   * group's other shares stay.
   */
  private static void modelByGroup(StringBuilder h, JsonNode d, JsonNode ev) {
    int minCell = minCell(d);
    h.append("<h3>The model at threshold ").append(num(d.path("evaluation").path("threshold").asDouble(), 2)).append(", group by group</h3>")
        .append("<table class=\"policy-by-group\"><thead><tr><th>group</th><th>cases</th><th>with the outcome</th><th>sensitivity</th>")
        .append("<th>PPV</th><th>NPV</th><th>flagged</th></tr></thead><tbody>");
    for (JsonNode g : ev.path("groups")) {
      h.append("<tr><td>").append(Html.esc(g.path("group").asText())).append(g.path("reference").asBoolean() ? " (reference)" : "").append("</td>");
      h.append("<td>").append(count(g.path("cases"))).append("</td><td>").append(count(g.path("positives"))).append("</td><td>")
          .append(pairShare(g.path("tp"), g.path("fn"), "none: no one with the outcome", minCell)).append("</td><td>")
          .append(pairShare(g.path("tp"), g.path("fp"), "none: no one flagged", minCell)).append("</td><td>")
          .append(pairShare(g.path("tn"), g.path("fn"), "none: no one left unflagged", minCell)).append("</td><td>")
          .append(groupShare(g.path("flagged"), g.path("cases"), "none: no cases", minCell)).append("</td></tr>");
    }
    // Its comparisons are the evaluation's disparities: the section's findings list them.
    h.append("</tbody></table>");
  }

  /** part / (part + other), as {@link #groupShare} words it: "withheld (…)" when either count is null. */
  private static String pairShare(JsonNode part, JsonNode other, String none, int minCell) {
    if (part.isNull() || part.isMissingNode() || other.isNull() || other.isMissingNode()) return groupShare(part, other, none, minCell);
    return groupShare(part, com.fasterxml.jackson.databind.node.LongNode.valueOf(part.asLong() + other.asLong()), none, minCell);
  }

  /** A share of the policy-by-group table: "withheld (small-cell rule …)" when either count is null, {@code none} over zero. */
  private static String groupShare(JsonNode part, JsonNode whole, String none, int minCell) {
    if (part.isNull() || part.isMissingNode() || whole.isNull() || whole.isMissingNode()) return "withheld (small-cell rule: counts of 1 to " + (minCell - 1) + ")";
    return whole.asLong() == 0 ? none : org.tollgate.format.Units.percent(part.asDouble() / whole.asLong());
  }

  /** Whether the review has an alert policy under review (then it, not a score threshold, is the operating point). */
  static boolean hasAlertPolicy(JsonNode d) {
    return d.path("simulation").isObject() && d.path("simulation").hasNonNull("chosen_policy");
  }

  /** Why a metric has no value in a group whose counts are shown: the cases its formula divides by are absent. */
  private static String undefinedWhy(String metric) {
    return switch (metric) {
      case "sensitivity" -> "no one with the outcome";
      case "specificity" -> "no one without the outcome";
      case "ppv" -> "no one flagged";
      case "npv" -> "no one left unflagged";
      case "auroc", "auprc" -> "needs patients with and without the outcome";
      default -> "nothing to divide by";
    };
  }

  /** A forest plot of one metric over every single-attribute stratum, grouped by attribute. */
  static ForestPlot forest(JsonNode d, String metric, String label, Size size) {
    JsonNode e = d.path("evaluation");
    boolean proportion = !metric.equals("auroc") && !metric.equals("auprc");
    ForestPlot f = new ForestPlot("forest-" + metric.replace('_', '-'), label + " by subgroup, with 95% confidence intervals", size);
    // Fitted to the intervals (and the overall line), not 0–100%: on a fixed axis a 6-point gap between groups looks like none.
    f.axis(label + (proportion ? " (%)" : " (0.5 = chance, 1 = perfect)"), Double.NaN, Double.NaN, proportion ? Formats.percent() : Formats.number(2, null));
    // an AUROC with the headline's three decimals ("0.910", not "0.91": r17 finding 10)
    f.values(proportion ? Units::percent : v -> Units.number(v, 3));
    JsonNode overall = e.path("overall").path("metrics").path(metric);
    if (overall.hasNonNull("estimate")) {
      f.reference(overall.path("estimate").asDouble(), "overall " + (proportion ? Units.percent(dbl(overall.path("estimate"))) : Units.number(dbl(overall.path("estimate")), 3)));
      f.row("All", overall.path("estimate").asDouble(), dbl(overall.path("lower")), dbl(overall.path("upper")), null);
    }
    GroupRows rows = new GroupRows(f);
    for (JsonNode s : e.path("strata")) {
      if (s.path("by").size() != 1) continue;
      String a = s.path("by").fieldNames().next();
      String g = s.path("by").path(a).asText();
      JsonNode m = s.path("metrics").path(metric);
      String n = s.path("n").isNull() ? "" : " (n = " + count(s.path("n")) + ")";
      if (s.path("suppressed").asBoolean(false) && !m.hasNonNull("estimate")) {
        rows.withheld(a, g, "withheld: a cell of 1 to " + (minCell(d) - 1), a.replace('_', ' ') + " " + g);
      } else if (!m.hasNonNull("estimate")) {
        rows.undefined(a, g, "not defined: " + undefinedWhy(metric) + n);
      } else {
        rows.shown(a, g, m.path("estimate").asDouble(), dbl(m.path("lower")), dbl(m.path("upper")),
            a + " " + g + n + ": " + label + " " + (proportion ? Units.percent(dbl(m.path("estimate"))) : Units.number(dbl(m.path("estimate")), 3)) + " (95% CI "
                + (proportion ? Units.percent(dbl(m.path("lower"))) + " to " + Units.percent(dbl(m.path("upper")))
                    : Units.number(dbl(m.path("lower")), 3) + " to " + Units.number(dbl(m.path("upper")), 3)) + ")");
      }
    }
    return rows.finish(label + " in each subgroup (square) with its 95% confidence interval (line); dashed line: the overall value. "
            + "Withheld rows had a cell of 1 to " + (minCell(d) - 1) + " cases (the small-cell rule).",
        "subgroup", "no subgroup has a defined " + label.toLowerCase(Locale.ROOT).replace("auroc", "AUROC").replace("(ppv)", "(PPV)"), minCell(d));
  }

  /**
   * The policy under review's detected-in-time share in each protected group (the subgroup rule's evidence, counts already
   * withheld by the engine), with its Wilson 95% interval; the dashed line is the policy's overall share. One operating
   * point: the alert as it will run, not a sensitivity at a bare score threshold.
   */
  static ForestPlot policyForest(JsonNode d, JsonNode item, Size size) {
    JsonNode ev = item.path("evidence");
    String label = "Detected in time (policy '" + ev.path("policy").asText() + "')";
    ForestPlot f = new ForestPlot("forest-policy-detected", label + " by group, with 95% confidence intervals", size);
    f.axis("Detected in time (%)", Double.NaN, Double.NaN, Formats.percent());
    f.values(Units::percent);
    JsonNode chosen = null;
    for (JsonNode p : d.path("simulation").path("policies")) if (p.path("name").asText().equals(ev.path("policy").asText())) chosen = p;
    if (chosen != null && chosen.path("sensitivity").isNumber()) {
      f.reference(chosen.path("sensitivity").asDouble(), "overall " + Units.percent(chosen.path("sensitivity").asDouble()));
    }
    GroupRows rows = new GroupRows(f);
    for (JsonNode g : ev.path("groups")) {
      String name = g.path("group").asText();
      int sp = name.indexOf(' ');
      String a = sp < 0 ? name : name.substring(0, sp);
      String ref = g.path("reference").asBoolean() ? " (reference)" : "";
      String level = (sp < 0 ? name : name.substring(sp + 1)) + ref;
      JsonNode det = g.path("detected_in_time");
      JsonNode pos = g.path("outcome_encounters");
      if (!det.isNumber() || !pos.isNumber()) {
        rows.withheld(a, level, "withheld: a cell of 1 to " + (minCell(d) - 1) + ", or one that would give such a cell back", name);
      } else if (pos.asLong() == 0) {
        rows.undefined(a, level, "not defined: no one with the outcome");
      } else {
        org.tollgate.evaluation.Interval w = org.tollgate.evaluation.Stats.wilson(det.asLong(), pos.asLong());
        rows.shown(a, level, w.estimate(), w.lower(), w.upper(), name + ref + ": detected in time "
            + count(det) + " of " + count(pos) + ", " + Units.percent(w.estimate()) + " (95% CI " + Units.percent(w.lower()) + " to " + Units.percent(w.upper()) + ")");
      }
    }
    return rows.finish("What the alert as it will run detects in time in each group (square) with its Wilson 95% confidence interval (line); dashed line: "
        + "the policy overall. Withheld rows had a cell of 1 to " + (minCell(d) - 1) + " cases, or one that would give such a cell back.",
        "group", "no group has anyone with the outcome", minCell(d));
  }

  /**
   * The rows of a by-group forest plot, the tail {@link #forest} and {@link #policyForest} share: a heading when the
   * attribute changes, the groups shown and withheld counted, and the empty chart's wording when none is shown.
   */
  private static final class GroupRows {
    private final ForestPlot f;
    private String attribute;
    private int shown;
    private final List<String> withheld = new ArrayList<>();

    GroupRows(ForestPlot f) {
      this.f = f;
    }

    private void heading(String a) {
      if (a.equals(attribute)) return;
      f.heading(a.replace('_', ' '));
      attribute = a;
    }

    void shown(String a, String level, double estimate, double lower, double upper, String tip) {
      heading(a);
      shown++;
      f.row(level, estimate, lower, upper, tip);
    }

    /** A group withheld by the small-cell rule; {@code name} lists it in the empty chart's sentence. */
    void withheld(String a, String level, String note, String name) {
      heading(a);
      f.withheld(level, note);
      withheld.add(name);
    }

    /** A group whose counts are shown but whose metric has nothing to divide by. */
    void undefined(String a, String level, String note) {
      heading(a);
      f.withheld(level, note);
    }

    /** The caption, and why the chart is empty when no group is shown ({@code noun}: "group" or "subgroup"). */
    ForestPlot finish(String caption, String noun, String noneDefined, int minCell) {
      f.caption(caption);
      // Every group withheld: the overall line alone compares nothing.
      f.uninformativeWhen(shown == 0, withheld.isEmpty() ? Chart.Uninformative.NO_DATA : Chart.Uninformative.ALL_WITHHELD);
      f.whyEmpty(withheld.isEmpty() ? noneDefined
          : "every " + noun + "'s counts are withheld by the small-cell rule (a cell of 1 to " + (minCell - 1) + "): " + String.join(", ", withheld));
      return f;
    }
  }

  // ---------------------------------------------------------------- threshold curves

  private static void thresholdCurves(StringBuilder h, JsonNode d) {
    h.append("<section class=\"threshold-curves\" id=\"threshold-curves\"><h2>Threshold curves</h2>");
    JsonNode e = d.path("evaluation");
    if (!e.isObject()) {
      h.append("<p>No labelled predictions were given.</p></section>");
      return;
    }
    boolean raw = rawScale(d);
    h.append("<p class=\"note\">Each curve moves the score threshold ").append(raw ? "across the scores' own (raw) range" : "from 0 to 1")
        .append(". Points where a cell would hold 1 to ").append(minCell(d) - 1).append(" cases are left out (the small-cell rule).</p><div class=\"charts\">");
    h.append(roc(d, Size.PAGE).figureOrSentence());
    h.append(pr(d, Size.PAGE).figureOrSentence());
    if (!raw) {
      h.append(calibration(d, Size.PAGE).figureOrSentence());
      h.append(decisionCurve(d, Size.PAGE).figureOrSentence());
    }
    h.append("</div>");
    if (raw) h.append("<p class=\"omitted\" id=\"raw-scale\">").append(Html.esc(ColumnMapping.ScoreScale.RAW_SENTENCE)).append("</p>");
    h.append("</section>");
  }

  private static double[][] sweep(JsonNode e, String xKey, String yKey) {
    JsonNode s = e.path("sweep");
    double[][] r = new double[3][s.size()];
    for (int i = 0; i < s.size(); i++) {
      JsonNode p = s.get(i);
      r[0][i] = dbl(p.path(xKey));
      r[1][i] = dbl(p.path(yKey));
      r[2][i] = p.path("threshold").asDouble();
    }
    return r;
  }

  static LineChart roc(JsonNode d, Size size) {
    JsonNode e = d.path("evaluation");
    JsonNode s = e.path("sweep");
    int n = s.size();
    double[] x = new double[n + 2];
    double[] y = new double[n + 2];
    String[] tips = new String[n + 2];
    // (1, 1) flags everyone and (0, 0) no one: the curve's fixed ends, whatever the data.
    x[0] = 1;
    y[0] = 1;
    tips[0] = "flag everyone: sensitivity 100%, false-positive rate 100%";
    for (int i = 0; i < n; i++) {
      JsonNode p = s.get(i);
      double sp = dbl(p.path("specificity"));
      x[i + 1] = Double.isNaN(sp) ? Double.NaN : 1 - sp;
      y[i + 1] = dbl(p.path("sensitivity"));
      tips[i + 1] = "threshold " + num(p.path("threshold").asDouble(), 2) + ": sensitivity " + Units.percent(dbl(p.path("sensitivity"))) + ", false-positive rate "
          + (Double.isNaN(sp) ? "withheld" : Units.percent(1 - sp));
    }
    x[n + 1] = 0;
    y[n + 1] = 0;
    tips[n + 1] = "flag no one: sensitivity 0%, false-positive rate 0%";
    double[] cx = compact(x, y, 0);
    double[] cy = compact(x, y, 1);
    String[] ct = compactTips(x, y, tips);
    JsonNode auc = e.path("overall").path("metrics").path("auroc");
    LineChart c = new LineChart("roc", "ROC curve: sensitivity against false-positive rate", size)
        .x("False-positive rate, 1 − specificity (%)", 0, 1, Formats.percent())
        .y("Sensitivity (%)", 0, 1, Formats.percent())
        .line("Model (AUROC " + Units.number(dbl(auc.path("estimate")), 3) + ")", Style.SOLID, cx, cy, ct);
    c.line("Chance (AUROC 0.5)", Style.DOTTED, new double[] {0, 1}, new double[] {0, 1}, null);
    boolean marked = operatingPoint(c, d, "specificity", "sensitivity", true);
    c.caption("ROC curve over score thresholds; AUROC " + ci(auc, false) + " (DeLong). The dotted diagonal is a coin toss"
        + (marked ? "; the diamond is the operating point, score ≥ " + num(e.path("threshold").asDouble(), 2) + "." : ". " + notMarked(d)));
    // Only the fixed ends (flag everyone, flag no one) left: every threshold's counts were withheld.
    c.uninformativeWhen(cx.length <= 2, Chart.Uninformative.ALL_WITHHELD).whyEmpty(sweepWithheld(d) + "; AUROC " + ci(auc, false));
    return c;
  }

  /** Why a threshold curve is not drawn when every point of the sweep is withheld. */
  private static String sweepWithheld(JsonNode d) {
    return "at every threshold a count of 1 to " + (minCell(d) - 1) + " would be revealed, so every point is withheld (the small-cell rule)";
  }

  /**
   * Marks the operating point on a threshold curve and says whether it did. One operating point per review: with an alert
   * policy under review, what goes live is the policy (persistence, confirmation, re-fire rules over encounters), judged by
   * its own detected-in-time share and alert PPV, which are not a point of this per-score sweep; a bare score threshold is
   * then not marked. Without one (a triage or referral score), the evaluation threshold is the one policy: it is marked as
   * the operating point.
   */
  private static boolean operatingPoint(LineChart c, JsonNode d, String xKey, String yKey, boolean oneMinus) {
    if (hasAlertPolicy(d)) return false;
    JsonNode e = d.path("evaluation");
    double t = e.path("threshold").asDouble();
    for (JsonNode p : e.path("sweep")) {
      if (Math.abs(p.path("threshold").asDouble() - t) < 1e-9 && p.hasNonNull(xKey) && p.hasNonNull(yKey)) {
        double x = oneMinus ? 1 - p.path(xKey).asDouble() : p.path(xKey).asDouble();
        c.points("Operating point (score ≥ " + num(t, 2) + ")", Style.DASH_DOT, new double[] {x}, new double[] {p.path(yKey).asDouble()},
            new String[] {"operating point, score ≥ " + num(t, 2) + ": " + yKey + " " + Units.percent(dbl(p.path(yKey))) + ", " + (oneMinus ? "false-positive rate " + Units.percent(x) : xKey + " " + Units.percent(x))}, true);
        return true;
      }
    }
    return false;
  }

  /** What a threshold curve's caption says when it marks no point: with an alert policy, where its operating point is. */
  private static String notMarked(JsonNode d) {
    if (!hasAlertPolicy(d)) return "";
    return "What goes live is the alert policy '" + d.path("simulation").path("chosen_policy").asText()
        + "', whose operating point is per encounter (detected in time, alert PPV: the Policies table), so no bare score threshold is marked.";
  }

  static LineChart pr(JsonNode d, Size size) {
    JsonNode e = d.path("evaluation");
    double[][] s = sweep(e, "sensitivity", "ppv");
    String[] tips = new String[s[0].length];
    for (int i = 0; i < tips.length; i++) {
      tips[i] = "threshold " + num(s[2][i], 2) + ": recall " + Units.percent(s[0][i]) + ", precision " + Units.percent(s[1][i]);
    }
    JsonNode ap = e.path("overall").path("metrics").path("auprc");
    double prev = dbl(e.path("overall").path("prevalence"));
    LineChart c = new LineChart("pr", "Precision–recall curve", size)
        .x("Recall, sensitivity (%)", 0, 1, Formats.percent())
        .y("Precision, PPV (%)", 0, 1, Formats.percent())
        .line("Model (average precision " + num(ap.path("estimate"), 3) + ")", Style.SOLID, compact(s[0], s[1], 0), compact(s[0], s[1], 1), compactTips(s[0], s[1], tips));
    if (Double.isFinite(prev)) c.hline(prev, "prevalence " + Units.percent(prev) + " = flag everyone");
    boolean marked = operatingPoint(c, d, "sensitivity", "ppv", false);
    c.caption("Precision (PPV) against recall (sensitivity) over thresholds; average precision " + ci(ap, false)
        + ". The dashed line is the prevalence, the precision of flagging everyone"
        + (marked ? "; the diamond is the operating point, score ≥ " + num(e.path("threshold").asDouble(), 2) + "." : ". " + notMarked(d)));
    c.uninformativeWhen(compact(s[0], s[1], 0).length == 0, Chart.Uninformative.ALL_WITHHELD).whyEmpty(sweepWithheld(d));
    return c;
  }

  static LineChart calibration(JsonNode d, Size size) {
    JsonNode bins = d.path("evaluation").path("calibration_bins");
    int n = bins.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    String[] tips = new String[n];
    int withheld = 0;
    for (int i = 0; i < n; i++) {
      JsonNode b = bins.get(i);
      x[i] = dbl(b.path("mean_predicted"));
      y[i] = dbl(b.path("observed").path("estimate"));
      lo[i] = dbl(b.path("observed").path("lower"));
      hi[i] = dbl(b.path("observed").path("upper"));
      if (b.path("suppressed").asBoolean(false) && b.path("n").isNull()) withheld++;
      tips[i] = "scores " + num(b.path("from").asDouble(), 1) + "–" + num(b.path("to").asDouble(), 1) + ": "
          + (b.path("n").isNull() ? "withheld or empty" : "n = " + count(b.path("n")) + ", mean predicted " + Units.percent(x[i]) + ", observed " + Units.percent(y[i])
              + " (95% CI " + Units.percent(lo[i]) + " to " + Units.percent(hi[i]) + ")");
    }
    LineChart c = new LineChart("calibration", "Calibration: observed against predicted risk", size)
        .x("Mean predicted risk in the bin (%)", 0, 1, Formats.percent())
        .y("Observed rate of the outcome (%)", 0, 1, Formats.percent())
        .band("95% CI of the observed rate", Style.SOLID, x, lo, hi)
        .line("Model, by score decile bin", Style.SOLID, x, y, tips);
    c.line("Perfect calibration", Style.DOTTED, new double[] {0, 1}, new double[] {0, 1}, null);
    JsonNode ci = d.path("evaluation").path("overall").path("metrics");
    c.caption("Observed outcome rate in each score bin (0–0.1, …, 0.9–1) against its mean score, with 95% Wilson intervals; calibration slope "
        + num(ci.path("calibration_slope").path("estimate"), 2) + ", intercept " + num(ci.path("calibration_intercept").path("estimate"), 2) + ". "
        + (withheld > 0 ? withheld + " bins withheld or empty." : ""));
    c.uninformativeWhen(compact(x, y, 0).length == 0, Chart.Uninformative.ALL_WITHHELD)
        .whyEmpty("every score bin is empty or withheld by the small-cell rule (a count of 1 to " + (minCell(d) - 1) + " would be revealed)");
    return c;
  }

  static LineChart decisionCurve(JsonNode d, Size size) {
    JsonNode e = d.path("evaluation");
    JsonNode s = e.path("sweep");
    List<double[]> pts = new ArrayList<>();
    for (JsonNode p : s) {
      double t = p.path("threshold").asDouble();
      if (t > 0 && t <= 0.6 + 1e-9) pts.add(new double[] {t, dbl(p.path("net_benefit")), dbl(p.path("treat_all_net_benefit"))});
    }
    double[] x = new double[pts.size()];
    double[] m = new double[pts.size()];
    double[] all = new double[pts.size()];
    double[] none = new double[pts.size()];
    String[] tips = new String[pts.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = pts.get(i)[0];
      m[i] = pts.get(i)[1];
      all[i] = pts.get(i)[2];
      tips[i] = "threshold " + num(x[i], 2) + ": net benefit model " + num(m[i], 4) + ", treat all " + num(all[i], 4) + " (true positives per patient)";
    }
    // As dcurves plots it: from just below zero (−prevalence) to a little above the most a policy can gain (the prevalence).
    double prev = dbl(e.path("overall").path("prevalence"));
    double top = Double.isFinite(prev) ? Math.max(prev, 0.01) * 1.15 : 0.2;
    // ... but low enough to show the model's curve when it is worse than treating no one (down to −0.3).
    double low = -top / 1.15;
    for (double v : m) if (Double.isFinite(v)) low = Math.min(low, Math.max(-0.3, v * 1.1));
    LineChart c = new LineChart("decision-curve", "Decision curve: net benefit against threshold probability", size)
        .x("Threshold probability (%)", 0, 0.6, Formats.percent())
        .y("Net benefit (true positives per patient)", low, top, Formats.number(3, null))
        .line("Treat all", Style.DASHED, x, all, null)
        .line("Treat none", Style.DOTTED, new double[] {0, 0.6}, new double[] {0, 0}, null)
        .line("Model", Style.SOLID, x, m, tips);
    // One operating point per review: with an alert policy the curve is the model's threshold-free context, and its value
    // at the bare evaluation threshold is not what goes live (the policy is, with its own detections and false alerts).
    String at = hasAlertPolicy(d) ? " The curve describes the score alone; what goes live is the alert policy '"
        + d.path("simulation").path("chosen_policy").asText() + "', judged by its own detections in time and false alerts (the Policies table)." : "";
    double t = e.path("threshold").asDouble();
    for (JsonNode p : s) {
      if (!hasAlertPolicy(d) && Math.abs(p.path("threshold").asDouble() - t) < 1e-9 && p.hasNonNull("net_benefit")) {
        double nb = p.path("net_benefit").asDouble();
        double all0 = dbl(p.path("treat_all_net_benefit"));
        at = " At the operating point, score ≥ " + num(t, 2) + ", the model's net benefit is " + num(nb, 3)
            + (nb < 0 ? ": worse than treating no one." : nb < all0 ? ": worse than treating everyone." : ", above treating everyone and no one.");
      }
    }
    c.caption("Net benefit = TP/n − FP/n × pt/(1 − pt) (Vickers & Elkin 2006) for the model, treating everyone and treating no one. "
        + "The model is useful where its curve lies above both." + at);
    c.uninformativeWhen(compact(x, m, 0).length == 0, Chart.Uninformative.ALL_WITHHELD).whyEmpty("the model's net benefit is withheld at every threshold: "
        + sweepWithheld(d).substring(sweepWithheld(d).indexOf("a count")));
    return c;
  }

  // ---------------------------------------------------------------- alert economy

  private static void alertEconomy(StringBuilder h, JsonNode d) {
    h.append("<section class=\"alert-economy\" id=\"alert-economy\"><h2>Alert economy</h2>");
    JsonNode s = d.path("simulation");
    if (!s.isObject()) {
      h.append("<p>No alert simulation was run (it needs predictions with times, events and a policy).</p></section>");
      return;
    }
    JsonNode wf = s.path("workflow");
    if (wf.isObject()) {
      h.append("<p class=\"note\">Each alert costs ").append(Units.minutes(dbl(wf.path("minutes_per_alert")))).append(" of a ").append(Html.esc(wf.path("role").asText("clinician")))
          .append("'s time at ").append(Units.money(dbl(wf.path("hourly_rate")))).append("/h; the false-alert budget is ").append(Units.money(dbl(s.path("false_alert_cost_limit_per_month"))))
          .append(" a month (").append(Units.minutes(dbl(s.path("false_alert_minutes_per_day_limit")))).append(" a day of false alerts).</p>");
    }
    h.append("<div class=\"charts\">");
    if (s.path("threshold_curve").path("points").size() > 0) {
      h.append(alertsPerDay(d, Size.PAGE).figureOrSentence());
      h.append(costCurve(d, Size.PAGE).figureOrSentence());
    }
    if (s.path("explored").size() > 0) h.append(pareto(d, Size.PAGE).figureOrSentence());
    if (s.path("lead_time").isObject()) h.append(leadTime(d, Size.PAGE).figureOrSentence());
    h.append("</div>");
    h.append("<h3>Policies</h3><table><thead><tr><th>Policy</th><th>Rule</th><th>Alerts per day</th><th>False alerts per day</th><th>Alert PPV</th>")
        .append("<th>Detected in time</th><th>Median lead time</th><th>Staff time</th><th>False-alert cost</th><th>Within budget</th></tr></thead><tbody>");
    List<JsonNode> rows = new ArrayList<>();
    s.path("policies").forEach(rows::add);
    List<String> names = new ArrayList<>();
    rows.forEach(r -> names.add(r.path("name").asText()));
    names.add(s.path("best_within_budget").path("name").asText());
    int front = 0;
    for (JsonNode p : s.path("pareto")) {
      if (front < 8 && !names.contains(p.path("name").asText())) {
        rows.add(p);
        front++;
      }
    }
    if (s.path("best_within_budget").isObject()) rows.add(s.path("best_within_budget"));
    double limit = s.path("false_alert_cost_limit_per_month").asDouble(Double.NaN);
    String chosen = s.path("chosen_policy").asText();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode p = rows.get(i);
      String name = p.path("name").asText();
      boolean best = i == rows.size() - 1 && s.path("best_within_budget").isObject();
      boolean onFront = i >= s.path("policies").size() && !best;
      h.append("<tr><td>").append(Html.esc(name)).append(name.equals(chosen) ? " (under review)" : best ? " (best of the search within the budget and the clinical floors)"
              : onFront ? " (Pareto front)" : "")
          .append("</td><td>").append(Html.esc(rule(p.path("policy")))).append("</td><td class=\"num\">").append(Units.rate(dbl(p.path("alerts_per_day"))))
          .append(" a day</td><td class=\"num\">")
          .append(p.path("days").asDouble() <= 0 ? "no days replayed" : p.path("false_alerts").isNumber()
              ? Units.rate(p.path("false_alerts").asDouble() / p.path("days").asDouble()) + " a day" : WITHHELD)
          .append("</td><td class=\"num\">").append(p.path("alert_ppv").isNumber() ? Units.percent(dbl(p.path("alert_ppv")))
              : p.path("suppressed").asBoolean() ? WITHHELD : "none: no alerts").append("</td><td class=\"num\">")
          .append(p.path("detected_encounters").isNull() ? WITHHELD : count(p.path("detected_encounters")) + " (" + Units.percent(dbl(p.path("sensitivity"))) + ")")
          .append("</td><td class=\"num\">").append(!p.path("lead_time_minutes").path("median").isNumber()
              ? p.path("detected_encounters").isNull() ? WITHHELD : "none: nothing detected in time"
              : Units.minutes(dbl(p.path("lead_time_minutes").path("median"))))
          .append("</td><td class=\"num\">").append(Units.minutes(dbl(p.path("labor_minutes_per_day")))).append(" a day</td><td class=\"num\">")
          .append(p.path("false_alert_cost_per_month").isNumber() ? Units.money(dbl(p.path("false_alert_cost_per_month"))) + " a month"
              : p.path("suppressed").asBoolean() && s.path("workflow").isObject() ? WITHHELD : "not priced: no workflow profile")
          .append("</td><td>")
          .append(withinBudget(p, limit, minCell(d))).append("</td></tr>");
    }
    h.append("</tbody></table>");
    if (s.has("policies_explored")) {
      h.append("<p class=\"note\">The policy search explored ").append(s.path("policies_explored").asInt()).append(" policies; ")
          .append(s.path("pareto").size()).append(" are on the Pareto front (at most 8 of them are in the table).</p>");
    }
    h.append("</section>");
  }

  /**
   * The Policies table's "Within budget": a yes/no over a cost, printed even when the cost's false-alert count is withheld
   * (the dossier's {@code within_false_alert_cost_limit}, which the engine withholds only when the answer could give that
   * count back); a dossier written before the field judges the printed cost.
   */
  static String withinBudget(JsonNode p, double limit, int minCell) {
    if (Double.isNaN(limit)) return "not judged: no workflow profile prices the alerts";
    JsonNode in = p.path("within_false_alert_cost_limit");
    if (in.isBoolean()) return in.asBoolean() ? "✔ yes" : "✖ no";
    if (in.isNull() || p.path("false_alert_cost_per_month").isNull()) return "withheld: the answer could give a count of 1 to " + (minCell - 1) + " back";
    return p.path("false_alert_cost_per_month").asDouble() <= limit ? "✔ yes" : "✖ no";
  }

  /** What a table cell says for a figure the small-cell rule withheld (a count of 1 to 10, or a figure it could be worked back from). */
  private static final String WITHHELD = "withheld (small cell)";

  /** A policy's rule in words. */
  static String rule(JsonNode p) {
    if (!p.isObject()) return "";
    StringBuilder s = new StringBuilder("score ≥ " + num(p.path("threshold").asDouble(), 2));
    int k = p.path("persistence").asInt(1);
    if (k > 1) s.append(" on ").append(k).append(" readings in a row");
    JsonNode c = p.path("confirm");
    if (c.isObject()) s.append("; ").append(c.path("type").asText()).append(" ≥ ").append(num(c.path("at_least"), 1)).append(" within ")
        .append(Units.plain(Math.round(c.path("within_minutes").asDouble() / 6) / 10.0)).append(" h");
    if (p.path("suppress_during").size() > 0) {
      List<String> t = new ArrayList<>();
      p.path("suppress_during").forEach(x -> t.add(x.asText()));
      s.append("; not during ").append(String.join(", ", t));
    }
    if (p.hasNonNull("refire_after_minutes")) s.append("; re-fire after ").append(Units.plain(Math.round(p.path("refire_after_minutes").asDouble() / 6) / 10.0)).append(" h");
    else s.append("; once per encounter");
    if (p.hasNonNull("digest_minutes")) s.append("; digest every ").append(Units.plain(p.path("digest_minutes").asDouble())).append(" min");
    return s.toString();
  }

  private static double[][] curve(JsonNode d, String... keys) {
    JsonNode pts = d.path("simulation").path("threshold_curve").path("points");
    double[][] r = new double[keys.length][pts.size()];
    for (int i = 0; i < pts.size(); i++) for (int k = 0; k < keys.length; k++) r[k][i] = dbl(pts.get(i).path(keys[k]));
    return r;
  }

  /**
   * True when review.yaml's {@code data.score_scale} is raw: thresholds are in the score's own units, and calibration, the
   * Brier score and the decision curve are not drawn ({@link ColumnMapping.ScoreScale#RAW_SENTENCE} says why instead).
   */
  static boolean rawScale(JsonNode d) {
    return "raw".equals(d.path("score_scale").asText()) || "raw".equals(d.path("evaluation").path("score_scale").asText());
  }

  private static double chosenThreshold(JsonNode d) {
    JsonNode p = chosenPolicy(d);
    return p == null ? Double.NaN : p.path("policy").path("threshold").asDouble(Double.NaN);
  }

  static LineChart alertsPerDay(JsonNode d, Size size) {
    double[][] c = curve(d, "threshold", "alerts_per_day", "false_alerts_per_day");
    String[] tips = new String[c[0].length];
    for (int i = 0; i < tips.length; i++) tips[i] = "threshold " + num(c[0][i], 2) + ": " + num(c[1][i], 1) + " alerts/day, " + num(c[2][i], 1) + " false";
    LineChart ch = new LineChart("alerts-per-day", "Alerts per day against the threshold", size)
        .x("Score threshold of the policy", rawScale(d) ? Double.NaN : 0, rawScale(d) ? Double.NaN : 1, Formats.number(1, null))
        .y("Alerts per day", 0, Double.NaN, Formats.number(1, null))
        .line("All alerts", Style.SOLID, c[0], c[1], tips)
        .line("False alerts", Style.DASHED, c[0], c[2], null);
    double t = chosenThreshold(d);
    if (Double.isFinite(t)) ch.vline(t, "under review: " + num(t, 2));
    ch.caption("The policy under review (" + d.path("simulation").path("chosen_policy").asText() + ") replayed at "
        + (rawScale(d) ? "the search grid's thresholds (in the score's own units)" : "thresholds 0.05 to 0.95") + " with its other rules kept.");
    ch.whyEmpty("the policy under review raises no alert at any threshold on the curve in the replayed period");
    return ch;
  }

  static LineChart costCurve(JsonNode d, Size size) {
    double[][] c = curve(d, "threshold", "false_alert_cost_per_month");
    String[] tips = new String[c[0].length];
    for (int i = 0; i < tips.length; i++) tips[i] = "threshold " + num(c[0][i], 2) + ": false alerts cost " + Units.money(c[1][i]) + " a month";
    double limit = d.path("simulation").path("false_alert_cost_limit_per_month").asDouble(Double.NaN);
    LineChart ch = new LineChart("false-alert-cost", "False-alert cost per month against the threshold", size)
        .x("Score threshold of the policy", rawScale(d) ? Double.NaN : 0, rawScale(d) ? Double.NaN : 1, Formats.number(1, null))
        .y("False-alert staff cost ($ per month)", 0, Double.NaN, Formats.dollars())
        .line("False-alert cost", Style.SOLID, c[0], c[1], tips);
    if (Double.isFinite(limit)) ch.hline(limit, "limit " + Units.money(limit) + "/month");
    double t = chosenThreshold(d);
    if (Double.isFinite(t)) ch.vline(t, "under review: " + num(t, 2));
    ch.caption("Staff time spent on false alerts, priced with the workflow profile (checklist item 2); dashed: the " + Units.money(limit) + " monthly limit.");
    ch.whyEmpty("the false alerts cost $0 a month at every threshold on the curve ("
        + (d.path("simulation").path("workflow").path("hourly_rate").asDouble(0) * d.path("simulation").path("workflow").path("minutes_per_alert").asDouble(0) == 0
            ? "the workflow profile prices an alert at $0" : "no threshold raises a false alert") + ")");
    return ch;
  }

  static LineChart pareto(JsonNode d, Size size) {
    JsonNode s = d.path("simulation");
    List<double[]> all = new ArrayList<>();
    List<String> allTips = new ArrayList<>();
    List<double[]> front = new ArrayList<>();
    List<String> frontTips = new ArrayList<>();
    int withheld = 0;
    for (JsonNode p : s.path("explored")) {
      if (p.path("detected_encounters").isNull() || p.path("false_alert_minutes_per_day").isNull()) {
        withheld++;
        continue;
      }
      double[] xy = {p.path("false_alert_minutes_per_day").asDouble(), p.path("detected_encounters").asDouble()};
      String tip = p.path("name").asText() + ": " + count(p.path("detected_encounters")) + " detected, " + num(xy[0], 1) + " false-alert min/day, "
          + Units.money(dbl(p.path("false_alert_cost_per_month"))) + "/month";
      all.add(xy);
      allTips.add(tip);
      if (p.path("pareto").asBoolean()) {
        front.add(xy);
        frontTips.add(tip);
      }
    }
    Integer[] order = new Integer[front.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(front.get(a)[0], front.get(b)[0]));
    List<double[]> sorted = new ArrayList<>();
    String[] ft = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted.add(front.get(order[i]));
      ft[i] = frontTips.get(order[i]);
    }
    double[] xs = col(all, 0);
    // Policies from a few seconds to hours of false-alert work a day: on a linear axis most would share the first pixels.
    boolean log = Scale.spreadAsksForLog(xs);
    LineChart c = new LineChart("pareto", "Policies explored: detections against false-alert minutes", size)
        .x("False-alert staff minutes per day" + (log ? " (log scale)" : ""), 0, Double.NaN, Formats.number(log ? 2 : 0, " min"))
        .y("Encounters detected in time", 0, Double.NaN, Formats.number(0, null))
        .points("Explored policy", Style.DASH_DOT, xs, col(all, 1), allTips.toArray(String[]::new), false);
    if (log) c.logX();
    c.points("On the Pareto front", Style.DASHED, col(sorted, 0), col(sorted, 1), ft, true);
    double lim = dbl(s.path("false_alert_minutes_per_day_limit"));
    if (Double.isFinite(lim)) c.vline(lim, "budget " + Units.minutes(lim) + " a day");
    JsonNode ch = chosenPolicy(d);
    boolean drawn = ch != null && !ch.path("detected_encounters").isNull() && ch.path("false_alert_minutes_per_day").isNumber();
    if (drawn) {
      // Last, so no other marker covers it, and with the same marker in the legend.
      c.highlight("Under review: " + ch.path("name").asText(), Style.SOLID, ch.path("false_alert_minutes_per_day").asDouble(),
          ch.path("detected_encounters").asDouble(), ch.path("name").asText() + " (under review): " + count(ch.path("detected_encounters")) + " detected, "
              + num(ch.path("false_alert_minutes_per_day"), 1) + " false-alert min/day");
    }
    c.caption("Each hollow diamond is one policy of the search; filled squares are on the Pareto front: no other policy detects more encounters "
        + "in time with fewer false-alert minutes. " + (drawn ? "The large ringed circle is the policy under review. "
            : ch == null ? "" : "The policy under review is not drawn: a count of 1 to " + (minCell(d) - 1) + " would be revealed by its point (withheld). ")
        + (log ? "The minutes axis is logarithmic (0, then powers of ten): the policies other than those with no false alerts span "
            + (minPositive(xs) < 0.01 ? "under 0.01" : num(minPositive(xs), 2)) + " to " + num(max(xs), 0) + " min a day. " : "")
        + (withheld > 0 ? withheld + " policies are not drawn: their point would reveal a count of 1 to " + (minCell(d) - 1) + " (withheld)." : ""));
    c.whyEmpty(all.isEmpty() ? "every policy's detections are withheld (1 to " + (minCell(d) - 1) + ")" : "no policy of the search detects an encounter in time");
    return c;
  }

  static BarChart leadTime(JsonNode d, Size size) {
    JsonNode l = d.path("simulation").path("lead_time");
    BarChart b = new BarChart("lead-time", "Lead time: how long before onset the first timely alert came", size)
        .x("Lead time before onset (hours)")
        .y("Encounters detected", Double.NaN, Formats.number(0, null));
    for (JsonNode bin : l.path("bins")) {
      double from = bin.path("from_minutes").asDouble() / 60;
      double to = bin.path("to_minutes").asDouble() / 60;
      String label = num(from, 0) + "–" + num(to, 0);
      double v = bin.path("encounters").isNull() ? Double.NaN : bin.path("encounters").asDouble();
      b.bar(label, v, label + " h before onset: " + (Double.isNaN(v) ? "withheld (1 to " + (minCell(d) - 1) + " encounters)" : count(bin.path("encounters")) + " encounters"));
    }
    String median = l.path("median_minutes").isNull() || l.path("median_minutes").isMissingNode()
        ? "not measured (no encounter was detected before its onset, or their count is withheld)"
        : num(l.path("median_minutes"), 0) + " min (quartiles " + num(l.path("p25_minutes"), 0) + " to " + num(l.path("p75_minutes"), 0) + " min)";
    b.caption("Policy " + l.path("policy").asText() + ": median lead time " + median + ". Bins of 1 to " + (minCell(d) - 1) + " encounters are withheld.");
    Chart.Uninformative u = b.uninformative();
    b.whyEmpty(u == null ? null : switch (u) {
      case ALL_WITHHELD -> "every bin holds 1 to " + (minCell(d) - 1) + " encounters and is withheld; the median lead time is " + median;
      case ALL_ZERO, NO_DATA -> "no detected encounter falls within the histogram's " + l.path("bins").size() + " hours; the median lead time is " + median;
      case SINGLE_POINT -> "every detected encounter falls in one bin, so the histogram has a single bar: the median lead time, " + median + ", says it all";
    });
    return b;
  }

  // ---------------------------------------------------------------- friction

  private static void friction(StringBuilder h, JsonNode d) {
    h.append("<section class=\"friction\" id=\"friction\"><h2>Friction: time per step before and after go-live</h2>");
    JsonNode f = d.path("friction");
    if (!f.isObject()) {
      h.append("<p>No interaction log was given, so checklist item 4 (cognitive load) is missing.</p></section>");
      return;
    }
    JsonNode t = f.path("time_on_task");
    h.append("<p>Time on task per session: ").append(Units.seconds(dbl(t.path("pre").path("mean_seconds")))).append(" before, ")
        .append(Units.seconds(dbl(t.path("post").path("mean_seconds")))).append(" after; change ").append(secondsCi(t.path("delta_seconds")))
        .append(decomposition(t)).append(". Verdict for item 4: <strong>").append(Html.esc(f.path("gate").path("verdict").asText("")))
        .append("</strong>.</p>");
    h.append("<div class=\"charts\">");
    if (f.path("roles").size() > 0) h.append(frictionByRole(d, Size.PAGE).figureOrSentence());
    h.append(frictionChart(d, Size.PAGE).figureOrSentence()).append(frictionPerSession(d, Size.PAGE).figureOrSentence()).append("</div>");
    JsonNode c = f.path("compounding");
    if (c.isObject()) {
      // The compounding is of the same per-session change as above (one figure), carried over a day and the staff.
      h.append("<p>Compounded: that change, ").append(Units.signedSeconds(dbl(c.path("extra_seconds_per_session").path("estimate"))))
          .append(" per session × ").append(Units.number(dbl(c.path("sessions_per_user_per_day")), 1)).append(" sessions per user per day = ")
          .append(Units.signedNumber(dbl(c.path("minutes_per_user_per_day").path("estimate")), 2)).append(" min per user per day; ")
          .append(signed(dbl(c.path("fte_all_users").path("estimate")), 2)).append(" FTE over all ").append(c.path("users").asInt()).append(" users.</p>");
    }
    h.append("</section>");
  }

  static ForestPlot frictionChart(JsonNode d, Size size) {
    return frictionForest(d, size, "delta_seconds", "friction-steps", "Change in seconds per step, after minus before go-live",
        "Change in mean duration of one step (seconds)", " per occurrence",
        "Post − pre mean duration of each step with its 95% bootstrap interval over sessions; right of the dashed line the step got slower.");
  }

  /**
   * What each step adds to every session after go-live: its delta × its occurrences per post session. The bars add up to
   * the part of the time-on-task change from steps taking longer; the caption joins them to the one per-session change.
   */
  static ForestPlot frictionPerSession(JsonNode d, Size size) {
    JsonNode t = d.path("friction").path("time_on_task");
    String sum = !t.path("delta_seconds").hasNonNull("estimate") ? ""
        : " The bars add up to " + Units.signedSeconds(dbl(t.path("from_step_times_seconds").path("estimate"))) + "; with the steps done more or less"
            + " often (" + Units.signedSeconds(dbl(t.path("from_step_counts_seconds").path("estimate"))) + ") time on task changed by "
            + Units.signedSeconds(dbl(t.path("delta_seconds").path("estimate"))) + " per session.";
    return frictionForest(d, size, "extra_seconds_per_session", "friction-per-session", "Seconds each step adds to a session after go-live",
        "Extra seconds per session from the step", " per session",
        "Each step's change in duration times how often it happens in a session after go-live, with 95% bootstrap intervals: "
            + "small penalties on frequent steps add up (0.4 s × 200 images = 80 s)." + sum);
  }

  /** ": steps taking longer +84.8 s, steps done more or less often −1.7 s" — the parts of the one per-session change. */
  private static String decomposition(JsonNode t) {
    JsonNode a = t.path("from_step_times_seconds");
    JsonNode b = t.path("from_step_counts_seconds");
    if (!a.hasNonNull("estimate") || !b.hasNonNull("estimate")) return "";
    return ", of which " + stepTimes(a.path("estimate").asDouble()) + " and steps done more or less often " + Units.signedSeconds(b.path("estimate").asDouble());
  }

  /**
   * The part of the change from steps' own durations, worded by its sign (r17 finding 10: "steps taking longer −28.2 s"):
   * "steps taking longer +84.8 s", "steps taking less time −28.2 s", "steps' durations 0.0 s" (what rounds to zero, unsigned).
   */
  static String stepTimes(double s) {
    String f = Units.signedSeconds(s);
    if (Units.seconds(Math.abs(s)).equals(Units.seconds(0))) return "steps' durations " + Units.seconds(0);
    return (f.startsWith("−") ? "steps taking less time " : "steps taking longer ") + f;
  }

  /**
   * Time on task per session by role, after minus before go-live, with 95% bootstrap intervals: where the
   * load went. A tool that saves physicians' time by adding a case manager's shows one interval right of zero.
   */
  static ForestPlot frictionByRole(JsonNode d, Size size) {
    ForestPlot f = new ForestPlot("friction-by-role", "Change in time on task per session, by role", size);
    f.axis("Change in seconds per session (after − before)", Double.NaN, Double.NaN, Formats.number(0, " s"));
    f.values(Units::signedSeconds); // the written-out change as the text prints it ("+193.2 s", not "193 s": r17 finding 10)
    f.reference(0, "no change");
    List<String> up = new ArrayList<>();
    for (JsonNode r : d.path("friction").path("roles")) {
      String role = r.path("role").asText().replace('_', ' ');
      JsonNode x = r.path("delta_seconds");
      if (!x.hasNonNull("estimate")) {
        f.withheld(role, "not measurable");
        continue;
      }
      f.row(role, x.path("estimate").asDouble(), dbl(x.path("lower")), dbl(x.path("upper")), role + ": " + secondsCi(x) + " per session");
      if (dbl(x.path("lower")) > 0) up.add(role);
    }
    f.caption("Each role's mean time on task per session after go-live minus before, with its 95% bootstrap interval; right of the line the role "
        + "works longer. " + (up.isEmpty() ? "No role's time rose beyond its interval." : "Time rose for: " + String.join(", ", up) + " (interval above zero)."));
    f.whyEmpty("no role's change could be measured (too few sessions before or after go-live)");
    return f;
  }

  /**
   * Where the work the tool is built for actually happens (behavioral mapping, from the event log): the share
   * done in the window the tool was designed for and the share done after the visit. Null when the rule's
   * evidence does not hold the shares (the counts were withheld).
   */
  static BarChart workflowFit(JsonNode item, Size size) {
    JsonNode ev = item.path("evidence");
    if (!ev.path("share_in_designed_window").isNumber() || !ev.path("share_after").isNumber()) return null;
    String task = ev.path("task").asText("the task").replace('_', ' ');
    String designed = ev.path("designed_for").asText("");
    BarChart b = new BarChart("workflow-fit", "When " + task + " is done", size).x("When in the visit, and by whom")
        .y("Share of " + task + " events (%)", 1, Formats.percent());
    b.bar(designed.isEmpty() ? "As designed" : designed + " (design)", ev.path("share_in_designed_window").asDouble(), "in the designed window: " + Units.percent(dbl(ev.path("share_in_designed_window"))));
    b.bar("after", ev.path("share_after").asDouble(), "after the visit: " + Units.percent(dbl(ev.path("share_after"))));
    if (ev.path("share_by_non_clinical_staff").isNumber()) {
      b.bar("non-clinical", ev.path("share_by_non_clinical_staff").asDouble(), "by staff without clinical credentials: "
          + Units.percent(dbl(ev.path("share_by_non_clinical_staff"))));
    }
    b.caption("Share of " + task + " events in the window the tool was designed for (" + designed + " the visit), after the visit, and done by staff "
        + "without clinical credentials, from the event log.");
    b.whyEmpty("all of the task's events fall in one of them (" + Units.percent(dbl(ev.path("share_in_designed_window"))) + " in the designed window, " + Units.percent(dbl(ev.path("share_after")))
        + " after the visit)");
    return b;
  }

  /**
   * The trade-offs weighed, one row per measure: its change after go-live as a share of its before value (so a wait in
   * minutes and an error rate share one axis), with the interval of the difference likewise divided; the row names the
   * direction that is better and marks a safety measure. Null when the rule's evidence carries no relative changes (a
   * dossier written before they were recorded).
   */
  static ForestPlot tradeOffs(JsonNode item, Size size) {
    JsonNode rows = item.path("evidence").path("relative_changes");
    if (!rows.isArray() || rows.isEmpty()) return null;
    ForestPlot f = new ForestPlot("trade-offs", "Trade-offs: each measure's change after go-live", size);
    f.axis("Change relative to before go-live (%)", Double.NaN, Double.NaN, Formats.percent());
    f.reference(0, "no change");
    List<String> worse = new ArrayList<>();
    List<String> directions = new ArrayList<>();
    for (JsonNode r : rows) {
      String label = r.path("measure").asText() + (r.path("safety").asBoolean() ? " (safety)" : "");
      directions.add(r.path("measure").asText() + ": " + r.path("better").asText() + " is better");
      if (!r.path("relative_change").isNumber()) {
        f.withheld(label, "not measurable: no before value, or too few values");
        continue;
      }
      double est = r.path("relative_change").asDouble();
      f.row(label, est, dbl(r.path("relative_lower")), dbl(r.path("relative_upper")),
          r.path("measure").asText() + ": " + signedPct(est) + " of its before value (" + r.path("change").asText() + ")");
      if (r.path("safety").asBoolean() && r.path("change").asText().equals("worsened")) worse.add(r.path("measure").asText());
    }
    f.caption("Each measure's change after go-live as a share of its value before, with the 95% interval of the difference divided likewise; "
        + "the absolute changes are in the table. " + String.join("; ", directions) + ". " + (worse.isEmpty() ? "No safety measure worsened." : "Safety measures that worsened: " + String.join(", ", worse) + "."));
    f.whyEmpty("no measure's change could be measured (too few values before or after)");
    return f;
  }

  private static String signedPct(double v) {
    return (v > 0 ? "+" : "") + Units.percent(v);
  }

  /** One interval per step of the friction audit ({@code friction.steps[].KEY}), with a line at zero. */
  private static ForestPlot frictionForest(JsonNode d, Size size, String key, String name, String title, String axis, String per, String caption) {
    ForestPlot f = new ForestPlot(name, title, size);
    f.axis(axis, Double.NaN, Double.NaN, Formats.number(1, " s"));
    f.values(Units::signedSeconds); // "+15.0 s" as the text prints it, not "15 s" (r17 finding 10)
    f.reference(0, "no change");
    for (JsonNode s : d.path("friction").path("steps")) {
      JsonNode x = s.path(key);
      if (!x.hasNonNull("estimate")) {
        f.withheld(s.path("step").asText(), "not measurable");
      } else {
        f.row(s.path("step").asText(), x.path("estimate").asDouble(), dbl(x.path("lower")), dbl(x.path("upper")),
            s.path("step").asText() + ": " + secondsCi(x) + per);
      }
    }
    f.caption(caption);
    f.whyEmpty("no step's change could be measured (too few sessions before or after go-live)");
    return f;
  }

  private static String secondsCi(JsonNode i) {
    if (!i.hasNonNull("estimate")) return "not available";
    return Units.signedSeconds(i.path("estimate").asDouble()) + " (95% CI " + Units.signedSeconds(dbl(i.path("lower"))) + " to "
        + Units.signedSeconds(dbl(i.path("upper"))) + ")";
  }

  private static String signed(double v) {
    return signed(v, 1);
  }

  /** A signed number with a fixed number of decimals: "+1.5", "−1.0", "0.0" (Units' digits and minus sign). */
  private static String signed(double v, int decimals) {
    if (!Double.isFinite(v)) return "—";
    return (v > 0 ? "+" : "") + Units.number(v, decimals);
  }

  // ---------------------------------------------------------------- drill

  private static void drill(StringBuilder h, JsonNode d, String checklistHref) {
    h.append("<section class=\"drill\" id=\"drill\"><h2>Downtime drill and the paper fallback</h2>");
    JsonNode r = d.path("drill");
    if (!r.isObject()) {
      h.append("<p>No downtime log was replayed, so checklist item 5 is missing.</p>");
      fallback(h, d, checklistHref);
      h.append("</section>");
      return;
    }
    h.append("<table><tbody>")
        .append(tr("Real outages replayed", r.path("outages_replayed").asInt() + " (" + Units.hours(dbl(r.path("downtime_hours"))) + " of downtime; longest "
            + Units.hours(dbl(r.path("longest_outage_hours"))) + ")"))
        .append(tr("Patient-hours without the tool", Units.hours(dbl(r.path("patient_hours_without_tool")))))
        .append(tr("Encounters detected without / with the outages", nullableCount(r.path("baseline_detected_encounters")) + " / "
            + nullableCount(r.path("drill_detected_encounters"))))
        .append(tr("Missed care (detected only when the tool was up)", nullableCount(r.path("missed_care_encounters")) + " encounters"))
        .append(r.path("paper_procedure").isObject() ? tr("Missed care with the paper procedure in force", nullableCount(r.path("paper_procedure").path("missed_care_with"))
            + " encounters (without it: " + nullableCount(r.path("paper_procedure").path("missed_care_without")) + ")") : "")
        .append(tr("Normal alert rate", Units.rate(dbl(r.path("normal_alerts_per_hour"))) + " alerts/h"))
        .append(tr("Largest burst after recovery", (r.path("max_storm_factor_suppressed").asBoolean() ? ShownDrill.FACTOR_WITHHELD
            : Units.factor(dbl(r.path("max_storm_factor"))) + " the normal rate") + " (storm limit " + Units.plain(dbl(r.path("storm_limit"))) + "×)"))
        .append(tr("Item 5", status(r.path("item5").path("status").asText()) + " — " + r.path("item5").path("reason").asText()))
        .append("</tbody></table>");
    if (r.path("storms").size() > 0) {
      h.append("<h3>Each outage</h3><table><thead><tr><th>System</th><th>From (UTC)</th><th>To (UTC)</th><th>Alerts in the hour after</th><th>Factor</th><th>p</th><th>Storm</th></tr></thead><tbody>");
      for (JsonNode s : r.path("storms")) {
        h.append("<tr><td>").append(Html.esc(s.path("system").asText())).append("</td><td>").append(Html.esc(s.path("start").asText())).append("</td><td>")
            .append(Html.esc(s.path("end").asText())).append("</td><td class=\"num\">").append(s.path("alerts_after_recovery").isNumber() ? count(s.path("alerts_after_recovery")) + " alerts"
                : "1 to " + (minCell(d) - 1) + " alerts").append("</td><td class=\"num\">")
            .append(s.path("alerts_after_recovery").isNumber() ? Units.factor(dbl(s.path("storm_factor"))) : WITHHELD).append("</td><td class=\"num\">")
            .append(s.path("alerts_after_recovery").isNumber() ? Units.number(dbl(s.path("p")), 3) : WITHHELD).append("</td><td>")
            .append(s.path("storm").asBoolean() ? "✖ yes" : "✔ no").append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    fallback(h, d, checklistHref);
    h.append("</section>");
  }

  /** The paper rule, its replication of the policy's decision, and the one checklist (from the dossier's {@code fallback}). */
  static void fallback(StringBuilder h, JsonNode d, String checklistHref) {
    JsonNode f = d.path("fallback");
    if (!f.isObject()) {
      h.append("<p>No features table with bedside inputs: no paper rule was found or measured (checklist item 3).</p>");
      return;
    }
    if (!f.path("rule").isObject()) {
      h.append("<p>No paper rule of at most five bedside criteria keeps any of the policy's timely detections within the false-alert bound.</p>");
      return;
    }
    JsonNode m = f.path("replication");
    String origin = "clinician".equals(f.path("rule").path("origin").asText()) ? "written by the clinicians" : "found from the features table";
    h.append("<h3>Paper rule (").append(Html.esc(origin)).append(")</h3><table><tbody>")
        .append(tr("Rule", f.path("rule").path("one_line").asText()))
        .append(tr("Keeps of the policy's timely detections", shareOf(m.path("share"), m.path("replicated"), m.path("policy_detected"), "detections")))
        .append(tr("Sensitivity of the paper rule", shareOf(m.path("sensitivity"), m.path("paper_detected"), m.path("outcome_encounters"), "outcome encounters")))
        .append(tr("Alert PPV", shareOf(m.path("alert_ppv"), null, m.path("paper_alerts"), "paper alerts")))
        // false alerts per staff member per shift are rates (Units.rate), as item 3's evidence prints them: "0.005", not "0.00" (r17 finding 10)
        .append(tr("False alerts per staff member per shift", perShiftWithInterval(m.path("false_alerts_per_staff_shift"))))
        .append(tr("The policy's false alerts per staff member per shift", m.path("policy_false_alerts_per_staff_shift").isNumber()
            ? Units.rate(m.path("policy_false_alerts_per_staff_shift").asDouble()) : "withheld by the small-cell rule (it would give a count of 1 to 10 back)"))
        .append(tr("Median lead time", rateWithInterval(m.path("lead_time_hours_median"), 1, " h")));
    if (m.path("in_outages").isObject()) {
      JsonNode w = m.path("in_outages");
      h.append(tr("Inside real outages: caught of the missed care", shareOf(w.path("share"), w.path("caught"), w.path("missed_care_without"), "missed-care encounters")));
    }
    h.append("</tbody></table>");
    JsonNode c = f.path("checklist");
    h.append("<h3>").append(Html.esc(c.path("title").asText("Paper checklist"))).append("</h3>");
    h.append("<p>Check every patient ").append(Html.esc(c.path("when").asText())).append(":</p><ul class=\"paper-checklist\">");
    for (JsonNode x : c.path("criteria")) h.append("<li>☐ ").append(Html.esc(x.asText())).append("</li>");
    h.append("</ul><p><strong>If ").append(Html.esc(c.path("combination").asText())).append(": ").append(Html.esc(c.path("action").asText()))
        .append(".</strong> Re-fire: ").append(Html.esc(c.path("refire").asText())).append(".</p>");
    h.append("<p class=\"note\">The printable checklist: <a class=\"paper-checklist-link\" href=\"").append(Html.esc(checklistHref))
        .append("\">one page, A4 or Letter, with tick boxes and a log table</a>.</p>");
  }

  /** A share with its interval, e.g. "82% (95% CI 66–91%)", or "withheld". */
  /**
   * A share with its interval and counts ("62% (95% CI 55–69%; 34 of 55 detections)"), or why it is not printed: nothing to
   * divide by ("none: 0 detections"), or withheld by the small-cell rule ("withheld: of 89 detections, the number counted or
   * not counted is 1 to 10").
   */
  private static String shareOf(JsonNode i, JsonNode part, JsonNode whole, String unit) {
    boolean wholeShown = whole.isNumber();
    if (wholeShown && whole.asLong() == 0) return "none: 0 " + unit;
    if (!i.path("estimate").isNumber()) {
      return "withheld by the small-cell rule: " + (wholeShown ? "of " + count(whole) + " " + unit + ", " : "") + "a count of 1 to 10 would be shown or given back";
    }
    String counts = part != null && part.isNumber() && wholeShown ? "; " + count(part) + " of " + count(whole) + " " + unit
        : wholeShown ? "; of " + count(whole) + " " + unit : "";
    // one decimal, "to" between the bounds, as the item's evidence prints the same share (r17 finding 10: "89% (87–92%)" vs "89.3% (86.5% to 91.6%)")
    return Units.percent(i.path("estimate").asDouble()) + " (95% CI " + Units.percent(i.path("lower").asDouble()) + " to " + Units.percent(i.path("upper").asDouble())
        + counts + ")";
  }

  /** A rate with its interval and {@code decimals} decimals, or why it is not printed. */
  /** A rate per staff member per shift with its interval, each through {@link Units#rate}: "0.21 (95% CI 0.2–0.22)". */
  private static String perShiftWithInterval(JsonNode i) {
    if (!i.path("estimate").isNumber()) return "withheld by the small-cell rule (it would give a count of 1 to 10 back), or undefined";
    return Units.rate(i.path("estimate").asDouble()) + " (95% CI " + Units.rate(i.path("lower").asDouble()) + "–" + Units.rate(i.path("upper").asDouble()) + ")";
  }

  private static String rateWithInterval(JsonNode i, int decimals, String unit) {
    if (!i.path("estimate").isNumber()) return "withheld by the small-cell rule (it would give a count of 1 to 10 back), or undefined";
    return Units.number(i.path("estimate").asDouble(), decimals) + unit + " (95% CI " + Units.number(i.path("lower").asDouble(), decimals) + "–"
        + Units.number(i.path("upper").asDouble(), decimals) + unit + ")";
  }

  private static String tr(String k, String v) {
    return "<tr><th>" + Html.esc(k) + "</th><td>" + Html.esc(v) + "</td></tr>";
  }

  private static String nullableCount(JsonNode n) {
    // withheld by the engine: a count of 1 to minCell − 1, or a larger one that would give such a count back
    return n.isNull() || n.isMissingNode() ? "withheld" : count(n);
  }

  // ---------------------------------------------------------------- FMEA, regulatory path, standards, inputs

  private static void fmea(StringBuilder h, JsonNode d) {
    h.append("<section class=\"fmea\" id=\"fmea\"><details><summary><h2>Failure consequences (FMEA)</h2> <span class=\"more\">(reference: select to open)</span></summary>");
    JsonNode risks = d.path("risks");
    if (risks.size() == 0) {
      h.append("<p>No failure modes were listed in review.yaml.</p></details></section>");
      return;
    }
    h.append("<table><thead><tr><th>Failure mode</th><th>Output</th><th>Harm</th><th>Severity (1–10)</th><th>Occurrence (1–10)</th><th>Detection (1–10)</th>")
        .append("<th>RPN = S × O × D</th><th>Worst-case delay</th><th>Mitigation</th><th>Mitigation verified</th></tr></thead><tbody>");
    for (JsonNode k : risks) {
      h.append("<tr><td>").append(Html.esc(k.path("failure_mode").asText())).append("</td><td>").append(Html.esc(k.path("output").asText("")))
          .append("</td><td>").append(Html.esc(k.path("harm").asText(""))).append("</td><td class=\"num\">").append(k.path("severity").asInt())
          .append("</td><td class=\"num\">").append(k.path("occurrence").asInt()).append("</td><td class=\"num\">").append(k.path("detection").asInt())
          .append("</td><td class=\"num\">").append(k.path("rpn").asInt()).append("</td><td class=\"num\">").append(Units.days(dbl(k.path("worst_case_delay_days"))))
          .append("</td><td>").append(Html.esc(k.path("mitigation").asText("none"))).append("</td><td>")
          .append(k.path("mitigation_verified").asBoolean() ? "✔ yes" : "✖ no").append("</td></tr>");
    }
    h.append("</tbody></table></details></section>");
  }

  private static void regulatory(StringBuilder h, JsonNode d) {
    JsonNode r = d.path("regulatory_path");
    h.append("<section class=\"regulatory\" id=\"regulatory\"><h2>Regulatory path</h2>");
    if (!r.isObject()) {
      h.append("<p>Not available.</p></section>");
      return;
    }
    h.append("<p>Each score runs from 1 (least defensible) to 5 (most).</p><table><thead><tr><th>Dimension</th><th>Score</th><th>Why</th></tr></thead><tbody>")
        .append("<tr><td>Clinical validation (a light burden scores high)</td><td class=\"num\">").append(r.path("clinical_validation_score").asInt()).append(" of 5</td><td>")
        .append(Html.esc(r.path("clinical_validation_reason").asText(""))).append("</td></tr>")
        .append("<tr><td>Data provenance clarity</td><td class=\"num\">").append(r.path("data_provenance_clarity").asInt()).append(" of 5</td><td>")
        .append(Html.esc(r.path("data_provenance_reason").asText(""))).append("</td></tr>")
        .append("<tr><td>Fallback existence</td><td class=\"num\">").append(r.path("fallback_existence").asInt()).append(" of 5</td><td>")
        .append(Html.esc(r.path("fallback_reason").asText(""))).append("</td></tr>")
        .append("<tr><th>Defensibility (mean)</th><td class=\"num\"><strong>").append(num(r.path("defensibility"), 1)).append(" of 5</strong></td><td></td></tr>")
        .append("</tbody></table></section>");
  }

  private static void standards(StringBuilder h, JsonNode d) {
    h.append("<section class=\"standards\" id=\"standards\"><details><summary><h2>Model card and HTI-1 source attributes</h2> <span class=\"more\">(reference: select to open)</span></summary>");
    JsonNode std = d.path("standards");
    if (!std.isObject()) {
      h.append("<p>Not in this dossier; see model-card.json and hti1.json beside it.</p></details></section>");
      return;
    }
    JsonNode card = std.path("model_card");
    h.append("<h3>CHAI Applied Model Card</h3><table><tbody>");
    if (flat(h, card, "", "", 0, 40) >= 40) h.append("<tr><td colspan=\"2\">… the rest of the card in model-card.json and model-card.xml</td></tr>");
    h.append("</tbody></table>");
    JsonNode hti = std.path("hti1");
    JsonNode attrs = hti.path("attributes");
    h.append("<h3>ONC HTI-1 predictive DSI source attributes (").append(attrs.size()).append(")</h3>");
    h.append("<details><summary>Show all ").append(attrs.size()).append(" attributes</summary><table><thead><tr><th>Paragraph</th><th>Attribute</th><th>Value</th></tr></thead><tbody>");
    for (JsonNode a : attrs) {
      JsonNode v = a.path("value");
      String val = v.isTextual() ? v.asText() : v.toString();
      // "not available" says why: the attribute's source names what review.yaml lacks
      if (val.equals(Facts.NA) && a.hasNonNull("source")) val = Facts.NA + ": " + a.path("source").asText();
      h.append("<tr><td>").append(Html.esc(a.path("citation").asText())).append("</td><td>").append(Html.esc(a.path("label").asText()))
          .append("</td><td>").append(Html.esc(val.length() > 400 ? val.substring(0, 397) + "…" : val)).append("</td></tr>");
    }
    h.append("</tbody></table></details></details></section>");
  }

  /**
   * The model card's text fields as rows, depth-first, at most {@code max} rows; a field that is "not available" says why
   * ({@link ModelCardXml#reason}, the reasons the card's XML gives).
   */
  private static int flat(StringBuilder h, JsonNode n, String prefix, String path, int rows, int max) {
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext() && rows < max) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals("schema") || k.equals("standard")) continue;
      JsonNode v = e.getValue();
      String label = (prefix.isEmpty() ? "" : prefix + " › ") + k.replace('_', ' ');
      String at = path.isEmpty() ? k : path + "." + k;
      if (v.isObject()) {
        rows = flat(h, v, label, at, rows, max);
      } else if (v.isValueNode()) {
        String text = cardValue(k, v);
        if (text.equals(Facts.NA)) {
          String why = ModelCardXml.reason(at);
          text = Facts.NA + ": " + (why != null ? why : "review.yaml does not state it");
        }
        h.append("<tr><th>").append(Html.esc(label)).append("</th><td>").append(Html.esc(text)).append("</td></tr>");
        rows++;
      }
    }
    return rows;
  }

  /**
   * A model card field's value as the section prints it: a measured figure through Units (r17 finding 10: "prevalence
   * 0.07188888888888889", "observed days 391.7083333333333"), a prevalence as the percent the page's headline prints,
   * a count with separators, a fraction at four significant digits as the card's XML gives it; text as it is.
   */
  static String cardValue(String k, JsonNode v) {
    if (!v.isNumber()) return v.asText();
    if (k.contains("prevalence")) return Units.percent(v.asDouble());
    if (v.isIntegralNumber()) return Units.count(v.asLong());
    return Units.significant(v.asDouble());
  }

  private static void inputs(StringBuilder h, JsonNode d) {
    h.append("<section class=\"inputs\" id=\"inputs\"><details><summary><h2>Inputs</h2> <span class=\"more\">(reference: select to open)</span></summary><table><thead><tr><th>File</th><th>Format</th><th>Rows</th><th>SHA-256</th></tr></thead><tbody>");
    for (JsonNode in : d.path("inputs")) {
      h.append("<tr><td>").append(Html.esc(fileName(in.path("path").asText("")))).append("</td><td>").append(Html.esc(in.path("format").asText("")))
          .append("</td><td class=\"num\">").append(count(in.path("rows"))).append(" rows</td><td><code>").append(Html.esc(in.path("sha256").asText("")))
          .append("</code></td></tr>");
    }
    h.append("</tbody></table></details></section>");
  }

  // ---------------------------------------------------------------- the one page's charts

  /**
   * The charts on the one page: the deciding rule's chart first when it has one, then the usual evidence
   * (stratified sensitivity, the decision curve, the false-alert cost, or what exists) up to three in all.
   */
  static List<Chart> evidenceCharts(JsonNode d, JsonNode deciding) {
    List<Chart> c = new ArrayList<>();
    Chart first = deciding == null ? null : decidingChart(d, deciding);
    if (first != null) c.add(first);
    // A chart that would show nothing (all zero, one point, all withheld) gives its place to the next.
    java.util.function.Consumer<Chart> add = x -> {
      if (c.size() < 3 && x.uninformative() == null && c.stream().noneMatch(y -> y.name().equals(x.name()))) c.add(x);
    };
    if (d.path("evaluation").isObject()) {
      // with an alert policy the threshold-free AUROC, not a sensitivity at a bare threshold (one operating point per page)
      add.accept(hasAlertPolicy(d) ? forest(d, "auroc", "AUROC", Size.PRINT) : forest(d, "sensitivity", "Sensitivity", Size.PRINT));
      if (!rawScale(d)) add.accept(decisionCurve(d, Size.PRINT));
    }
    if (d.path("simulation").path("threshold_curve").path("points").size() > 0) add.accept(costCurve(d, Size.PRINT));
    if (d.path("friction").isObject()) add.accept(frictionPerSession(d, Size.PRINT));
    if (d.path("evaluation").isObject() && !rawScale(d)) add.accept(calibration(d, Size.PRINT));
    return c;
  }

  // ---------------------------------------------------------------- formatting

  private static int minCell(JsonNode d) {
    JsonNode m = d.path("evaluation").path("settings").path("min_cell");
    return m.isInt() ? m.asInt() : 11;
  }

  private static double dbl(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || !n.isNumber() ? Double.NaN : n.asDouble();
  }

  static String num(JsonNode n, int decimals) {
    return num(dbl(n), decimals);
  }

  static String num(double v, int decimals) {
    if (!Double.isFinite(v)) return "—";
    return Formats.number(decimals, null).apply(v);
  }

  private static String count(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return "withheld";
    return Units.count(n.asLong());
  }

  private static String ci(JsonNode i, boolean percent) {
    if (!i.hasNonNull("estimate")) return "not available";
    if (percent) {
      return Units.percent(dbl(i.path("estimate"))) + (i.hasNonNull("lower") ? " (" + Units.percent(dbl(i.path("lower"))) + " to " + Units.percent(dbl(i.path("upper"))) + ")" : "");
    }
    // three decimals, fixed, as the headline prints an AUROC ("0.910", not "0.91": r17 finding 10)
    return Units.number(dbl(i.path("estimate")), 3) + (i.hasNonNull("lower") ? " (" + Units.number(dbl(i.path("lower")), 3) + " to "
        + Units.number(dbl(i.path("upper")), 3) + ")" : "");
  }

  private static String shortHash(String h) {
    return h.length() > 12 ? h.substring(0, 12) + "…" : h;
  }

  private static String fileName(String p) {
    int i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return i >= 0 ? p.substring(i + 1) : p;
  }

  /** The defined (x, y) pairs' coordinate k: drops points a small cell withheld so the line joins its neighbours. */
  private static double[] compact(double[] x, double[] y, int k) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) out.add(k == 0 ? x[i] : y[i]);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String[] compactTips(double[] x, double[] y, String[] tips) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) out.add(tips[i]);
    return out.toArray(String[]::new);
  }

  private static double minPositive(double[] v) {
    double m = Double.NaN;
    for (double x : v) if (Double.isFinite(x) && x > 0 && !(x >= m)) m = x;
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NaN;
    for (double x : v) if (Double.isFinite(x) && !(x <= m)) m = x;
    return m;
  }

  private static double[] col(List<double[]> rows, int k) {
    double[] r = new double[rows.size()];
    for (int i = 0; i < r.length; i++) r[i] = rows.get(i)[k];
    return r;
  }
}
