package org.tollgate.friction;

import java.util.Locale;

/** Before ({@code pre}) or after ({@code post}) the tool went live. */
public enum Period {
  PRE,
  POST;

  /** {@code pre} or {@code post}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code pre} or {@code post}, any case, surrounding blanks ignored.
   *
   * @throws IllegalArgumentException for anything else, naming the value
   */
  public static Period parse(String s) {
    String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "pre" -> PRE;
      case "post" -> POST;
      default -> throw new IllegalArgumentException("period must be 'pre' or 'post', got '" + s + "'");
    };
  }
}
