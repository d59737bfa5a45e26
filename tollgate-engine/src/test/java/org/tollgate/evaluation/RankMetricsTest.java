package org.tollgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankMetricsTest {

  /** Positives 0.8, 0.6, 0.4; negatives 0.6, 0.3, 0.2, 0.1. */
  private static ScoreCounts hand() {
    double[] s = {0.8, 0.6, 0.4, 0.6, 0.3, 0.2, 0.1};
    byte[] l = {1, 1, 1, 0, 0, 0, 0};
    return ScoreCounts.fromCases(s, l, 0, s.length);
  }

  /** 12 pairs: 4 + (3 + ½) + 3 = 10.5 concordant → 0.875. */
  @Test
  void aurocCountsTiesAsHalf() {
    assertEquals(0.875, RankMetrics.auroc(hand()).auc(), 1e-15);
  }

  /**
   * DeLong by hand: V10 = (1, 3.5/4, 3/4) → mean 0.875, S10 = Σ(v − 0.875)²/2 = (0.015625 + 0 + 0.015625)/2;
   * V01 for negatives 0.6, 0.3, 0.2, 0.1 = (1.5/3, 1, 1, 1) → S01 = ((0.5−0.875)² + 3·0.125²)/3.
   */
  @Test
  void delongVarianceByHand() {
    double s10 = (0.015625 + 0 + 0.015625) / 2;
    double s01 = (Math.pow(0.5 - 0.875, 2) + 3 * Math.pow(0.125, 2)) / 3;
    assertEquals(s10 / 3 + s01 / 4, RankMetrics.auroc(hand()).variance(), 1e-15);
  }

  /** AP = 1/3·1 + 1/3·2/3 + 1/3·3/4 = 29/36. */
  @Test
  void averagePrecisionIsStepwiseWithoutInterpolation() {
    assertEquals(29.0 / 36, RankMetrics.averagePrecision(hand()), 1e-15);
  }

  @Test
  void brierIsMeanSquaredError() {
    double expected = (0.04 + 0.16 + 0.36 + 0.36 + 0.09 + 0.04 + 0.01) / 7;
    assertEquals(expected, RankMetrics.brier(hand()), 1e-15);
  }

  @Test
  void rankMetricsAreUndefinedWithOneClass() {
    ScoreCounts c = ScoreCounts.fromCases(new double[] {0.1, 0.2}, new byte[] {0, 0}, 0, 2);
    assertTrue(Double.isNaN(RankMetrics.auroc(c).auc()));
    assertTrue(Double.isNaN(RankMetrics.averagePrecision(c)));
    assertTrue(Double.isNaN(RankMetrics.calibration(c).slope()));
  }

  /** A perfectly calibrated large sample: labels drawn as exactly their score's share → intercept 0, slope 1. */
  @Test
  void perfectlyCalibratedCountsGiveInterceptZeroSlopeOne() {
    double[] s = {0.1, 0.3, 0.5, 0.7, 0.9};
    long[] pos = {10, 30, 50, 70, 90};
    long[] neg = {90, 70, 50, 30, 10};
    RankMetrics.Calibration c = RankMetrics.calibration(ScoreCounts.of(s, pos, neg));
    assertEquals(0, c.intercept(), 1e-10);
    assertEquals(1, c.slope(), 1e-10);
    assertEquals(0, c.slopeFitIntercept(), 1e-10);
  }

  @Test
  void mergingCountsEqualsCountingTheUnion() {
    java.util.Random r = new java.util.Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(60);
      double[] s = new double[n];
      byte[] l = new byte[n];
      for (int i = 0; i < n; i++) {
        s[i] = r.nextInt(20) / 20.0;
        l[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
      }
      int cut = r.nextInt(n + 1);
      ScoreCounts a = ScoreCounts.fromCases(s, l, 0, cut);
      ScoreCounts b = ScoreCounts.fromCases(s, l, cut, n);
      ScoreCounts all = ScoreCounts.fromCases(s, l, 0, n);
      assertEquals(all, a.merge(b));
      assertEquals(all, b.merge(a));
    }
  }

  @Test
  void confusionUsesScoreAtOrAboveThreshold() {
    Confusion c = hand().confusion(0.6);
    assertEquals(2, c.tp());
    assertEquals(1, c.fp());
    assertEquals(3, c.tn());
    assertEquals(1, c.fn());
  }
}
