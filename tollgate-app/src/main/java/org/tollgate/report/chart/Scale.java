package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from data values [d0, d1] to pixels [r0, r1]: px(v) = r0 + (v − d0) / (d1 − d0) × (r1 − r0).
 * For a y axis r0 is the bottom pixel and r1 the top one, so larger values sit higher.
 */
public record Scale(double d0, double d1, double r0, double r1) {
  public Scale {
    if (!(Double.isFinite(d0) && Double.isFinite(d1)) || d0 == d1) {
      throw new IllegalArgumentException("a scale needs a finite, non-empty domain, got [" + d0 + ", " + d1 + "]");
    }
  }

  public double px(double v) {
    return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }

  /** px(v) with v clamped to the domain, for marks that must stay inside the plot. */
  public double clampedPx(double v) {
    double lo = Math.min(d0, d1);
    double hi = Math.max(d0, d1);
    return px(Math.max(lo, Math.min(hi, v)));
  }

  /**
   * A "nice" tick step near (hi − lo) / (target − 1): 1, 2 or 5 times a power of ten (Heckbert, "Nice
   * numbers for graph labels", Graphics Gems 1990).
   */
  public static double niceStep(double lo, double hi, int target) {
    double raw = (hi - lo) / Math.max(1, target - 1);
    if (!(raw > 0)) return 1;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * mag;
  }

  /** [lo, hi] widened outwards to multiples of the nice step (an empty range is widened by ±1 or ±10%). */
  public static double[] niceDomain(double lo, double hi, int target) {
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double step = niceStep(lo, hi, target);
    return new double[] {Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step};
  }

  /**
   * The domain to draw: [from, to] where given (not NaN); where not, the data's finite extent (or [0, 1]
   * without data) widened to nice ticks.
   */
  static double[] domain(double from, double to, java.util.List<double[]> data, int ticks) {
    if (!Double.isNaN(from) && !Double.isNaN(to)) return new double[] {from, to};
    double mn = Double.POSITIVE_INFINITY;
    double mx = Double.NEGATIVE_INFINITY;
    for (double[] v : data) {
      for (double d : v) {
        if (Double.isFinite(d)) {
          mn = Math.min(mn, d);
          mx = Math.max(mx, d);
        }
      }
    }
    if (mn == Double.POSITIVE_INFINITY) {
      mn = 0;
      mx = 1;
    }
    if (!Double.isNaN(from)) mn = from;
    if (!Double.isNaN(to)) mx = to;
    double[] n = niceDomain(mn, mx, ticks);
    return new double[] {Double.isNaN(from) ? n[0] : from, Double.isNaN(to) ? n[1] : to};
  }

  /** Ticks at multiples of the nice step inside the domain. */
  public List<Double> ticks(int target) {
    double lo = Math.min(d0, d1);
    double hi = Math.max(d0, d1);
    double step = niceStep(lo, hi, target);
    List<Double> t = new ArrayList<>();
    for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
      double v = k * step;
      t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return t;
  }
}
