package org.tollgate.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.data.InputRecord;
import org.tollgate.format.Units;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.ItemResult;
import org.tollgate.gate.UseCase;
import org.tollgate.review.ReviewRunner;

/**
 * A training brief from a reviewed case — the essay's take-home: a failed project's brief with
 * incomplete data and conflicting stakeholder demands, answered with a one-page go/no-go — and its
 * answer key. The brief shows the use case, the data files and the numbers the review measured, but
 * no verdict, no rule status, no reason and no fatal flaw; rules with no evidence are listed only as
 * "not provided" (the incomplete data). The answer key is tollgate's own analysis. One XHTML source
 * serves the HTML page and, through {@link Pdf}, the PDF.
 */
public final class BriefPage {
  private BriefPage() {}

  /** The demands a brief carries when its case names no stakeholders: they pull in different directions on purpose. */
  public static final List<String> DEMANDS = List.of(
      "Sponsor: \"The model is validated and the vendor's contract renews next quarter. We need a launch date.\"",
      "Clinical lead: \"My staff cannot take one more interruption. Whatever this is, it must not add work.\"",
      "Compliance officer: \"Nothing goes live that we cannot reconstruct and explain after the fact.\"",
      "Data scientist: \"The metrics are good. Tuning the threshold later is easy.\"");

  /**
   * @param demands what the stakeholders want (they should conflict); {@link #DEMANDS} when the case names none
   */
  public static String brief(String caseName, ReviewRunner.Outcome o, List<String> demands) {
    StringBuilder h = head("Training brief: " + caseName);
    UseCase u = o.review().useCase();
    h.append("<h1>").append(Html.esc(u.title())).append("</h1>");
    h.append("<p class=\"sub\">Training brief from tollgate's case library (").append(Html.esc(caseName))
        .append("). Your task: a one-page go/no-go recommendation that names the fatal flaw, if there is one.</p>");
    useCase(h, u);
    h.append("<h2>What the stakeholders want</h2><ul>");
    for (String d : demands.isEmpty() ? DEMANDS : demands) h.append("<li>").append(Html.esc(d)).append("</li>");
    h.append("</ul>");
    inputs(h, o.inputs());
    h.append("<h2>What was measured</h2><table>");
    StringBuilder missing = new StringBuilder();
    for (ItemResult r : o.gate().items()) {
      Map<String, Object> ev = r.evidence();
      List<String[]> m = ev == null ? List.of() : measured(ev);
      if (m.isEmpty()) {
        missing.append("<li>").append(Html.esc(topic(r))).append("</li>");
        continue;
      }
      h.append("<tr><th>").append(Html.esc(topic(r))).append("</th><td>");
      for (int i = 0; i < m.size(); i++) {
        h.append(i == 0 ? "" : " · ").append(Html.esc(m.get(i)[0])).append(": <b>").append(Html.esc(m.get(i)[1])).append("</b>");
      }
      h.append("</td></tr>");
    }
    h.append("</table>");
    if (missing.length() > 0) h.append("<h2>Not provided</h2><ul class=\"small\">").append(missing).append("</ul>");
    h.append("<p class=\"sub\">Answer with: GO, REDESIGN or NO-GO; the one fact that decides it; what would have to change.</p>");
    return h.append("</body></html>").toString();
  }

  public static String answer(String caseName, ReviewRunner.Outcome o, ItemResult deciding) {
    GateResult g = o.gate();
    StringBuilder h = head("Answer key: " + caseName);
    h.append("<h1>Answer key: ").append(Html.esc(o.review().useCase().title())).append("</h1>");
    h.append("<p class=\"sub\">From tollgate's own review of the case's data (").append(Html.esc(caseName)).append(").</p>");
    h.append("<div class=\"verdict\">VERDICT: ").append(g.verdict().word()).append("</div>");
    if (g.settingsLine() != null) h.append("<p><b>").append(Html.esc(g.settingsLine())).append("</b></p>");
    if (deciding != null) {
      h.append("<p><b>Deciding rule:</b> ").append(Html.esc(deciding.title())).append(" (").append(Html.esc(deciding.status().word())).append(")</p>");
      h.append("<p><b>Fatal flaw:</b> ").append(Html.esc(g.fatalFlaw())).append("</p>");
      if (deciding.fix() != null) h.append("<p><b>What would change it:</b> ").append(Html.esc(deciding.fix())).append("</p>");
    } else {
      h.append("<p>Every rule passes.</p>");
    }
    h.append("<h2>Every rule</h2><table>");
    for (ItemResult r : g.items()) {
      h.append("<tr><th>").append(Html.esc(r.title())).append("</th><td>").append(r.status().word()).append("</td><td>")
          .append(Html.esc(r.reason())).append("</td></tr>");
    }
    h.append("</table>");
    return h.append("</body></html>").toString();
  }

  private static StringBuilder head(String title) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/><title>")
        .append(Html.esc(title)).append("</title><style>")
        .append("@page { size: A4; margin: 12mm; } body { font-family: '").append(Pdf.FONT_FAMILY).append("', sans-serif; font-size: 8.5pt; }")
        .append("h1 { font-size: 14pt; margin: 0 0 3pt 0; } h2 { font-size: 10.5pt; margin: 8pt 0 3pt 0; } .sub { font-size: 8.5pt; }")
        .append("table { border-collapse: collapse; width: 100%; } th, td { border: 0.5pt solid #666; padding: 1.5pt 4pt; text-align: left; vertical-align: top; }")
        .append("th { width: 32%; font-weight: bold; } .small li { font-size: 8pt; } .verdict { border: 2pt solid #000; padding: 6pt; font-size: 14pt; font-weight: bold; margin: 8pt 0; }")
        .append("</style></head><body>");
    return h;
  }

  private static void useCase(StringBuilder h, UseCase u) {
    h.append("<table>");
    row(h, "Intended use", u.intendedUse());
    row(h, "Owner", u.owner());
    if (u.decisionRole() != null) row(h, "Decision role", u.decisionRole().name().toLowerCase(Locale.ROOT));
    if (!u.outputs().isEmpty()) row(h, "Outputs", String.join(", ", u.outputs()));
    h.append("</table>");
  }

  private static void inputs(StringBuilder h, List<InputRecord> inputs) {
    if (inputs.isEmpty()) return;
    h.append("<h2>Data the team has</h2><ul class=\"small\">");
    for (InputRecord in : inputs) {
      h.append("<li>").append(Html.esc(java.nio.file.Path.of(in.path()).getFileName().toString())).append(": ")
          .append(Units.count(in.rows(), "row")).append("</li>");
    }
    h.append("</ul>");
  }

  private static void row(StringBuilder h, String k, String v) {
    if (v == null) return;
    h.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(v)).append("</td></tr>");
  }

  /**
   * What a rule looked at, named by its topic, not by its pass condition: "Time on task before and after go-live", not
   * "Cognitive load reduced, not redistributed", so the row titles do not give the answers away.
   */
  static String topic(ItemResult r) {
    return switch (r.id()) {
      case "1" -> "Model inputs and their sources";
      case "2" -> "False alerts and their staff cost";
      case "3" -> "Paper fallback during downtime";
      case "4" -> "Time on task before and after go-live";
      case "5" -> "Replay of past outages";
      case "6" -> "Business model";
      case "7" -> "Training of frontline staff";
      case "stratified_performance" -> "Performance by subgroup";
      case "operating_point" -> "Discrimination and accuracy";
      case "label_choice" -> "What the model's label measures";
      case "failure_consequences" -> "Failure modes";
      case "proxies" -> "Inputs tested against protected attributes";
      case "trade_offs" -> "Measures before and after go-live";
      case "workflow_fit" -> "When the work is done";
      default -> r.title();
    };
  }

  /** The evidence as a brief shows it: plain labels, units and intervals, without the rule's judgement ({@link Evidence}). */
  static List<String[]> measured(Map<String, Object> ev) {
    return Evidence.rows(ev, true);
  }

}
