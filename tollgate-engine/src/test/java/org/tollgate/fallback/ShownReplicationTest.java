package org.tollgate.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.drill.DrillResult;
import org.tollgate.drill.DrillSettings;
import org.tollgate.drill.ShownDrill;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;

/**
 * The paper fallback's and the downtime drill's counts as they may be printed. Expected cells are worked by hand from the
 * CMS rule (1 to 10 withheld, zero shown) and complementary withholding over each sum (SmallCells.withhold).
 */
class ShownReplicationTest {

  /** Policy detected 40, kept 34 (6 lost); outcome encounters 50, paper detected 36; paper alerts 200 = 195 timely + 5 false. */
  static Replication replication(Replication.Outage outage) {
    return new Replication(1000, 40, 34, Stats.wilson(34, 40), 50, 36, Stats.wilson(36, 50), 200, 195, Stats.wilson(195, 200), 5, 100,
        Replication.rate(5, 100), 0.30, Interval.point(4), outage);
  }

  @Test
  void aLostCountOfOneToTenWithholdsTheKeptCountAndTheShareButNotTheTotal() {
    ShownReplication s = ShownReplication.of(replication(null), 11);
    // 40 = 34 + 6: the 6 is withheld, so the 34 (the only other part) is too; the 40 stays.
    assertEquals(40L, s.policyDetected());
    assertNull(s.replicated());
    assertFalse(s.share().defined(), "34/40 with the 40 printed would give the 6 back");
    assertTrue(s.shareWithheld());
    // 50 = 36 + 14: nothing small.
    assertEquals(50L, s.outcomeEncounters());
    assertEquals(36L, s.paperDetected());
    assertEquals(36 / 50.0, s.sensitivity().estimate(), 1e-12);
    assertEquals(4, s.leadTimeHours().estimate());
    // 200 = 195 + 5: the 5 false alerts and then the 195 timely are withheld; PPV, the false-alert rate and the extra go with them.
    assertEquals(200L, s.paperAlerts());
    assertNull(s.timelyAlerts());
    assertNull(s.falseAlerts());
    assertFalse(s.ppv().defined());
    assertFalse(s.falseAlertsPerStaffShift().defined(), "5 / 100 staff-shifts printed with the 100 gives the 5 back");
    assertTrue(Double.isNaN(s.extraFalseAlertsPerStaffShift()));
    // the policy's own false alerts: 0.30 × 100 = 30, shown
    assertEquals(0.30, s.policyFalseAlertsPerStaffShift(), 1e-12);
  }

  @Test
  void withMinCellZeroEveryCountIsShown() {
    ShownReplication s = ShownReplication.of(replication(null), 0);
    assertEquals(34L, s.replicated());
    assertEquals(5L, s.falseAlerts());
    assertEquals(34 / 40.0, s.share().estimate(), 1e-12);
  }

  @Test
  void thePolicysOwnFalseAlertRateIsWithheldWhenItGivesBackOneToTenFalseAlerts() {
    Replication r = new Replication(1000, 40, 20, Stats.wilson(20, 40), 50, 25, Stats.wilson(25, 50), 200, 150, Stats.wilson(150, 200), 50, 100,
        Replication.rate(50, 100), 0.07, Interval.point(4), null);
    ShownReplication s = ShownReplication.of(r, 11);
    assertTrue(Double.isNaN(s.policyFalseAlertsPerStaffShift()), "0.07 × 100 staff-shifts = 7 false alerts");
    assertTrue(Double.isNaN(s.extraFalseAlertsPerStaffShift()));
    assertEquals(0.5, s.falseAlertsPerStaffShift().estimate(), 1e-12, "the paper rule's own 50 are shown");
  }

  @Test
  void theDrillAndTheFallbackWithholdTheInOutageCountsTogether() {
    // Drill: detected with no outage 100 = 85 in both + 15 missed care; with the outages 90 = 85 + 5 detected only in the drill.
    // Paper procedure in the outages: 15 missed care = 12 caught + 3 still missed.
    Replication.Outage outage = new Replication.Outage(15, 12, Stats.wilson(12, 15), 30);
    DrillResult d = new DrillResult(List.of(), 1, 1, 10, 100, 90, 15, 500, 480, 0.5, List.of(), 1.0, null, DrillSettings.defaults(),
        new DrillResult.Item5(DrillResult.Item5.Status.PASS, "reason"), outage);
    ShownDrill shown = ShownDrill.of(d, 11);
    // 5 drill-only → 85 both withheld (90 shown) → 15 missed withheld (100 shown); 3 still missed withheld, and 12 caught is
    // shown: SmallCells.withhold settles what the 85 forces (the 15) before it reaches 15 = 12 + 3, so the 3 is covered by the
    // withheld 15 (3 = 15 − 12 = 88 − 85, and the 85 is not known: nothing follows).
    assertEquals(100L, shown.baselineDetected());
    assertEquals(90L, shown.drillDetected());
    assertNull(shown.missedCare(), "15 = 100 − 85 and 85 = 90 − 5: printing it would give the 5 back");
    assertNull(shown.paper().missedWithout());
    assertEquals(12L, shown.paper().caught());
    assertNull(shown.paper().missedWith());
    assertFalse(shown.paper().share().defined());
    // Alone, the fallback's view of the same outage would print the 15: the dossier passes the drill's view instead.
    ShownReplication alone = ShownReplication.of(replication(outage), 11);
    assertEquals(15L, alone.outage().missedWithout());
    ShownReplication together = ShownReplication.of(replication(outage), 11, shown.paper());
    assertSame(shown.paper(), together.outage());
  }
}
