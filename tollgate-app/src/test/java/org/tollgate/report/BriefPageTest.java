package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tollgate.gate.ItemResult;

/** The training brief's "What was measured": rows named by topic, not by the rule's pass condition; plain labels; numbers with units and intervals. */
class BriefPageTest {

  /** Case 10a's friction evidence (time on task fell overall, rose for case managers), as the rule records it. */
  @Test
  void measuredEvidenceHasPlainLabelsUnitsAndIntervalsAndLeavesTheJudgementOut() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("verdict", "redistributed");
    ev.put("delta_seconds_per_session", -56.734);
    ev.put("lower", -83.492);
    ev.put("upper", -28.384);
    ev.put("input_sha256", "abcdef0123456789");
    ev.put("redistributed_to", List.of("case_manager"));
    ev.put("role_delta_seconds_per_session", 193.0);
    List<String> rows = BriefPage.measured(ev).stream().map(r -> r[0] + ": " + r[1]).toList();
    assertEquals(List.of("Change in time on task per session: −56.7 s (95% CI −83.5 s to −28.4 s)", "Role whose time rose: case manager",
        "Change for the role whose time rose most: +193.0 s"), rows); // a change in seconds through Units.signedSeconds
  }

  @Test
  void anAurocWithItsIntervalAndAShareReadAsNumbersWithUnits() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("auroc", 0.91);
    ev.put("auroc_lower", 0.897);
    ev.put("auroc_upper", 0.923);
    ev.put("accuracy", 0.905);
    ev.put("no_information_rate", 0.848);
    ev.put("policy_under_review_meets_floors", false);
    List<String> rows = BriefPage.measured(ev).stream().map(r -> r[0] + ": " + r[1]).toList();
    assertEquals(List.of("AUROC: 0.910 (95% CI 0.897 to 0.923)", "Accuracy at the policy's threshold: 90.5%", "Accuracy of always answering \"no\": 84.8%"), rows);
  }

  /** Row titles name what was looked at; the rule's title (its pass condition, e.g. "... not redistributed") never appears. */
  @Test
  void rowTitlesAreTopicsThatDoNotGiveTheAnswerAway() {
    ItemResult load = ItemResult.pass("4", "Cognitive load reduced, not redistributed", "r", Map.of());
    ItemResult groups = ItemResult.pass("stratified_performance", "Stratified performance: no subgroup left behind", "r", Map.of());
    assertEquals("Time on task before and after go-live", BriefPage.topic(load));
    assertEquals("Performance by subgroup", BriefPage.topic(groups));
    for (ItemResult i : List.of(load, groups)) assertFalse(BriefPage.topic(i).contains(i.title()));
  }
}
