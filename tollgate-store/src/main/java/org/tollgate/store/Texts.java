package org.tollgate.store;

/**
 * The limits on text a person types into the store (titles, notes, conditions, labels, names), checked before
 * anything is written. A value is refused — with the field, the limit and the position — when it is longer than its
 * limit or holds a character XML 1.0 cannot carry (a lone UTF-16 surrogate, U+FFFE, U+FFFF, or a control character
 * other than tab, line feed and carriage return): the pages, PDFs and FHIR export are XML, and one such character
 * would make a dossier fail to render for good.
 */
public final class Texts {
  /** A use case's title (the column holds 2,000). */
  public static final int TITLE = 2_000;
  /** An attestation's note or a decision's conditions. */
  public static final int NOTE = 10_000;
  /** A user name, a use case id, an API token's label (the columns hold 200). */
  public static final int NAME = 200;

  private Texts() {}

  /** {@code value} (null passes) if it fits {@code max} characters and XML can hold every character; else a {@link StoreException}. */
  public static String check(String field, String value, int max) {
    if (value == null) return null;
    if (value.length() > max) {
      throw new StoreException(field + " is " + value.length() + " characters long; at most " + max + " are accepted");
    }
    int bad = firstNonXml(value);
    if (bad >= 0) {
      throw new StoreException(field + " holds a character XML cannot carry at position " + (bad + 1)
          + String.format(java.util.Locale.ROOT, " (U+%04X)", (int) value.charAt(bad)) + "; remove it");
    }
    return value;
  }

  /** The index of the first character XML 1.0 cannot hold (lone surrogates included), or -1. */
  public static int firstNonXml(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok) return i;
    }
    return -1;
  }
}
