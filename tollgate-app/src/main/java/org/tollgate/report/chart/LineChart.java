package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * An x–y chart: lines (with markers every few points, each with a hover title), scatter points,
 * confidence bands and labelled reference lines. A NaN y breaks a line (a withheld point is not
 * interpolated over). Domains not given are taken from the data and widened to nice tick steps.
 */
public final class LineChart extends Chart {
  private String xLabel = "";
  private String yLabel = "";
  private double x0 = Double.NaN;
  private double x1 = Double.NaN;
  private double y0 = Double.NaN;
  private double y1 = Double.NaN;
  private DoubleFunction<String> xFmt = Formats.number(2, null);
  private DoubleFunction<String> yFmt = Formats.number(2, null);
  private final List<Layer> layers = new ArrayList<>();

  private sealed interface Layer permits Line, Band, Points, Ref {}

  private record Line(String name, Style style, double[] x, double[] y, String[] tips) implements Layer {}

  private record Band(String name, Style style, double[] x, double[] lo, double[] hi) implements Layer {}

  private record Points(String name, Style style, double[] x, double[] y, String[] tips, boolean filled) implements Layer {}

  private record Ref(boolean horizontal, double value, String label) implements Layer {}

  public LineChart(String name, String title, Size size) {
    super(name, title, size);
  }

  /** The x axis: its title (with unit), domain (NaN for automatic) and tick format. */
  public LineChart x(String label, double from, double to, DoubleFunction<String> fmt) {
    xLabel = label;
    x0 = from;
    x1 = to;
    xFmt = fmt;
    return this;
  }

  public LineChart y(String label, double from, double to, DoubleFunction<String> fmt) {
    yLabel = label;
    y0 = from;
    y1 = to;
    yFmt = fmt;
    return this;
  }

  /** A line; {@code tips} (or null) gives each point's hover title. */
  public LineChart line(String name, Style style, double[] x, double[] y, String[] tips) {
    check(x, y, tips);
    layers.add(new Line(name, style, x, y, tips));
    legend.add(new LegendEntry(name, style, "line"));
    return this;
  }

  /** A shaded band between lo and hi (a confidence band). */
  public LineChart band(String name, Style style, double[] x, double[] lo, double[] hi) {
    check(x, lo, null);
    check(x, hi, null);
    layers.add(0, new Band(name, style, x, lo, hi));
    legend.add(new LegendEntry(name, style, "band"));
    return this;
  }

  /** Scatter points (markers only); filled or hollow. */
  public LineChart points(String name, Style style, double[] x, double[] y, String[] tips, boolean filled) {
    check(x, y, tips);
    layers.add(new Points(name, style, x, y, tips, filled));
    legend.add(new LegendEntry(name, style, "points"));
    return this;
  }

  /** A dashed black reference line across the plot at y = value, labelled at its right end. */
  public LineChart hline(double value, String label) {
    layers.add(new Ref(true, value, label));
    return this;
  }

  /** A dashed black reference line at x = value, labelled at its top. */
  public LineChart vline(double value, String label) {
    layers.add(new Ref(false, value, label));
    return this;
  }

  private static void check(double[] x, double[] y, String[] tips) {
    if (x.length != y.length || (tips != null && tips.length != x.length)) {
      throw new IllegalArgumentException("a series needs as many x as y values (and titles): " + x.length + " vs " + y.length);
    }
  }

  /** The x scale the chart draws with (for tests and for callers placing annotations). */
  public Scale xScale() {
    double[] d = domain(true);
    return new Scale(d[0], d[1], left(), right());
  }

  public Scale yScale() {
    double[] d = domain(false);
    return new Scale(d[0], d[1], bottom(), top());
  }

  private double[] domain(boolean isX) {
    List<double[]> data = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof Line s) data.add(isX ? s.x() : s.y());
      else if (l instanceof Points s) data.add(isX ? s.x() : s.y());
      else if (l instanceof Band s) data.addAll(isX ? List.of(s.x()) : List.of(s.lo(), s.hi()));
      else if (((Ref) l).horizontal() != isX) data.add(new double[] {((Ref) l).value()});
    }
    return Scale.domain(isX ? x0 : y0, isX ? x1 : y1, data, 6);
  }

  @Override
  void body(StringBuilder b) {
    Scale sx = xScale();
    Scale sy = yScale();
    List<Double> yt = sy.ticks(6);
    grid(b, sy, yt);
    legend(b);
    String clip = clip(b);
    b.append("<g class=\"data\" ").append(clip).append('>');
    for (Layer l : layers) {
      if (l instanceof Band s) {
        band(b, s, sx, sy);
      } else if (l instanceof Line s) {
        line(b, s, sx, sy);
      } else if (l instanceof Points s) {
          b.append("<g class=\"series points\">");
          for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
              s.style().marker.draw(b, sx.px(s.x()[i]), sy.px(s.y()[i]), font() * 0.35, s.style().colour, s.filled(), s.tips() == null ? null : s.tips()[i]);
            }
          }
          b.append("</g>");
      } else {
        ref(b, (Ref) l, sx, sy);
      }
    }
    b.append("</g>");
    xAxis(b, sx, sx.ticks(6), xFmt, xLabel);
    yAxis(b, sy, yt, yFmt, yLabel);
  }

  private void band(StringBuilder b, Band s, Scale sx, Scale sy) {
    b.append("<g class=\"series band\">");
    // One polygon per run of defined points: upper edge left to right, lower edge back.
    int i = 0;
    int n = s.x().length;
    while (i < n) {
      while (i < n && !(Double.isFinite(s.lo()[i]) && Double.isFinite(s.hi()[i]) && Double.isFinite(s.x()[i]))) i++;
      int start = i;
      while (i < n && Double.isFinite(s.lo()[i]) && Double.isFinite(s.hi()[i]) && Double.isFinite(s.x()[i])) i++;
      if (i - start >= 2) {
        StringBuilder p = new StringBuilder();
        for (int k = start; k < i; k++) p.append(Svg.f(sx.px(s.x()[k]))).append(',').append(Svg.f(sy.px(s.hi()[k]))).append(' ');
        for (int k = i - 1; k >= start; k--) p.append(Svg.f(sx.px(s.x()[k]))).append(',').append(Svg.f(sy.px(s.lo()[k]))).append(' ');
        b.append("<polygon points=\"").append(p.toString().strip()).append("\" fill=\"").append(s.style().colour)
            .append("\" fill-opacity=\"0.18\" stroke=\"").append(s.style().colour).append("\" stroke-width=\"0.6\"").append(s.style().dashAttr())
            .append("><title>").append(Svg.esc(s.name())).append("</title></polygon>");
      }
    }
    b.append("</g>");
  }

  private void line(StringBuilder b, Line s, Scale sx, Scale sy) {
    b.append("<g class=\"series line\">");
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    int defined = 0;
    for (int i = 0; i < s.x().length; i++) {
      if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
        d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(Svg.f(sx.px(s.x()[i]))).append(',').append(Svg.f(sy.px(s.y()[i])));
        pen = true;
        defined++;
      } else {
        pen = false;
      }
    }
    if (defined > 0) {
      b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(s.style().colour).append("\" stroke-width=\"2\"")
          .append(s.style().dashAttr()).append("/>");
    }
    // A marker (with its hover title) on about 20 points, always on the first and last defined one.
    int every = Math.max(1, (int) Math.ceil(defined / 20.0));
    int k = 0;
    int last = -1;
    for (int i = 0; i < s.x().length; i++) if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) last = i;
    for (int i = 0; i < s.x().length; i++) {
      if (!(Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]))) continue;
      if (k++ % every == 0 || i == last) {
        s.style().marker.draw(b, sx.px(s.x()[i]), sy.px(s.y()[i]), font() * 0.3, s.style().colour, true, s.tips() == null ? null : s.tips()[i]);
      }
    }
    b.append("</g>");
  }

  private void ref(StringBuilder b, Ref r, Scale sx, Scale sy) {
    b.append("<g class=\"reference\">");
    if (r.horizontal()) {
      double y = sy.px(r.value());
      Svg.line(b, left(), y, right(), y, "#000000", 1, "stroke-dasharray=\"4 3\"");
      if (r.label() != null) Svg.text(b, right() - 2, y - 3, "end", font() * 0.9, r.label(), null);
    } else {
      double x = sx.px(r.value());
      Svg.line(b, x, top(), x, bottom(), "#000000", 1, "stroke-dasharray=\"4 3\"");
      if (r.label() != null) {
        // Right of the line, or left of it when the label would run past the canvas.
        boolean fits = x + 3 + safeWidth(r.label(), font() * 0.9) <= size.width() - 1;
        Svg.text(b, fits ? x + 3 : x - 3, top() + font(), fits ? "start" : "end", font() * 0.9, r.label(), null);
      }
    }
    b.append("</g>");
  }
}
