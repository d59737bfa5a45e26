package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
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

  /** Every stratum and sweep point withheld (a tiny cohort): the charts keep their axes, draw no withheld value, and say so. */
  @Test
  void withheldStrataAndSweepPointsAreNeverDrawn() throws Exception {
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
    Element forest = SvgXml.find(doc, "figure", "chart").stream().filter(f -> f.getAttribute("data-chart").equals("forest-sensitivity")).findFirst().orElseThrow();
    assertTrue(SvgXml.find(forest, "g", "row").isEmpty(), "no marks for withheld groups");
    assertEquals(2, forest.getTextContent().split("withheld: fewer than 11", -1).length - 1, "both groups say they are withheld");
    Element roc = SvgXml.find(doc, "figure", "chart").stream().filter(f -> f.getAttribute("data-chart").equals("roc")).findFirst().orElseThrow();
    // only the curve's fixed ends (flag everyone, flag no one) remain, plus the chance diagonal
    List<String> tips = SvgXml.find(SvgXml.find(roc, "g", "data").get(0), "circle", "point").stream().map(Element::getTextContent).toList();
    assertEquals(List.of("flag everyone: sensitivity 100%, false-positive rate 100%", "flag no one: sensitivity 0%, false-positive rate 0%"), tips);
    for (Element f : SvgXml.find(doc, "figure", "chart")) {
      assertEquals(1, SvgXml.find(f, "g", "x-axis").size(), f.getAttribute("data-chart"));
      assertEquals(1, SvgXml.find(f, "g", "y-axis").size(), f.getAttribute("data-chart"));
    }
  }

  @Test
  void evidenceNumbersCarryTheirUnits() throws Exception {
    String e = DossierHtml.evidence(json("{'false_alert_cost_per_month': 6159.2, 'limit_per_month': 5000, 'downtime_hours': 24.916,"
        + " 'false_alert_minutes_per_day': 0.0321, 'delta_seconds_per_session': 77.64, 'max_storm_factor': 3.5, 'accuracy': 0.7478,"
        + " 'alerts_per_day': 0.3166, 'data_sha256': 'abcdef0123456789abcdef', 'sessions_needed': 120, 'attested_by': 'hidden here'}"));
    assertTrue(e.contains("false alert cost per month: $6,159 /month"), e);
    assertTrue(e.contains("limit per month: $5,000 /month"), e);
    assertTrue(e.contains("downtime hours: 24.9 h"), e);
    assertTrue(e.contains("false alert minutes per day: 0.03 min/day"), e);
    assertTrue(e.contains("delta seconds per session: 77.6 s"), e);
    assertTrue(e.contains("max storm factor: 3.5×"), e);
    assertTrue(e.contains("accuracy: 74.8%"), e);
    assertTrue(e.contains("alerts per day: 0.32 /day"), e);
    assertTrue(e.contains("data sha256: abcdef012345…"), e);
    assertTrue(e.contains("sessions needed: 120"), e);
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
    assertEquals("$4,928 /month (limit $5,000)", m.get("False-alert cost"));
    assertEquals("withheld (small cell)", m.get("Detected in time"));
    assertEquals("not available", m.get("Median lead time"));
    assertEquals("4.0 of 5", m.get("Defensibility (1–5)"));
  }
}
