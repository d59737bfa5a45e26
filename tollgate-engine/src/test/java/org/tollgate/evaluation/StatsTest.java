package org.tollgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

  /**
   * Newcombe RG (1998) Two-sided confidence intervals for the single proportion, Stat Med 17:857–872,
   * Table II, method 3 (Wilson score interval without continuity correction), printed to 4 decimals.
   */
  @Test
  void wilsonMatchesNewcombe1998TableII() {
    assertInterval(Stats.wilson(81, 263), 0.2553, 0.3662);
    assertInterval(Stats.wilson(15, 148), 0.0624, 0.1605);
    assertInterval(Stats.wilson(0, 20), 0.0000, 0.1611);
    assertInterval(Stats.wilson(1, 29), 0.0061, 0.1718);
  }

  @Test
  void wilsonIsUndefinedForEmptyDenominator() {
    assertTrue(Double.isNaN(Stats.wilson(0, 0).estimate()));
  }

  /**
   * Newcombe RG (1998b) Interval estimation for the difference between independent proportions, Stat
   * Med 17:873–890, Table II, method 10 (hybrid score): 56/70 − 48/80 → 0.0524 to 0.3339;
   * 9/10 − 3/10 → 0.1705 to 0.8090.
   */
  @Test
  void newcombeHybridScoreDifferenceMatchesNewcombe1998b() {
    assertInterval(Stats.newcombeDifference(56, 70, 48, 80), 0.0524, 0.3339);
    assertInterval(Stats.newcombeDifference(9, 10, 3, 10), 0.1705, 0.8090);
  }

  /** R 4.x: prop.test(c(56, 48), c(70, 80), correct = FALSE) gives X-squared 7.023411371, p-value 0.008045081368. */
  @Test
  void twoProportionTestEqualsPearsonChiSquareWithoutCorrection() {
    assertEquals(0.008045081368, Stats.twoProportionP(56, 70, 48, 80), 1e-11);
  }

  /** Holm (1979): p = (0.01, 0.04, 0.03, 0.005) with m = 4 → (0.03, 0.06, 0.06, 0.02). */
  @Test
  void holmAdjustsStepDownAndKeepsMonotone() {
    double[] adj = Stats.holm(new double[] {0.01, 0.04, 0.03, 0.005});
    assertEquals(0.03, adj[0], 1e-12);
    assertEquals(0.06, adj[1], 1e-12);
    assertEquals(0.06, adj[2], 1e-12);
    assertEquals(0.02, adj[3], 1e-12);
  }

  @Test
  void holmIgnoresUndefinedPValues() {
    double[] adj = Stats.holm(new double[] {0.02, Double.NaN, 0.01});
    assertEquals(0.02, adj[0], 1e-12);
    assertTrue(Double.isNaN(adj[1]));
    assertEquals(0.02, adj[2], 1e-12);
  }

  /**
   * Minimum detectable difference: at the returned δ the Fleiss power equation balances (two-sided
   * α 0.05, power 0.8), and it shrinks as the group grows.
   */
  @Test
  void minimumDetectableDifferenceSolvesThePowerEquation() {
    double d = Stats.minimumDetectableDifference(1000, 1000, 0.8);
    double p1 = 0.8 - d;
    double pbar = (p1 + 0.8) / 2;
    double need = Stats.Z95 * Math.sqrt(pbar * (1 - pbar) * 2.0 / 1000) + Stats.Z80 * Math.sqrt((p1 * (1 - p1) + 0.16) / 1000);
    assertEquals(need, d, 1e-9);
    assertTrue(Stats.minimumDetectableDifference(4000, 1000, 0.8) < d);
  }

  @Test
  void tinyGroupsCannotDetectAnything() {
    assertTrue(Stats.minimumDetectableDifference(3, 5000, 0.5) > 0.5 || Double.isNaN(Stats.minimumDetectableDifference(3, 5000, 0.5)));
  }

  @Test
  void quantileInterpolatesLikeRType7() {
    double[] x = {1, 2, 3, 4};
    // R: quantile(1:4, c(0.025, 0.5, 0.975)) = 1.075 2.5 3.925
    assertEquals(1.075, Stats.quantileSorted(x, 4, 0.025), 1e-12);
    assertEquals(2.5, Stats.quantileSorted(x, 4, 0.5), 1e-12);
    assertEquals(3.925, Stats.quantileSorted(x, 4, 0.975), 1e-12);
  }

  private static void assertInterval(Interval i, double lo, double hi) {
    assertEquals(lo, i.lower(), 5e-5, "lower of " + i);
    assertEquals(hi, i.upper(), 5e-5, "upper of " + i);
  }

  @Test
  void aurocPowerFigureIsUndefinedWithoutBothClassesAndShrinksWithMoreCases() {
    assertTrue(Double.isNaN(Stats.minimumDetectableAurocDifference(0, 100, 50, 500, 0.8)));
    assertTrue(Double.isNaN(Stats.minimumDetectableAurocDifference(50, 100, 50, 0, 0.8)));
    assertTrue(Double.isNaN(Stats.hanleyMcNeilVariance(0.8, 0, 10)));
    assertEquals(0, Stats.hanleyMcNeilVariance(1, 10, 10), 0);
    // Two positives show only a huge AUROC difference with 80% power.
    assertTrue(Stats.minimumDetectableAurocDifference(2, 40, 500, 5000, 0.8) > 0.3);
    assertTrue(Stats.minimumDetectableAurocDifference(400, 4000, 400, 4000, 0.8) < Stats.minimumDetectableAurocDifference(100, 1000, 400, 4000, 0.8));
  }
}
