package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.ScoreCounts;

/**
 * The sensitivity guardrail is judged on the live interval, and its sentence says so. Wilson 95% intervals worked by
 * hand from Wilson (1927), centre (p + z²/2n)/(1 + z²/n) ± z·√(p(1−p)/n + z²/4n²)/(1 + z²/n), z = 1.959964:
 * 41/100 → 0.31867–0.50799; 30/100 → 0.21895–0.39585.
 */
class SensitivityGuardrailTest {
  static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z

  static PeriodSummary period(long start, long outcomes, long detected) {
    return new PeriodSummary(start, start + 7 * 86_400L, new PeriodSummary.Volume(100, 10, 70 * 86_400L, 0, 0, 0),
        new PeriodSummary.Scores(Distribution.of(new double[] {0.1, 0.9}, new long[] {60, 40}), 40), null,
        new PeriodSummary.Performance(outcomes, 0, outcomes, detected, 0, 0, Distribution.empty(), ScoreCounts.empty()), List.of());
  }

  static Monitor.Finding judge(long detected) {
    MonitorSettings s = new MonitorSettings(MonitorSettings.Period.WEEK, Set.of(Guardrail.SENSITIVITY), 3, 0.5, 5, 0.2, 0.434, 1.25, null, 0.1, 0.95, 1, 0,
        60, 11);
    Baseline b = Baseline.of(List.of(period(T0, 100, 50)), 7, null, 5000, Double.NaN);
    return Monitor.judge(b, List.of(period(T0 + 7 * 86_400L, 100, detected)), s).get(0).finding(Guardrail.SENSITIVITY);
  }

  @Test
  void anEstimateUnderTheFloorWhoseUpperBoundIsAboveItHoldsAndSaysSo() {
    Monitor.Finding f = judge(41);
    assertEquals(Monitor.Status.OK, f.status());
    assertEquals("sensitivity 41.0% (95% CI 31.9–50.8%) over the 1 week to this one, upper bound at or above the floor 43.4%", f.sentence());
  }

  @Test
  void anUpperBoundUnderTheFloorIsABreach() {
    Monitor.Finding f = judge(30);
    assertEquals(Monitor.Status.BREACH, f.status());
    assertEquals("sensitivity 30.0% (95% CI 21.9–39.6%) over the 1 week to this one, upper bound below the floor 43.4%", f.sentence());
  }
}
