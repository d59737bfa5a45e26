package org.tollgate.monitor;

import java.util.Arrays;

/**
 * Score and input drift between the approved data (the reference) and a live period.
 *
 * <h2>Population stability index</h2>
 * Bins are fixed once, on the reference: edges at the reference's deciles (quantiles 0.1, …, 0.9, type 7
 * as {@link Distribution#quantile}), repeated edges dropped (a score with many ties at one value gives
 * fewer than ten bins); bin j holds e_j ≤ x &lt; e_{j+1}, the first bin everything below e₁, the last
 * everything from e_k up. With r_j and a_j the reference and live shares of bin j, each floored at
 * ε = {@value #PSI_FLOOR} so that an empty bin contributes a large but finite term,
 * <pre>PSI = Σ_j (a_j − r_j) · ln(a_j / r_j)</pre>
 * (Siddiqi, <i>Credit Risk Scorecards</i>, Wiley 2006, ch. 8; Yurdakul &amp; Naranjo, "Statistical
 * properties of the population stability index", J. Risk Model Validation 14(4), 2020,
 * doi:10.21314/JRMV.2020.227). Read as: below 0.1 no shift, 0.1–0.25 moderate, above 0.25 major. PSI is
 * NaN when either side is empty.
 *
 * <h2>Two-sample Kolmogorov–Smirnov</h2>
 * D = sup_x |F_ref(x) − F_live(x)| over the empirical distribution functions, evaluated at every
 * distinct value of either sample (ties handled exactly, as {@code scipy.stats.ks_2samp} does). The
 * p-value is the Kolmogorov limiting distribution at λ = √(m·n/(m+n))·D (Smirnov 1948, doi:10.1214/aoms/1177730256):
 * <pre>Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}</pre>
 * and for λ &lt; 1.18 the equivalent, faster-converging form 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}
 * (the same value; Marsaglia, Tsang &amp; Wang 2003, doi:10.18637/jss.v008.i18). This is SciPy's
 * {@code kstwobign.sf}; {@code ks_2samp(method='asymp')} uses the finite-n distribution at n = round(mn/(m+n)),
 * which differs from it by a few per cent in the p-value at the sample sizes of a monitoring period
 * (thousands of rows). Rows of one encounter are not independent, so the p-value overstates the evidence;
 * the guardrails judge drift by PSI and report KS alongside.
 */
public final class Drift {
  /** Floor of a bin's share in the PSI. */
  public static final double PSI_FLOOR = 1e-4;

  private Drift() {}

  /** A Kolmogorov–Smirnov result: the statistic D and its asymptotic p-value (NaN when a sample is empty). */
  public record Ks(double d, double p) {}

  /** The PSI bin edges fixed on the reference: its deciles, repeated values dropped; empty when the reference is. */
  public static double[] psiEdges(Distribution reference) {
    if (reference.n() == 0) return new double[0];
    double[] e = new double[9];
    int k = 0;
    for (int j = 1; j <= 9; j++) {
      double q = reference.quantile(j / 10.0);
      if (k == 0 || q > e[k - 1]) e[k++] = q;
    }
    return Arrays.copyOf(e, k);
  }

  /** PSI of the live values against the reference, in the reference's bins {@code edges}. */
  public static double psi(Distribution reference, Distribution live, double[] edges) {
    return psi(reference.binCounts(edges), live.binCounts(edges));
  }

  /** PSI from bin counts of the reference and of the live data (same bins). */
  public static double psi(long[] reference, long[] live) {
    if (reference.length != live.length) throw new IllegalArgumentException("bin counts differ in length");
    long nr = 0;
    long nl = 0;
    for (int i = 0; i < reference.length; i++) {
      nr += reference[i];
      nl += live[i];
    }
    if (nr == 0 || nl == 0) return Double.NaN;
    double s = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = Math.max(PSI_FLOOR, (double) reference[i] / nr);
      double a = Math.max(PSI_FLOOR, (double) live[i] / nl);
      s += (a - r) * Math.log(a / r);
    }
    return s;
  }

  /** Two-sample KS of raw values. */
  public static Ks ks(double[] a, double[] b) {
    return ks(Distribution.ofValues(a), Distribution.ofValues(b));
  }

  /** Two-sample KS of two histograms of exact values. */
  public static Ks ks(Distribution a, Distribution b) {
    long m = a.n();
    long n = b.n();
    if (m == 0 || n == 0) return new Ks(Double.NaN, Double.NaN);
    long ca = 0;
    long cb = 0;
    double d = 0;
    int i = 0;
    int j = 0;
    while (i < a.distinct() || j < b.distinct()) {
      double x = i == a.distinct() ? b.value(j) : j == b.distinct() ? a.value(i) : Math.min(a.value(i), b.value(j));
      if (i < a.distinct() && a.value(i) == x) ca += a.count(i++);
      if (j < b.distinct() && b.value(j) == x) cb += b.count(j++);
      d = Math.max(d, Math.abs((double) ca / m - (double) cb / n));
    }
    double en = (double) m * n / (m + n);
    return new Ks(d, kolmogorovSf(Math.sqrt(en) * d));
  }

  /** Q(λ) = P(K &gt; λ) of the Kolmogorov distribution; 1 for λ ≤ 0. */
  public static double kolmogorovSf(double lambda) {
    if (!(lambda > 0)) return 1;
    if (lambda < 1.18) {
      double w = Math.sqrt(2 * Math.PI) / lambda;
      double f = -Math.PI * Math.PI / (8 * lambda * lambda);
      double s = 0;
      for (int k = 1; k <= 50; k += 2) {
        double t = Math.exp(f * k * k);
        s += t;
        if (t < 1e-300) break;
      }
      return 1 - w * s;
    }
    double s = 0;
    for (int k = 1; k <= 100; k++) {
      double t = Math.exp(-2.0 * k * k * lambda * lambda);
      s += (k % 2 == 1 ? t : -t);
      if (t < 1e-300) break;
    }
    return Math.max(0, 2 * s);
  }
}
