package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Vertical bars over categories (a histogram when the categories are bins). A bar whose value is NaN is
 * withheld (small cells): it is drawn as a dashed outline at the baseline with the text "withheld" in its
 * hover title, never as zero.
 */
public final class BarChart extends Chart {
  private final List<Bar> bars = new ArrayList<>();
  private String xLabel = "";
  private String yLabel = "";
  private DoubleFunction<String> yFmt = Formats.number(0, null);
  private double yMax = Double.NaN;

  private record Bar(String label, double value, String tip) {}

  public BarChart(String name, String title, Size size) {
    super(name, title, size);
  }

  public BarChart x(String label) {
    this.xLabel = label;
    return this;
  }

  /** The y axis from 0; {@code max} NaN for automatic. */
  public BarChart y(String label, double max, DoubleFunction<String> fmt) {
    this.yLabel = label;
    this.yMax = max;
    this.yFmt = fmt;
    return this;
  }

  public BarChart bar(String label, double value, String tip) {
    bars.add(new Bar(label, value, tip));
    return this;
  }

  /**
   * No bar; every bar withheld; every shown bar zero (withheld bars beside zeros: still nothing to read); or a single
   * bar, or a single non-zero bar with every other bar a shown zero (a histogram whose mass sits in one bin).
   */
  @Override
  Uninformative judged() {
    if (bars.isEmpty()) return Uninformative.NO_DATA;
    int shown = 0;
    int nonZero = 0;
    for (Bar r : bars) {
      if (Double.isFinite(r.value())) {
        shown++;
        if (Math.abs(r.value()) > 1e-12) nonZero++;
      }
    }
    if (shown == 0) return Uninformative.ALL_WITHHELD;
    if (nonZero == 0) return Uninformative.ALL_ZERO;
    if (bars.size() == 1 || nonZero == 1 && shown == bars.size()) return Uninformative.SINGLE_POINT;
    return null;
  }

  public Scale yScale() {
    double hi = yMax;
    if (Double.isNaN(hi)) {
      double mx = 0;
      for (Bar r : bars) if (Double.isFinite(r.value())) mx = Math.max(mx, r.value());
      hi = Scale.niceDomain(0, mx > 0 ? mx : 1, 5)[1];
    }
    return new Scale(0, hi, bottom(), top());
  }

  /** Left edge of bar i's slot; each slot is (right − left) / bars wide and the bar fills its middle 70%. */
  public double slotLeft(int i) {
    return left() + i * slot();
  }

  private double slot() {
    return (right() - left()) / Math.max(1, bars.size());
  }

  @Override
  void body(StringBuilder b) {
    Scale sy = yScale();
    List<Double> yt = sy.ticks(5);
    grid(b, sy, yt);
    legend(b);
    double w = slot();
    b.append("<g class=\"data\">");
    for (int i = 0; i < bars.size(); i++) {
      Bar r = bars.get(i);
      double x = slotLeft(i) + w * 0.15;
      String tip = r.tip() != null ? r.tip() : r.label() + ": " + (Double.isFinite(r.value()) ? yFmt.apply(r.value()) : "withheld");
      if (Double.isFinite(r.value())) {
        double y = sy.clampedPx(r.value());
        b.append("<rect class=\"bar\" x=\"").append(Svg.f(x)).append("\" y=\"").append(Svg.f(Math.min(y, bottom()))).append("\" width=\"").append(Svg.f(w * 0.7))
            .append("\" height=\"").append(Svg.f(Math.abs(bottom() - y))).append("\" fill=\"").append(Style.SOLID.colour).append("\" fill-opacity=\"0.75\" stroke=\"")
            .append(Style.SOLID.colour).append("\"><title>").append(Svg.esc(tip)).append("</title></rect>");
      } else {
        double h = Math.min(2.2 * font(), bottom() - top());
        b.append("<rect class=\"bar withheld\" x=\"").append(Svg.f(x)).append("\" y=\"").append(Svg.f(bottom() - h)).append("\" width=\"").append(Svg.f(w * 0.7))
            .append("\" height=\"").append(Svg.f(h)).append("\" fill=\"none\" stroke=\"#000000\" stroke-dasharray=\"3 2\"><title>").append(Svg.esc(tip))
            .append("</title></rect>");
        double tx = x + w * 0.35 + font() * 0.3;
        double ty = bottom() - h - 3;
        Svg.text(b, tx, ty, "start", font() * 0.8, "withheld", "transform=\"rotate(-90 " + Svg.f(tx) + " " + Svg.f(ty) + ")\"");
      }
    }
    b.append("</g>");
    b.append("<g class=\"axis x-axis\">");
    Svg.line(b, left(), bottom(), right(), bottom(), "#000000", 1, null);
    double widest = 0;
    for (Bar r : bars) widest = Math.max(widest, Svg.textWidth(r.label(), font()));
    int every = Math.max(1, (int) Math.ceil((widest + 6) / Math.max(1, w)));
    for (int i = 0; i < bars.size(); i++) {
      double x = slotLeft(i) + w / 2;
      b.append("<g class=\"tick\">");
      Svg.line(b, x, bottom(), x, bottom() + 4, "#000000", 1, null);
      if (i % every == 0) Svg.text(b, x, bottom() + 4 + font(), "middle", font(), bars.get(i).label(), null);
      b.append("</g>");
    }
    Svg.text(b, (left() + right()) / 2, height() - 0.6 * font(), "middle", fitted(xLabel, right() - left()), xLabel, "class=\"axis-title\"");
    b.append("</g>");
    yAxis(b, sy, yt, yFmt, yLabel);
  }
}
