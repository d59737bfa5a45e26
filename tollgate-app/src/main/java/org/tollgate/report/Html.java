package org.tollgate.report;

/** Escaping for the XHTML the pages and PDFs are made from: every user-supplied text goes through it. */
public final class Html {
  private Html() {}

  /** The start of an XHTML document (what openhtmltopdf and browsers both read), up to and including {@code <body>}. */
  public static String documentStart(String title, String css) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/><title>" + esc(title)
        + "</title><style>" + css + "</style></head><body>";
  }

  public static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') b.append(' ');
          else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) b.append(c).append(s.charAt(++i));
          // XML cannot carry a lone surrogate, U+FFFE or U+FFFF: one would make the page's PDF fail for good.
          else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) b.append('\uFFFD');
          else b.append(c);
        }
      }
    }
    return b.toString();
  }
}
