package org.tollgate.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A forest plot: one row per subgroup with its estimate (a square) and 95% interval (a horizontal line),
 * a dashed reference line (the overall value, or zero for a change), the row labels on the y axis and
 * the estimate with its interval written out at the right. A withheld row (small cells) shows its note
 * instead of marks. Heading rows (an attribute's name) are bold and carry no marks.
 */
public final class ForestPlot extends Chart {
  private final List<Row> rows = new ArrayList<>();
  private String xLabel = "";
  private double x0 = Double.NaN;
  private double x1 = Double.NaN;
  private DoubleFunction<String> fmt = Formats.number(2, null);
  private DoubleFunction<String> valueFmt;
  private double reference = Double.NaN;
  private String referenceLabel;

  private record Row(String label, double estimate, double lower, double upper, String note, boolean heading, String tip) {}

  public ForestPlot(String name, String title, Size size) {
    super(name, title, size);
    legend.add(new LegendEntry("estimate with 95% CI", Style.SOLID, "interval"));
  }

  public ForestPlot axis(String label, double from, double to, DoubleFunction<String> fmt) {
    this.xLabel = label;
    this.x0 = from;
    this.x1 = to;
    this.fmt = fmt;
    return this;
  }

  /** How the written-out estimates and intervals are formatted (default: the axis format). */
  public ForestPlot values(DoubleFunction<String> format) {
    this.valueFmt = format;
    return this;
  }

  /** The dashed reference line and its legend label. */
  public ForestPlot reference(double value, String label) {
    this.reference = value;
    this.referenceLabel = label;
    legend.add(new LegendEntry(label, Style.DASH_DOT, "reference"));
    return this;
  }

  /** A heading row, e.g. the attribute name. */
  public ForestPlot heading(String label) {
    rows.add(new Row(label, Double.NaN, Double.NaN, Double.NaN, null, true, null));
    return this;
  }

  /** A row with an estimate and interval (NaN bounds draw the point alone); {@code tip} is the hover title. */
  public ForestPlot row(String label, double estimate, double lower, double upper, String tip) {
    rows.add(new Row(label, estimate, lower, upper, null, false, tip));
    return this;
  }

  /** A row whose numbers are withheld or undefined: the note is written instead of marks. */
  public ForestPlot withheld(String label, String note) {
    rows.add(new Row(label, Double.NaN, Double.NaN, Double.NaN, note, false, null));
    return this;
  }

  private double rowHeight() {
    return 1.8 * font();
  }

  @Override
  int height() {
    double need = 10 + 1.6 * font() * legendRowsFixed() + Math.max(1, rows.size()) * rowHeight() + 4 * font() + 4;
    return (int) Math.ceil(Math.max(need, Math.min(size.height(), need)));
  }

  // legendRows() depends on left()/right(), which depend only on the rows: no cycle through height().
  private int legendRowsFixed() {
    return legendRows();
  }

  @Override
  double left() {
    double w = 0;
    for (Row r : rows) w = Math.max(w, Svg.textWidth(r.label(), font()) + (r.heading() ? 0 : font()));
    // Without the written-out values (print) the plot has room to spare for the labels ("White (reference)").
    return Math.max(5 * font(), Math.min(size.width() * (showValues() ? 0.36 : 0.45), w + 10));
  }

  @Override
  double right() {
    double w = 0;
    // the values are written at 0.9 × the font: room for the widest with DejaVu's wide glyphs (%, −), never cut off
    for (Row r : rows) w = Math.max(w, safeWidth(valueText(r), font() * 0.9));
    return size.width() - (showValues() ? Math.min(size.width() * 0.36, w + 12) : 12);
  }

  /** The written-out values need room: only on charts at least 400 px wide (in print the hover titles are gone, the axis stays). */
  private boolean showValues() {
    return size.width() >= 400;
  }

  private String valueText(Row r) {
    if (r.heading() || !showValues()) return "";
    if (r.note() != null) return "";
    if (!Double.isFinite(r.estimate())) return "";
    DoubleFunction<String> f = valueFmt == null ? fmt : valueFmt;
    String s = f.apply(r.estimate());
    if (Double.isFinite(r.lower()) && Double.isFinite(r.upper())) s += " (" + f.apply(r.lower()) + " to " + f.apply(r.upper()) + ")";
    return s;
  }

  /**
   * No row with an estimate (NO_DATA, or ALL_WITHHELD when rows carry notes instead); or a single estimate among
   * withheld rows (the overall row alone, every subgroup withheld: nothing to compare).
   */
  @Override
  Uninformative judged() {
    int shown = 0;
    boolean withheld = false;
    for (Row r : rows) {
      if (!r.heading() && Double.isFinite(r.estimate())) shown++;
      if (r.note() != null) withheld = true;
    }
    if (shown == 0) return withheld ? Uninformative.ALL_WITHHELD : Uninformative.NO_DATA;
    return shown == 1 && withheld ? Uninformative.ALL_WITHHELD : null;
  }

  /** The x scale the chart draws with. */
  public Scale xScale() {
    List<double[]> data = new ArrayList<>();
    for (Row r : rows) data.add(new double[] {r.estimate(), r.lower(), r.upper()});
    data.add(new double[] {reference});
    double[] d = Scale.domain(x0, x1, data, 5);
    return new Scale(d[0], d[1], left(), right());
  }

  /** The pixel y of row i's centre. */
  public double rowY(int i) {
    return top() + (i + 0.5) * rowHeight();
  }

  /**
   * A row's note as it fits in {@code room} px: whole, or cut at the end of a clause ("withheld: a cell of 1 to 10, or one
   * that would give such a cell back" → "withheld: a cell of 1 to 10" → "withheld"), never mid-sentence; the caption says the rest.
   */
  String fittedNote(String note, double room) {
    String n = note;
    while (Svg.textWidth(n, font() * 0.9) > room) {
      int cut = Math.max(n.lastIndexOf(", "), n.lastIndexOf(": "));
      if (cut <= 0) break;
      n = n.substring(0, cut);
    }
    return n;
  }

  /** A row label's font size: the chart's, or smaller so that a long label ends before the axis. */
  private double labelFont(Row r) {
    double room = left() - 6 - (r.heading() ? 4 : 4 + font());
    double w = Svg.textWidth(r.label(), font()) * 1.1;
    return w <= room ? font() : Math.max(font() * 0.6, font() * room / w);
  }

  @Override
  void body(StringBuilder b) {
    Scale sx = xScale();
    legend(b);
    String clip = clip(b);
    List<Double> ticks = sx.ticks(5);
    b.append("<g class=\"grid\">");
    for (double t : ticks) Svg.line(b, sx.px(t), top(), sx.px(t), bottom(), "#e4e4e4", 0.6, null);
    b.append("</g>");
    if (Double.isFinite(reference)) {
      b.append("<g class=\"reference\">");
      Svg.line(b, sx.clampedPx(reference), top(), sx.clampedPx(reference), bottom(), "#000000", 1, "stroke-dasharray=\"4 3\"");
      b.append("</g>");
    }
    b.append("<g class=\"data\" ").append(clip).append('>');
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.heading() || r.note() != null || !Double.isFinite(r.estimate())) continue;
      double y = rowY(i);
      b.append("<g class=\"row\">");
      if (Double.isFinite(r.lower()) && Double.isFinite(r.upper())) {
        Svg.line(b, sx.px(r.lower()), y, sx.px(r.upper()), y, Style.SOLID.colour, 1.6, null);
        Svg.line(b, sx.px(r.lower()), y - 3, sx.px(r.lower()), y + 3, Style.SOLID.colour, 1.2, null);
        Svg.line(b, sx.px(r.upper()), y - 3, sx.px(r.upper()), y + 3, Style.SOLID.colour, 1.2, null);
      }
      Style.Marker.SQUARE.draw(b, sx.px(r.estimate()), y, font() * 0.38, Style.SOLID.colour, true, r.tip() == null ? r.label() + ": " + fmt.apply(r.estimate()) : r.tip());
      b.append("</g>");
    }
    b.append("</g>");
    // Notes and the written-out values, outside the clip.
    b.append("<g class=\"values\">");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      double y = rowY(i) + font() * 0.35;
      if (r.note() != null) Svg.text(b, left() + 6, y, "start", font() * 0.9, fittedNote(r.note(), size.width() - 2 - (left() + 6)), "font-style=\"italic\"");
      String v = valueText(r);
      if (!v.isEmpty()) Svg.text(b, right() + 8, y, "start", font() * 0.9, v, null);
    }
    b.append("</g>");
    xAxis(b, sx, ticks, fmt, xLabel);
    b.append("<g class=\"axis y-axis\">");
    Svg.line(b, left(), top(), left(), bottom(), "#000000", 1, null);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      double y = rowY(i);
      b.append("<g class=\"tick\">");
      if (!r.heading()) Svg.line(b, left() - 4, y, left(), y, "#000000", 1, null);
      Svg.text(b, r.heading() ? 4 : 4 + font(), y + font() * 0.35, "start", labelFont(r), r.label(), r.heading() ? "font-weight=\"700\"" : null);
      b.append("</g>");
    }
    b.append("</g>");
  }
}
