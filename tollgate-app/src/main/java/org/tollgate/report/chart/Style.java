package org.tollgate.report.chart;

/**
 * How one series is drawn. Each style differs from the others by dash pattern and marker shape as well as
 * colour, so a series stays identifiable in grey print and for readers who do not see colour.
 */
public enum Style {
  SOLID("#1f4e79", null, Marker.CIRCLE),
  DASHED("#b5470b", "7 4", Marker.SQUARE),
  DOTTED("#2e6b30", "2 3", Marker.TRIANGLE),
  DASH_DOT("#4d4d4d", "9 3 2 3", Marker.DIAMOND),
  LONG_DASH("#6a1b9a", "12 4", Marker.CROSS);

  final String colour;
  final String dash;
  final Marker marker;

  Style(String colour, String dash, Marker marker) {
    this.colour = colour;
    this.dash = dash;
    this.marker = marker;
  }

  /** The i-th style, cycling. */
  public static Style of(int i) {
    return values()[Math.floorMod(i, values().length)];
  }

  String dashAttr() {
    return dash == null ? "" : " stroke-dasharray=\"" + dash + "\"";
  }

  /** Marker shapes; each draws centred on (x, y) with "radius" r. */
  enum Marker {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS;

    void draw(StringBuilder b, double x, double y, double r, String colour, boolean filled, String tip) {
      String fill = filled ? colour : "#ffffff";
      String close = tip == null ? "/>" : "><title>" + org.tollgate.report.Html.esc(tip) + "</title></" + tag() + ">";
      switch (this) {
        case CIRCLE -> b.append("<circle class=\"point\" cx=\"").append(Svg.f(x)).append("\" cy=\"").append(Svg.f(y)).append("\" r=\"")
            .append(Svg.f(r)).append("\" fill=\"").append(fill).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1.2\"").append(close);
        case SQUARE -> b.append("<rect class=\"point\" x=\"").append(Svg.f(x - r)).append("\" y=\"").append(Svg.f(y - r)).append("\" width=\"")
            .append(Svg.f(2 * r)).append("\" height=\"").append(Svg.f(2 * r)).append("\" fill=\"").append(fill).append("\" stroke=\"").append(colour)
            .append("\" stroke-width=\"1.2\"").append(close);
        default -> {
          String pts = switch (this) {
            case TRIANGLE -> Svg.f(x) + "," + Svg.f(y - r * 1.2) + " " + Svg.f(x + r * 1.1) + "," + Svg.f(y + r * 0.8) + " " + Svg.f(x - r * 1.1) + "," + Svg.f(y + r * 0.8);
            case DIAMOND -> Svg.f(x) + "," + Svg.f(y - r * 1.3) + " " + Svg.f(x + r * 1.1) + "," + Svg.f(y) + " " + Svg.f(x) + "," + Svg.f(y + r * 1.3) + " "
                + Svg.f(x - r * 1.1) + "," + Svg.f(y);
            default -> { // a plus-shaped cross as a polygon, so it can carry a title like the others
              double a = r * 0.35;
              yield Svg.f(x - a) + "," + Svg.f(y - r) + " " + Svg.f(x + a) + "," + Svg.f(y - r) + " " + Svg.f(x + a) + "," + Svg.f(y - a) + " "
                  + Svg.f(x + r) + "," + Svg.f(y - a) + " " + Svg.f(x + r) + "," + Svg.f(y + a) + " " + Svg.f(x + a) + "," + Svg.f(y + a) + " "
                  + Svg.f(x + a) + "," + Svg.f(y + r) + " " + Svg.f(x - a) + "," + Svg.f(y + r) + " " + Svg.f(x - a) + "," + Svg.f(y + a) + " "
                  + Svg.f(x - r) + "," + Svg.f(y + a) + " " + Svg.f(x - r) + "," + Svg.f(y - a) + " " + Svg.f(x - a) + "," + Svg.f(y - a);
            }
          };
          b.append("<polygon class=\"point\" points=\"").append(pts).append("\" fill=\"").append(fill).append("\" stroke=\"").append(colour)
              .append("\" stroke-width=\"1.2\"").append(close);
        }
      }
    }

    /**
     * The marker of a highlighted point (the policy under review among many): a filled circle with a white ring and a
     * black outline, so it stays visible on top of other markers in colour and in grey print.
     */
    static void highlight(StringBuilder b, double x, double y, double r, String colour, String tip) {
      b.append("<circle class=\"highlight-ring\" cx=\"").append(Svg.f(x)).append("\" cy=\"").append(Svg.f(y)).append("\" r=\"").append(Svg.f(r + 2.2))
          .append("\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"1.2\"/>");
      CIRCLE.draw(b, x, y, r, colour, true, tip);
    }

    private String tag() {
      return switch (this) {
        case CIRCLE -> "circle";
        case SQUARE -> "rect";
        default -> "polygon";
      };
    }
  }
}
