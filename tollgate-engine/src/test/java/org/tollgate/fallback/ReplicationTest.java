package org.tollgate.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.Interval;

/**
 * Replication counts against a deliberately naive twin on random data: for every encounter and every check
 * time it scans the whole chart for the latest row, re-reads each value's age, adds the points and replays
 * the re-fire rule, with none of the bitsets, grids or sorted merges of the real code.
 */
class ReplicationTest {
  static final Outcome SEPSIS = new Outcome("sepsis_onset", 720);

  /** Naive counts: {replicated, detected, alerts, timely, false}. */
  static long[] naive(FeatureTable f, FallbackData d, PaperRule rule, long interval) {
    long[] out = new long[5];
    for (int e = 0; e < d.encounters(); e++) {
      long first = d.span()[e][0];
      long last = d.span()[e][1];
      if (first > last) continue;
      int alerts = 0;
      long lastAlert = 0;
      boolean found = false;
      for (long t = (first + interval - 1) / interval * interval; t <= last; t += interval) {
        if (d.onset()[e] != Long.MIN_VALUE && t >= d.onset()[e]) break;
        int latest = -1;
        for (int r = 0; r < f.rows(); r++) if (f.encounter(r) == e && f.time(r) <= t && (latest < 0 || f.time(r) >= f.time(latest))) latest = r;
        int points = 0;
        for (int i = 0; i < rule.criteria().size(); i++) {
          Criterion c = rule.criteria().get(i);
          if (latest < 0 || !f.has(c.input())) continue;
          double v = f.value(c.input(), latest);
          long src = f.source(c.input(), latest);
          boolean fresh = src != FeatureTable.NO_TIME && src <= t && t - src <= c.input().maxAgeHours() * 3600L;
          if (fresh && !Double.isNaN(v) && c.test(v)) points += rule.points().get(i);
        }
        if (points < rule.cutOff()) continue;
        if (alerts > 0 && (d.refireSeconds() < 0 || t < lastAlert + d.refireSeconds())) continue;
        if (d.maxAlerts() > 0 && alerts >= d.maxAlerts()) continue;
        alerts++;
        lastAlert = t;
        out[2]++;
        long on = d.onset()[e];
        if (on != Long.MIN_VALUE && t < on && on - t <= d.horizonSeconds()) {
          out[3]++;
          found = true;
        } else {
          out[4]++;
        }
      }
      if (found) {
        out[1]++;
        if (d.target()[e]) out[0]++;
      }
    }
    return out;
  }

  @Test
  void countsMatchANaiveTwinOnRandomData() {
    for (long seed = 1; seed <= 6; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Tables t = new Tables();
      long h = Tables.H;
      for (int e = 0; e < 60; e++) {
        long start = Tables.T0 + rnd.nextInt(48) * 900L;
        int n = 4 + rnd.nextInt(60);
        long[] times = new long[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
          times[i] = start + i * 1800L;
          scores[i] = rnd.nextDouble();
        }
        Long onset = rnd.nextDouble() < 0.4 ? start + (long) (rnd.nextDouble() * n * 1800) : null;
        int m = 1 + rnd.nextInt(15);
        long[] ft = new long[m];
        double[][] fv = new double[m][];
        for (int r = 0; r < m; r++) {
          ft[r] = start - 2 * h + (long) (rnd.nextDouble() * (n * 1800L + 4 * h));
          fv[r] = Tables.values(BedsideInput.RESP_RATE, rnd.nextDouble() < 0.2 ? Double.NaN : 12 + rnd.nextInt(20),
              BedsideInput.SYSTOLIC_BP, rnd.nextDouble() < 0.2 ? Double.NaN : 70 + rnd.nextInt(80),
              BedsideInput.LACTATE, rnd.nextDouble() < 0.6 ? Double.NaN : 0.5 + rnd.nextInt(8) * 0.5);
        }
        t.add(times, scores, onset, ft, fv);
      }
      ScoreTable s = t.scoreTable();
      EventTable ev = t.events(s);
      FeatureTable f = t.features(s, EnumSet.of(BedsideInput.RESP_RATE, BedsideInput.SYSTOLIC_BP, BedsideInput.LACTATE));
      AlertPolicy p = new AlertPolicy("p", 0.6, 1 + (int) (seed % 2), null, List.of(), seed % 3 == 0 ? null : 240, seed % 2 == 0 ? 3 : null, null);
      int every = (int) (1 + seed % 4);
      FallbackData d = Fallback.prepare(s, ev, f, SEPSIS, p, Workflow.of("nurse", 2, 50, null), every);
      PaperRule rule = new PaperRule(null, List.of(PaperRule.parse("resp_rate >= " + (18 + seed)), PaperRule.parse("systolic_bp <= 100"),
          PaperRule.parse("lactate >= 2")), List.of(1, (int) (1 + seed % 3), 2), (int) (1 + seed % 3), PaperRule.Origin.CLINICIAN);
      Replication m = Fallback.measure(rule, d);
      long[] want = naive(f, d, rule, every * 3600L);
      String at = "seed " + seed;
      assertEquals(want[0], m.replicated(), at);
      assertEquals(want[1], m.paperDetected(), at);
      assertEquals(want[2], m.paperAlerts(), at);
      assertEquals(want[3], m.timelyAlerts(), at);
      assertEquals(want[4], m.falseAlerts(), at);
      assertTrue(m.paperAlerts() > 0, at + ": the data exercise the rule");
    }
  }

  /** The interval helpers against values computed elsewhere. */
  @Test
  void poissonAndMedianIntervalsMatchReferenceValues() {
    // Garwood exact 95% for 10 events: 4.795 to 18.390 (R: poisson.test(10)$conf.int)
    Interval r = Replication.rate(10, 1);
    assertEquals(4.795389, r.lower(), 1e-5);
    assertEquals(18.390356, r.upper(), 1e-5);
    assertEquals(0, Replication.rate(0, 2).lower());
    assertEquals(3.688879 / 2, Replication.rate(0, 2).upper(), 1e-5);
    // median of 1..20 = 10.5; R: qbinom(0.025, 20, 0.5) = 6, so [x(6), x(15)] (P(X <= 5) = 0.0207)
    double[] x = new double[20];
    for (int i = 0; i < 20; i++) x[i] = i + 1;
    Interval m = Replication.medianInterval(x, 20);
    assertEquals(10.5, m.estimate(), 1e-12);
    assertEquals(6, m.lower(), 1e-12);
    assertEquals(15, m.upper(), 1e-12);
    // n = 5 is too small for a 95% interval from ranks: the range
    Interval small = Replication.medianInterval(new double[] {1, 2, 3, 4, 5}, 5);
    assertEquals(1, small.lower(), 1e-12);
    assertEquals(5, small.upper(), 1e-12);
  }
}
