package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A map from data values [d0, d1] to pixels [r0, r1]. Linear (the default): px(v) = r0 + (v − d0) / (d1 − d0) × (r1 − r0).
 * For a y axis r0 is the bottom pixel and r1 the top one, so larger values sit higher.
 *
 * <p>Logarithmic ({@link #log}), for data spread over several powers of ten (policies from 0.03 to 220 false-alert
 * minutes a day): values go through t(v) = sign(v) · log10(1 + |v| / c) before the linear map, the "symmetric log"
 * transform (Webber, "A bi-symmetric log transformation for wide-range data", Meas. Sci. Technol. 24 (2013) 027001,
 * doi:10.1088/0957-0233/24/2/027001). Unlike a plain logarithm it is defined at zero (a policy with no false alerts
 * sits on the axis, not off the chart); for |v| ≫ c it is log10(|v| / c), so the powers of ten above c are evenly
 * spaced; below c it is nearly linear.
 *
 * @param linear c, the value where the scale turns from nearly linear to logarithmic; NaN for a linear scale
 */
public record Scale(double d0, double d1, double r0, double r1, double linear) {
  public Scale {
    if (!(Double.isFinite(d0) && Double.isFinite(d1)) || d0 == d1) {
      throw new IllegalArgumentException("a scale needs a finite, non-empty domain, got [" + d0 + ", " + d1 + "]");
    }
    if (!Double.isNaN(linear) && !(linear > 0 && Double.isFinite(linear))) {
      throw new IllegalArgumentException("a log scale's linear part must be a positive number, got " + linear);
    }
  }

  /** A linear scale. */
  public Scale(double d0, double d1, double r0, double r1) {
    this(d0, d1, r0, r1, Double.NaN);
  }

  /** A symmetric-log scale whose logarithmic part starts at {@code linear} (see the class comment). */
  public static Scale log(double d0, double d1, double r0, double r1, double linear) {
    return new Scale(d0, d1, r0, r1, linear);
  }

  /** Whether this scale is logarithmic. */
  public boolean isLog() {
    return !Double.isNaN(linear);
  }

  private double t(double v) {
    return isLog() ? Math.signum(v) * Math.log10(1 + Math.abs(v) / linear) : v;
  }

  public double px(double v) {
    return r0 + (t(v) - t(d0)) / (t(d1) - t(d0)) * (r1 - r0);
  }

  /**
   * Whether values spread over enough powers of ten that a linear axis would crowd most of them against zero: the
   * largest finite value is at least 100 times the smallest positive one. (On a linear axis from 0 to 220, everything
   * below 2.2 shares the first pixel or two.)
   */
  public static boolean spreadAsksForLog(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isFinite(v)) continue;
      if (v > 0) min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return min < Double.POSITIVE_INFINITY && max >= 100 * min;
  }

  /**
   * The linear part for a log axis over these values: the power of ten at or below the smallest positive value, but
   * no more than four powers of ten below the largest (so the axis keeps at most about five labelled decades).
   */
  public static double linearPart(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double v : values) {
      if (Double.isFinite(v) && v > 0) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min == Double.POSITIVE_INFINITY) return 1;
    double c = Math.pow(10, Math.floor(Math.log10(min) + 1e-9));
    return Math.max(c, Math.pow(10, Math.floor(Math.log10(max) + 1e-9) - 4));
  }

  /** The top of a log axis: the smallest 1, 2 or 5 × 10^k at or above {@code max}. */
  public static double niceLogTop(double max) {
    if (!(max > 0)) return 1;
    double mag = Math.pow(10, Math.floor(Math.log10(max)));
    double f = max / mag;
    return (f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10) * mag;
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

  /**
   * Ticks at multiples of the nice step inside the domain; on a log scale at 0 (when inside) and at the powers of ten
   * from the linear part up, every second one when there are more than {@code target}.
   */
  public List<Double> ticks(int target) {
    double lo = Math.min(d0, d1);
    double hi = Math.max(d0, d1);
    if (isLog()) {
      List<Double> t = new ArrayList<>();
      if (lo <= 0 && hi >= 0) t.add(0.0);
      List<Double> decades = new ArrayList<>();
      for (double v = linear; v <= hi * (1 + 1e-9); v *= 10) if (v >= lo) decades.add(v);
      int every = decades.size() + t.size() > Math.max(2, target) ? 2 : 1;
      // keep the largest power of ten labelled: count the skipping from the top
      for (int i = 0; i < decades.size(); i++) if ((decades.size() - 1 - i) % every == 0) t.add(decades.get(i));
      return t;
    }
    double step = niceStep(lo, hi, target);
    List<Double> t = new ArrayList<>();
    for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
      double v = k * step;
      t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return t;
  }
}
