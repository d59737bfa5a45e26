package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What every chart shares: the {@code <figure class="chart" data-chart="NAME">} wrapper with a caption,
 * the {@code <svg role="img">} header with its {@code <title>}, the legend, and axes with ticks, tick labels
 * and titles.
 *
 * <p>Layout (all in px): the plot area runs from {@code left} to {@code width − right} and from
 * {@code top} to {@code height − bottom}, with left = 7 × font, right = max(16, 2.5 × font), bottom = 4 × font and top =
 * 10 + 1.6 × font per legend row.
 */
public abstract sealed class Chart permits LineChart, ForestPlot, BarChart {
  final String name;
  final String title;
  final Size size;
  String caption;
  final List<LegendEntry> legend = new ArrayList<>();

  /** A legend entry: a line sample, a filled band sample or a marker, and its name. */
  record LegendEntry(String name, Style style, String kind) {}

  Chart(String name, String title, Size size) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("chart name must be lower-case letters, digits and '-': " + name);
    this.name = name;
    this.title = title;
    this.size = size;
  }

  /** The chart's name, as in {@code data-chart}. */
  public String name() {
    return name;
  }

  /** The figure caption (defaults to the title). */
  public Chart caption(String text) {
    this.caption = text;
    return this;
  }

  /** The chart in its figure, with caption: what the pages embed. */
  public final String figure() {
    return "<figure class=\"chart\" data-chart=\"" + name + "\">" + svg() + "<figcaption>" + Svg.esc(caption == null ? title : caption)
        + "</figcaption></figure>";
  }

  /** The {@code <svg>} element alone. */
  public final String svg() {
    StringBuilder b = new StringBuilder(8192);
    int h = height();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-").append(name).append("-title\" width=\"")
        .append(size.width()).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(size.width()).append(' ').append(h)
        .append("\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"").append(size.font()).append("\">");
    b.append("<title id=\"chart-").append(name).append("-title\">").append(Svg.esc(title)).append("</title>");
    b.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(size.width()).append("\" height=\"").append(h).append("\" fill=\"#ffffff\"/>");
    body(b);
    b.append("</svg>");
    return b.toString();
  }

  abstract void body(StringBuilder b);

  /** The chart's height: the size's, or more when the content needs it (a forest plot with many rows). */
  int height() {
    return size.height();
  }

  double font() {
    return size.font();
  }

  double left() {
    return 7 * font();
  }

  /** Room on the right for half of the last x tick label. */
  double right() {
    return size.width() - Math.max(16, 2.5 * font());
  }

  double top() {
    return 10 + 1.6 * font() * legendRows();
  }

  double bottom() {
    return height() - 4 * font();
  }

  /** Rows the legend needs when laid out left to right between the plot's edges. */
  int legendRows() {
    if (legend.isEmpty()) return 0;
    int rows = 1;
    double x = left();
    for (LegendEntry e : legend) {
      double w = entryWidth(e);
      if (x + w > right() && x > left()) {
        rows++;
        x = left();
      }
      x += w;
    }
    return rows;
  }

  private double entryWidth(LegendEntry e) {
    return 2.6 * font() + 6 + Svg.textWidth(e.name(), font()) + font();
  }

  void legend(StringBuilder b) {
    if (legend.isEmpty()) return;
    b.append("<g class=\"legend\">");
    double x = left();
    double y = 4 + 1.6 * font() * 0.5;
    double sample = 2.6 * font();
    for (LegendEntry e : legend) {
      double w = entryWidth(e);
      if (x + w > right() && x > left()) {
        x = left();
        y += 1.6 * font();
      }
      b.append("<g class=\"legend-entry\">");
      switch (e.kind()) {
        case "band" -> b.append("<rect x=\"").append(Svg.f(x)).append("\" y=\"").append(Svg.f(y - font() * 0.4)).append("\" width=\"").append(Svg.f(sample))
            .append("\" height=\"").append(Svg.f(font() * 0.8)).append("\" fill=\"").append(e.style().colour).append("\" fill-opacity=\"0.2\" stroke=\"")
            .append(e.style().colour).append("\" stroke-width=\"0.6\"").append(e.style().dashAttr()).append("/>");
        case "points" -> e.style().marker.draw(b, x + sample / 2, y, font() * 0.35, e.style().colour, false, null);
        case "reference" -> Svg.line(b, x, y, x + sample, y, "#000000", 1, "stroke-dasharray=\"4 3\"");
        case "interval" -> {
          Svg.line(b, x, y, x + sample, y, e.style().colour, 1.6, null);
          Style.Marker.SQUARE.draw(b, x + sample / 2, y, font() * 0.38, e.style().colour, true, null);
        }
        default -> {
          Svg.line(b, x, y, x + sample, y, e.style().colour, 2, e.style().dashAttr().strip());
          e.style().marker.draw(b, x + sample / 2, y, font() * 0.3, e.style().colour, true, null);
        }
      }
      Svg.text(b, x + sample + 6, y + font() * 0.35, "start", font(), e.name(), null);
      b.append("</g>");
      x += w;
    }
    b.append("</g>");
  }

  /** The x axis: baseline, ticks with labels, and its title under them. */
  void xAxis(StringBuilder b, Scale sx, List<Double> ticks, DoubleFunction<String> fmt, String label) {
    b.append("<g class=\"axis x-axis\">");
    Svg.line(b, left(), bottom(), right(), bottom(), "#000000", 1, null);
    for (double t : ticks) {
      double x = sx.px(t);
      b.append("<g class=\"tick\">");
      Svg.line(b, x, bottom(), x, bottom() + 4, "#000000", 1, null);
      String tick = fmt.apply(t);
      // A label at either end of the axis is shifted to end inside the canvas instead of centred under its tick.
      double half = safeWidth(tick, font()) / 2;
      if (x + half > size.width() - 1) Svg.text(b, size.width() - 1, bottom() + 4 + font(), "end", font(), tick, null);
      else if (x - half < 1) Svg.text(b, 1, bottom() + 4 + font(), "start", font(), tick, null);
      else Svg.text(b, x, bottom() + 4 + font(), "middle", font(), tick, null);
      b.append("</g>");
    }
    Svg.text(b, (left() + right()) / 2, height() - 0.6 * font(), "middle", fitted(label, right() - left()), label, "class=\"axis-title\"");
    b.append("</g>");
  }

  /**
   * A text's width with room to spare: DejaVu Sans's widest common glyphs (%, m, W) run to 0.95 em, so layout
   * that must never cut text off reckons 0.72 em a character rather than {@link Svg#textWidth}'s average.
   */
  static double safeWidth(String s, double font) {
    return s == null ? 0 : s.length() * font * 0.72;
  }

  /** The font size at which a title fits the given length (never below 70% of the chart's font). */
  double fitted(String label, double length) {
    double w = Svg.textWidth(label, font());
    return w <= length ? font() : Math.max(font() * 0.7, font() * length / w);
  }

  /** The y axis: baseline, ticks with labels, and its title turned 90°. */
  void yAxis(StringBuilder b, Scale sy, List<Double> ticks, DoubleFunction<String> fmt, String label) {
    b.append("<g class=\"axis y-axis\">");
    Svg.line(b, left(), top(), left(), bottom(), "#000000", 1, null);
    for (double t : ticks) {
      double y = sy.px(t);
      b.append("<g class=\"tick\">");
      Svg.line(b, left() - 4, y, left(), y, "#000000", 1, null);
      Svg.text(b, left() - 6, y + font() * 0.35, "end", font(), fmt.apply(t), null);
      b.append("</g>");
    }
    double cx = font() * 1.0;
    double cy = (top() + bottom()) / 2;
    Svg.text(b, cx, cy, "middle", fitted(label, bottom() - top() + 3 * font()), label, "class=\"axis-title\" transform=\"rotate(-90 " + Svg.f(cx) + " " + Svg.f(cy) + ")\"");
    b.append("</g>");
  }

  /** Light horizontal grid lines at the y ticks. */
  void grid(StringBuilder b, Scale sy, List<Double> ticks) {
    b.append("<g class=\"grid\">");
    for (double t : ticks) Svg.line(b, left(), sy.px(t), right(), sy.px(t), "#dddddd", 0.6, null);
    b.append("</g>");
  }

  /** A clip path named after the chart, so marks outside the domain stay inside the plot. */
  String clip(StringBuilder b) {
    String id = "clip-" + name;
    b.append("<defs><clipPath id=\"").append(id).append("\"><rect x=\"").append(Svg.f(left())).append("\" y=\"").append(Svg.f(top()))
        .append("\" width=\"").append(Svg.f(right() - left())).append("\" height=\"").append(Svg.f(bottom() - top())).append("\"/></clipPath></defs>");
    return "clip-path=\"url(#" + id + ")\"";
  }
}
