package org.tollgate.evaluation;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Percentile bootstrap over the summary's atoms and patient clusters, by Poisson resampling
 * (Hanley &amp; MacGibbon 2006, doi:10.1016/j.cmpb.2006.04.006; Chamandy et al. 2012): each case of a
 * single-case patient, and each multi-case patient as a whole, gets an independent Poisson(1) weight.
 * The weights of the c single cases sharing a (cell, score, label) atom sum to Poisson(c), so one draw
 * per atom suffices: a replicate costs O(atoms + clustered cases), never O(rows). Replicate r uses its
 * own generator ({@link Replicates#stream}: (seed, r) hashed into the state), so results do not depend
 * on the number of threads.
 */
final class Bootstrap {
  /** Metrics the bootstrap intervals are made for, in this order. */
  static final String[] METRICS = {"auprc", "brier", "calibration_intercept", "calibration_slope", "net_benefit"};

  private Bootstrap() {}

  /**
   * @param fullFit for each reported stratum, its calibration fit on the full sample
   * @param strataCells for each reported stratum, the finest cells it unites
   * @return values[stratum][metric][replicate], NaN where undefined in a replicate
   */
  static double[][][] run(EvaluationSummary s, ScoreCounts[] strataCounts, RankMetrics.Calibration[] fullFit, int[][] strataCells,
      int replicates, long seed, double threshold) {
    int ns = strataCells.length;
    int nc = s.cells().count();
    // For each cell, the strata containing it.
    int[][] strataOfCell = new int[nc][];
    int[] howMany = new int[nc];
    for (int[] cs : strataCells) for (int c : cs) howMany[c]++;
    for (int c = 0; c < nc; c++) strataOfCell[c] = new int[howMany[c]];
    Arrays.fill(howMany, 0);
    for (int st = 0; st < ns; st++) for (int c : strataCells[st]) strataOfCell[c][howMany[c]++] = st;
    // Each replicate first adds its weights per finest cell, then each stratum sums its cells: a
    // clustered case costs one addition instead of one per stratum containing it (eight with three
    // attributes and their intersections). Per cell: its distinct scores (singles' and clustered
    // cases' together), each atom's and entry's index among them, and each score's index in every
    // stratum containing the cell. Sums of integer weights: the order of additions changes nothing.
    int[] entryCell = s.entryCell();
    double[] entryScore = s.entryScore();
    double[][] cellScores = new double[nc][];
    int[][] atomIndex = new int[nc][];
    int[] entryIndex = new int[entryCell.length];
    {
      double[][] extra = new double[nc][];
      int[] extraCount = new int[nc];
      for (int e = 0; e < entryCell.length; e++) extraCount[entryCell[e]]++;
      for (int c = 0; c < nc; c++) extra[c] = new double[extraCount[c]];
      Arrays.fill(extraCount, 0);
      for (int e = 0; e < entryCell.length; e++) extra[entryCell[e]][extraCount[entryCell[e]]++] = entryScore[e];
      for (int c = 0; c < nc; c++) {
        ScoreCounts sc = s.singles(c);
        double[] all = Arrays.copyOf(sc.scores(), sc.distinct() + extra[c].length);
        System.arraycopy(extra[c], 0, all, sc.distinct(), extra[c].length);
        cellScores[c] = Arrays.stream(all).sorted().distinct().toArray();
        atomIndex[c] = new int[sc.distinct()];
        for (int a = 0; a < sc.distinct(); a++) {
          atomIndex[c][a] = Arrays.binarySearch(cellScores[c], sc.score(a));
        }
      }
      for (int e = 0; e < entryCell.length; e++) {
        entryIndex[e] = Arrays.binarySearch(cellScores[entryCell[e]], entryScore[e]);
      }
    }
    int[][][] toStratum = new int[nc][][];
    for (int c = 0; c < nc; c++) {
      toStratum[c] = new int[strataOfCell[c].length][cellScores[c].length];
      for (int j = 0; j < strataOfCell[c].length; j++) {
        double[] target = strataCounts[strataOfCell[c][j]].scores();
        for (int k = 0; k < cellScores[c].length; k++) {
          toStratum[c][j][k] = Arrays.binarySearch(target, cellScores[c][k]);
        }
      }
    }
    byte[] entryLabel = s.entryLabel();
    int[] start = s.clusterStart();
    // Per stratum, once: the scores' logits. Each replicate's calibration fit starts at the stratum's
    // full-sample fit (see RankMetrics.calibration).
    double[][] logits = new double[ns][];
    for (int st = 0; st < ns; st++) logits[st] = RankMetrics.logits(strataCounts[st].scores());
    double[][][] out = new double[ns][METRICS.length][replicates];
    IntStream.range(0, replicates).parallel().forEach(r -> {
      UniformRandomProvider rng = Replicates.stream(seed, r);
      long[][] cellPos = new long[nc][];
      long[][] cellNeg = new long[nc][];
      for (int c = 0; c < nc; c++) {
        cellPos[c] = new long[cellScores[c].length];
        cellNeg[c] = new long[cellScores[c].length];
      }
      for (int c = 0; c < nc; c++) {
        ScoreCounts sc = s.singles(c);
        int[] idx = atomIndex[c];
        long[] cp = cellPos[c];
        long[] cn = cellNeg[c];
        for (int a = 0; a < sc.distinct(); a++) {
          cp[idx[a]] += Poisson.sample(rng, sc.positivesAt(a));
          cn[idx[a]] += Poisson.sample(rng, sc.negativesAt(a));
        }
      }
      for (int k = 0; k + 1 < start.length; k++) {
        long w = Poisson.sample(rng, 1);
        if (w == 0) continue;
        for (int e = start[k]; e < start[k + 1]; e++) {
          if (entryLabel[e] == 1) cellPos[entryCell[e]][entryIndex[e]] += w;
          else cellNeg[entryCell[e]][entryIndex[e]] += w;
        }
      }
      long[][] pos = new long[ns][];
      long[][] neg = new long[ns][];
      for (int st = 0; st < ns; st++) {
        pos[st] = new long[strataCounts[st].distinct()];
        neg[st] = new long[strataCounts[st].distinct()];
      }
      for (int c = 0; c < nc; c++) {
        long[] cp = cellPos[c];
        long[] cn = cellNeg[c];
        int[] sts = strataOfCell[c];
        for (int j = 0; j < sts.length; j++) {
          long[] sp = pos[sts[j]];
          long[] sn = neg[sts[j]];
          int[] map = toStratum[c][j];
          for (int k = 0; k < cp.length; k++) {
            sp[map[k]] += cp[k];
            sn[map[k]] += cn[k];
          }
        }
      }
      for (int st = 0; st < ns; st++) {
        ScoreCounts rep = ScoreCounts.wrap(strataCounts[st].scores(), pos[st], neg[st]);
        out[st][0][r] = RankMetrics.averagePrecision(rep);
        out[st][1][r] = RankMetrics.brier(rep);
        RankMetrics.Calibration cal = RankMetrics.calibration(rep, logits[st], fullFit[st]);
        out[st][2][r] = cal.intercept();
        out[st][3][r] = cal.slope();
        out[st][4][r] = rep.confusion(threshold).netBenefit(threshold);
      }
    });
    return out;
  }

  /**
   * 95% percentile interval (2.5th and 97.5th percentiles, R type 7) of the defined replicate values;
   * NaN limits when fewer than half the replicates are defined.
   */
  static Interval percentile(double estimate, double[] values) {
    double[] v = new double[values.length];
    int m = 0;
    for (double x : values) if (!Double.isNaN(x)) v[m++] = x;
    if (Double.isNaN(estimate)) {
      return Interval.UNDEFINED;
    }
    if (m == 0 || m * 2 < values.length) {
      return new Interval(estimate, Double.NaN, Double.NaN, Interval.Method.BOOTSTRAP);
    }
    Arrays.sort(v, 0, m);
    return new Interval(estimate, Stats.quantileSorted(v, m, 0.025), Stats.quantileSorted(v, m, 0.975), Interval.Method.BOOTSTRAP);
  }
}
