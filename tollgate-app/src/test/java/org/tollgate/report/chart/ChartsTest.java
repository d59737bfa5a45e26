package org.tollgate.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Each chart type is well-formed SVG inside its figure, has titled axes with ticks, and puts values where
 * the layout documented on {@link Chart} says: the pixel positions below are worked out by hand from
 * left = 7 × font, right = width − max(16, 2.5 × font), top = 10 + 1.6 × font per legend row, bottom = height − 4 × font.
 */
class ChartsTest {

  private static Element svg(Document d) {
    return SvgXml.find(d, "svg").get(0);
  }

  private static void assertAxes(Document d, String xTitle, String yTitle) {
    Element x = SvgXml.find(d, "g", "axis", "x-axis").get(0);
    Element y = SvgXml.find(d, "g", "axis", "y-axis").get(0);
    assertFalse(SvgXml.find(x, "g", "tick").isEmpty(), "x ticks");
    assertFalse(SvgXml.find(y, "g", "tick").isEmpty(), "y ticks");
    assertEquals(xTitle, SvgXml.find(x, "text", "axis-title").get(0).getTextContent());
    if (yTitle != null) assertEquals(yTitle, SvgXml.find(y, "text", "axis-title").get(0).getTextContent());
  }

  @Test
  void niceTicksAreOneTwoOrFiveTimesAPowerOfTen() {
    // (1 − 0) / 5 = 0.2 → 2 × 10^-1; (870 − 30) / 5 = 168 → 200; (0.087 − 0) / 4 = 0.02175 → 0.05
    assertEquals(0.2, Scale.niceStep(0, 1, 6), 1e-12);
    assertEquals(200, Scale.niceStep(30, 870, 6), 1e-9);
    assertEquals(0.05, Scale.niceStep(0, 0.087, 5), 1e-12);
    double[] d = Scale.niceDomain(0.03, 0.87, 6);
    assertEquals(0, d[0], 1e-12);
    assertEquals(1.0, d[1], 1e-12);
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), new Scale(0, 1, 0, 100).ticks(6).stream().map(v -> Math.round(v * 10) / 10.0).toList());
    assertEquals(List.of(0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0), new Scale(0, 5000, 0, 100).ticks(6));
  }

  @Test
  void scaleMapsValuesLinearlyAndFlipsForY() {
    Scale x = new Scale(0, 1, 70, 470);
    assertEquals(170.0, x.px(0.25), 1e-9);
    Scale y = new Scale(0, 1, 210, 26);
    assertEquals(118.0, y.px(0.5), 1e-9);
    assertEquals(210.0, y.clampedPx(-3), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new Scale(1, 1, 0, 10));
  }

  /**
   * A reference label moved below one it overlaps lands one row under it, and stays there: where (a + row) − a rounds to
   * less than row in floating point, the label used to be moved to the same place for ever (a review's page hung).
   */
  @Test
  void aReferenceLabelMovedBelowAnotherStopsThere() {
    LineChart c = new LineChart("rows", "Rows", new Size(495, 250, 10));
    double row = c.font() * 1.15;
    double a = 0;
    for (int k = 1; k < 100_000 && !((a + row) - a < row); k++) a = 20 + k * 0.001;
    assertTrue((a + row) - a < row, "a baseline where one row down rounds short of a row");
    assertEquals(a, c.freeRow(100, 200, a));
    assertEquals(a + row, c.freeRow(150, 250, a), "one row under the first label");
    assertEquals(a + 2 * row, c.freeRow(120, 180, a), "under both");
  }

  @Test
  void lineChartPutsPointsAndTicksWhereTheScaleSays() {
    // width 495, height 250, font 10: left 70, right 495 − 25 = 470; one legend row → top 26; bottom 210.
    LineChart c = new LineChart("test-line", "A line", new Size(495, 250, 10))
        .x("False-positive rate (%)", 0, 1, Formats.percent())
        .y("Sensitivity (%)", 0, 1, Formats.percent())
        .points("Observed", Style.SOLID, new double[] {0.25}, new double[] {0.5}, new String[] {"threshold 0.3: 50%"}, true)
        .band("95% CI", Style.SOLID, new double[] {0, 1}, new double[] {0.1, 0.3}, new double[] {0.2, 0.4})
        .line("Model", Style.DASHED, new double[] {0, 0.5, 1}, new double[] {0, Double.NaN, 1}, null)
        .hline(0.75, "limit");
    Document d = SvgXml.parse(c.figure());
    Element fig = (Element) d.getDocumentElement();
    assertEquals("figure", fig.getLocalName());
    assertEquals("chart", fig.getAttribute("class"));
    assertEquals("test-line", fig.getAttribute("data-chart"));
    assertEquals("http://www.w3.org/2000/svg", svg(d).getNamespaceURI());
    assertEquals("img", svg(d).getAttribute("role"));
    assertEquals("A line", SvgXml.find(d, "title").get(0).getTextContent());
    assertAxes(d, "False-positive rate (%)", "Sensitivity (%)");
    Element pt = SvgXml.find(d, "circle", "point").stream().filter(e -> e.getTextContent().contains("threshold 0.3")).findFirst().orElseThrow();
    assertEquals("170.0", pt.getAttribute("cx"));
    assertEquals("118.0", pt.getAttribute("cy"));
    Element x = SvgXml.find(d, "g", "axis", "x-axis").get(0);
    assertEquals(List.of("0%", "20%", "40%", "60%", "80%", "100%"), SvgXml.tickLabels(x));
    // the tick at 20% sits at 70 + 0.2 × 400 = 150
    assertEquals("150.0", ((Element) SvgXml.find(x, "g", "tick").get(1).getElementsByTagNameNS("*", "line").item(0)).getAttribute("x1"));
    // the y tick at 60% sits at 210 − 0.6 × 184 = 99.6
    Element y = SvgXml.find(d, "g", "axis", "y-axis").get(0);
    assertEquals("99.6", ((Element) SvgXml.find(y, "g", "tick").get(3).getElementsByTagNameNS("*", "line").item(0)).getAttribute("y1"));
    // the NaN breaks the dashed line into two single-point moves: no segment is drawn across the gap
    Element path = SvgXml.find(d, "path").get(0);
    assertEquals("M70.0,210.0 M470.0,26.0", path.getAttribute("d"));
    assertEquals("7 4", path.getAttribute("stroke-dasharray"));
    // the band: upper edge left to right, then lower edge back: (0, 0.2) → y 173.2, (1, 0.4) → 136.4, (1, 0.3) → 154.8, (0, 0.1) → 191.6
    Element band = SvgXml.find(d, "polygon").stream().filter(e -> e.getTextContent().equals("95% CI")).findFirst().orElseThrow();
    assertEquals("70.0,173.2 470.0,136.4 470.0,154.8 70.0,191.6", band.getAttribute("points"));
    // the reference line at 0.75 → 210 − 138 = 72
    Element ref = (Element) SvgXml.find(d, "g", "reference").get(0).getElementsByTagNameNS("*", "line").item(0);
    assertEquals("72.0", ref.getAttribute("y1"));
    assertEquals(3, SvgXml.find(d, "g", "legend-entry").size(), "one legend entry per series");
  }

  @Test
  void automaticDomainWidensToNiceTicks() {
    LineChart c = new LineChart("auto", "Auto", new Size(486, 250, 10))
        .x("Threshold", Double.NaN, Double.NaN, Formats.number(1, null))
        .y("Cost ($ per month)", 0, Double.NaN, Formats.dollars())
        .line("Cost", Style.SOLID, new double[] {0.05, 0.95}, new double[] {4100, 870}, null);
    assertEquals(0.0, c.xScale().d0(), 1e-12);
    assertEquals(1.0, c.xScale().d1(), 1e-12);
    assertEquals(5000.0, c.yScale().d1(), 1e-9);
    Document d = SvgXml.parse(c.svg());
    assertEquals(List.of("$0", "$1,000", "$2,000", "$3,000", "$4,000", "$5,000"), SvgXml.tickLabels(SvgXml.find(d, "g", "y-axis").get(0)));
  }

  @Test
  void forestPlotPlacesEstimatesAndIntervalsAndWritesWithheldRows() {
    // width 300 (< 400: no value column), font 10. Labels: "age band" heading (8 chars → 48 px), "18-44" (5 × 6 + 10 = 40 px):
    // left = max(50, min(108, 48 + 10)) = 58; right = 300 − 12 = 288; the x scale [0, 1] → [58, 288].
    // Legend: "estimate with 95% CI" (26 + 6 + 120 + 10 = 162 px) fits, "overall 80%" (26 + 6 + 66 + 10 = 108) does not → 2 rows,
    // top = 10 + 32 = 42; row i centre = 42 + (i + 0.5) × 18.
    ForestPlot f = new ForestPlot("forest-test", "Sensitivity by group", new Size(300, 100, 10))
        .axis("Sensitivity (%)", 0, 1, Formats.percent())
        .reference(0.8, "overall 80%")
        .heading("age band")
        .row("18-44", 0.5, 0.3, 0.7, null)
        .withheld("75+", "withheld: a cell of 1 to 10");
    Document d = SvgXml.parse(f.figure());
    assertAxes(d, "Sensitivity (%)", null);
    Element row = SvgXml.find(d, "g", "row").get(0);
    Element ci = (Element) row.getElementsByTagNameNS("*", "line").item(0);
    assertEquals("127.0", ci.getAttribute("x1")); // 58 + 0.3 × 230
    assertEquals("219.0", ci.getAttribute("x2")); // 58 + 0.7 × 230
    assertEquals("69.0", ci.getAttribute("y1")); // row 1: 42 + 1.5 × 18
    Element sq = SvgXml.find(row, "rect", "point").get(0);
    // the square's centre: x = 58 + 0.5 × 230 = 173, half-side 0.38 × 10 = 3.8
    assertEquals("169.2", sq.getAttribute("x"));
    Element ref = (Element) SvgXml.find(d, "g", "reference").get(0).getElementsByTagNameNS("*", "line").item(0);
    assertEquals("242.0", ref.getAttribute("x1")); // 58 + 0.8 × 230
    List<String> labels = SvgXml.tickLabels(SvgXml.find(d, "g", "y-axis").get(0));
    assertEquals(List.of("age band", "18-44", "75+"), labels);
    assertTrue(f.figure().contains("withheld: a cell of 1 to 10"));
    assertEquals(1, SvgXml.find(d, "g", "row").size(), "a withheld row draws no marks");
    assertEquals(42 + 3 * 18 + 40 + 4, Integer.parseInt(svg(d).getAttribute("height")), "height grows with the rows");
  }

  @Test
  void barChartDrawsBarsFromZeroAndWithheldBarsAsOutlines() {
    // width 479, height 250, font 10, no legend: left 70, right 479 − 25 = 454, top 10, bottom 210; 4 slots of 96 px,
    // each bar the middle 70%; y domain [0, 40] (nice from the largest bar, 40).
    BarChart b = new BarChart("bars", "Lead time", new Size(479, 250, 10))
        .x("Lead time before onset (hours)")
        .y("Encounters", Double.NaN, Formats.number(0, null))
        .bar("0–1", 10, null).bar("1–2", 20, null).bar("2–3", 40, null).bar("3–4", Double.NaN, null);
    Document d = SvgXml.parse(b.figure());
    assertAxes(d, "Lead time before onset (hours)", "Encounters");
    List<Element> bars = SvgXml.find(d, "rect", "bar");
    assertEquals(4, bars.size());
    Element second = bars.get(1);
    assertEquals("180.4", second.getAttribute("x")); // 70 + 96 + 0.15 × 96
    assertEquals("67.2", second.getAttribute("width"));
    assertEquals("110.0", second.getAttribute("y")); // 210 − 20/40 × 200
    assertEquals("100.0", second.getAttribute("height"));
    Element withheld = SvgXml.find(d, "rect", "withheld").get(0);
    assertEquals("none", withheld.getAttribute("fill"));
    assertTrue(withheld.getTextContent().contains("withheld"), withheld.getTextContent());
    assertEquals(List.of("0", "10", "20", "30", "40"), SvgXml.tickLabels(SvgXml.find(d, "g", "y-axis").get(0)));
  }

  @Test
  void textIsEscapedSoATitleCannotInjectMarkup() {
    String evil = "<script>alert('x')</script> & \"quotes\"";
    LineChart c = new LineChart("evil", evil, Size.PAGE).x(evil, 0, 1, Formats.percent()).y("y", 0, 1, Formats.percent())
        .line(evil, Style.SOLID, new double[] {0, 1}, new double[] {0, 1}, new String[] {evil, evil});
    c.caption(evil);
    String html = c.figure();
    assertFalse(html.contains("<script"), html);
    Document d = SvgXml.parse(html);
    assertEquals(evil, SvgXml.find(d, "title").get(0).getTextContent());
    assertTrue(SvgXml.find(d, "script").isEmpty());
    ForestPlot f = new ForestPlot("evil-forest", evil, Size.PAGE).row(evil, 0.5, 0.4, 0.6, null);
    assertFalse(f.figure().contains("<script"));
    BarChart b = new BarChart("evil-bars", evil, Size.PAGE).bar(evil, 1, evil);
    assertFalse(b.figure().contains("<script"));
    assertThrows(IllegalArgumentException.class, () -> new LineChart("Bad Name\"", "t", Size.PAGE));
  }

  @Test
  void seriesDifferByDashAndMarkerNotOnlyColour() {
    for (int i = 0; i < Style.values().length; i++) {
      for (int j = i + 1; j < Style.values().length; j++) {
        Style a = Style.of(i);
        Style b = Style.of(j);
        assertFalse(java.util.Objects.equals(a.dash, b.dash), a + " and " + b + " share a dash pattern");
        assertFalse(a.marker == b.marker, a + " and " + b + " share a marker");
      }
    }
  }

  /**
   * The GO dossier's printed cost chart: the policy's threshold line at 0.25 and the $5,000 limit at the top of the plot
   * both label at the top; "under review: 0.25" ran into "limit $5,000/month". The later label moves a row down.
   */
  @Test
  void referenceLabelsAtTheTopDoNotOverprint() {
    LineChart c = new LineChart("cost", "Cost", Size.PRINT)
        .x("Score threshold", 0, 1, Formats.number(1, null))
        .y("Cost ($ a month)", 0, 5000, Formats.number(0, null))
        .line("False-alert cost", Style.SOLID, new double[] {0.05, 0.5, 0.95}, new double[] {300, 10, 0}, null);
    c.hline(5000, "limit $5,000/month");
    c.vline(0.25, "under review: 0.25");
    Document d = SvgXml.parse(c.figure());
    List<Element> labels = SvgXml.find(d, "text").stream()
        .filter(t -> t.getTextContent().startsWith("limit") || t.getTextContent().startsWith("under review")).toList();
    assertEquals(2, labels.size());
    double y0 = Double.parseDouble(labels.get(0).getAttribute("y"));
    double y1 = Double.parseDouble(labels.get(1).getAttribute("y"));
    // a row apart at least: 1.15 × the 8 px font
    assertTrue(Math.abs(y0 - y1) >= 8 * 1.15 - 1e-9, y0 + " and " + y1);
  }

  /**
   * A printed forest plot (226 px wide, font 8) with a withheld row: its note is cut at the end of a clause so it ends
   * inside the chart, never mid-sentence ("withheld: a cell of 1 to 10, or one that" was cut at the edge), and a long
   * row label ("White (reference)") ends before the axis.
   */
  @Test
  void aPrintedForestPlotKeepsItsNotesAndLabelsInside() {
    ForestPlot f = new ForestPlot("forest", "Detected in time", Size.PRINT);
    f.axis("Detected in time (%)", 0, 0.4, Formats.percent());
    f.heading("race ethnicity");
    f.withheld("Asian", "withheld: a cell of 1 to 10, or one that would give such a cell back");
    f.row("Black", 0.01, 0, 0.037, null);
    f.row("White (reference)", 0.198, 0.16, 0.24, null);
    Document d = SvgXml.parse(f.figure());
    Element note = SvgXml.find(SvgXml.find(d, "g", "values").get(0), "text").get(0);
    assertEquals("withheld: a cell of 1 to 10", note.getTextContent());
    double x = Double.parseDouble(note.getAttribute("x"));
    assertTrue(x + note.getTextContent().length() * Double.parseDouble(note.getAttribute("font-size")) * 0.6 <= 226, "ends inside the chart");
    double axis = f.left();
    for (Element t : SvgXml.find(SvgXml.find(d, "g", "axis", "y-axis").get(0), "text")) {
      if (!t.getTextContent().equals("White (reference)")) continue;
      double end = Double.parseDouble(t.getAttribute("x")) + t.getTextContent().length() * Double.parseDouble(t.getAttribute("font-size")) * 0.6;
      assertTrue(end <= axis - 4, "the label ends at " + end + ", the axis is at " + axis);
    }
  }
}
