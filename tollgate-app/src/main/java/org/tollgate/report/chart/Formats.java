package org.tollgate.report.chart;

import java.util.Locale;
import java.util.function.DoubleFunction;

/** Tick-label formats; each label carries its unit (%, $, h) so no number stands bare. */
public final class Formats {
  private Formats() {}

  /** A fraction shown as a percentage, e.g. 0.25 → "25%". */
  public static DoubleFunction<String> percent() {
    return v -> {
      return sign(trim(String.format(Locale.ROOT, "%.1f", v * 100))) + "%";
    };
  }

  /** Dollars with thousands separators, e.g. 5000 → "$5,000". */
  public static DoubleFunction<String> dollars() {
    return v -> (v < 0 ? "−$" : "$") + String.format(Locale.ROOT, "%,.0f", Math.abs(v));
  }

  /** A plain number with up to the given decimals, trailing zeros dropped, thousands separated; an optional unit suffix. */
  public static DoubleFunction<String> number(int decimals, String unit) {
    return v -> {
      String s = sign(trim(String.format(Locale.ROOT, "%,." + decimals + "f", v)));
      return unit == null || unit.isEmpty() ? s : s + unit;
    };
  }

  /** The minus sign U+2212 for a negative label; none for one that rounds to zero ("−0 s" says nothing: r17 finding 10). */
  private static String sign(String s) {
    if (!s.startsWith("-")) return s;
    return s.chars().anyMatch(c -> c >= '1' && c <= '9') ? "−" + s.substring(1) : s.substring(1);
  }

  private static String trim(String s) {
    if (!s.contains(".")) return s;
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
