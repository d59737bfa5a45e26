package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** r17 finding 10: the same figure printed two ways on one page, raw values, and a change worded against its sign. */
class OneFigureOneWayR17Test {

  /** The headline prints an AUROC "0.910 (0.897 to 0.923)"; item's evidence printed "0.91". */
  @Test
  void anAurocInTheEvidenceHasTheHeadlinesThreeDecimals() {
    assertEquals("0.910", DossierHtml.evidenceValue("auroc", DoubleNode.valueOf(0.91)));
  }

  /** Item 3's evidence printed "0.005" and the fallback table "0.00" for the policy's false alerts per staff member per shift. */
  @Test
  void falseAlertsPerStaffShiftAreARateEverywhere() {
    assertEquals("0.005", DossierHtml.evidenceValue("policy_false_alerts_per_staff_shift", DoubleNode.valueOf(0.005)));
    assertEquals("0.21", DossierHtml.evidenceValue("false_alerts_per_staff_shift", DoubleNode.valueOf(0.2149)));
  }

  /** The model card section printed "prevalence 0.07188888888888889" and "observed days 391.7083333333333". */
  @Test
  void theModelCardSectionFormatsItsFigures() {
    assertEquals("7.2%", DossierHtml.cardValue("prevalence", DoubleNode.valueOf(0.07188888888888889)));
    assertEquals("391.7", DossierHtml.cardValue("observed_days", DoubleNode.valueOf(391.7083333333333)));
    assertEquals("4,000", DossierHtml.cardValue("cases", IntNode.valueOf(4000)));
    assertEquals("one per encounter", DossierHtml.cardValue("case_definition", TextNode.valueOf("one per encounter")));
  }

  /** "of which steps taking longer −28.2 s" (case 08a): the part of the change from steps' durations is worded by its sign. */
  @Test
  void theStepsPartOfTheChangeIsWordedByItsSign() {
    assertEquals("steps taking less time −28.2 s", DossierHtml.stepTimes(-28.2));
    assertEquals("steps taking longer +84.8 s", DossierHtml.stepTimes(84.8));
    assertEquals("steps' durations 0.0 s", DossierHtml.stepTimes(-0.04));
  }

  /** A role's change was written out "193 s" on the chart beside "+193.2 s" in the text (and "15 s" beside "+15.0 s" for a step). */
  @Test
  void theFrictionChartWritesTheChangeAsTheTextDoes() {
    com.fasterxml.jackson.databind.node.ObjectNode d = Json.MAPPER.createObjectNode();
    com.fasterxml.jackson.databind.node.ObjectNode r = d.putObject("friction").putArray("roles").addObject();
    r.put("role", "case_manager");
    r.putObject("delta_seconds").put("estimate", 193.2).put("lower", 160.7).put("upper", 222.4);
    String svg = DossierHtml.frictionByRole(d, org.tollgate.report.chart.Size.PAGE).figureOrSentence();
    org.junit.jupiter.api.Assertions.assertTrue(svg.contains("+193.2 s") && svg.contains("+160.7 s") && svg.contains("+222.4 s"), svg);
    org.junit.jupiter.api.Assertions.assertFalse(svg.contains(">193 s"), svg);
  }
}
