package org.tollgate.format;

import java.util.Locale;

/**
 * How tollgate prints a figure of each unit: the one owner of number formatting for every figure a person reads (the
 * CLI, the pages, the dossier, the briefs). Undefined values (NaN, infinite) print as "—". Negative values use the
 * minus sign U+2212, and a figure that rounds to zero prints without a sign (never "−0", "−0.0%").
 * <ul>
 *   <li>money: {@link #money}; percents: {@link #percent}, {@link #percentRange}; time: {@link #minutes},
 *       {@link #hours}, {@link #seconds}, {@link #signedSeconds}, {@link #duration}, {@link #days};
 *   <li>counts: {@link #count(long)}, {@link #count(long, String)} (the noun agreeing with the count);
 *   <li>statistics and ratios: {@link #number} (fixed decimals), {@link #signedNumber}, {@link #rate}, {@link #factor},
 *       {@link #pValue}; settings as written: {@link #plain}; a figure of unknown unit: {@link #significant}; worked arithmetic: {@link #figure},
 *       {@link #signedFigure}.
 * </ul>
 * Machine output (JSON numbers, CSV cells) and table layout are not this class's business. The guard test
 * {@code NoHandFormattedNumbersTest} (tollgate-app) fails when a writer formats a number by hand.
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

  /**
   * Minutes with one decimal from one minute up, at most two significant digits below, so a small figure (staff minutes
   * a day on a rare false alert) never prints as "0.0 min": 216 → "216.0 min", 0.0321 → "0.032 min", 0.25 → "0.25 min",
   * 0 → "0.0 min"; NaN → "—".
   */
  public static String minutes(double m) {
    if (!Double.isFinite(m)) return "—";
    if (m != 0 && Math.abs(m) < 1) return rate(m) + " min";
    return minus(String.format(Locale.ROOT, "%,.1f min", m));
  }

  /** Hours with one decimal: 2.25 → "2.3 h", 0.04 → "0.0 h", 1,250.5 → "1,250.5 h"; NaN → "—". */
  public static String hours(double h) {
    if (!Double.isFinite(h)) return "—";
    return minus(String.format(Locale.ROOT, "%,.1f h", h));
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
   * A measured figure of unknown unit read as text (a model card's free-form fields): four significant digits, no trailing
   * zeros, no exponent: 0.07188888888888889 → "0.07189", 391.7083333333333 → "391.7", 12000 → "12000".
   */
  public static String significant(double v) {
    return significantDigits(v, 4);
  }

  /**
   * A setting or threshold as a person writes it: at most six significant digits, no trailing zeros, no exponent:
   * 0.25 → "0.25", 60 → "60", 387.7916666666667 → "387.792".
   */
  public static String plain(double v) {
    return significantDigits(v, 6);
  }

  private static String significantDigits(double v, int digits) {
    if (!Double.isFinite(v)) return "—";
    return minus(java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString());
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

  /**
   * A count with its noun, plural unless the count is one: (1, "week") → "1 week", (2, "week") → "2 weeks",
   * (1234, "patient") → "1,234 patients", (0, "policy") → "0 policies", (3, "outage window") → "3 outage windows",
   * (−1, "day") → "−1 day". The plural is the English regular one, formed on the last word: "s"; "es" after s, x, z,
   * ch or sh ("2 boxes"); "ies" for a consonant and y ("2 policies"; "2 days"). An irregular noun uses
   * {@link #count(long, String, String)}.
   */
  public static String count(long n, String noun) {
    return count(n, noun, plural(noun));
  }

  /** A count with its noun in the given singular or plural: (1, "person", "people") → "1 person", (40, …) → "40 people". */
  public static String count(long n, String singular, String plural) {
    return count(n) + " " + (Math.abs(n) == 1 ? singular : plural);
  }

  /** The plural of an English noun as {@link #count(long, String)} makes it: "value" → "values", "policy" → "policies". */
  public static String plural(String noun) {
    if (noun.matches(".*(s|x|z|ch|sh)")) return noun + "es";
    if (noun.matches(".*[^aeiou]y")) return noun.substring(0, noun.length() - 1) + "ies";
    return noun + "s";
  }

  /**
   * A p-value as it follows "p" in a sentence: "< 0.001" below 0.001, otherwise "= " and three decimals rounded half
   * up: 0.0004 → "< 0.001", 0.001 → "= 0.001", 0.0125 → "= 0.013", 0.04999 → "= 0.050" (the decision at 0.05 is made on
   * the unrounded value, never on this text), 1 → "= 1.000"; NaN → "—".
   */
  public static String pValue(double p) {
    if (!Double.isFinite(p)) return "—";
    return p < 0.001 ? "< 0.001" : "= " + String.format(Locale.ROOT, "%.3f", p);
  }

  /**
   * A length of time given in seconds, in the largest unit that reads easily: under 120 s whole seconds ("45 s"),
   * under an hour whole minutes rounded down ("2 min" for 179 s), under a day hours with one decimal ("1.5 h"), from a
   * day days with one decimal ("2.0 days", "1.0 days"). Negative durations keep the minus sign U+2212 ("−45 s");
   * NaN → "—". 119.6 s prints "120 s" (rounded), 120 s "2 min", 3,600 s "1.0 h", 86,400 s "1.0 days".
   */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) return "—";
    double a = Math.abs(seconds);
    String s;
    if (a >= 86400) s = String.format(Locale.ROOT, "%,.1f days", a / 86400);
    else if (a >= 3600) s = String.format(Locale.ROOT, "%.1f h", a / 3600);
    else if (a >= 120) s = (long) Math.floor(a / 60) + " min";
    else s = Math.round(a) + " s";
    return seconds < 0 ? minus("-" + s) : s;
  }

  /**
   * A number of days as a person writes it ({@link #plain}), the noun agreeing: 1 → "1 day", 7 → "7 days", 0.5 → "0.5 days",
   * 0 → "0 days", −2 → "−2 days"; NaN → "—".
   */
  public static String days(double d) {
    if (!Double.isFinite(d)) return "—";
    return plain(d) + (Math.abs(d) == 1 ? " day" : " days");
  }

  /** A ratio to a normal level with one decimal and "×": 2.345 → "2.3×", 1 → "1.0×"; NaN → "—". */
  public static String factor(double v) {
    if (!Double.isFinite(v)) return "—";
    return number(v, 1) + "×";
  }

  /**
   * A figure in a worked calculation, as a person would write it to check it by hand: a whole number with thousands
   * separators ("1,314"); otherwise from 100 up one decimal ("4,927.5"), below 100 at most three decimals; trailing zeros
   * dropped either way: 0.6317 → "0.632", 41.83 → "41.83", 100.04 → "100", 1.8 → "1.8"; −2.5 → "−2.5"; NaN → "—".
   */
  public static String figure(double v) {
    if (!Double.isFinite(v)) return "—";
    String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
        : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : "%,.3f", v);
    if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return minus(s);
  }

  /** A change as a {@link #figure}, signed: 0.395 → "+0.395", −1.25 → "−1.25", 0.0004 → "0" (no sign on what rounds to zero); NaN → "—". */
  public static String signedFigure(double v) {
    String f = figure(v);
    return v > 0 && !f.equals("0") ? "+" + f : f;
  }

  /**
   * An instant as a person reads it, to the minute in UTC: "2026-12-08T02:37:38.685Z" → "2026-12-08 02:37 UTC"; text that
   * is not an ISO instant (a date "2026-10-01", null) is returned as it is.
   */
  public static String utcMinute(String iso) {
    if (iso == null) return null;
    try {
      return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
          .format(java.time.Instant.parse(iso).atOffset(java.time.ZoneOffset.UTC));
    } catch (java.time.format.DateTimeParseException notAnInstant) {
      return iso;
    }
  }

  /** The minus sign U+2212 for a negative figure; none for one that rounds to zero ("−0 s" says nothing). */
  private static String minus(String s) {
    if (!s.startsWith("-")) return s;
    return s.chars().anyMatch(c -> c >= '1' && c <= '9') ? "−" + s.substring(1) : s.substring(1);
  }
}
