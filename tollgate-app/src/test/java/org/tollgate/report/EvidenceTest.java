package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checklist's Evidence column: plain labels with units and intervals, never a raw key such as "lower: −83.492" (issue 18). */
class EvidenceTest {

  /** Case 10a's friction evidence as the rule records it; the hand-read rows a committee member sees. */
  @Test
  void theTextASignatureSignsIsNotPrintedTwiceBesideTheRule() {
    java.util.Map<String, Object> ev = new java.util.LinkedHashMap<>();
    ev.put("rule", "1 or more of: heart rate ≥ 110/min");
    ev.put("to_sign", "1 or more of: heart rate ≥ 110/min");
    ev.put("signed_text", "1 or more of: heart rate ≥ 110/min");
    assertEquals(List.of("Paper rule: 1 or more of: heart rate ≥ 110/min"), Evidence.rows(ev, false).stream().map(r -> r[0] + ": " + r[1]).toList());
  }

  @Test
  void theUseCasePagesEvidenceColumnFoldsTheIntervalIntoItsNumberAndKeepsTheFinding() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("verdict", "redistributed");
    ev.put("delta_seconds_per_session", -56.734);
    ev.put("lower", -83.492);
    ev.put("upper", -28.384);
    ev.put("redistributed_to", List.of("case_manager"));
    ev.put("role_delta_seconds_per_session", 193.0);
    String html = DossierHtml.evidence(Json.MAPPER.valueToTree(ev));
    assertEquals("<ul class=\"evidence\"><li>Finding: redistributed</li><li>Change in time on task per session: −56.7 s (95% CI −83.5 s to −28.4 s)</li>"
        + "<li>Role whose time rose: case manager</li><li>Change for the role whose time rose most: +193.0 s</li></ul>", html);
    assertFalse(html.contains("lower"));
  }

  /** r17 finding 6: a rejection whose rule names a remedy prints it in the Fix column (not "none: the rule names no fix"), not as an evidence row. */
  @Test
  void aRejectionsRemedyIsInTheFixColumn() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("verdict", "redistributed");
    ev.put("remedy", "move the task back");
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("status", "fail");
    item.put("fix", null);
    item.put("evidence", ev);
    assertEquals("<span class=\"why\">no fix makes this a redesign (it is a rejection); for a new review:</span> move the task back",
        DossierHtml.fixCell(Json.MAPPER.valueToTree(item)));
    assertEquals(List.of("Finding: redistributed"), Evidence.rows(ev, false).stream().map(r -> r[0] + ": " + r[1]).toList());
    ev.remove("remedy");
    assertEquals("<span class=\"why\">none: the rule names no fix</span>", DossierHtml.fixCell(Json.MAPPER.valueToTree(item)));
    item.put("fix", "use policy B");
    assertEquals("use policy B", DossierHtml.fixCell(Json.MAPPER.valueToTree(item)));
  }

  /**
   * r17 finding 6: item 4 failed "load redistributed" while its evidence printed "Finding: reduced" (the whole workflow's
   * verdict). The finding is the rule's; the whole's verdict has its own label, and the minutes a day moved onto the role
   * print with their unit (hand-worked: 193.2 s × 19.2 sessions a day / 60 = 61.8 min).
   */
  @Test
  void theFindingIsTheRulesVerdictAndTheWholesVerdictHasItsOwnLabel() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("verdict", "redistributed");
    ev.put("time_on_task_verdict", "reduced");
    ev.put("redistributed_to", List.of("case_manager"));
    ev.put("role_minutes_per_day", 193.2 * 19.2 / 60);
    List<String> page = Evidence.rows(ev, false).stream().map(r -> r[0] + ": " + r[1]).toList();
    assertEquals(List.of("Finding: redistributed", "Time on task of the whole workflow: reduced", "Role whose time rose: case manager",
        "Time moved onto that role: 61.8 min a day"), page);
    List<String> brief = Evidence.rows(ev, true).stream().map(r -> r[0]).toList();
    assertFalse(brief.contains("Finding") || brief.contains("Time on task of the whole workflow"), "a brief leaves the answers out");
  }

  /** A paper rule's replication is a share: a percent with its interval, not "0.782". */
  @Test
  void sharesArePercentsAndSuggestionsStayOnThePageButNotInABrief() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("replication", 0.782);
    ev.put("replication_lower", 0.69);
    ev.put("replication_upper", 0.84);
    ev.put("suggested_policy", "threshold-0.4");
    ev.put("worst_case_delay_days", 1.0);
    List<String> page = Evidence.rows(ev, false).stream().map(r -> r[0] + ": " + r[1]).toList();
    assertEquals(List.of("Share of the policy's detections a paper rule keeps: 78.2% (95% CI 69.0% to 84.0%)", "Suggested policy: threshold-0.4",
        "Worst-case delay: 1 day"), page);
    List<String> brief = Evidence.rows(ev, true).stream().map(r -> r[0]).toList();
    assertTrue(brief.contains("Share of the policy's detections a paper rule keeps"));
    assertFalse(brief.contains("Suggested policy"));
  }

  /** A figure the engine withheld says so in words, and its marker is not a row of its own. */
  @Test
  void aWithheldFigureSaysWithheldNotNotAvailable() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("replication", null);
    ev.put("replication_withheld", true);
    ev.put("future_values", null);
    List<String> page = Evidence.rows(ev, false).stream().map(r -> r[0] + ": " + r[1]).toList();
    assertEquals("Share of the policy's detections a paper rule keeps: withheld by the small-cell rule (it would show or give back a count of 1 to 10)",
        page.get(0));
    assertEquals(2, page.size(), "the marker is not a row; a null without it stays 'not available'");
    assertTrue(page.get(1).endsWith(": not available"), page.get(1));
  }
}
