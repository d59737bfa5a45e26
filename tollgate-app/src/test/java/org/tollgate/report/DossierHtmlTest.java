package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.report.chart.Chart;
import org.tollgate.report.chart.SvgXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The dossier pages from small hand-written dossiers: what is missing is said, withheld numbers stay withheld, units are written. */
class DossierHtmlTest {

  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s.replace('\'', '"'));
  }

  private static Document fragment(String html) {
    return SvgXml.parse("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + html + "</div>");
  }

  /** A review with no data at all: only the gate's items. Every section still renders and says what is missing. */
  @Test
  void aDossierWithoutDataSaysWhatIsMissing() throws Exception {
    JsonNode d = json("{'schema': 'tollgate.dossier/v1', 'use_case': {'id': 'x', 'title': 'Triage chatbot'}, 'verdict': 'REDESIGN',"
        + " 'fatal_flaw': 'No paper fallback.', 'items': [{'id': '3', 'title': 'Paper fallback', 'status': 'missing', 'reason': 'no attestation',"
        + " 'evidence': {}, 'fix': 'a clinician attests the paper procedure'}], 'evaluation': null, 'simulation': null, 'friction': null, 'drill': null,"
        + " 'risks': [], 'inputs': []}");
    String h = DossierHtml.sections(d);
    fragment(h);
    assertTrue(h.contains("Verdict: ↻ REDESIGN"));
    assertTrue(h.contains("? missing"));
    assertTrue(h.contains("a clinician attests the paper procedure"), "the fix of a failing item");
    assertTrue(h.contains("No labelled predictions were given"));
    assertTrue(h.contains("No alert simulation was run"));
    assertTrue(h.contains("No interaction log was given"));
    assertTrue(h.contains("No downtime log was replayed"));
    assertTrue(h.contains("No failure modes were listed"));
    assertFalse(h.contains("<figure"), "no chart without data");
    String page = DossierHtml.onePage(d, "A4");
    SvgXml.parse(page.substring(page.indexOf("<html")));
    assertTrue(DossierHtml.pdf(d, "A4").length > 1000);
  }

  /**
   * Every stratum and sweep point withheld (a tiny cohort): no withheld value is drawn, and a chart left with nothing
   * to show (the subgroups all withheld; a ROC curve with only its fixed ends) is one sentence saying why instead.
   * (Before issue 18's "a chart that would show nothing informative is replaced by a sentence", these charts were
   * drawn empty with their axes; this test asserted that.)
   */
  @Test
  void withheldStrataAndSweepPointsAreNeverDrawnAndEmptyChartsBecomeASentence() throws Exception {
    StringBuilder sweep = new StringBuilder();
    for (int i = 0; i <= 10; i++) {
      if (i > 0) sweep.append(',');
      sweep.append("{'threshold': ").append(i / 10.0).append(", 'suppressed': true, 'sensitivity': null, 'specificity': null, 'ppv': null,"
          + " 'net_benefit': null, 'treat_all_net_benefit': ").append(0.1 - 0.9 * (i / 10.0) / (1 - i / 10.0 + 1e-9)).append('}');
    }
    JsonNode d = json("{'use_case': {'title': 't'}, 'verdict': 'NO-GO', 'fatal_flaw': 'f', 'items': [], 'evaluation': {'threshold': 0.5,"
        + " 'per': 'encounter', 'settings': {'min_cell': 11}, 'overall': {'n': 40, 'prevalence': 0.1, 'metrics': {'sensitivity': null, 'auroc':"
        + " {'estimate': 0.7, 'lower': 0.5, 'upper': 0.9}}}, 'strata': [{'by': {'sex': 'F'}, 'n': null, 'suppressed': true, 'metrics': {'sensitivity': null}},"
        + " {'by': {'sex': 'M'}, 'n': null, 'suppressed': true, 'metrics': {'sensitivity': null}}], 'disparities': [], 'sweep': [" + sweep
        + "], 'calibration_bins': [{'from': 0.0, 'to': 0.1, 'n': null, 'suppressed': true, 'mean_predicted': null, 'observed': null}]}}");
    String h = DossierHtml.sections(d);
    Document doc = fragment(h);
    java.util.Map<String, String> sentences = new java.util.HashMap<>();
    for (Element p : SvgXml.find(doc, "p", "no-chart")) sentences.put(p.getAttribute("data-chart"), p.getTextContent());
    assertEquals(java.util.Set.of("forest-sensitivity", "forest-ppv", "forest-auroc", "roc", "pr", "calibration", "decision-curve"), sentences.keySet(),
        "every chart of this dossier has nothing to show");
    assertEquals("Sensitivity by subgroup, with 95% confidence intervals: no chart, because every subgroup's counts are withheld by the small-cell rule"
        + " (a cell of 1 to 10): sex F, sex M.", sentences.get("forest-sensitivity"));
    // an AUROC has three decimals everywhere, as the headline prints it (r17 finding 10: "0.91" beside "0.910")
    assertTrue(sentences.get("roc").contains("every point is withheld") && sentences.get("roc").contains("AUROC 0.700 (0.500 to 0.900)"), sentences.get("roc"));
    assertTrue(SvgXml.find(doc, "figure", "chart").isEmpty(), "no empty chart is drawn");
    assertFalse(h.contains("fewer than"), "withheld counts are 1 to 10, not 'fewer than 11'");
    // The one page has no chart to show either: it falls back to words, and still renders.
    String page = DossierHtml.onePage(d, "A4");
    assertFalse(page.contains("<svg"), "no empty chart on the one page");
  }

  /** An all-zero false-alert cost curve (a tool whose alerts cost nothing) is a sentence saying so, not a flat line at $0. */
  @Test
  void aFlatZeroCostCurveIsASentence() throws Exception {
    StringBuilder pts = new StringBuilder();
    for (int i = 1; i <= 9; i++) {
      if (i > 1) pts.append(',');
      pts.append("{'threshold': ").append(i / 10.0).append(", 'alerts_per_day': ").append(10 - i).append(", 'false_alerts_per_day': 0, 'false_alert_cost_per_month': 0}");
    }
    JsonNode d = json("{'use_case': {'title': 't'}, 'verdict': 'GO', 'items': [], 'simulation': {'chosen_policy': 'p', 'false_alert_cost_limit_per_month': 5000,"
        + " 'workflow': {'role': 'nurse', 'minutes_per_alert': 2, 'hourly_rate': 50}, 'policies': [{'name': 'p', 'policy': {'threshold': 0.5}}],"
        + " 'threshold_curve': {'points': [" + pts + "]}}}");
    Document doc = fragment(DossierHtml.sections(d));
    List<Element> none = SvgXml.find(doc, "p", "no-chart");
    assertEquals(1, none.size());
    assertEquals("false-alert-cost", none.get(0).getAttribute("data-chart"));
    assertEquals("False-alert cost per month against the threshold: no chart, because the false alerts cost $0 a month at every threshold on the curve"
        + " (no threshold raises a false alert).", none.get(0).getTextContent());
    // the alerts per day vary with the threshold: that chart stays
    assertEquals(List.of("alerts-per-day"), SvgXml.find(doc, "figure", "chart").stream().map(f -> f.getAttribute("data-chart")).toList());
  }

  /**
   * The Pareto chart of a search whose false-alert minutes run from 0.05 to 220 a day: a log axis (0, then powers of ten),
   * the policy under review drawn after every other marker, and its legend entry the same marker (a filled circle of the
   * same radius with the same ring).
   */
  @Test
  void paretoChartDrawsThePolicyUnderReviewLastOnALogAxisWithAMatchingLegend() throws Exception {
    StringBuilder ex = new StringBuilder();
    double[][] pts = {{0, 40}, {0.05, 60}, {0.6, 117}, {3, 150}, {20, 300}, {75, 540}, {220, 620}};
    for (int i = 0; i < pts.length; i++) {
      if (i > 0) ex.append(',');
      ex.append("{'name': 'p").append(i).append("', 'false_alert_minutes_per_day': ").append(pts[i][0]).append(", 'detected_encounters': ")
          .append((int) pts[i][1]).append(", 'false_alert_cost_per_month': 1, 'pareto': ").append(i != 2).append('}');
    }
    JsonNode d = json("{'use_case': {'title': 't'}, 'verdict': 'GO', 'items': [], 'simulation': {'chosen_policy': 'p2', 'false_alert_minutes_per_day_limit': 179,"
        + " 'policies': [{'name': 'p2', 'policy': {'threshold': 0.5}, 'false_alert_minutes_per_day': 0.6, 'detected_encounters': 117}], 'explored': [" + ex + "]}}");
    org.tollgate.report.chart.LineChart c = DossierHtml.pareto(d, org.tollgate.report.chart.Size.PAGE);
    assertTrue(c.xScale().isLog(), "0.05 to 220 min/day spans more than two powers of ten");
    Document doc = SvgXml.parse(c.figure());
    List<String> ticks = SvgXml.find(SvgXml.find(doc, "g", "x-axis").get(0), "text").stream().map(Element::getTextContent).toList();
    assertEquals(List.of("0 min", "0.1 min", "1 min", "10 min", "100 min", "False-alert staff minutes per day (log scale)"), ticks,
        "0.01 min is a tick without a label: it would overlap 0 min");
    // Every marker of the plot in drawing order: the last is the policy under review.
    Element data = SvgXml.find(doc, "g", "data").get(0);
    List<Element> marks = new java.util.ArrayList<>();
    org.w3c.dom.NodeList all = data.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.getAttribute("class").equals("point")) marks.add(e);
    }
    Element last = marks.get(marks.size() - 1);
    assertTrue(last.getTextContent().startsWith("p2 (under review)"), last.getTextContent());
    // x of 0.6 on log10(1 + v / 0.01) between 0 and 500 (the top: the next 1, 2 or 5 × 10^k above 220)
    org.tollgate.report.chart.Scale sx = c.xScale();
    double expected = sx.r0() + Math.log10(1 + 0.6 / 0.01) / Math.log10(1 + 500 / 0.01) * (sx.r1() - sx.r0());
    assertEquals(expected, Double.parseDouble(last.getAttribute("cx")), 0.06);
    Element legendMark = SvgXml.find(SvgXml.find(doc, "g", "legend").get(0), "circle", "point").stream()
        .filter(e -> e.getAttribute("fill").equals(last.getAttribute("fill"))).findFirst().orElseThrow();
    assertEquals(last.getAttribute("r"), legendMark.getAttribute("r"), "the legend's marker is the plot's marker");
    assertEquals(2, SvgXml.find(doc, "circle", "highlight-ring").size(), "ringed in the plot and in the legend");
    // the front's legend marker is filled like its markers
    Element square = SvgXml.find(SvgXml.find(doc, "g", "legend").get(0), "rect", "point").get(0);
    assertFalse(square.getAttribute("fill").equals("#ffffff"), "the Pareto front's squares are filled, in the legend too");
  }

  /**
   * Case 11's trade-offs (ER wait −18.8% of its before value, admission errors +48.9%, a safety measure) as a chart on the
   * page and as the deciding rule's chart on the one page.
   */
  @Test
  void tradeOffsAreDrawnAsChangesRelativeToBefore() throws Exception {
    JsonNode item = json("{'id': 'trade_offs', 'title': 'Trade-offs weighed', 'status': 'fail', 'reason': 'modify', 'evidence': {'measures': ['a', 'b'],"
        + " 'decision': 'modify', 'relative_changes': [{'measure': 'ER wait (minutes)', 'safety': false, 'better': 'lower', 'change': 'improved',"
        + " 'relative_change': -0.18794, 'relative_lower': -0.21318, 'relative_upper': -0.16269}, {'measure': 'admission errors', 'safety': true,"
        + " 'better': 'lower', 'change': 'worsened', 'relative_change': 0.48889, 'relative_lower': 0.24444, 'relative_upper': 0.75556}]}}");
    JsonNode d = json("{'use_case': {'title': 't'}, 'verdict': 'REDESIGN', 'deciding_item': 'trade_offs', 'items': [" + item + "]}");
    Document doc = fragment(DossierHtml.sections(d));
    Element f = SvgXml.find(doc, "figure", "chart").stream().filter(e -> e.getAttribute("data-chart").equals("trade-offs")).findFirst().orElseThrow();
    List<String> rows = SvgXml.find(SvgXml.find(f, "g", "data").get(0), "rect", "point").stream().map(Element::getTextContent).toList();
    assertEquals(List.of("ER wait (minutes): −18.8% of its before value (improved)", "admission errors: +48.9% of its before value (worsened)"), rows);
    assertTrue(f.getTextContent().contains("admission errors (safety)") && f.getTextContent().contains("admission errors: lower is better"), f.getTextContent());
    assertTrue(f.getTextContent().contains("Safety measures that worsened: admission errors."));
    assertEquals("trade-offs", DossierHtml.decidingChart(d, DossierHtml.decidingItem(d)).name(), "the deciding rule's chart on the one page");
  }

  @Test
  void evidenceNumbersCarryTheirUnits() throws Exception {
    String e = DossierHtml.evidence(json("{'false_alert_cost_per_month': 6159.2, 'limit_per_month': 5000, 'downtime_hours': 24.916,"
        + " 'false_alert_minutes_per_day': 0.0321, 'delta_seconds_per_session': 77.64, 'max_storm_factor': 3.5, 'accuracy': 0.7478,"
        + " 'alerts_per_day': 0.3166, 'data_sha256': 'abcdef0123456789abcdef', 'sessions_needed': 120, 'attested_by': 'hidden here'}"));
    assertTrue(e.contains("Staff cost of false alerts per month: $6,159 a month"), e);
    assertTrue(e.contains("Monthly cost limit: $5,000 a month"), e);
    assertTrue(e.contains("Downtime: 24.9 h"), e);
    // through Units (the one formatter per unit): 0.0321 min is two significant digits, a change in seconds carries its sign
    assertTrue(e.contains("Staff minutes on false alerts per day: 0.032 min a day"), e);
    assertTrue(e.contains("Change in time on task per session: +77.6 s"), e);
    assertTrue(e.contains("Largest alert burst after recovery (× the normal rate): 3.5×"), e);
    assertTrue(e.contains("Accuracy at the policy&#39;s threshold: 74.8%"), e);
    assertTrue(e.contains("Alerts per day: 0.32 a day"), e);
    assertTrue(e.contains("Data fingerprint (SHA-256): abcdef012345…"), e);
    assertTrue(e.contains("Sessions needed to measure it: 120"), e);
    String more = DossierHtml.evidence(json("{'worst_case_delay_days': 1, 'period_days': 7, 'check_every_hours': 4, 'auroc': 0.73142}"));
    assertTrue(more.contains("Worst-case delay: 1 day<") && more.contains(": 7 days<"), more); // the noun agrees, no "1.0 day"
    assertTrue(more.contains(": 4.0 h<") && more.contains(": 0.731<"), more);
    assertFalse(e.contains("hidden here"), "attestations have their own column");
  }

  @Test
  void aPolicyRuleReadsAsPlainWords() throws Exception {
    JsonNode p = json("{'threshold': 0.5, 'persistence': 2, 'confirm': {'type': 'lactate', 'at_least': 2.0, 'within_minutes': 240},"
        + " 'suppress_during': ['procedure'], 'refire_after_minutes': 720, 'digest_minutes': 15}");
    assertEquals("score ≥ 0.5 on 2 readings in a row; lactate ≥ 2 within 4 h; not during procedure; re-fire after 12 h; digest every 15 min",
        DossierHtml.rule(p));
    assertEquals("score ≥ 0.3; once per encounter", DossierHtml.rule(json("{'threshold': 0.3, 'persistence': 1, 'suppress_during': []}")));
  }

  /** The numbers a committee signs, from a hand-made policy: 120 alerts a day at 1.8 min = 216 min/day = 0.632 FTE (the essay's example). */
  @Test
  void keyNumbersShowTheBurdenWithUnits() throws Exception {
    JsonNode d = json("{'use_case': {'title': 't'}, 'verdict': 'GO', 'items': [], 'regulatory_path': {'defensibility': 4.0}, 'simulation': {"
        + "'chosen_policy': 'p', 'false_alert_cost_limit_per_month': 5000, 'policies': [{'name': 'p', 'alerts_per_day': 120, 'false_alert_cost_per_month': 4927.5,"
        + " 'labor_minutes_per_day': 216, 'fte': 0.6317, 'detected_encounters': null, 'sensitivity': null, 'lead_time_minutes': {'median': null}}]}}");
    var m = DossierHtml.keyNumbers(d);
    assertEquals("120.0", m.get("Alerts per day"));
    assertEquals("$4,928 a month (limit $5,000)", m.get("False-alert cost"));
    assertEquals("withheld (small cell)", m.get("Detected in time"));
    // no bare "not available": the median of withheld detections is withheld, and says so
    assertEquals("withheld (small cell)", m.get("Median lead time"));
    assertEquals("4.0 of 5", m.get("Defensibility (1–5)"));
  }

  /**
   * The paper-fallback table prints each share with its counts, and a share the engine withheld (ShownReplication) says so
   * with what is still shown. Policy detections 40, kept 34 (6 lost: withheld); outcome encounters 50, paper detected 36
   * (Wilson 95% 58–83%, hand-worked: centre 0.7043, half-width 0.1210); paper alerts 200 = 195 timely + 5 false (withheld).
   */
  @Test
  void theFallbackTableSaysWhichShareIsWithheldAndShowsTheCountsOfTheOthers() throws Exception {
    org.tollgate.fallback.Replication r = new org.tollgate.fallback.Replication(1000, 40, 34, org.tollgate.evaluation.Stats.wilson(34, 40), 50, 36,
        org.tollgate.evaluation.Stats.wilson(36, 50), 200, 195, org.tollgate.evaluation.Stats.wilson(195, 200), 5, 100,
        new org.tollgate.evaluation.Interval(0.05, 0.016, 0.117, org.tollgate.evaluation.Interval.Method.NONE), 0.30,
        org.tollgate.evaluation.Interval.point(4), null);
    org.tollgate.fallback.PaperRule rule = org.tollgate.fallback.PaperRule.kOfN(null, List.of(org.tollgate.fallback.PaperRule.parse("resp_rate >= 22")), 1,
        org.tollgate.fallback.PaperRule.Origin.FOUND);
    org.tollgate.fallback.Fallback.Result f = org.tollgate.fallback.Fallback.Result.measured(rule, r, org.tollgate.fallback.Fallback.Settings.defaults(),
        List.of(org.tollgate.fallback.BedsideInput.RESP_RATE), "p", List.of());
    com.fasterxml.jackson.databind.node.ObjectNode d = Json.MAPPER.createObjectNode();
    d.set("fallback", FallbackJson.of(f, null, 11, null));
    StringBuilder h = new StringBuilder();
    DossierHtml.fallback(h, d, null);
    String html = h.toString();
    assertTrue(html.contains("<th>Keeps of the policy&#39;s timely detections</th><td>withheld by the small-cell rule: of 40 detections, a count of 1 to 10"
        + " would be shown or given back</td>") || html.contains("<th>Keeps of the policy's timely detections</th><td>withheld by the small-cell rule: of 40"
        + " detections, a count of 1 to 10 would be shown or given back</td>"), html);
    // one decimal, as item 3's evidence prints the same share (r17 finding 10); Wilson 36/50: 58.335% to 82.526% (hand-worked)
    assertTrue(html.contains("<td>72.0% (95% CI 58.3% to 82.5%; 36 of 50 outcome encounters)</td>"), html);
    assertTrue(html.contains("<th>Alert PPV</th><td>withheld by the small-cell rule: of 200 paper alerts, a count of 1 to 10 would be shown or given back</td>"), html);
    assertFalse(html.contains(">34<") || html.contains(" 34 of"), "the kept count is withheld");
  }

  /**
   * The subgroup rule withholds cell by cell (issue 16): a group whose timely alerts are withheld keeps its detected-in-time
   * share; a share whose count is null says it is withheld, the group's other shares stay; a zero is shown as 0%.
   * White 73 of 368 = 19.8%, flagged 77 of 5,156 = 1.5%; Black 0 of 101 = 0.0%, no alerts.
   */
  @Test
  void thePolicyByGroupTableWithholdsShareByShareAndShowsAZero() throws Exception {
    JsonNode d = json("{'items': [{'id': 'stratified_performance', 'evidence': {'policy': 'p', 'groups': ["
        + "{'group': 'race_ethnicity Black', 'reference': false, 'withheld': false, 'encounters': 1432, 'outcome_encounters': 101, 'detected_in_time': 0,"
        + " 'flagged_encounters': 0, 'alerts': 0, 'timely_alerts': 0},"
        + "{'group': 'race_ethnicity White', 'reference': true, 'withheld': true, 'encounters': 5156, 'outcome_encounters': 368, 'detected_in_time': 73,"
        + " 'flagged_encounters': 77, 'alerts': 78, 'timely_alerts': null}], 'judged': []}}]}");
    StringBuilder h = new StringBuilder();
    DossierHtml.policyByGroup(h, d);
    String html = h.toString();
    assertTrue(html.contains("<tr><td>race_ethnicity White (reference)</td><td>5,156</td><td>368</td><td>19.8%</td>"
        + "<td>withheld (small-cell rule: counts of 1 to 10)</td><td>1.5%</td></tr>"), html);
    assertTrue(html.contains("<tr><td>race_ethnicity Black</td><td>1,432</td><td>101</td><td>0.0%</td><td>none: no alerts</td><td>0.0%</td></tr>"), html);
  }

  /**
   * Without an alert policy the subgroup rule's groups are the evaluation's, withheld cell by cell by the engine: M's
   * confusion matrix is withheld (5 true positives) but its cases, positives and flagged share are shown; F's zero false
   * positives are shown (PPV 50 of 50 = 100.0%). F: sensitivity 50/70 = 71.4%, NPV 100/120 = 83.3%, flagged 50/170 = 29.4%;
   * M flagged 35/200 = 17.5%.
   */
  @Test
  void withoutAnAlertPolicyTheModelByGroupTableSaysWithheldCellByCell() throws Exception {
    JsonNode d = json("{'evaluation': {'threshold': 0.5}, 'items': [{'id': 'stratified_performance', 'evidence': {'groups': ["
        + "{'group': 'sex F', 'reference': false, 'withheld': false, 'cases': 170, 'positives': 70, 'tp': 50, 'fp': 0, 'tn': 100, 'fn': 20, 'flagged': 50},"
        + "{'group': 'sex M', 'reference': true, 'withheld': true, 'cases': 200, 'positives': 40, 'tp': null, 'fp': null, 'tn': null, 'fn': null,"
        + " 'flagged': 35}], 'judged': []}}]}");
    StringBuilder h = new StringBuilder();
    DossierHtml.policyByGroup(h, d);
    String html = h.toString();
    assertTrue(html.contains("<h3>The model at threshold 0.5, group by group</h3>"), html);
    assertTrue(html.contains("<tr><td>sex F</td><td>170</td><td>70</td><td>71.4%</td><td>100.0%</td><td>83.3%</td><td>29.4%</td></tr>"), html);
    String w = "<td>withheld (small-cell rule: counts of 1 to 10)</td>";
    assertTrue(html.contains("<tr><td>sex M (reference)</td><td>200</td><td>40</td>" + w + w + w + "<td>17.5%</td></tr>"), html);
  }

  /**
   * The deciding chart of a failing subgroup rule with an alert policy is the policy's detected-in-time by group (the
   * demo's counts: Black 0 of 101, White 73 of 368), not the evaluation's sensitivity at a bare threshold, which showed
   * "overall 82.7%" and no race at all beside a fatal flaw about race. Wilson 0 of 101: upper bound 3.8416 / 104.8416 = 3.7%.
   */
  @Test
  void aFailingSubgroupRuleWithAnAlertPolicyChartsThePolicyByGroup() throws Exception {
    JsonNode d = json("{'simulation': {'chosen_policy': 'dual', 'policies': [{'name': 'dual', 'sensitivity': 0.181}]}, 'evaluation': {'threshold': 0.5,"
        + " 'overall': {'metrics': {'sensitivity': {'estimate': 0.827, 'lower': 0.8, 'upper': 0.85}}}, 'strata': []}, 'gate': {'min_cell': 11}}");
    JsonNode item = json("{'id': 'stratified_performance', 'status': 'fail', 'evidence': {'policy': 'dual', 'groups': ["
        + "{'group': 'race_ethnicity Black', 'reference': false, 'withheld': false, 'outcome_encounters': 101, 'detected_in_time': 0},"
        + "{'group': 'race_ethnicity Hispanic', 'reference': false, 'withheld': true, 'outcome_encounters': 107, 'detected_in_time': null},"
        + "{'group': 'race_ethnicity White', 'reference': true, 'withheld': false, 'outcome_encounters': 368, 'detected_in_time': 73}]}}");
    Chart c = DossierHtml.decidingChart(d, item);
    assertEquals("forest-policy-detected", c.name());
    String svg = c.figureOrSentence();
    assertTrue(svg.contains("race_ethnicity Black: detected in time 0 of 101, 0.0% (95% CI 0.0% to 3.7%)"), svg);
    assertTrue(svg.contains("overall 18.1%"), svg);
    assertFalse(svg.contains("82.7%"), "not the evaluation's sensitivity at a bare threshold");
  }

  /**
   * A review's evaluation with a sweep every 0.05 whose point at the evaluation threshold 0.25 has sensitivity 97.4%,
   * specificity 70.0% (false-positive rate 30.0%), PPV 20.8% and net benefit −0.017 (treat all −0.2): the case-08a figures
   * a reviewer saw beside a GO headline of 48.4% detected in time. With {@code policy}, an alert policy is under review.
   */
  private static JsonNode reviewWithThreshold(boolean policy) throws Exception {
    StringBuilder sweep = new StringBuilder();
    for (int i = 0; i <= 12; i++) {
      double t = i * 0.05;
      if (i > 0) sweep.append(',');
      boolean at = i == 5;
      sweep.append("{'threshold': ").append(t).append(", 'sensitivity': ").append(at ? 0.974 : 1 - t / 2).append(", 'specificity': ").append(at ? 0.7 : 0.5 + t / 2)
          .append(", 'ppv': ").append(at ? 0.208 : 0.1 + t).append(", 'net_benefit': ").append(at ? -0.017 : 0.01).append(", 'treat_all_net_benefit': -0.2}");
    }
    return json("{'use_case': {'title': 't'}, 'verdict': 'GO', 'items': [], 'evaluation': {'threshold': 0.25, 'per': 'encounter',"
        + " 'settings': {'min_cell': 11}, 'overall': {'n': 1000, 'prevalence': 0.066, 'metrics': {'auroc': {'estimate': 0.977, 'lower': 0.972, 'upper': 0.983},"
        + " 'auprc': {'estimate': 0.921}}}, 'strata': [], 'sweep': [" + sweep + "], 'calibration_bins': []},"
        + " 'simulation': " + (policy ? "{'chosen_policy': 'dual-signal-context', 'policies': [{'name': 'dual-signal-context', 'policy': {'threshold': 0.25},"
            + " 'sensitivity': 0.484, 'alert_ppv': 0.782}]}" : "null") + "}");
  }

  /**
   * One operating point per review: with an alert policy under review, the ROC and precision–recall curves mark no bare
   * score threshold, and the decision curve does not judge the model at it ("worse than treating no one" beside a GO); each
   * caption names the policy that goes live instead. Before: a "Threshold 0.25" diamond with "review threshold 0.25:
   * sensitivity 97.4%" and "At the review threshold 0.25 the model's net benefit is −0.017: worse than treating no one."
   */
  @Test
  void withAnAlertPolicyTheThresholdCurvesMarkNoBareScoreThreshold() throws Exception {
    JsonNode d = reviewWithThreshold(true);
    for (Chart c : List.of(DossierHtml.roc(d, org.tollgate.report.chart.Size.PAGE), DossierHtml.pr(d, org.tollgate.report.chart.Size.PAGE),
        DossierHtml.decisionCurve(d, org.tollgate.report.chart.Size.PAGE))) {
      String svg = c.figureOrSentence();
      SvgXml.parse(svg);
      assertFalse(svg.contains("review threshold") || svg.contains("Threshold 0.25") || svg.contains("Operating point"), c.name() + ": " + svg);
      assertFalse(svg.contains("worse than treating no one"), c.name());
      assertTrue(svg.contains("the alert policy &#39;dual-signal-context&#39;"), c.name() + " names the policy that goes live: " + svg);
    }
    String h = DossierHtml.sections(d);
    assertFalse(h.contains("review threshold 0.25"), "nowhere on the page");
    for (Chart c : DossierHtml.evidenceCharts(d, null)) assertFalse(c.figureOrSentence().contains("worse than treating no one"), "nor on the one page");
  }

  /**
   * Without an alert policy (a triage or referral score) the evaluation threshold is the one policy: it is marked, and
   * labelled, as the operating point, and the decision curve says what the model's net benefit is there.
   */
  @Test
  void withoutAnAlertPolicyTheThresholdIsMarkedAsTheOperatingPoint() throws Exception {
    JsonNode d = reviewWithThreshold(false);
    String roc = DossierHtml.roc(d, org.tollgate.report.chart.Size.PAGE).figureOrSentence();
    assertTrue(roc.contains("Operating point (score ≥ 0.25)"), "legend: " + roc);
    assertTrue(roc.contains("operating point, score ≥ 0.25: sensitivity 97.4%, false-positive rate 30.0%"), roc);
    assertTrue(roc.contains("the diamond is the operating point, score ≥ 0.25."), roc);
    String pr = DossierHtml.pr(d, org.tollgate.report.chart.Size.PAGE).figureOrSentence();
    assertTrue(pr.contains("operating point, score ≥ 0.25: ppv 20.8%, sensitivity 97.4%"), pr);
    String dc = DossierHtml.decisionCurve(d, org.tollgate.report.chart.Size.PAGE).figureOrSentence();
    assertTrue(dc.contains("At the operating point, score ≥ 0.25, the model&#39;s net benefit is −0.017: worse than treating no one."), dc);
  }

  /**
   * "Within budget" is a yes/no over a cost, not a small cell: the policy under review whose false-alert cost is withheld
   * (a count of 1 to 10 false alerts) still reads "✔ yes" beside item 2's "within the $5,000 limit", from the dossier's
   * within_false_alert_cost_limit, which the engine withholds only when the answer could give the count back.
   */
  @Test
  void withinBudgetIsAYesOrNoEvenWhenTheCostIsWithheld() throws Exception {
    assertEquals("✔ yes", DossierHtml.withinBudget(json("{'false_alert_cost_per_month': null, 'within_false_alert_cost_limit': true}"), 5000, 11));
    assertEquals("✖ no", DossierHtml.withinBudget(json("{'false_alert_cost_per_month': 6000, 'within_false_alert_cost_limit': false}"), 5000, 11));
    assertEquals("withheld: the answer could give a count of 1 to 10 back",
        DossierHtml.withinBudget(json("{'false_alert_cost_per_month': null, 'within_false_alert_cost_limit': null}"), 5000, 11));
    assertEquals("not judged: no workflow profile prices the alerts", DossierHtml.withinBudget(json("{'within_false_alert_cost_limit': null}"), Double.NaN, 11));
    // a dossier written before the field: the printed cost
    assertEquals("✔ yes", DossierHtml.withinBudget(json("{'false_alert_cost_per_month': 20.36}"), 5000, 11));
    JsonNode d = json("{'use_case': {'title': 't'}, 'verdict': 'GO', 'items': [], 'simulation': {'chosen_policy': 'p', 'false_alert_cost_limit_per_month': 5000,"
        + " 'workflow': {'role': 'nurse', 'minutes_per_alert': 2, 'hourly_rate': 50}, 'policies': [{'name': 'p', 'policy': {'threshold': 0.5}, 'days': 30,"
        + " 'alerts_per_day': 0.32, 'false_alerts': null, 'false_alert_cost_per_month': null, 'suppressed': true, 'within_false_alert_cost_limit': true}]}}");
    String h = DossierHtml.sections(d);
    assertTrue(h.contains("withheld (small cell)</td><td>✔ yes</td></tr>"), h);
  }

  /**
   * The printed page keeps figures and file names whole: the PDF renderer broke lines after a dot ("+0." / "24",
   * "interactions." / "parquet"). A GO page's "Key evidence" has its charts under it, with no "Other evidence" label
   * (other than what?), and the heading is kept with them on one page.
   */
  @Test
  void thePrintedPageKeepsDottedWordsWholeAndKeyEvidenceWithItsCharts() throws Exception {
    JsonNode d = reviewWithThreshold(true);
    ((com.fasterxml.jackson.databind.node.ObjectNode) d).set("items", json("[{'id': '3', 'title': 'Paper fallback', 'status': 'pass',"
        + " 'reason': 'keeps 89% (95% CI 87–92%) of detections within the staffing floor (+0.24 false alerts per staff member per shift)', 'evidence': {}}]"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) d).set("inputs", json("[{'path': '/data/interactions.parquet', 'sha256': 'abcdef0123456789'}]"));
    String page = DossierHtml.onePage(d, "A4");
    assertTrue(page.contains("<span style=\"white-space: nowrap\">(+0.24</span> false alerts"), page);
    assertTrue(page.contains("<span style=\"white-space: nowrap\">interactions.parquet abcdef012345…</span>"), page);
    assertTrue(page.contains("<h2>Key evidence</h2><table class=\"charts\"><tr><td><figure"), "the charts right under the heading");
    assertFalse(page.contains("Other evidence"), "nothing for it to be other than");
    assertTrue(page.contains("<div style=\"page-break-inside: avoid\"><h2>Key evidence</h2>"), "kept together");
    assertEquals(1, Pdf.pages(DossierHtml.pdf(d, "A4")));
  }

  /**
   * When even the smallest charts leave no room (long reasons), the charts give way, with a line saying where they are,
   * so the decision block and its signatures stay on the one page (case 08a's REDESIGN page put them overleaf).
   */
  @Test
  void whenTheSmallestChartsDoNotFitTheyGiveWayBeforeTheSignatures() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode d = (com.fasterxml.jackson.databind.node.ObjectNode) reviewWithThreshold(true);
    String reason = "a reason long enough to take three lines of the reason column of the checklist on the printed page, ".repeat(3);
    com.fasterxml.jackson.databind.node.ArrayNode items = d.putArray("items");
    Signing s = Signing.unrecorded(java.time.LocalDate.of(2026, 12, 8));
    for (int n = 0; n < 80; n++) {
      items.add(json("{'id': 'r" + n + "', 'title': 'Rule " + n + "', 'status': 'pass', 'reason': '" + reason + "'}"));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      Pdf.render(DossierHtml.onePage(d, "A4", s, DossierHtml.PRINT_CHART_HEIGHTS[DossierHtml.PRINT_CHART_HEIGHTS.length - 1], 3), out);
      if (Pdf.pages(out.toByteArray()) > 1) break;
    }
    // the smallest charts no longer fit; without them the page holds, and says where they are
    assertEquals(1, Pdf.pages(DossierHtml.pdf(d, "A4", s)), items.size() + " items");
    assertTrue(DossierHtml.onePage(d, "A4", s, 0, 0).contains("Charts: no room on this page; they are in the full dossier (dossier.html)."));
  }
}
