package org.tollgate.fallback;

import java.util.Locale;

/**
 * A bedside input a paper rule may use: its column in the features table, its name and unit on the
 * checklist, the step its thresholds are rounded to (values a clinician writes: heart rate in 5s,
 * temperature in half degrees), the range thresholds are searched in, and how old a charted value may
 * be and still count at a check.
 *
 * <p>A found rule's criteria point away from normal: a "≤" threshold at or below {@link #abnormalAtOrBelow()},
 * a "≥" threshold at or above {@link #abnormalAtOrAbove()}, so the search never prints a criterion that
 * half of all patients meet (a "heart rate ≥ 80/min" box). The bounds are the edges of the zero-score
 * bands of the National Early Warning Score 2 (Royal College of Physicians, 2017: respiration 12–20/min,
 * systolic pressure 111–219 mmHg, pulse 51–90/min, temperature 36.1–38.0 °C) on the checklist's grid
 * (pulse ≥ 90 and temperature ≥ 38 °C as the SIRS criteria write them, Bone et al., Chest 1992,
 * doi:10.1378/chest.101.6.1644), white cells outside 4–12 ×10⁹/L (SIRS) and lactate ≥ 2 mmol/L
 * (Sepsis-3, Singer et al., JAMA 2016, doi:10.1001/jama.2016.0287). A rule the clinicians write
 * ({@code fallback.rule}) is measured as written, whatever its thresholds.
 */
public enum BedsideInput {
  HEART_RATE("heart_rate", "heart rate", "/min", 5, 40, 150, 8, 50, 90),
  RESP_RATE("resp_rate", "respiratory rate", "/min", 1, 8, 40, 8, 11, 21),
  TEMPERATURE("temperature", "temperature", " °C", 0.5, 35, 40, 8, 36, 38),
  SYSTOLIC_BP("systolic_bp", "systolic blood pressure", " mmHg", 5, 70, 160, 8, 110, Double.POSITIVE_INFINITY),
  ALTERED_MENTATION("altered_mentation", "altered mentation (not alert)", "", 1, 1, 1, 8, Double.NEGATIVE_INFINITY, 1),
  WBC("wbc", "white cells", " ×10⁹/L", 1, 2, 25, 24, 4, 12),
  LACTATE("lactate", "lactate", " mmol/L", 0.5, 1, 6, 24, Double.NEGATIVE_INFINITY, 2);

  private final String column;
  private final String label;
  private final String unit;
  private final double step;
  private final double low;
  private final double high;
  private final int maxAgeHours;
  private final double abnormalAtOrBelow;
  private final double abnormalAtOrAbove;

  BedsideInput(String column, String label, String unit, double step, double low, double high, int maxAgeHours, double abnormalAtOrBelow,
      double abnormalAtOrAbove) {
    this.abnormalAtOrBelow = abnormalAtOrBelow;
    this.abnormalAtOrAbove = abnormalAtOrAbove;
    this.column = column;
    this.label = label;
    this.unit = unit;
    this.step = step;
    this.low = low;
    this.high = high;
    this.maxAgeHours = maxAgeHours;
  }

  /** The features table's column; its source time is in {@code column + "_time"}. */
  public String column() {
    return column;
  }

  public String label() {
    return label;
  }

  /** The unit as printed after a threshold, with its leading space where one is written ("/min" has none). */
  public String unit() {
    return unit;
  }

  /** Thresholds are multiples of this. */
  public double step() {
    return step;
  }

  public double low() {
    return low;
  }

  public double high() {
    return high;
  }

  /** A found "≤" criterion's threshold is at most this (−∞: no "≤" criterion on this input). */
  public double abnormalAtOrBelow() {
    return abnormalAtOrBelow;
  }

  /** A found "≥" criterion's threshold is at least this (+∞: no "≥" criterion on this input). */
  public double abnormalAtOrAbove() {
    return abnormalAtOrAbove;
  }

  /** Whether a found rule may use {@code op threshold} on this input: the criterion points away from normal. */
  public boolean abnormal(Criterion.Op op, double threshold) {
    return op == Criterion.Op.AT_LEAST ? threshold >= abnormalAtOrAbove - 1e-9 : threshold <= abnormalAtOrBelow + 1e-9;
  }

  /** A charted value older than this at a check does not count (the box stays empty). */
  public int maxAgeHours() {
    return maxAgeHours;
  }

  /** A yes/no finding (1 = present): its criterion is "present", with no threshold. */
  public boolean binary() {
    return this == ALTERED_MENTATION;
  }

  /** A lab result (drawn, then resulted), as opposed to a reading at the bedside. */
  public boolean lab() {
    return this == WBC || this == LACTATE;
  }

  /** The input whose column is {@code column}, or null. */
  public static BedsideInput ofColumn(String column) {
    String c = column.toLowerCase(Locale.ROOT);
    for (BedsideInput b : values()) if (b.column.equals(c)) return b;
    return null;
  }

  /** A threshold rounded to this input's step (half up), as a clinician would write it. */
  public double round(double v) {
    double r = Math.floor(v / step + 0.5) * step;
    return Math.round(r * 10) / 10.0;
  }
}
