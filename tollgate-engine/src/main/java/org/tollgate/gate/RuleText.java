package org.tollgate.gate;

/** Small text helpers the rules share. */
final class RuleText {
  private RuleText() {}

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** A whole number without its ".0", any other as Java prints it. */
  static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
