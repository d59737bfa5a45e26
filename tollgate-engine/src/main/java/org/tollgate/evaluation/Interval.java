package org.tollgate.evaluation;

/**
 * A point estimate with a 95% interval and the method that made it. Any field may be NaN when
 * undefined (e.g. PPV with nothing flagged); writers turn NaN into JSON null.
 */
public record Interval(double estimate, double lower, double upper, Method method) {

  /** How an interval was computed. */
  public enum Method {
    WILSON,
    DELONG,
    BOOTSTRAP,
    NEWCOMBE,
    KATZ,
    /** Normal approximation to a difference of means (Welch standard error). */
    NORMAL,
    NONE;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN, Double.NaN, Method.NONE);

  public static Interval point(double estimate) {
    return new Interval(estimate, Double.NaN, Double.NaN, Method.NONE);
  }

  public boolean defined() {
    return !Double.isNaN(estimate);
  }
}
