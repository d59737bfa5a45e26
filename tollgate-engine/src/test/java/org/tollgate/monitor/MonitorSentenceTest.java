package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.ScoreCounts;

/**
 * The monitor's sentences print their figures through {@link org.tollgate.format.Units}: one week is "1 week" and one
 * patient a day "1 patient a day" (issue 16 §7: the last session found "down for 1 weeks" and "1 patients a day").
 */
class MonitorSentenceTest {
  static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final long WEEK = 7 * 86_400L;

  /** A week with one patient in a bed all week (7 patient-days) and {@code alerts} alerts. */
  static PeriodSummary week(long start, long alerts) {
    return new PeriodSummary(start, start + WEEK, new PeriodSummary.Volume(100, 1, WEEK, alerts, 0, 0),
        new PeriodSummary.Scores(Distribution.of(new double[] {0.1, 0.9}, new long[] {60, 40}), 40), null,
        new PeriodSummary.Performance(0, 0, 0, 0, 0, 0, Distribution.empty(), ScoreCounts.empty()), List.of());
  }

  static Monitor.PeriodResult judgeOneLiveWeek(long approvedAlerts, long liveAlerts) {
    MonitorSettings s = new MonitorSettings(MonitorSettings.Period.WEEK, Set.of(Guardrail.VOLUME, Guardrail.VOLUME_CUSUM), 3, 0.5, 5, 0.2, null, 1.25,
        null, 0.1, 0.95, 1, 0, 60, 11);
    Baseline b = Baseline.of(List.of(week(T0, approvedAlerts), week(T0 + WEEK, approvedAlerts)), 14, null, 5000, Double.NaN);
    return Monitor.judge(b, List.of(week(T0 + 2 * WEEK, liveAlerts)), s).get(0);
  }

  @Test
  void aCensusOfOnePatientADayIsSingular() {
    Monitor.Finding f = judgeOneLiveWeek(70, 70).finding(Guardrail.VOLUME);
    assertEquals(Monitor.Status.OK, f.status());
    // 70 alerts over 7 days = 10 a day; 70 over 7 patient-days = 1,000 per 100 patient-days. u-chart at the approved
    // 10 per patient-day over 7 patient-days (two equal approved weeks: no over-dispersion): 10 ± 3·√(10/7) = 6.414–13.586.
    assertEquals("alerts per day 10.0 against an approved 6.4–13.6 at this census (1,000.0 per 100 patient-days against 641.4–1,358.6); "
        + "census steady (1 patient a day against an approved 1)", f.sentence());
  }

  @Test
  void aCusumRunOfOneWeekIsSingular() {
    Monitor.Finding f = judgeOneLiveWeek(70, 0).finding(Guardrail.VOLUME_CUSUM);
    // no alerts against an expected 70: z = (0 − 70)/√70 = −8.367; the lower CUSUM after one week is 8.367 − k (0.5) = 7.867
    assertEquals(Monitor.Status.BREACH, f.status());
    assertEquals("alert volume CUSUM 7.9 (down for 1 week) against a decision interval of 5.0", f.sentence());
  }
}
