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

  /**
   * A legend entry: a line sample, a filled band sample or a marker, and its name. A marker entry is drawn as the chart
   * draws the series' markers (filled or hollow, at the same size), so the legend never shows a shape the plot does not.
   *
   * @param size the marker's radius as a multiple of the chart's usual marker (1 for most series)
   */
  record LegendEntry(String name, Style style, String kind, boolean filled, double size) {
    LegendEntry(String name, Style style, String kind) {
      this(name, style, kind, false, 1);
    }
  }

  /** The usual marker radius of a point series, in px. */
  double markerRadius() {
    return font() * 0.35;
  }

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

  /** Why a chart would show nothing a reader can use; see {@link #uninformative()}. */
  public enum Uninformative {
    NO_DATA("there are no values to draw"),
    ALL_ZERO("every value is zero"),
    SINGLE_POINT("there is only one value, which a chart cannot put in context"),
    ALL_WITHHELD("every value is withheld by the small-cell rule (counts of 1 to 10 are not shown)");

    /** The reason in words, to end a sentence. */
    public final String words;

    Uninformative(String words) {
      this.words = words;
    }
  }

  private Uninformative forced;
  private String emptyWhy;

  /**
   * Why the chart would show nothing informative (all its values zero, a single point, nothing to draw, everything
   * withheld), or null when it shows something. A page puts a sentence in its place ({@link #figureOr}). Judged from
   * the chart's own data ({@link #judged()}) unless the caller, who knows which series is the model's and which a
   * reference, said so with {@link #uninformativeWhen}.
   */
  public final Uninformative uninformative() {
    return forced != null ? forced : judged();
  }

  /** The chart's own judgement of its data (see {@link #uninformative()}). */
  abstract Uninformative judged();

  /**
   * Marks the chart uninformative for the caller's reason when {@code condition} holds: e.g. a ROC curve whose every
   * point is withheld still draws its fixed ends and the chance line, which the chart alone cannot tell from data.
   */
  public Chart uninformativeWhen(boolean condition, Uninformative kind) {
    if (condition) forced = kind;
    return this;
  }

  /** The reason {@link #figureOrSentence()} gives when the chart is uninformative, in the page's words (ends a sentence). */
  public Chart whyEmpty(String why) {
    this.emptyWhy = why;
    return this;
  }

  /** {@link #figureOr} with the reason set by {@link #whyEmpty}, or the generic one. */
  public final String figureOrSentence() {
    return figureOr(emptyWhy);
  }

  /** The uninformative kind of one series: no finite (x, y) pair, every y zero, or a single distinct point; null otherwise. */
  public static Uninformative judge(double[] x, double[] y) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < Math.min(x.length, y.length); i++) pts.add(new double[] {x[i], y[i]});
    return of(pts);
  }

  /**
   * The figure, or, when the chart is {@link #uninformative()}, one sentence in its place:
   * {@code <p class="no-chart" data-chart="NAME">} with the chart's title and why it is not drawn ({@code why}, or
   * the generic reason when null).
   */
  public final String figureOr(String why) {
    Uninformative u = uninformative();
    if (u == null) return figure();
    return "<p class=\"no-chart\" data-chart=\"" + name + "\"><strong>" + Svg.esc(title) + ":</strong> no chart, because "
        + Svg.esc(why == null ? u.words : why) + ".</p>";
  }

  /** The uninformative kind of a set of y values: none finite, all zero, or a single one; null otherwise. */
  static Uninformative of(List<double[]> points) {
    int n = 0;
    boolean allZero = true;
    double[] first = null;
    boolean distinct = false;
    for (double[] p : points) {
      if (!(Double.isFinite(p[0]) && Double.isFinite(p[1]))) continue;
      n++;
      if (Math.abs(p[1]) > 1e-12) allZero = false;
      if (first == null) first = p;
      else if (p[0] != first[0] || p[1] != first[1]) distinct = true;
    }
    if (n == 0) return Uninformative.NO_DATA;
    if (allZero) return Uninformative.ALL_ZERO;
    if (!distinct) return Uninformative.SINGLE_POINT;
    return null;
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
        case "points" -> e.style().marker.draw(b, x + sample / 2, y, markerRadius() * e.size(), e.style().colour, e.filled(), null);
        case "highlight" -> Style.Marker.highlight(b, x + sample / 2, y, markerRadius() * e.size(), e.style().colour, null);
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
    double taken = Double.NEGATIVE_INFINITY;
    for (double t : ticks) {
      double x = sx.px(t);
      b.append("<g class=\"tick\">");
      Svg.line(b, x, bottom(), x, bottom() + 4, "#000000", 1, null);
      String tick = fmt.apply(t);
      // A label at either end of the axis is shifted to end inside the canvas instead of centred under its tick;
      // a label that would overlap the one before (ticks crowded at the bottom of a log axis) is left out, its tick kept.
      double w = safeWidth(tick, font());
      double from = x + w / 2 > size.width() - 1 ? size.width() - 1 - w : x - w / 2 < 1 ? 1 : x - w / 2;
      if (from >= taken + 0.3 * font()) {
        if (from + w >= size.width() - 1 - 1e-9) Svg.text(b, size.width() - 1, bottom() + 4 + font(), "end", font(), tick, null);
        else if (from <= 1 + 1e-9) Svg.text(b, 1, bottom() + 4 + font(), "start", font(), tick, null);
        else Svg.text(b, x, bottom() + 4 + font(), "middle", font(), tick, null);
        taken = from + w;
      }
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
