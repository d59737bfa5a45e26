package org.tollgate.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.Interval;

class BehavioralMapTest {
  static final long DAY0 = 1_740_000_000L;
  static final int VISIT = 30 * 60;

  /**
   * The essay's diabetes pilot: "68% of risk assessments were completed after the visit, often by
   * staff with no clinical training." 100 visits, one risk assessment each: 12 before the visit (nurse,
   * pre-visit planning), 20 during (physician), 68 after — 18 by the nurse, 30 by care coordinators and
   * 20 by front-desk staff, who hold no clinical credential. Every visit also has a vitals event during
   * the visit by the medical assistant, so the log has a second task.
   */
  static EventLog diabetes() {
    EventLog.Builder b = new EventLog.Builder();
    for (int k = 0; k < 100; k++) {
      String enc = "V" + k;
      long start = DAY0 + k * 86_400L;
      b.visit(enc, start, start + VISIT);
      b.event("ma" + k % 3, "medical_assistant", true, "vitals", start + 60, enc);
      if (k < 12) {
        b.event("rn1", "nurse", true, "risk_assessment", start - 3600, enc);
      } else if (k < 32) {
        b.event("md" + k % 4, "physician", true, "risk_assessment", start + 600, enc);
      } else if (k < 50) {
        b.event("rn1", "nurse", true, "risk_assessment", start + VISIT + 2 * 3600, enc);
      } else if (k < 80) {
        b.event("cc" + k % 2, "care_coordinator", false, "risk_assessment", start + VISIT + 24 * 3600, enc);
      } else {
        b.event("fd1", "front_desk", false, "risk_assessment", start + VISIT + 48 * 3600, enc);
      }
    }
    return b.build(null, null);
  }

  /** Intervals from scipy 1.17: binomtest(x, n).proportion_ci(method='wilson'). */
  @Test
  void essayDiabetesPilotRecoversSixtyEightPercentAfterTheVisit() {
    BehaviorReport r = BehavioralMap.run(diabetes(), BehaviorSettings.defaults().withTask("risk_assessment"));
    assertEquals(BehaviorReport.ClinicalSource.COLUMN, r.clinicalSource());
    assertEquals(1, r.tasks().size());
    BehaviorReport.TaskMap t = r.tasks().get(0);
    assertEquals(100L, t.events().count());
    assertEquals(68L, t.timing().after().count());
    assertShare(0.68, 0.583373813895476, 0.763308526750009, t.timing().after().share());
    assertShare(0.20, 0.1333669333310325, 0.2888291655931589, t.timing().during().share());
    assertShare(0.12, 0.0699940643701949, 0.19812099426711421, t.timing().before().share());
    // "often by staff with no clinical training": 50 of the 68 after-visit completions.
    assertEquals(50L, t.afterVisitNonClinical().count());
    assertShare(50 / 68.0, 0.6199226601011089, 0.8255025933012109, t.afterVisitNonClinical().share());
    assertShare(0.50, 0.4038315303659956, 0.5961684696340044, t.nonClinical().share());
    assertEquals(50L, t.clinical().count());
    assertEquals(0L, t.unknownClinical().count());
    // After-visit delay: 18 at 2 h, 30 at 24 h, 20 at 48 h → quartiles (R type 7) 2, 24, 48.
    assertEquals(2.0, t.afterVisitHours().p25(), 1e-12);
    assertEquals(24.0, t.afterVisitHours().median(), 1e-12);
    assertEquals(48.0, t.afterVisitHours().p75(), 1e-12);
  }

  @Test
  void rolesReportTheirShareTimingAndCredential() {
    BehaviorReport r = BehavioralMap.run(diabetes(), BehaviorSettings.defaults().withTask("risk_assessment"));
    List<BehaviorReport.RoleMap> roles = r.tasks().get(0).roles();
    assertEquals(List.of("nurse", "physician", "care_coordinator", "front_desk"), roles.stream().map(BehaviorReport.RoleMap::role).toList());
    BehaviorReport.RoleMap nurse = roles.get(0);
    assertEquals(30L, nurse.events().count());
    assertEquals(0.30, nurse.events().share().estimate(), 1e-12);
    assertEquals(Boolean.TRUE, nurse.clinical());
    assertEquals(12L, nurse.timing().before().count());
    assertEquals(0L, nurse.timing().during().count(), "zero is shown");
    assertEquals(18L, nurse.timing().after().count());
    assertEquals(0.6, nurse.timing().after().share().estimate(), 1e-12);
    assertEquals(Boolean.FALSE, roles.get(3).clinical());
    assertEquals(20L, roles.get(3).timing().after().count());
  }

  @Test
  void aRoleListOverridesTheClinicalColumn() {
    // Call the nurse non-clinical too: 68 after-visit events, all by non-clinical roles now.
    BehaviorReport r = BehavioralMap.run(diabetes(),
        BehaviorSettings.defaults().withTask("risk_assessment").withClinicalRoles(List.of("Physician", "medical_assistant")));
    assertEquals(BehaviorReport.ClinicalSource.ROLES, r.clinicalSource());
    BehaviorReport.TaskMap t = r.tasks().get(0);
    assertEquals(68L, t.afterVisitNonClinical().count());
    assertEquals(20L, t.clinical().count());
    assertEquals(Boolean.FALSE, t.roles().get(0).clinical());
  }

  @Test
  void withoutCredentialsEveryEventIsUnknown() {
    EventLog.Builder b = new EventLog.Builder();
    for (int k = 0; k < 20; k++) {
      b.visit("V" + k, DAY0, DAY0 + VISIT);
      b.event("u", "clerk", null, "task", DAY0 + VISIT + 1, "V" + k);
    }
    BehaviorReport r = BehavioralMap.run(b.build(null, null), BehaviorSettings.defaults());
    assertEquals(BehaviorReport.ClinicalSource.NONE, r.clinicalSource());
    assertEquals(20L, r.tasks().get(0).unknownClinical().count());
    assertNull(r.tasks().get(0).roles().get(0).clinical());
  }

  @Test
  void visitBoundariesBelongToTheVisit() {
    assertEquals(0, BehavioralMap.when(99, 100, 200));
    assertEquals(1, BehavioralMap.when(100, 100, 200), "at the start: during");
    assertEquals(1, BehavioralMap.when(200, 100, 200), "at the end: during");
    assertEquals(2, BehavioralMap.when(201, 100, 200));
  }

  @Test
  void eventsWithoutAVisitAreCountedAndLeftOut() {
    EventLog.Builder b = new EventLog.Builder();
    for (int k = 0; k < 15; k++) {
      b.visit("V" + k, DAY0, DAY0 + VISIT);
      b.event("u", "rn", true, "task", DAY0 + 10, "V" + k);
    }
    b.event("u", "rn", true, "task", DAY0 + 10, "NOVISIT");
    BehaviorReport r = BehavioralMap.run(b.build(null, null), BehaviorSettings.defaults());
    assertEquals(16, r.eventsRead());
    assertEquals(1, r.unmatchedEvents());
    assertEquals(16, r.encounters());
    assertEquals(15L, r.tasks().get(0).events().count());
  }

  /**
   * 40 events: 5 before (small), 12 during, 23 after. Before is withheld; since the total is shown,
   * during (the smallest other) is withheld too, or 40 − 23 would give it back. After stays.
   */
  @Test
  void aSmallCellAndItsComplementAreWithheld() {
    EventLog.Builder b = new EventLog.Builder();
    int k = 0;
    for (int[] spec : new int[][] {{5, -10}, {12, 10}, {23, VISIT + 10}}) {
      for (int i = 0; i < spec[0]; i++, k++) {
        b.visit("V" + k, DAY0, DAY0 + VISIT);
        b.event("u" + k, "rn", true, "task", DAY0 + spec[1], "V" + k);
      }
    }
    BehaviorReport.TaskMap t = BehavioralMap.run(b.build(null, null), BehaviorSettings.defaults()).tasks().get(0);
    assertTrue(t.timing().before().suppressed());
    assertNull(t.timing().before().count());
    assertNull(t.timing().before().share());
    assertTrue(t.timing().during().suppressed(), "complementary");
    assertEquals(23L, t.timing().after().count());
    // The single role has every event: its timing row is withheld the same way, and the after-visit delay is shown.
    BehaviorReport.RoleMap rn = t.roles().get(0);
    assertEquals(40L, rn.events().count());
    assertTrue(rn.timing().before().suppressed());
    assertTrue(rn.timing().during().suppressed());
    assertFalse(rn.timing().after().suppressed());
  }

  @Test
  void aTaskWithFewerThanElevenEventsIsWithheldEntirely() {
    EventLog.Builder b = new EventLog.Builder();
    for (int k = 0; k < 10; k++) {
      b.visit("V" + k, DAY0, DAY0 + VISIT);
      b.event("u", "rn", true, "rare_task", DAY0 + 10, "V" + k);
    }
    BehaviorReport.TaskMap t = BehavioralMap.run(b.build(null, null), BehaviorSettings.defaults()).tasks().get(0);
    assertTrue(t.events().suppressed());
    assertTrue(t.timing().after().suppressed());
    assertTrue(t.roles().isEmpty());
    assertNull(t.afterVisitHours().median());
  }

  /**
   * Roles × timing: a small cell's row and column each get a complement. Counts (before, during, after):
   * <pre>
   * A  20  3  30     3 is small → row A hides also 20 (its smallest other non-zero)
   * B  15 40  25     column "during": only A's 3 hidden → hide B's 40 (the only other non-zero)
   *                  column "before": A's 20 hidden alone → hide B's 15; row B now has 2 hidden: stable
   * </pre>
   */
  @Test
  void rolesByTimingGetRowAndColumnComplements() {
    long[][] cells = {{20, 3, 30}, {15, 40, 25}};
    boolean[][] hide = BehavioralMap.Suppression.twoWay(cells, new long[] {53, 80}, new boolean[2], new boolean[3], 11);
    assertArrayEquals(new boolean[] {true, true, false}, hide[0]);
    assertArrayEquals(new boolean[] {true, true, false}, hide[1]);
  }

  @Test
  void oneWaySuppressionLeavesZerosAndLargeCellsAlone() {
    assertArrayEquals(new boolean[] {false, false, false}, BehavioralMap.Suppression.oneWay(new long[] {0, 11, 50}, true, 11));
    assertArrayEquals(new boolean[] {true, false, true}, BehavioralMap.Suppression.oneWay(new long[] {1, 30, 12}, true, 11));
    assertArrayEquals(new boolean[] {true, false}, BehavioralMap.Suppression.oneWay(new long[] {1, 30}, false, 11),
        "no complement needed when the total is not shown");
  }

  @Test
  void anUnknownTaskIsRefusedWithTheTasksThereAre() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BehavioralMap.run(diabetes(), BehaviorSettings.defaults().withTask("a1c_review")));
    assertEquals("task 'a1c_review' does not occur; tasks are [vitals, risk_assessment]", e.getMessage());
  }

  @Test
  void visitWindowsMustBeConsistent() {
    EventLog.Builder b = new EventLog.Builder();
    b.visit("V", 100, 200);
    b.visit("V", 100, 200);
    assertEquals("encounter 'V' already has a different visit start or end",
        assertThrows(IllegalArgumentException.class, () -> b.visit("V", 100, 300)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.visit("W", 300, 200));
  }

  static void assertShare(double estimate, double lower, double upper, Interval i) {
    assertEquals(estimate, i.estimate(), 1e-12);
    assertEquals(lower, i.lower(), 1e-12);
    assertEquals(upper, i.upper(), 1e-12);
    assertEquals(Interval.Method.WILSON, i.method());
  }
}
