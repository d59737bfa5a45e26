package org.tollgate.evaluation;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Interval and test formulas for proportions, and multiple-comparison adjustment. Each method's
 * javadoc gives the formula and its reference; all intervals are two-sided 95%.
 */
public final class Stats {
  /** Φ⁻¹(0.975). */
  public static final double Z95 = 1.959963984540054;
  /** Φ⁻¹(0.8), for 80% power. */
  public static final double Z80 = 0.8416212335729143;

  private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

  private Stats() {}

  /**
   * Wilson score interval (Wilson 1927; Newcombe 1998 method 3, doi:10.1002/(SICI)1097-0258(19980430)17:8&lt;857::AID-SIM777&gt;3.0.CO;2-E):
   * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Undefined (NaN) when n = 0. The counts may be real numbers:
   * the effective counts of a cluster-aware interval (x/deff, n/deff; {@code org.tollgate.alerts.AlertPpv}) go in as they are.
   */
  public static Interval wilson(double x, double n) {
    if (n <= 0) {
      return Interval.UNDEFINED;
    }
    double p = (double) x / n;
    double z2 = Z95 * Z95;
    double den = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / den;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
    double lo = x == 0 ? 0 : Math.max(0, centre - half);
    double hi = x == n ? 1 : Math.min(1, centre + half);
    return new Interval(p, lo, hi, Interval.Method.WILSON);
  }

  /**
   * Difference of two independent proportions x1/n1 − x2/n2 with Newcombe's hybrid score interval
   * (Newcombe 1998b method 10, doi:10.1002/(SICI)1097-0258(19980430)17:8&lt;873::AID-SIM779&gt;3.0.CO;2-I):
   * L = δ − √((p1−l1)² + (u2−p2)²), U = δ + √((u1−p1)² + (p2−l2)²), with (l, u) the Wilson limits.
   */
  public static Interval newcombeDifference(double x1, double n1, double x2, double n2) {
    if (n1 <= 0 || n2 <= 0) {
      return Interval.UNDEFINED;
    }
    Interval w1 = wilson(x1, n1);
    Interval w2 = wilson(x2, n2);
    double p1 = w1.estimate();
    double p2 = w2.estimate();
    double d = p1 - p2;
    double lo = d - Math.sqrt(sq(p1 - w1.lower()) + sq(w2.upper() - p2));
    double hi = d + Math.sqrt(sq(w1.upper() - p1) + sq(p2 - w2.lower()));
    return new Interval(d, lo, hi, Interval.Method.NEWCOMBE);
  }

  /**
   * Ratio of two independent proportions (x1/n1)/(x2/n2) with the Katz log interval
   * (Katz et al. 1978, doi:10.2307/2530610): exp(ln RR ± z·√(1/x1 − 1/n1 + 1/x2 − 1/n2)). The estimate
   * is NaN when x2 = 0; the interval is NaN when x1 or x2 is 0.
   */
  public static Interval katzRatio(double x1, double n1, double x2, double n2) {
    if (n1 <= 0 || n2 <= 0 || x2 == 0) {
      return Interval.UNDEFINED;
    }
    double rr = ((double) x1 / n1) / ((double) x2 / n2);
    if (x1 == 0) {
      return new Interval(rr, Double.NaN, Double.NaN, Interval.Method.KATZ);
    }
    double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
    return new Interval(rr, rr * Math.exp(-Z95 * se), rr * Math.exp(Z95 * se), Interval.Method.KATZ);
  }

  /**
   * Two-sided p-value of the pooled two-proportion z test: z = (p1 − p2)/√(p̄(1−p̄)(1/n1 + 1/n2)).
   * Equals the p-value of Pearson's χ² test without continuity correction (R's
   * {@code prop.test(correct = FALSE)}). 1 when the pooled proportion is 0 or 1.
   */
  public static double twoProportionP(double x1, double n1, double x2, double n2) {
    if (n1 <= 0 || n2 <= 0) {
      return Double.NaN;
    }
    double pbar = (double) (x1 + x2) / (n1 + n2);
    double v = pbar * (1 - pbar) * (1.0 / n1 + 1.0 / n2);
    if (v <= 0) {
      return 1;
    }
    double z = ((double) x1 / n1 - (double) x2 / n2) / Math.sqrt(v);
    return twoSidedP(z);
  }

  /** 2·(1 − Φ(|z|)). */
  public static double twoSidedP(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return Math.min(1, 2 * STD_NORMAL.survivalProbability(Math.abs(z)));
  }

  /** Unpaired DeLong comparison of two AUROCs: statistic D, degrees of freedom, two-sided p, and the 95% interval of the difference. */
  public record AurocComparison(double statistic, double df, double p, Interval difference) {}

  /**
   * Unpaired comparison of two independent AUROCs as R pROC's {@code roc.test(method = "delong",
   * paired = FALSE)}: D = (A1 − A2)/√(V1 + V2) with DeLong variances V, referred to Student's t with
   * Welch–Satterthwaite degrees of freedom df = (V1 + V2)² / (V1²/(N1 − 1) + V2²/(N2 − 1)), N the
   * number of cases (positives + negatives) of each curve. The interval is (A1 − A2) ± t_{0.975, df}·√(V1 + V2).
   */
  public static AurocComparison unpairedDelong(double auc1, double var1, long n1, double auc2, double var2, long n2) {
    double v = var1 + var2;
    double d = auc1 - auc2;
    if (!(v > 0) || n1 < 2 || n2 < 2) {
      return new AurocComparison(Double.NaN, Double.NaN, Double.NaN, Interval.UNDEFINED);
    }
    double stat = d / Math.sqrt(v);
    double df = v * v / (var1 * var1 / (n1 - 1) + var2 * var2 / (n2 - 1));
    TDistribution t = TDistribution.of(df);
    double p = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(stat)));
    double q = t.inverseCumulativeProbability(0.975);
    return new AurocComparison(stat, df, p, new Interval(d, d - q * Math.sqrt(v), d + q * Math.sqrt(v), Interval.Method.DELONG));
  }

  /** Φ⁻¹(p). */
  public static double normalQuantile(double p) {
    return STD_NORMAL.inverseCumulativeProbability(p);
  }

  /**
   * Holm (1979) step-down adjusted p-values: sort ascending, p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)).
   * NaN entries are left NaN and do not count towards m.
   */
  public static double[] holm(double[] p) {
    int m = 0;
    for (double v : p) {
      if (!Double.isNaN(v)) m++;
    }
    Integer[] idx = new Integer[p.length];
    for (int i = 0; i < p.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> Double.compare(
        Double.isNaN(p[a]) ? 2 : p[a], Double.isNaN(p[b]) ? 2 : p[b]));
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = idx[rank];
      double adj = Math.min(1, (m - rank) * p[i]);
      running = Math.max(running, adj);
      out[i] = running;
    }
    return out;
  }

  /**
   * Smallest difference δ &gt; 0 between a group's proportion and the reference proportion p0 that a
   * two-sided pooled two-proportion z test at α = 0.05 detects with 80% power, with n1 cases in the
   * group and n0 in the reference (Fleiss, Levin &amp; Paik 2003, eq. 4.14):
   * z_{α/2}·√(p̄(1−p̄)(1/n1+1/n0)) + z_β·√(p1(1−p1)/n1 + p0(1−p0)/n0) = |p1 − p0|, p̄ = (n1 p1 + n0 p0)/(n1+n0).
   * Looks in the direction with more room (p1 below p0 when p0 ≥ ½, else above) and solves by bisection.
   * Returns NaN when no δ up to the boundary has that power (the group is too small to detect anything).
   */
  public static double minimumDetectableDifference(double n1, double n0, double p0) {
    if (n1 <= 0 || n0 <= 0 || Double.isNaN(p0)) {
      return Double.NaN;
    }
    double dir = p0 >= 0.5 ? -1 : 1;
    double room = p0 >= 0.5 ? p0 : 1 - p0;
    if (gap(room, dir, n1, n0, p0) < 0) {
      return Double.NaN;
    }
    double lo = 0;
    double hi = room;
    for (int it = 0; it < 100; it++) {
      double mid = 0.5 * (lo + hi);
      if (gap(mid, dir, n1, n0, p0) >= 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static double gap(double delta, double dir, double n1, double n0, double p0) {
    double p1 = p0 + dir * delta;
    double pbar = (n1 * p1 + n0 * p0) / (n1 + n0);
    double need = Z95 * Math.sqrt(pbar * (1 - pbar) * (1.0 / n1 + 1.0 / n0))
        + Z80 * Math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
    return delta - need;
  }

  /**
   * Variance of an AUROC estimated from {@code positives} cases and {@code negatives} controls when the true area is
   * {@code auc} (Hanley &amp; McNeil 1982, eq. 2, doi:10.1148/radiology.143.1.7063747):
   * V(A) = [A(1−A) + (n₁ − 1)(Q₁ − A²) + (n₀ − 1)(Q₂ − A²)] / (n₁·n₀), Q₁ = A/(2 − A), Q₂ = 2A²/(1 + A),
   * n₁ the positives, n₀ the negatives (Q₁, Q₂ from the exponential model of the two score distributions).
   * It needs only the area and the two counts, so it serves as a planning variance (power, minimum detectable
   * difference) where the DeLong variance of the data at hand is the one for intervals and tests.
   * NaN when either count is 0 or the area is outside [0, 1]; 0 at A = 0 or 1.
   */
  public static double hanleyMcNeilVariance(double auc, long positives, long negatives) {
    if (positives <= 0 || negatives <= 0 || !(auc >= 0 && auc <= 1)) return Double.NaN;
    double a2 = auc * auc;
    double q1 = auc / (2 - auc);
    double q2 = 2 * a2 / (1 + auc);
    return (auc * (1 - auc) + (positives - 1) * (q1 - a2) + (negatives - 1) * (q2 - a2)) / ((double) positives * negatives);
  }

  /**
   * Smallest difference δ &gt; 0 between a group's AUROC and the reference AUROC A₀ that a two-sided z test of two
   * independent AUROCs at α = 0.05 detects with 80% power, with the Hanley–McNeil variance V ({@link
   * #hanleyMcNeilVariance}) of each group's own positives and negatives (Hanley &amp; McNeil 1982, doi:10.1148/radiology.143.1.7063747,
   * in the two-sample power equation for independent samples, the form {@link #minimumDetectableDifference} uses for proportions):
   * z_{α/2}·√(V(A₀; n₁⁺, n₁⁻) + V(A₀; n₀⁺, n₀⁻)) + z_β·√(V(A₁; n₁⁺, n₁⁻) + V(A₀; n₀⁺, n₀⁻)) = δ, A₁ = A₀ ∓ δ:
   * the null variance at A₀ for both groups, the alternative's at the group's A₁. Looks in the direction with more
   * room (A₁ below A₀ when A₀ ≥ ½, else above) and solves by bisection, like {@link #minimumDetectableDifference}.
   * It needs the four class counts and A₀ only, never a true-positive count. NaN when a count is 0, A₀ is NaN, or no
   * δ up to the boundary has that power.
   */
  public static double minimumDetectableAurocDifference(long positives1, long negatives1, long positives0, long negatives0, double auc0) {
    if (positives1 <= 0 || negatives1 <= 0 || positives0 <= 0 || negatives0 <= 0 || !(auc0 >= 0 && auc0 <= 1)) return Double.NaN;
    double dir = auc0 >= 0.5 ? -1 : 1;
    double room = auc0 >= 0.5 ? auc0 : 1 - auc0;
    double v0 = hanleyMcNeilVariance(auc0, positives0, negatives0);
    double null1 = hanleyMcNeilVariance(auc0, positives1, negatives1);
    java.util.function.DoubleUnaryOperator gap = delta -> delta
        - (Z95 * Math.sqrt(null1 + v0) + Z80 * Math.sqrt(hanleyMcNeilVariance(auc0 + dir * delta, positives1, negatives1) + v0));
    if (gap.applyAsDouble(room) < 0) return Double.NaN;
    double lo = 0;
    double hi = room;
    for (int it = 0; it < 100; it++) {
      double mid = 0.5 * (lo + hi);
      if (gap.applyAsDouble(mid) >= 0) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /**
   * Quantile of sorted data by linear interpolation between order statistics (R type 7, numpy's
   * default): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
   */
  public static double quantileSorted(double[] sorted, int n, double q) {
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double sq(double v) {
    return v * v;
  }
}
