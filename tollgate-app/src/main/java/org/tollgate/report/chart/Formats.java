package org.tollgate.report.chart;

import java.util.Locale;
import java.util.function.DoubleFunction;

/** Tick-label formats; each label carries its unit (%, $, h) so no number stands bare. */
public final class Formats {
  private Formats() {}

  /** A fraction shown as a percentage, e.g. 0.25 → "25%". */
  public static DoubleFunction<String> percent() {
    return v -> {
      String s = trim(String.format(Locale.ROOT, "%.1f", v * 100));
      return (s.startsWith("-") ? "−" + s.substring(1) : s) + "%";
    };
  }

  /** Dollars with thousands separators, e.g. 5000 → "$5,000". */
  public static DoubleFunction<String> dollars() {
    return v -> (v < 0 ? "−$" : "$") + String.format(Locale.ROOT, "%,.0f", Math.abs(v));
  }

  /** A plain number with up to the given decimals, trailing zeros dropped, thousands separated; an optional unit suffix. */
  public static DoubleFunction<String> number(int decimals, String unit) {
    return v -> {
      String s = trim(String.format(Locale.ROOT, "%,." + decimals + "f", v));
      if (s.startsWith("-")) s = "−" + s.substring(1);
      return unit == null || unit.isEmpty() ? s : s + unit;
    };
  }

  private static String trim(String s) {
    if (!s.contains(".")) return s;
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
