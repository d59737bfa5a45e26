package org.tollgate.gate;

/** Small text helpers the rules share. */
final class RuleText {
  private RuleText() {}

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
