package org.tollgate.fallback;

import java.util.Locale;

/**
 * A bedside input a paper rule may use: its column in the features table, its name and unit on the
 * checklist, the step its thresholds are rounded to (values a clinician writes: heart rate in 5s,
 * temperature in half degrees), the range thresholds are searched in, and how old a charted value may
 * be and still count at a check.
 */
public enum BedsideInput {
  HEART_RATE("heart_rate", "heart rate", "/min", 5, 60, 150, 8),
  RESP_RATE("resp_rate", "respiratory rate", "/min", 1, 10, 40, 8),
  TEMPERATURE("temperature", "temperature", " °C", 0.5, 35, 40, 8),
  SYSTOLIC_BP("systolic_bp", "systolic blood pressure", " mmHg", 5, 70, 160, 8),
  ALTERED_MENTATION("altered_mentation", "altered mentation (not alert)", "", 1, 1, 1, 8),
  WBC("wbc", "white cells", " ×10⁹/L", 1, 2, 25, 24),
  LACTATE("lactate", "lactate", " mmol/L", 0.5, 1, 6, 24);

  private final String column;
  private final String label;
  private final String unit;
  private final double step;
  private final double low;
  private final double high;
  private final int maxAgeHours;

  BedsideInput(String column, String label, String unit, double step, double low, double high, int maxAgeHours) {
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
