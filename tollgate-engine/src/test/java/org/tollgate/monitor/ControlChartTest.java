package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Control limits and CUSUM against the worked examples of Montgomery, Introduction to Statistical Quality Control (7th ed., Wiley 2013). */
class ControlChartTest {

  /**
   * §7.3.1, the u chart for nonconformities in personal computers: 20 samples of n = 5 computers, ū = 1.93,
   * UCL = ū + 3√(ū/n) = 3.79, LCL = 0.07 (two decimals, as printed).
   */
  @Test
  void uChartLimitsOfMontgomerysComputerExample() {
    ControlChart.Limits l = ControlChart.uLimits(1.93, 5, 1, 3);
    assertEquals(1.93, l.center(), 1e-12);
    assertEquals(3.79, l.upper(), 0.005);
    assertEquals(0.07, l.lower(), 0.005);
  }

  /** Fewer patient-days widen the limits on the rate; over-dispersion widens them by √φ; the lower limit stops at 0. */
  @Test
  void limitsScaleWithExposureAndDispersion() {
    ControlChart.Limits big = ControlChart.uLimits(0.1, 1000, 1, 3);
    ControlChart.Limits small = ControlChart.uLimits(0.1, 250, 1, 3);
    assertEquals(2 * (big.upper() - 0.1), small.upper() - 0.1, 1e-12);
    ControlChart.Limits over = ControlChart.uLimits(0.1, 1000, 4, 3);
    assertEquals(2 * (big.upper() - 0.1), over.upper() - 0.1, 1e-12);
    assertEquals(0, ControlChart.uLimits(0.1, 1, 1, 3).lower());
  }

  /** Pearson χ²/(k−1) by hand: counts 8, 12, 10 at exposure 100 each, rate 0.1: (4 + 4 + 0)/10 / 2 = 0.4, floored at 1; 2, 18, 10: (64+64)/10/2 = 6.4. */
  @Test
  void dispersionIsPearsonChiSquareOverDegreesOfFreedomFlooredAtOne() {
    double[] n = {100, 100, 100};
    assertEquals(1, ControlChart.dispersion(new long[] {8, 12, 10}, n, 0.1), 1e-12);
    assertEquals(6.4, ControlChart.dispersion(new long[] {2, 18, 10}, n, 0.1), 1e-12);
    assertEquals(0.1, ControlChart.rate(new long[] {2, 18, 10}, n), 1e-12);
  }

  /**
   * Example 9.1 (Table 9.1 data, Table 9.2 tabular CUSUM): μ₀ = 10, σ = 1, K = 0.5, H = 5. The upper CUSUM first
   * exceeds H at observation 29 with C⁺₂₉ = 5.28 and N⁺ = 7 (the shift began after observation 22).
   */
  @Test
  void tabularCusumOfMontgomerysExample91() {
    double[] x = {9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84,
      10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52};
    ControlChart.CusumStep[] c = ControlChart.cusum(x, 10, 1, 0.5, 5);
    assertEquals(1.16, c[3].plus(), 0.005);
    assertEquals(2.82, c[4].plus(), 0.005);
    assertEquals(1.77, c[2].minus(), 0.005);
    assertEquals(4.47, c[27].plus(), 0.005);
    assertEquals(5.28, c[28].plus(), 0.005);
    assertEquals(7, c[28].runPlus());
    for (int i = 0; i < 28; i++) assertFalse(c[i].signal(), "no signal before observation 29, at " + (i + 1));
    assertTrue(c[28].signal());
    // Reinitialised after the signal: observation 30 starts a new sum, 10.52 − 10.5.
    assertEquals(0.02, c[29].plus(), 1e-9);
    assertFalse(c[29].signal());
  }
}
