package org.tollgate.friction;

import org.tollgate.evaluation.Replicates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.tollgate.evaluation.Stats;

/**
 * A deliberately naive friction bootstrap for tests: keeps each session's rows, resamples sessions
 * with the audit's generator scheme (replicate r keyed by (seed, r), pre sessions drawn first,
 * then post, each from the period's sessions in order of first appearance) and recomputes every
 * figure from the drawn rows. Slow and obvious.
 */
final class NaiveFriction {
  private final int steps;

  NaiveFriction(InteractionLog log, int b, long seed) {
    steps = log.stepCount();
    Map<Integer, List<Integer>> bySession = new LinkedHashMap<>();
    for (int i = 0; i < log.rows(); i++) bySession.computeIfAbsent(log.session(i), k -> new ArrayList<>()).add(i);
    List<List<List<Integer>>> periods = List.of(new ArrayList<>(), new ArrayList<>());
    for (List<Integer> rows : bySession.values()) periods.get(log.period(rows.get(0)).ordinal()).add(rows);
    double[] all = figures(log, periods);
    double[][] r = new double[all.length][b];
    for (int rep = 0; rep < b; rep++) {
      UniformRandomProvider rng = Replicates.stream(seed, rep);
      List<List<List<Integer>>> drawn = List.of(new ArrayList<>(), new ArrayList<>());
      for (int p = 0; p < 2; p++) {
        List<List<Integer>> from = periods.get(p);
        for (int j = 0; j < from.size(); j++) drawn.get(p).add(from.get(rng.nextInt(from.size())));
      }
      double[] v = figures(log, drawn);
      for (int m = 0; m < v.length; m++) r[m][rep] = v[m];
    }
    this.all = all;
    this.r = r;
  }

  private final double[] all;
  private final double[][] r;

  /** [delta per step..., E, ΔT] in seconds. */
  private double[] figures(InteractionLog log, List<List<List<Integer>>> periods) {
    double[][] sum = new double[2][steps];
    long[][] count = new long[2][steps];
    double[] total = new double[2];
    for (int p = 0; p < 2; p++) {
      for (List<Integer> session : periods.get(p)) {
        for (int row : session) {
          double d = (log.endMillis(row) - log.startMillis(row)) / 1000.0;
          sum[p][log.step(row)] += d;
          count[p][log.step(row)]++;
          total[p] += d;
        }
      }
    }
    double[] out = new double[steps + 2];
    double e = 0;
    for (int k = 0; k < steps; k++) {
      double m0 = sum[0][k] / count[0][k];
      double m1 = sum[1][k] / count[1][k];
      out[k] = count[0][k] == 0 || count[1][k] == 0 ? Double.NaN : m1 - m0;
      if (count[1][k] > 0) e += (m1 - m0) * count[1][k] / periods.get(1).size();
    }
    out[steps] = e;
    out[steps + 1] = total[1] / periods.get(1).size() - total[0] / periods.get(0).size();
    return out;
  }

  private double[] interval(int m) {
    double[] v = Arrays.stream(r[m]).filter(Double::isFinite).sorted().toArray();
    return new double[] {all[m], Stats.quantileSorted(v, v.length, 0.025), Stats.quantileSorted(v, v.length, 0.975)};
  }

  double[] delta(int step) {
    return interval(step);
  }

  double[] extra() {
    return interval(steps);
  }

  double[] timeOnTask() {
    return interval(steps + 1);
  }
}
