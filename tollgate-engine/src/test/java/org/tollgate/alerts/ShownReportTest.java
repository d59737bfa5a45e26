package org.tollgate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Within the false-alert cost limit, as printed. Hand-worked prices: over 30 days at 1.8 min an alert and $45/h, one false
 * alert costs 1.8 / 60 × 45 × 365/12 / 30 = $1.36875 a month.
 */
class ShownReportTest {
  private static final Workflow W = new Workflow("nurse", 1.8, 45, 2080, 120.0, null, 5, 12, null, null, null);

  private static ShownReport policy(long alerts, long timely, long falseAlerts, Workflow w) {
    PolicyCounts c = PolicyCounts.of(alerts, timely, alerts - timely - falseAlerts, falseAlerts, 1000, 100, 50, 60, lead(50));
    return ShownReport.of(PolicyReport.of(AlertPolicy.threshold("p", 0.5), c, 30, 3000, w), 11);
  }

  private static long[] lead(int n) {
    long[] l = new long[n];
    java.util.Arrays.fill(l, 3600);
    return l;
  }

  @Test
  void shownFalseAlertsGiveThePlainComparison() {
    // 400 false alerts: 400 × 1.36875 = $547.50 a month
    ShownReport r = policy(500, 100, 400, W);
    assertEquals(547.5, r.report().falseAlertCostPerMonth(), 1e-9);
    assertEquals(Boolean.FALSE, r.withinFalseAlertCostLimit(500));
    assertEquals(Boolean.TRUE, r.withinFalseAlertCostLimit(600));
  }

  @Test
  void withheldFalseAlertsStillSayYesWhenEvenEveryAlertWouldBeWithinTheLimit() {
    // 7 false alerts of 500: withheld (and the 493 timely with them), the 500 alerts shown; all 500 false would cost $684.38
    ShownReport r = policy(500, 493, 7, W);
    assertNull(r.falseAlerts());
    assertEquals(500L, r.alerts());
    assertEquals(Boolean.TRUE, r.withinFalseAlertCostLimit(5000));
    assertEquals(Boolean.TRUE, r.withinFalseAlertCostLimit(684.38));
  }

  @Test
  void withheldFalseAlertsWithholdTheAnswerWhenItCouldDependOnTheCount() {
    // the true cost ($9.58) is within $300, but 500 alerts could cost $684.38: whatever the withheld count (1 to 10), withheld
    for (long f = 1; f <= 10; f++) {
      assertNull(policy(500, 500 - f, f, W).withinFalseAlertCostLimit(300), "false alerts " + f);
      assertNull(policy(500, 500 - f, f, W).withinFalseAlertCostLimit(5), "false alerts " + f);
      assertEquals(Boolean.TRUE, policy(500, 500 - f, f, W).withinFalseAlertCostLimit(5000), "false alerts " + f);
    }
  }

  @Test
  void withheldAlertCountWithholdsTheAnswer() {
    // 8 alerts, 5 of them false: every count withheld, nothing printed bounds the false alerts
    PolicyCounts c = PolicyCounts.of(8, 3, 0, 5, 1000, 100, 3, 3, lead(3));
    ShownReport r = ShownReport.of(PolicyReport.of(AlertPolicy.threshold("p", 0.5), c, 30, 3000, W), 11);
    assertNull(r.alerts());
    assertNull(r.withinFalseAlertCostLimit(5000));
  }

  @Test
  void noWorkflowProfileJudgesNothing() {
    assertNull(policy(500, 100, 400, null).withinFalseAlertCostLimit(5000));
  }
}
