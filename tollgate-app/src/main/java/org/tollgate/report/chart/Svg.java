package org.tollgate.report.chart;

import java.util.Locale;
import org.tollgate.report.Html;

/** Small helpers for writing SVG text: coordinates with one decimal, escaped text. */
final class Svg {
  private Svg() {}

  /** A coordinate: one decimal, dot separator, whatever the default locale. */
  static String f(double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("not a finite coordinate: " + v);
    double r = Math.round(v * 10) / 10.0;
    return String.format(Locale.ROOT, "%.1f", r == 0 ? 0.0 : r);
  }

  static String esc(String s) {
    return Html.esc(s);
  }

  /** Rough width of a text in px for DejaVu Sans (average advance ≈ 0.6 em); used only for layout. */
  static double textWidth(String s, double font) {
    return s == null ? 0 : s.length() * font * 0.6;
  }

  static void text(StringBuilder b, double x, double y, String anchor, double font, String s, String extra) {
    b.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(f(font)).append('"');
    if (anchor != null && !anchor.equals("start")) b.append(" text-anchor=\"").append(anchor).append('"');
    if (extra != null) b.append(' ').append(extra);
    b.append(" fill=\"#000000\">").append(esc(s)).append("</text>");
  }

  static void line(StringBuilder b, double x1, double y1, double x2, double y2, String stroke, double width, String extra) {
    b.append("<line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2)).append("\" y2=\"").append(f(y2))
        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(f(width)).append('"');
    if (extra != null) b.append(' ').append(extra);
    b.append("/>");
  }
}
