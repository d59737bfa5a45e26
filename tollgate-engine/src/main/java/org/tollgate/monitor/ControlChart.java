package org.tollgate.monitor;

/**
 * Control limits for counts of alerts against the exposure that produced them (patient-days), so that a
 * change in census (volume) is told apart from a change in the rate per patient.
 *
 * <h2>u chart</h2>
 * With ū the approved rate (alerts per patient-day), a period of n patient-days has expected count ū·n
 * and, for Poisson counts, rate variance ū/n; with over-dispersion φ ≥ 1 (quasi-Poisson), φ·ū/n. The
 * limits are
 * <pre>ū ± L·√(φ·ū / n),  lower limit floored at 0</pre>
 * with L = 3 by default (Montgomery, <i>Introduction to Statistical Quality Control</i>, 7th ed., Wiley
 * 2013, §7.3.1, the u chart; Spiegelhalter, "Funnel plots for comparing institutional performance",
 * Stat Med 24:1185, 2005, doi:10.1002/sim.1970, §3.3, for the multiplicative over-dispersion). Because the
 * limits scale with n, a week with fewer patients has wider limits on its rate and a proportionally lower
 * expected count: a census that falls while the rate holds stays inside; a rate that rises is outside.
 *
 * <h2>Over-dispersion</h2>
 * φ is estimated on the approved run's own periods (k of them, counts x_i, exposures n_i) as Pearson's
 * χ²/(k − 1) = Σ (x_i − ū n_i)² / (ū n_i) / (k − 1), and floored at 1 (no under-dispersion is assumed);
 * 1 when k &lt; 2 or ū = 0. Alerts come in clusters (one patient, several re-fires), so φ is usually above 1.
 *
 * <h2>Tabular CUSUM</h2>
 * For standardised observations x_i with target μ₀ and σ, reference value K = k·σ and decision interval
 * H = h·σ (Montgomery §9.1.2, eqs. 9.2–9.3):
 * <pre>C⁺_i = max(0, x_i − (μ₀ + K) + C⁺_{i−1}),  C⁻_i = max(0, (μ₀ − K) − x_i + C⁻_{i−1}),  C⁺₀ = C⁻₀ = 0</pre>
 * A signal when C⁺ or C⁻ exceeds H; N⁺ and N⁻ count the consecutive periods each has been non-zero (the
 * shift began about N periods before the signal). The monitor feeds it z_i = (x_i − ū n_i)/√(φ ū n_i)
 * with k = ½, h = 5 (Montgomery's recommendation for detecting a shift of about one standard deviation;
 * in-control ARL ≈ 465 periods). After a signal both sums restart from 0 in the next period (Montgomery:
 * the CUSUM is reinitialised once the signal is acted on), so a shift that persists signals again after a
 * few periods and one that has ended stops signalling.
 */
public final class ControlChart {
  /** Default width of the limits, in standard deviations. */
  public static final double DEFAULT_L = 3;
  /** Default CUSUM reference value k, in standard deviations. */
  public static final double DEFAULT_K = 0.5;
  /** Default CUSUM decision interval h, in standard deviations. */
  public static final double DEFAULT_H = 5;

  private ControlChart() {}

  /** A centre line with its lower and upper control limit. */
  public record Limits(double center, double lower, double upper) {
    public boolean contains(double x) {
      return x >= lower && x <= upper;
    }
  }

  /** One CUSUM step: the two sums, their run lengths, and whether either exceeds H. */
  public record CusumStep(double plus, double minus, int runPlus, int runMinus, boolean signal) {}

  /**
   * u-chart limits for a period.
   *
   * @param rate the approved rate ū per unit of exposure (≥ 0)
   * @param exposure the period's exposure n (&gt; 0)
   * @param phi over-dispersion φ (≥ 1)
   * @param l width L in standard deviations
   */
  public static Limits uLimits(double rate, double exposure, double phi, double l) {
    if (!(rate >= 0) || !(exposure > 0) || !(phi > 0) || !(l > 0)) {
      throw new IllegalArgumentException("u limits need rate ≥ 0, exposure > 0, φ > 0, L > 0; got " + rate + ", " + exposure + ", " + phi + ", " + l);
    }
    double half = l * Math.sqrt(phi * rate / exposure);
    return new Limits(rate, Math.max(0, rate - half), rate + half);
  }

  /** The pooled rate Σx / Σn of periods, NaN when there is no exposure. */
  public static double rate(long[] counts, double[] exposure) {
    double x = 0;
    double n = 0;
    for (int i = 0; i < counts.length; i++) {
      x += counts[i];
      n += exposure[i];
    }
    return n > 0 ? x / n : Double.NaN;
  }

  /** Pearson over-dispersion of counts about {@code rate} × exposure, floored at 1; periods without exposure are skipped. */
  public static double dispersion(long[] counts, double[] exposure, double rate) {
    double chi2 = 0;
    int k = 0;
    for (int i = 0; i < counts.length; i++) {
      if (!(exposure[i] > 0)) continue;
      double e = rate * exposure[i];
      if (e > 0) {
        chi2 += (counts[i] - e) * (counts[i] - e) / e;
        k++;
      }
    }
    if (k < 2) return 1;
    return Math.max(1, chi2 / (k - 1));
  }

  /** The standardised count z = (x − ū n)/√(φ ū n); NaN when the expected count is 0. */
  public static double standardised(long count, double rate, double exposure, double phi) {
    double e = rate * exposure;
    return e > 0 ? (count - e) / Math.sqrt(phi * e) : Double.NaN;
  }

  /** The tabular CUSUM of {@code x} (NaN observations leave the sums unchanged), restarting from 0 after each signal. */
  public static CusumStep[] cusum(double[] x, double mu0, double sigma, double k, double h) {
    CusumStep[] out = new CusumStep[x.length];
    double cp = 0;
    double cm = 0;
    int np = 0;
    int nm = 0;
    for (int i = 0; i < x.length; i++) {
      if (i > 0 && out[i - 1].signal()) {
        cp = 0;
        cm = 0;
        np = 0;
        nm = 0;
      }
      if (!Double.isNaN(x[i])) {
        cp = Math.max(0, x[i] - (mu0 + k * sigma) + cp);
        cm = Math.max(0, (mu0 - k * sigma) - x[i] + cm);
        np = cp > 0 ? np + 1 : 0;
        nm = cm > 0 ? nm + 1 : 0;
      }
      out[i] = new CusumStep(cp, cm, np, nm, cp > h * sigma || cm > h * sigma);
    }
    return out;
  }
}
