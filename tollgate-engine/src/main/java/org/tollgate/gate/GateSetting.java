package org.tollgate.gate;

import java.util.function.ToDoubleFunction;
import org.tollgate.format.Units;

/**
 * One setting of review.yaml's {@code gate:} section: its key, what it means in a sentence, the range tollgate accepts,
 * and which direction loosens the gate. The one owner of these bounds: {@link GateLimits} refuses a value outside them,
 * review.yaml's reader names the line and key of one, and {@link SettingChange} says which changes loosen the gate.
 * docs/review-yaml.md's gate table lists the same bounds with their reasons.
 *
 * <p>The bounds are what a clinician on the committee would defend, not what the arithmetic allows: a setting may make
 * the gate stricter or somewhat looser, but never switch a rule off (zero peers trained, a floor of 0%, an AUROC limit
 * of 1) nor leave the scale it is measured on (an RPN above 1,000, a severity of 11).
 */
public enum GateSetting {
  FALSE_ALERT_COST_PER_MONTH("false_alert_cost_per_month", "false-alert cost allowed a month", Format.MONEY, 0, true, 1_000_000, true, false, true,
      "a month's false-alert labor budget: 0 refuses every false alert; above $1,000,000, 200 times the default, no unit's budget is a limit",
      GateLimits::falseAlertCostPerMonth),
  MIN_CELL("min_cell", "smallest count shown", Format.COUNT, org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL, true, 1000, true, true, false,
      "counts of 1 to 10 are never shown; above 1,000 every subgroup of a hospital's year would be withheld",
      GateLimits::minCell),
  STORM_FACTOR("storm_factor", "alert-storm factor", Format.FACTOR, 1, true, 10, true, false, true,
      "a storm is an hour above this many times the usual alert rate: below 1 a normal hour is a storm; above 10 a flood of alerts is not",
      GateLimits::stormFactor),
  DISPARITY("disparity", "subgroup difference allowed", Format.DECIMAL2, 0.01, true, 0.20, true, false, true,
      "an absolute difference between subgroups, 0.10 being 10 points of sensitivity: below 0.01 no group could be powered to detect it; "
          + "above 0.20 a gap of a fifth of a group's detections would pass",
      GateLimits::disparity),
  PROXY_AUROC("proxy_auroc", "proxy AUROC limit", Format.DECIMAL2, 0.5, false, 1, false, false, true,
      "an input predicting a protected attribute above this AUROC is a proxy: at 0.5, chance, every input is one; at 1, perfect prediction, none ever is",
      GateLimits::proxyAuroc),
  PROXY_CRAMERS_V("proxy_cramers_v", "proxy Cramér's V limit", Format.DECIMAL2, 0, false, 1, false, false, true,
      "an input associated with a protected attribute above this is a proxy: at 0, no association, every input is one; at 1, perfect association, none ever is",
      GateLimits::proxyCramersV),
  RPN("rpn", "FMEA risk priority number allowed", Format.COUNT, 1, true, 1000, true, true, true,
      "RPN = severity × occurrence × detection, each 1 to 10: 1,000 is the largest there is",
      GateLimits::rpn),
  SEVERITY("severity", "FMEA severity that fails", Format.COUNT, 1, true, 10, true, true, true,
      "FMEA severity is scored 1 to 10",
      GateLimits::severity),
  MIN_PEER_TRAINED("min_peer_trained", "staff trained by peers required", Format.COUNT, 1, true, 1000, true, true, false,
      "zero staff trained by peers is never peer-led training",
      GateLimits::minPeerTrained),
  MIN_SENSITIVITY_SHARE("min_sensitivity_share", "share of the detections a suggested policy must keep", Format.PERCENT, 0, false, 1, true, false, false,
      "a floor of 0% is no floor: a suggested policy could give up every detection",
      GateLimits::minSensitivityShare),
  MIN_SENSITIVITY("min_sensitivity", "detected-in-time floor", Format.PERCENT, 0, false, 1, true, false, false,
      "a floor of 0% is no floor: a suggested policy could detect no one in time",
      GateLimits::minSensitivity),
  MAX_ALERTS_PER_STAFF_PER_SHIFT("max_alerts_per_staff_per_shift", "alerts per staff member per shift allowed", Format.NUMBER, 0, false, 24, true, false, true,
      "above 24, two an hour through a 12-hour shift, no one works the alerts up",
      GateLimits::maxAlertsPerStaffPerShift),
  MIN_ALERT_PPV("min_alert_ppv", "alert PPV floor", Format.PERCENT, 0, false, 1, true, false, false,
      "a floor of 0% is no floor: a suggested policy's alerts could all be false",
      GateLimits::minAlertPpv),
  MIN_FALLBACK_REPLICATION("min_fallback_replication", "fallback share required", Format.PERCENT, 0, false, 1, true, false, false,
      "a paper rule that need keep none of the policy's timely detections is no fallback",
      GateLimits::minFallbackReplication);

  /** How a value of the setting is printed, through {@link Units}. */
  enum Format {
    MONEY, COUNT, FACTOR, NUMBER, DECIMAL2, PERCENT
  }

  private final String key;
  private final String label;
  private final Format format;
  private final double min;
  private final boolean minIncluded;
  private final double max;
  private final boolean maxIncluded;
  private final boolean whole;
  private final boolean higherIsLooser;
  private final String why;
  private final ToDoubleFunction<GateLimits> of;

  GateSetting(String key, String label, Format format, double min, boolean minIncluded, double max, boolean maxIncluded, boolean whole,
      boolean higherIsLooser, String why, ToDoubleFunction<GateLimits> of) {
    this.key = key;
    this.label = label;
    this.format = format;
    this.min = min;
    this.minIncluded = minIncluded;
    this.max = max;
    this.maxIncluded = maxIncluded;
    this.whole = whole;
    this.higherIsLooser = higherIsLooser;
    this.why = why;
    this.of = of;
  }

  /** review.yaml's key under {@code gate:}, e.g. {@code min_fallback_replication}. */
  public String key() {
    return key;
  }

  /** What the setting is, as the disclosure line names it: "fallback share required". */
  public String label() {
    return label;
  }

  /** Whether only whole numbers are accepted. */
  public boolean whole() {
    return whole;
  }

  /** This setting's value in {@code limits}. */
  public double of(GateLimits limits) {
    return of.applyAsDouble(limits);
  }

  /** Whether {@code value} loosens the gate compared with {@code reference} (false when equal or stricter). */
  public boolean looser(double value, double reference) {
    return higherIsLooser ? value > reference : value < reference;
  }

  /** The value as the pages print it: "$5,000", "80%", "3.0×", "0.10" (a difference, an AUROC, a Cramér's V), "6", "200". */
  public String format(double v) {
    return switch (format) {
      case MONEY -> Units.money(v);
      case COUNT -> Units.count((long) v);
      case FACTOR -> Units.factor(v);
      case NUMBER -> Units.plain(v);
      case DECIMAL2 -> Units.number(v, 2);
      case PERCENT -> Units.percent(v, Math.abs(100 * v - Math.rint(100 * v)) < 1e-9 ? 0 : 1);
    };
  }

  /** The accepted range in words: "between 1 and 1,000", "above 0.5 and below 1", "above 0% and at most 100%". */
  public String range() {
    return (minIncluded ? "at least " : "above ") + format(min) + " and " + (maxIncluded ? "at most " : "below ") + format(max);
  }

  /**
   * Null when {@code v} is in range, else the problem as review.yaml's reader reports it: "must be at least 1 and at most
   * 1,000 (RPN = severity × occurrence × detection, each 1 to 10: 1,000 is the largest there is), got 100000".
   */
  public String problem(double v) {
    boolean ok = Double.isFinite(v) && (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max) && (!whole || v == Math.rint(v));
    if (ok) return null;
    return "must be " + (whole ? "a whole number " : "") + range() + " (" + why + "), got " + Units.plain(v);
  }

  /** Throws IllegalArgumentException naming {@code gate.KEY} when {@code v} is out of range. */
  void require(double v) {
    String p = problem(v);
    if (p != null) throw new IllegalArgumentException("gate." + key + " " + p);
  }

  /** The setting under review.yaml's {@code key}, or null. */
  public static GateSetting byKey(String key) {
    for (GateSetting s : values()) if (s.key.equals(key)) return s;
    return null;
  }

  /**
   * A setting that differs from tollgate's default: the value used, the default, and whether it loosens the gate.
   *
   * @param setting which one
   * @param value the review's value
   * @param defaultValue tollgate's default ({@link GateLimits#defaults()})
   * @param looser true when the value lets through what the default would stop
   */
  public record SettingChange(GateSetting setting, double value, double defaultValue, boolean looser) {
    /** "fallback share required 0% (default 80%, looser)". */
    public String text() {
      return setting.label() + " " + setting.format(value) + " (default " + setting.format(defaultValue) + (looser ? ", looser" : ", stricter") + ")";
    }
  }
}
