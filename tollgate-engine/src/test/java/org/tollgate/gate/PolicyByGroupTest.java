package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.GroupCounts;
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.Workflow;
import org.tollgate.evaluation.Disparity;
import org.tollgate.gate.ItemResult.Status;

/**
 * The subgroup rule on the policy under review when one group's detections are zero and other groups hold small cells:
 * the demo's pattern (issue 16). Small cells are withheld cell by cell, a large group keeps the counts that need no
 * withholding, and a group the policy never detects in time fails the rule.
 */
class PolicyByGroupTest {

  /** Per level: {encounters, outcome encounters, detected in time, flagged, alerts, timely alerts}. */
  static PolicyReport byRace(Map<String, long[]> levels) {
    List<GroupCounts> g = new ArrayList<>();
    long[] sum = new long[6];
    for (Map.Entry<String, long[]> l : levels.entrySet()) {
      for (int j = 0; j < 6; j++) sum[j] += l.getValue()[j];
      g.add(new GroupCounts("race_ethnicity", l.getKey(), counts(l.getValue())));
    }
    PolicyReport r = PolicyReport.of(AlertPolicy.threshold("p", 0.5), counts(sum), 30, 3600, Workflow.of("nurse", 1.8, 45, 120.0));
    return r.withGroups(g);
  }

  private static PolicyCounts counts(long[] c) {
    return PolicyCounts.of(c[4], c[5], 0, c[4] - c[5], c[0], c[1], c[2], c[3], new long[(int) c[2]]);
  }

  private static ItemResult rule(PolicyReport p) {
    return GateTest.item(Gate.review(GateTest.with(f -> {
      f.set(4, p);
      f.set(13, List.of("race_ethnicity"));
      return f;
    })), "stratified_performance");
  }

  /**
   * Hand-worked: White 5,000 encounters, 72 of 360 detected, 77 alerts of which 72 timely (5 other alerts: a small cell);
   * Black 1,400 encounters, 0 of 100 detected, no alerts; Asian 600, 12 of 40 detected, 13 alerts, 12 timely (1 other);
   * Other 250, 4 of 18 detected, 4 alerts (small cells). Withheld by hand: Other's detected, flagged, alerts, timely (4 each);
   * then within Other its missed (14) and not flagged (246); within White and Asian the timely alerts (alerts = timely + 1
   * to 10 others); over the levels the smallest other non-empty sibling of Other's cells, Asian (detected 12, flagged 12,
   * alerts 13), and within Asian what would give them back. White keeps encounters, outcome encounters, detected, flagged and
   * alerts; Black keeps everything (zero is shown). The reference is White (most encounters among the groups that show
   * detections and flags). Black 0/100 against White 72/360: difference −0.20, Newcombe 95% CI −0.244 to −0.147, pooled
   * z = −4.87, p = 1.12e-6, Holm over the two comparisons with data 2.24e-6 (computed with scipy.stats.norm, Wilson and
   * Newcombe written out by hand).
   */
  static final Map<String, long[]> HAND_WORKED = new java.util.LinkedHashMap<>();
  static {
    HAND_WORKED.put("Asian", new long[] {600, 40, 12, 12, 13, 12});
    HAND_WORKED.put("Black", new long[] {1400, 100, 0, 0, 0, 0});
    HAND_WORKED.put("Other", new long[] {250, 18, 4, 4, 4, 4});
    HAND_WORKED.put("White", new long[] {5000, 360, 72, 76, 77, 72});
  }

  @Test
  void aGroupThePolicyNeverDetectsFailsAgainstALargeReferenceThatKeepsItsShownCounts() {
    ItemResult i = rule(byRace(HAND_WORKED));
    assertEquals(Status.FAIL, i.status(), i.reason());
    assertEquals("Detected in time (sensitivity of the policy) in race_ethnicity Black is 0.20 lower than in race_ethnicity White "
        + "(95% CI 0.15 to 0.24; adjusted p < 0.001).", i.reason());
    PolicyByGroup pg = PolicyByGroup.of(byRace(HAND_WORKED), null, List.of("race_ethnicity"), 11, 0.10);
    Map<String, PolicyByGroup.Group> g = pg.byLabel();
    PolicyByGroup.Group white = g.get("race_ethnicity White");
    assertTrue(white.reference());
    assertEquals(List.of(5000L, 360L, 72L, 76L, 77L), java.util.Arrays.asList(white.encounters(), white.outcomeEncounters(), white.detected(),
        white.flagged(), white.alerts()));
    assertNull(white.timelyAlerts());
    assertTrue(white.withheld());
    PolicyByGroup.Group black = g.get("race_ethnicity Black");
    assertFalse(black.withheld());
    assertEquals(List.of(1400L, 100L, 0L, 0L, 0L, 0L), java.util.Arrays.asList(black.encounters(), black.outcomeEncounters(), black.detected(),
        black.flagged(), black.alerts(), black.timelyAlerts()));
    for (String small : List.of("race_ethnicity Asian", "race_ethnicity Other")) {
      PolicyByGroup.Group s = g.get(small);
      assertEquals(HAND_WORKED.get(small.substring(15))[0], s.encounters());
      assertEquals(HAND_WORKED.get(small.substring(15))[1], s.outcomeEncounters());
      assertNull(s.detected());
      assertNull(s.flagged());
      assertNull(s.alerts());
      assertNull(s.timelyAlerts());
    }
    Disparity d = pg.comparisons().stream().filter(x -> x.metric().equals("detected_in_time") && x.group().equals(Map.of("race_ethnicity", "Black")))
        .findFirst().orElseThrow();
    assertEquals(Disparity.Status.DIFFERENCE, d.status());
    assertEquals(-0.20, d.difference().estimate(), 1e-12);
    assertEquals(-0.24439024609452414, d.difference().lower(), 1e-9);
    assertEquals(-0.14692709458551265, d.difference().upper(), 1e-9);
    assertEquals(1.119211052239664e-06, d.p(), 1e-12);
    assertEquals(2.238422104479328e-06, d.pAdjusted(), 1e-12);
    // Alert PPV of White is withheld: Black's alert PPV is not compared with it; nothing of Asian's or Other's is compared.
    for (Disparity x : pg.comparisons()) {
      boolean shownBothSides = x.group().equals(Map.of("race_ethnicity", "Black")) && !x.metric().equals("alert_ppv");
      assertEquals(!shownBothSides, x.status() == Disparity.Status.SUPPRESSED, x.statement());
    }
    assertNoWithheldCountFollows(HAND_WORKED, pg);
  }

  /**
   * The demo's sepsis review (seed as shipped; counts of the dual-signal policy by race, read from the simulator): White,
   * 5,156 encounters, has 5 false alerts, a small cell that withheld the whole group and made it a reference that could
   * judge nothing, so Black's 0 of 101 was "missing". White now keeps its detections (73 of 368) and Black fails.
   */
  @Test
  void theDemosRaceGapFailsTheRuleInsteadOfBeingMissing() {
    Map<String, long[]> demo = new java.util.LinkedHashMap<>();
    demo.put("Asian", new long[] {588, 39, 12, 12, 13, 12});
    demo.put("Black", new long[] {1432, 101, 0, 0, 0, 0});
    demo.put("Hispanic", new long[] {1347, 107, 26, 27, 27, 26});
    demo.put("Other", new long[] {272, 18, 4, 4, 4, 4});
    demo.put("Unknown", new long[] {205, 14, 2, 2, 2, 2});
    demo.put("White", new long[] {5156, 368, 73, 77, 78, 73});
    ItemResult i = rule(byRace(demo));
    assertEquals(Status.FAIL, i.status(), i.reason());
    assertTrue(i.reason().startsWith("Detected in time (sensitivity of the policy) in race_ethnicity Black is 0.20 lower than in race_ethnicity White"), i.reason());
    PolicyByGroup pg = PolicyByGroup.of(byRace(demo), null, List.of("race_ethnicity"), 11, 0.10);
    assertEquals(73L, pg.byLabel().get("race_ethnicity White").detected());
    assertTrue(pg.byLabel().get("race_ethnicity White").reference());
    assertNoWithheldCountFollows(demo, pg);
  }

  /**
   * The three-group gap: C's 5 detections are withheld, and complementary withholding over the detected column withholds
   * A's 80 too (B's zero is never picked), so the reference A cannot show the counts B's 0 of 100 would be compared with.
   * B is compared with A and C pooled instead (85 of 430: the policy's 85 of 530 minus B's 0 of 100, both shown, so the
   * pool gives nothing withheld back) and fails. Expected values: src/test/resources/reference/policy_by_group/pooled.py
   * (Wilson and Newcombe written out, pooled z from scipy.stats.norm checked against scipy's chi-squared), its output pooled.json.
   */
  @Test
  void aGroupWhoseReferenceWithholdsTheComparedCountsIsComparedWithAllOtherGroupsPooled() throws java.io.IOException {
    ItemResult i = rule(byRace(THREE_GROUPS));
    assertEquals(Status.FAIL, i.status(), i.reason());
    assertEquals("Detected in time (sensitivity of the policy) in race_ethnicity B is 0.20 lower than in all other race_ethnicity groups pooled "
        + "(95% CI 0.15 to 0.24; adjusted p < 0.001).", i.reason());
    PolicyByGroup pg = PolicyByGroup.of(byRace(THREE_GROUPS), null, List.of("race_ethnicity"), 11, 0.10);
    assertTrue(pg.byLabel().get("race_ethnicity A").reference());
    assertNull(pg.byLabel().get("race_ethnicity A").detected(), "complementary withholding over the detected column");
    assertNull(pg.byLabel().get("race_ethnicity C").detected());
    assertEquals(0L, pg.byLabel().get("race_ethnicity B").detected());
    com.fasterxml.jackson.databind.JsonNode ref;
    try (java.io.InputStream in = PolicyByGroupTest.class.getResourceAsStream("/reference/policy_by_group/pooled.json")) {
      ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
    Map<String, String> pooled = Map.of("race_ethnicity", org.tollgate.evaluation.Comparisons.POOLED);
    Map<String, String> a = Map.of("race_ethnicity", "A");
    assertComparison(ref.get("B_detected_in_time_vs_pooled"), find(pg, "B", "detected_in_time"), pooled);
    assertComparison(ref.get("B_encounters_flagged"), find(pg, "B", "encounters_flagged"), a);
    assertComparison(ref.get("C_alert_ppv"), find(pg, "C", "alert_ppv"), a);
    assertComparison(ref.get("C_encounters_flagged"), find(pg, "C", "encounters_flagged"), a);
    Disparity pooledRow = find(pg, "B", "detected_in_time");
    assertEquals(Disparity.Status.DIFFERENCE, pooledRow.status());
    // The pool as printed: 85 of 430 (Wilson), derivable from the policy's overall counts and B's, which are shown.
    assertEquals(85.0 / 430, pooledRow.referenceValue().estimate(), 1e-12);
    // C's own detections are withheld: nothing compares them; no withheld count follows from what is shown.
    assertEquals(Disparity.Status.SUPPRESSED, find(pg, "C", "detected_in_time").status());
    assertNoWithheldCountFollows(THREE_GROUPS, pg);
  }

  /**
   * The reference itself shows the compared counts but no other group does (every other group's detections are withheld):
   * the reference is compared with all other groups pooled rather than with nobody.
   */
  @Test
  void aReferenceWithNoShownSiblingIsComparedWithAllOtherGroupsPooled() {
    Map<String, long[]> levels = new java.util.LinkedHashMap<>();
    levels.put("A", new long[] {4000, 400, 80, 400, 400, 80});
    levels.put("C", new long[] {300, 30, 5, 20, 60, 12});
    levels.put("D", new long[] {250, 25, 9, 20, 60, 12});
    PolicyByGroup pg = PolicyByGroup.of(byRace(levels), null, List.of("race_ethnicity"), 11, 0.10);
    assertTrue(pg.byLabel().get("race_ethnicity A").reference());
    assertEquals(80L, pg.byLabel().get("race_ethnicity A").detected(), "C and D withhold each other: A keeps its detections");
    Disparity d = find(pg, "A", "detected_in_time");
    assertEquals(Map.of("race_ethnicity", org.tollgate.evaluation.Comparisons.POOLED), d.reference());
    // A 80/400 against C and D pooled, 14/55: the pool is the policy's 94 of 455 minus A's 80 of 400.
    assertEquals(80.0 / 400 - 14.0 / 55, d.difference().estimate(), 1e-12);
    assertNoWithheldCountFollows(levels, pg);
    // C's and D's detections are withheld: missing, and the reason says which comparison was made.
    ItemResult i = rule(byRace(levels));
    assertEquals(Status.MISSING, i.status(), i.reason());
    assertTrue(i.reason().contains("; race_ethnicity A compared with all other race_ethnicity groups pooled in detected in time (sensitivity of the policy) "
        + "(no single group shows the counts to compare with"), i.reason());
    assertEquals(List.of("race_ethnicity A compared with all other race_ethnicity groups pooled"), i.evidence().get("pooled_comparisons"));
  }

  /** A (big), B (the policy never detects it), C (5 detections: a small cell); see pooled.py. */
  static final Map<String, long[]> THREE_GROUPS = new java.util.LinkedHashMap<>();
  static {
    THREE_GROUPS.put("A", new long[] {4000, 400, 80, 400, 400, 80});
    THREE_GROUPS.put("B", new long[] {1000, 100, 0, 0, 0, 0});
    THREE_GROUPS.put("C", new long[] {300, 30, 5, 20, 60, 12});
  }

  private static Disparity find(PolicyByGroup pg, String level, String metric) {
    return pg.comparisons().stream().filter(x -> x.metric().equals(metric) && x.group().equals(Map.of("race_ethnicity", level))).findFirst().orElseThrow();
  }

  private static void assertComparison(com.fasterxml.jackson.databind.JsonNode want, Disparity got, Map<String, String> reference) {
    assertEquals(reference, got.reference(), got.statement());
    assertEquals(want.get("difference").asDouble(), got.difference().estimate(), 1e-12, got.statement());
    assertEquals(want.get("lower").asDouble(), got.difference().lower(), 1e-9, got.statement());
    assertEquals(want.get("upper").asDouble(), got.difference().upper(), 1e-9, got.statement());
    assertEquals(want.get("p").asDouble(), got.p(), 1e-9 * Math.max(1e-12, want.get("p").asDouble()) + 1e-30, got.statement());
    assertEquals(want.get("p_holm").asDouble(), got.pAdjusted(), 1e-9 * want.get("p_holm").asDouble() + 1e-30, got.statement());
  }

  /**
   * Independent check that nothing withheld can be derived: each count of 1 to 10 of the table (the six printed counts of
   * each level and the four that follow from them: without the outcome, missed, not flagged, other alerts) is a linear form in
   * the printed counts; what is known is every count shown plus each printed count's sum over the levels (the policy's overall
   * counts). A small count is derivable exactly when its form lies in the span of what is known (rank test, Gaussian elimination).
   */
  static void assertNoWithheldCountFollows(Map<String, long[]> levels, PolicyByGroup pg) {
    List<String> names = List.copyOf(levels.keySet());
    int n = names.size();
    int vars = 6 * n;
    List<double[]> known = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PolicyByGroup.Group g = pg.byLabel().get("race_ethnicity " + names.get(i));
      Long[] shown = {g.encounters(), g.outcomeEncounters(), g.detected(), g.flagged(), g.alerts(), g.timelyAlerts()};
      for (int k = 0; k < 6; k++) {
        if (shown[k] != null) {
          assertEquals(levels.get(names.get(i))[k], shown[k], "a shown count is the true count");
          double[] f = new double[vars];
          f[6 * i + k] = 1;
          known.add(f);
        }
      }
    }
    for (int k = 0; k < 6; k++) {
      double[] f = new double[vars];
      for (int i = 0; i < n; i++) f[6 * i + k] = 1;
      known.add(f);
    }
    int base = rank(known);
    for (int i = 0; i < n; i++) {
      long[] c = levels.get(names.get(i));
      // {value, form as (plus index, minus index)}: the six printed counts, then the four that follow.
      long[][] cells = {{c[0], 0, -1}, {c[1], 1, -1}, {c[2], 2, -1}, {c[3], 3, -1}, {c[4], 4, -1}, {c[5], 5, -1},
          {c[0] - c[1], 0, 1}, {c[1] - c[2], 1, 2}, {c[0] - c[3], 0, 3}, {c[4] - c[5], 4, 5}};
      for (long[] cell : cells) {
        if (cell[0] < 1 || cell[0] > 10) continue;
        double[] f = new double[vars];
        f[6 * i + (int) cell[1]] = 1;
        if (cell[2] >= 0) f[6 * i + (int) cell[2]] = -1;
        List<double[]> with = new ArrayList<>(known);
        with.add(f);
        assertEquals(base + 1, rank(with), "a count of " + cell[0] + " of " + names.get(i) + " follows from what is shown");
      }
    }
  }

  private static int rank(List<double[]> rows) {
    double[][] m = rows.stream().map(double[]::clone).toArray(double[][]::new);
    int r = 0;
    for (int col = 0; col < (m.length == 0 ? 0 : m[0].length) && r < m.length; col++) {
      int p = r;
      for (int i = r; i < m.length; i++) if (Math.abs(m[i][col]) > Math.abs(m[p][col])) p = i;
      if (Math.abs(m[p][col]) < 1e-9) continue;
      double[] t = m[p];
      m[p] = m[r];
      m[r] = t;
      for (int i = 0; i < m.length; i++) {
        if (i == r) continue;
        double q = m[i][col] / m[r][col];
        for (int j = col; j < m[i].length; j++) m[i][j] -= q * m[r][j];
      }
      r++;
    }
    return r;
  }
}
