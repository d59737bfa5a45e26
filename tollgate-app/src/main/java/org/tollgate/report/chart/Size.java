package org.tollgate.report.chart;

/**
 * A chart's size in CSS pixels and its font size in pixels. {@link #PAGE} for the web page, {@link #PRINT}
 * for a third of an A4/Letter page's width in the one-page dossier.
 */
public record Size(int width, int height, int font) {
  public static final Size PAGE = new Size(560, 320, 12);
  public static final Size WIDE = new Size(760, 340, 12);
  public static final Size PRINT = new Size(226, 176, 8);

  public Size {
    if (width < 100 || height < 80 || font < 5) {
      throw new IllegalArgumentException("chart too small: " + width + "×" + height + " px, font " + font + " px");
    }
  }
}
