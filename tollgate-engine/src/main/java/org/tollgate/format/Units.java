package org.tollgate.format;

import java.util.Locale;

/**
 * How tollgate prints a figure of each unit. Undefined values (NaN, infinite) print as "—". Negative
 * values use the minus sign U+2212.
 */
public final class Units {
  private Units() {}

  /**
   * Dollars with thousands separators, whole from $100 up; below $100 with cents unless the amount is whole (a cost per
   * alert of $3.75 must not print as "$4"): "$5,000", "$12", "$3.75", "−$12".
   */
  public static String money(double v) {
    if (!Double.isFinite(v)) return "—";
    double a = Math.abs(v);
    boolean cents = a < 100 && Math.abs(a - Math.rint(a)) >= 0.005;
    String digits = String.format(Locale.ROOT, cents ? "%,.2f" : "%,.0f", a);
    return (v < 0 && !digits.matches("[0.,]+") ? "−$" : "$") + digits;
  }

  /** A proportion as a percent with one decimal: 0.4737 → "47.4%". */
  public static String percent(double p) {
    return percent(p, 1);
  }

  /** A proportion as a percent with {@code decimals} decimals: (0.4737, 0) → "47%". */
  public static String percent(double p, int decimals) {
    if (!Double.isFinite(p)) return "—";
    return minus(String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * p));
  }

  /** A proportion's interval as percents with {@code decimals} decimals, the sign once: (0.38, 0.451, 0) → "38–45%". */
  public static String percentRange(double lower, double upper, int decimals) {
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) return "—";
    return minus(String.format(Locale.ROOT, "%." + decimals + "f", 100 * lower)) + "–" + percent(upper, decimals);
  }

  /** A proportion's interval as percents with one decimal, the sign once: (0.38, 0.451) → "38.0–45.1%". */
  public static String percentRange(double lower, double upper) {
    return percentRange(lower, upper, 1);
  }

  /** Minutes with one decimal: "216.0 min". */
  public static String minutes(double m) {
    if (!Double.isFinite(m)) return "—";
    return minus(String.format(Locale.ROOT, "%,.1f min", m));
  }

  /** Seconds with one decimal: "83.1 s". */
  public static String seconds(double s) {
    if (!Double.isFinite(s)) return "—";
    return minus(String.format(Locale.ROOT, "%,.1f s", s));
  }

  /** A signed change in seconds with one decimal: "+83.1 s", "−35.4 s". */
  public static String signedSeconds(double s) {
    if (!Double.isFinite(s)) return "—";
    return (s >= 0 ? "+" : "") + seconds(s);
  }

  /** A number with thousands separators and {@code decimals} decimals: "1,234.5". */
  public static String number(double v, int decimals) {
    if (!Double.isFinite(v)) return "—";
    return minus(String.format(Locale.ROOT, "%,." + decimals + "f", v));
  }

  /**
   * A setting or threshold as a person writes it: at most six significant digits, no trailing zeros, no exponent:
   * 0.25 → "0.25", 60 → "60", 387.7916666666667 → "387.792".
   */
  public static String plain(double v) {
    if (!Double.isFinite(v)) return "—";
    return minus(java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
  }

  /** A signed change with {@code decimals} decimals: "+1.5", "−1.0", "0.0". */
  public static String signedNumber(double v, int decimals) {
    if (!Double.isFinite(v)) return "—";
    return (v > 0 ? "+" : "") + number(v, decimals);
  }

  /**
   * A rate (alerts a day, alerts per staff member per shift): one decimal from 1 up, at most two significant digits below, so
   * a small rate never prints as "0.0": 13.26 → "13.3", 0.0234 → "0.023", 0 → "0".
   */
  public static String rate(double v) {
    if (!Double.isFinite(v)) return "—";
    if (v == 0) return "0";
    if (Math.abs(v) >= 1) return number(v, 1);
    return minus(java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(2)).toPlainString());
  }

  /** A count with thousands separators: "38,455". */
  public static String count(long n) {
    return minus(String.format(Locale.ROOT, "%,d", n));
  }

  /** The minus sign U+2212 for a negative figure; none for one that rounds to zero ("−0 s" says nothing). */
  private static String minus(String s) {
    if (!s.startsWith("-")) return s;
    return s.chars().anyMatch(c -> c >= '1' && c <= '9') ? "−" + s.substring(1) : s.substring(1);
  }
}
