package org.tollgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.report.Html;
import org.tollgate.report.chart.Formats;
import org.tollgate.report.chart.LineChart;
import org.tollgate.report.chart.Size;
import org.tollgate.report.chart.Style;
import org.tollgate.store.Monitoring;
import org.tollgate.store.People;
import org.tollgate.store.Store;

/**
 * After the launch, on the pages: the portfolio's monitoring status (re-review due, with the sentence why) and
 * the use-case page's monitoring section — per guardrail, the stored periods' values as a time series with the
 * acceptable band, breaches marked, and the committee's latest decision (its conditions and review date) beside
 * them. Reads only the store's stored periods (small cells already withheld there).
 */
final class MonitoringSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonitoringSection() {}

  /** The portfolio cell's addition: empty, or the status with its reason. */
  static String status(Store st, String useCaseId) {
    Monitoring.Status s = st.monitoring().status(useCaseId);
    if (s == null) return "";
    if (!s.reReviewDue()) return "<br><span class=\"monitored\">monitored</span>";
    return "<br><strong class=\"re-review\">re-review due</strong>: <span class=\"reason\">" + Html.esc(s.reason()) + "</span>";
  }

  /** The use-case page's monitoring section; empty when the use case has never been monitored. */
  static String section(Store st, String useCaseId) {
    List<Monitoring.Stored> periods = st.monitoring().periods(useCaseId);
    if (periods.isEmpty()) return "";
    StringBuilder b = new StringBuilder("<section id=\"monitoring\"><h2>After the launch: monitoring</h2>");
    Monitoring.Status s = st.monitoring().status(useCaseId);
    if (s != null) {
      b.append("<p class=\"monitor-status\">Status: ").append(s.reReviewDue() ? "<strong class=\"re-review\">re-review due</strong> — " + Html.esc(s.reason())
          : "monitored, no open breach").append(" (since ").append(Html.esc(s.since())).append(").</p>");
    }
    List<People.Decision> ds = st.people().decisions(useCaseId);
    if (!ds.isEmpty()) {
      People.Decision d = ds.get(ds.size() - 1);
      b.append("<aside class=\"conditions\"><h3>The committee's conditions</h3><p>").append(Html.esc(d.outcome()))
          .append(d.conditions() == null ? "" : ": " + Html.esc(d.conditions()))
          .append(d.reviewDate() == null ? "" : "; review by " + Html.esc(d.reviewDate())).append(" (").append(Html.esc(d.user())).append(").</p>")
          .append(d.guardrails() == null ? "" : "<p>Guardrails attached to the decision: <code class=\"guardrails\">" + Html.esc(d.guardrails()) + "</code></p>")
          .append("</aside>");
    }
    List<JsonNode> docs = new ArrayList<>();
    for (Monitoring.Stored p : periods) {
      try {
        docs.add(JSON.readTree(p.summary()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("stored monitoring period is not JSON", e);
      }
    }
    Map<String, String> titles = new LinkedHashMap<>();
    for (JsonNode d : docs) for (JsonNode g : d.path("guardrails")) titles.putIfAbsent(g.path("id").asText(), g.path("title").asText());
    int n = docs.size();
    for (Map.Entry<String, String> t : titles.entrySet()) {
      double[] x = new double[n];
      double[] v = new double[n];
      double[] lo = new double[n];
      double[] hi = new double[n];
      String[] tips = new String[n];
      List<double[]> breaches = new ArrayList<>();
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      String last = null;
      for (int i = 0; i < n; i++) {
        JsonNode g = find(docs.get(i), t.getKey());
        x[i] = i + 1;
        v[i] = num(g, "value");
        lo[i] = num(g, "lower");
        hi[i] = num(g, "upper");
        tips[i] = docs.get(i).path("start").asText().substring(0, 10) + ": " + (g == null ? "" : g.path("sentence").asText());
        if (g != null && g.path("status").asText().equals("breach")) breaches.add(new double[] {i + 1, v[i]});
        for (double z : new double[] {v[i], lo[i], hi[i]}) {
          if (Double.isFinite(z)) {
            min = Math.min(min, z);
            max = Math.max(max, z);
          }
        }
        if (g != null) last = g.path("sentence").asText();
      }
      b.append("<div class=\"guardrail\" data-guardrail=\"").append(Html.esc(t.getKey())).append("\"><h3>").append(Html.esc(t.getValue())).append("</h3>");
      if (!Double.isFinite(min)) {
        b.append("<p>Not evaluated in any stored period: ").append(Html.esc(last)).append("</p></div>");
        continue;
      }
      if (max <= min) max = min + 1;
      double pad = (max - min) * 0.1;
      LineChart c = new LineChart("monitor-" + t.getKey().replace('_', '-'), t.getValue() + " by period", Size.WIDE)
          .x(periodWord(docs) + " (1 = " + docs.get(0).path("start").asText().substring(0, 10) + ")", 1, Math.max(2, n), Formats.number(0, ""))
          .y(t.getValue(), Math.max(0, min - pad), max + pad, Formats.number(2, ""));
      c.band("acceptable range", Style.DOTTED, x, fill(lo, min - pad), fill(hi, max + pad));
      c.line(t.getValue(), Style.SOLID, x, v, tips);
      if (!breaches.isEmpty()) {
        double[] bx = breaches.stream().mapToDouble(p -> p[0]).toArray();
        double[] by = breaches.stream().mapToDouble(p -> p[1]).toArray();
        c.points("breach", Style.DASHED, bx, by, null, true);
      }
      c.caption(t.getValue() + " in each stored period with its acceptable range; filled squares are breaches. Latest: " + last);
      b.append(c.figure()).append("</div>");
    }
    JsonNode latest = docs.get(n - 1).path("features");
    if (latest.size() > 0) {
      // The features guardrails name the worst input; the latest period's every input beside them.
      b.append("<table class=\"features\"><caption>The model's inputs in the latest stored period (").append(Html.esc(docs.get(n - 1).path("start").asText().substring(0, 10)))
          .append(")</caption><thead><tr><th>input</th><th>rows</th><th>missing (95% CI)</th><th>approved missing</th><th>PSI</th></tr></thead><tbody>");
      for (java.util.Iterator<Map.Entry<String, JsonNode>> it = latest.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode f = e.getValue();
        b.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td>").append(f.path("rows").isNumber() ? org.tollgate.format.Units.count(f.path("rows").asLong()) : "withheld")
            .append("</td><td>").append(f.path("missing_share").isNumber() ? org.tollgate.format.Units.percent(f.path("missing_share").asDouble())
                + (f.path("missing_interval").isObject() ? " (" + org.tollgate.format.Units.percentRange(f.path("missing_interval").path("lower").asDouble(),
                    f.path("missing_interval").path("upper").asDouble()) + ")" : "") : f.path("rows").isNumber() && f.path("rows").asLong() == 0 ? "—" : "withheld")
            .append("</td><td>").append(f.path("approved_missing_share").isNumber() ? org.tollgate.format.Units.percent(f.path("approved_missing_share").asDouble()) : "—")
            .append("</td><td>").append(f.path("psi").isNumber() ? org.tollgate.format.Units.number(f.path("psi").asDouble(), 3) : "—").append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("<p class=\"api\">The series as JSON: <a href=\"").append(Api.BASE).append("/use-cases/").append(Html.esc(useCaseId))
        .append("/monitoring\">tollgate.monitoring/v1</a>.</p></section>");
    return b.toString();
  }

  private static String periodWord(List<JsonNode> docs) {
    return docs.size() > 1 ? String.format(Locale.ROOT, "Period (%d stored)", docs.size()) : "Period";
  }

  private static JsonNode find(JsonNode period, String id) {
    for (JsonNode g : period.path("guardrails")) if (g.path("id").asText().equals(id)) return g;
    return null;
  }

  private static double num(JsonNode g, String key) {
    return g == null || !g.path(key).isNumber() ? Double.NaN : g.path(key).asDouble();
  }

  private static double[] fill(double[] a, double with) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = with;
    return out;
  }
}
