package org.tollgate.gate;

import java.util.List;
import java.util.Objects;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;
import org.tollgate.format.Units;

/**
 * The structured trade-off table: each measure of a pilot compared before and after go-live, so a
 * gain on one (wait times) is weighed against a loss on another (admission errors) with the same
 * arithmetic, not by whoever argues loudest.
 *
 * <p>Per measure, post − pre:
 * <ul>
 *   <li>a 0/1 measure (every value 0 or 1): the difference of proportions with Newcombe's hybrid score
 *       interval ({@link Stats#newcombeDifference});
 *   <li>any other measure: the difference of means with the normal-approximation (Welch) interval
 *       d ± 1.959964 × √(s₁²/n₁ + s₂²/n₂), s² the sample variances (n − 1); undefined when a period has
 *       fewer than two values.
 * </ul>
 * The change is <em>improved</em> when the interval lies wholly on the measure's better side,
 * <em>worsened</em> when wholly on the worse side, else <em>no detectable change</em>. The decision is
 * <b>proceed</b> when no safety measure worsened, <b>modify</b> when one did and the review names a
 * modification, <b>pause</b> when one did and none is named.
 */
public final class TradeOffs {

  private TradeOffs() {}

  /** Which direction is better. */
  public enum Better {
    LOWER,
    HIGHER
  }

  /**
   * A measure of the table.
   *
   * @param column the pilot file's column
   * @param label how the committee calls it
   * @param safety whether a worsening is a harm to patients (it then decides pause or modify)
   */
  public record Measure(String column, String label, Better better, boolean safety) {
    public Measure {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(better, "better");
      if (label == null) label = column;
    }
  }

  /**
   * One compared measure.
   *
   * @param binary whether the measure is a proportion (every value 0 or 1)
   * @param pre mean (or proportion) before
   * @param post mean (or proportion) after
   * @param difference post − pre with its 95% interval
   * @param change improved, worsened or no detectable change
   */
  public record Row(Measure measure, boolean binary, long nPre, long nPost, double pre, double post, Interval difference, String change) {
    /** post / pre − 1; NaN when pre is 0. */
    public double relativeChange() {
      return pre == 0 ? Double.NaN : post / pre - 1;
    }

    /**
     * "ER wait (minutes) 71.3 → 57.9, change −13.4 (95% CI −15.2 to −11.6): improved"; a proportion "admission errors 4.5% →
     * 6.7%, change +2.2 points (95% CI +1.1 to +3.4): worsened". The change is the point estimate with its interval, in the
     * measure's own unit (a percentage of the before value would be a second unit beside it).
     */
    public String describe() {
      double k = binary ? 100 : 1;
      String unit = binary ? " points" : "";
      String before = Units.number(k * pre, 1) + (binary ? "%" : "");
      String after = Units.number(k * post, 1) + (binary ? "%" : "");
      String v = before + " → " + after + ", change " + (difference.defined()
          ? signed(k * difference.estimate()) + unit + (Double.isFinite(difference.lower())
              ? " (95% CI " + signed(k * difference.lower()) + " to " + signed(k * difference.upper()) + unit + ")" : "")
          : "not measurable (fewer than two values in a period)");
      return measure.label() + " " + v + ": " + change;
    }

    private static String signed(double v) {
      return (v > 0 ? "+" : "") + Units.number(v, 1);
    }
  }

  /** The table and the modification the review proposes (null if none). */
  public record Result(List<Row> rows, String modify, String inputSha256) {
    public Result {
      rows = List.copyOf(rows);
    }

    /** proceed, modify or pause (see the class comment). */
    public String decision() {
      boolean harm = rows.stream().anyMatch(r -> r.measure().safety() && r.change().equals("worsened"));
      return !harm ? "proceed" : modify != null && !modify.isBlank() ? "modify" : "pause";
    }
  }

  /** Compares one measure's values before and after. */
  public static Row compare(Measure m, double[] pre, double[] post) {
    boolean binary = binary(pre) && binary(post);
    double a = mean(pre);
    double b = mean(post);
    Interval d;
    if (binary) {
      d = Stats.newcombeDifference(Math.round(b * post.length), post.length, Math.round(a * pre.length), pre.length);
    } else if (pre.length < 2 || post.length < 2) {
      d = Interval.UNDEFINED;
    } else {
      double se = Math.sqrt(variance(pre, a) / pre.length + variance(post, b) / post.length);
      d = new Interval(b - a, b - a - Stats.Z95 * se, b - a + Stats.Z95 * se, Interval.Method.NORMAL);
    }
    String change = "no detectable change";
    if (!Double.isNaN(d.lower()) && !Double.isNaN(d.upper())) {
      boolean below = d.upper() < 0;
      boolean above = d.lower() > 0;
      if (below || above) change = (below == (m.better() == Better.LOWER)) ? "improved" : "worsened";
    }
    return new Row(m, binary, pre.length, post.length, a, b, d, change);
  }

  private static boolean binary(double[] x) {
    for (double v : x) if (v != 0 && v != 1) return false;
    return true;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  private static double variance(double[] x, double m) {
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / (x.length - 1);
  }
}
