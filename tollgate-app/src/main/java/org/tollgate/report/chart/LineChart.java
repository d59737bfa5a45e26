package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * An x–y chart: lines (with markers every few points, each with a hover title), scatter points,
 * confidence bands, labelled reference lines and highlighted points. A NaN y breaks a line (a withheld point is not
 * interpolated over). Domains not given are taken from the data and widened to nice tick steps; {@link #logX} puts
 * the x axis on a symmetric-log scale ({@link Scale#log}).
 *
 * <p>Drawing order: bands, lines and point series in the order added, then reference lines, then highlighted points
 * last of all, so a highlighted point (the policy under review) is never hidden under other markers. Point markers are
 * drawn outside the plot's clip (a point on the axis shows whole) but only when inside the domain.
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
  private boolean logX;
  private final List<Layer> layers = new ArrayList<>();

  private sealed interface Layer permits Line, Band, Points, Ref, Highlight {}

  private record Line(String name, Style style, double[] x, double[] y, String[] tips) implements Layer {}

  private record Band(String name, Style style, double[] x, double[] lo, double[] hi) implements Layer {}

  private record Points(String name, Style style, double[] x, double[] y, String[] tips, boolean filled) implements Layer {}

  private record Ref(boolean horizontal, double value, String label) implements Layer {}

  private record Highlight(String name, Style style, double x, double y, String tip) implements Layer {}

  /** How much larger a highlighted point's marker is than a usual one. */
  static final double HIGHLIGHT_SIZE = 1.7;

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
    legend.add(new LegendEntry(name, style, "points", filled, 1));
    return this;
  }

  /**
   * One point drawn on top of everything else, larger, filled, with a white ring and black outline ({@link
   * Style.Marker#highlight}); its legend entry shows the same marker.
   */
  public LineChart highlight(String name, Style style, double x, double y, String tip) {
    layers.add(new Highlight(name, style, x, y, tip));
    legend.add(new LegendEntry(name, style, "highlight", true, HIGHLIGHT_SIZE));
    return this;
  }

  /** The x axis on a symmetric-log scale, its linear part fitted to the data ({@link Scale#linearPart}); from 0 unless data are negative. */
  public LineChart logX() {
    this.logX = true;
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
    if (logX) return Scale.log(d[0], d[1], left(), right(), Scale.linearPart(xValues()));
    return new Scale(d[0], d[1], left(), right());
  }

  /**
   * From the data series (lines, point series, highlighted points; not bands or reference lines): no finite point, every
   * y zero, or a single distinct point.
   */
  @Override
  Uninformative judged() {
    List<double[]> pts = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof Line s) for (int i = 0; i < s.x().length; i++) pts.add(new double[] {s.x()[i], s.y()[i]});
      else if (l instanceof Points s) for (int i = 0; i < s.x().length; i++) pts.add(new double[] {s.x()[i], s.y()[i]});
      else if (l instanceof Highlight s) pts.add(new double[] {s.x(), s.y()});
    }
    return of(pts);
  }

  /** Every x value of the data layers. */
  private double[] xValues() {
    List<Double> v = new ArrayList<>();
    for (Layer l : layers) {
      double[] x = l instanceof Line s ? s.x() : l instanceof Points s ? s.x() : l instanceof Band s ? s.x()
          : l instanceof Highlight s ? new double[] {s.x()} : new double[0];
      for (double a : x) v.add(a);
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Room on the right for half of the last x tick label (its text centred under the tick), at least the usual margin. */
  @Override
  double right() {
    double[] d = domain(true);
    double last = Math.max(d[0], d[1]);
    double half = safeWidth(xFmt.apply(last), font()) / 2 + 2;
    return size.width() - Math.max(Math.max(16, 2.5 * font()), half);
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
      else if (l instanceof Highlight s) data.add(new double[] {isX ? s.x() : s.y()});
      else if (((Ref) l).horizontal() != isX) data.add(new double[] {((Ref) l).value()});
    }
    if (isX && logX) {
      double lo = Double.isNaN(x0) ? 0 : x0;
      double hi = x1;
      if (Double.isNaN(hi)) {
        double mx = 0;
        for (double[] v : data) for (double a : v) if (Double.isFinite(a)) mx = Math.max(mx, a);
        hi = Scale.niceLogTop(mx);
      }
      for (double[] v : data) for (double a : v) if (Double.isFinite(a) && Double.isNaN(x0)) lo = Math.min(lo, a);
      return new double[] {lo, hi > lo ? hi : lo + 1};
    }
    return Scale.domain(isX ? x0 : y0, isX ? x1 : y1, data, 6);
  }

  /** The reference-line labels drawn so far in this rendering, as {x from, x to, baseline y}: a later one moves below them. */
  private final List<double[]> refLabels = new ArrayList<>();

  @Override
  void body(StringBuilder b) {
    refLabels.clear();
    Scale sx = xScale();
    Scale sy = yScale();
    List<Double> yt = sy.ticks(6);
    grid(b, sy, yt);
    legend(b);
    String clip = clip(b);
    b.append("<g class=\"data\">");
    for (Layer l : layers) {
      if (l instanceof Band s) {
        b.append("<g ").append(clip).append('>');
        band(b, s, sx, sy);
        b.append("</g>");
      } else if (l instanceof Line s) {
        b.append("<g ").append(clip).append('>');
        line(b, s, sx, sy);
        b.append("</g>");
      } else if (l instanceof Points s) {
        b.append("<g class=\"series points\">");
        for (int i = 0; i < s.x().length; i++) {
          if (inside(sx, s.x()[i]) && inside(sy, s.y()[i])) {
            s.style().marker.draw(b, sx.px(s.x()[i]), sy.px(s.y()[i]), markerRadius(), s.style().colour, s.filled(), s.tips() == null ? null : s.tips()[i]);
          }
        }
        b.append("</g>");
      } else if (l instanceof Ref r) {
        ref(b, r, sx, sy, clip);
      }
    }
    for (Layer l : layers) {
      if (l instanceof Highlight s && inside(sx, s.x()) && inside(sy, s.y())) {
        b.append("<g class=\"series highlight\">");
        Style.Marker.highlight(b, sx.px(s.x()), sy.px(s.y()), markerRadius() * HIGHLIGHT_SIZE, s.style().colour, s.tip());
        b.append("</g>");
      }
    }
    b.append("</g>");
    xAxis(b, sx, sx.ticks(6), xFmt, xLabel);
    yAxis(b, sy, yt, yFmt, yLabel);
  }

  /**
   * The baseline for a reference label spanning {@code from}–{@code to}: {@code y}, or a row lower when a label already
   * drawn overlaps it (a threshold's "under review: 0.25" and the budget's "limit $5,000/month" both sit at the top).
   */
  double freeRow(double from, double to, double y) {
    double row = font() * 1.15;
    // y only moves down, and at most one pass per label drawn: a far-off or non-finite y (where l[2] + row == l[2] in
    // floating point) used to loop for ever
    for (int pass = 0; pass <= refLabels.size() && Double.isFinite(y); pass++) {
      boolean moved = false;
      for (double[] l : refLabels) {
        double next = l[2] + row;
        if (from < l[1] + 2 && to > l[0] - 2 && Math.abs(y - l[2]) < row && next > y) {
          y = next;
          moved = true;
        }
      }
      if (!moved) break;
    }
    refLabels.add(new double[] {from, to, y});
    return y;
  }

  private static boolean inside(Scale s, double v) {
    return Double.isFinite(v) && v >= Math.min(s.d0(), s.d1()) - 1e-12 && v <= Math.max(s.d0(), s.d1()) + 1e-12;
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

  /** A reference line, clipped to the plot; its label outside the clip, so it is never cut off, only moved. */
  private void ref(StringBuilder b, Ref r, Scale sx, Scale sy, String clip) {
    b.append("<g class=\"reference\">");
    if (r.horizontal()) {
      if (!inside(sy, r.value())) {
        b.append("</g>");
        return;
      }
      double y = sy.px(r.value());
      b.append("<g ").append(clip).append('>');
      Svg.line(b, left(), y, right(), y, "#000000", 1, "stroke-dasharray=\"4 3\"");
      b.append("</g>");
      if (r.label() != null) {
        double w = safeWidth(r.label(), font() * 0.9);
        Svg.text(b, right() - 2, freeRow(right() - 2 - w, right() - 2, Math.max(top() + font(), y - 3)), "end", font() * 0.9, r.label(), null);
      }
    } else {
      if (!inside(sx, r.value())) {
        b.append("</g>");
        return;
      }
      double x = sx.px(r.value());
      b.append("<g ").append(clip).append('>');
      Svg.line(b, x, top(), x, bottom(), "#000000", 1, "stroke-dasharray=\"4 3\"");
      b.append("</g>");
      if (r.label() != null) {
        // Right of the line, or left of it when the label would run past the canvas.
        double w = safeWidth(r.label(), font() * 0.9);
        boolean fits = x + 3 + w <= size.width() - 1;
        double from = fits ? x + 3 : x - 3 - w;
        Svg.text(b, fits ? x + 3 : x - 3, freeRow(from, from + w, top() + font()), fits ? "start" : "end", font() * 0.9, r.label(), null);
      }
    }
    b.append("</g>");
  }

}
