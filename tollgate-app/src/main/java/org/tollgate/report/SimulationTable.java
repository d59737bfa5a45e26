package org.tollgate.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.PolicySearch;

/** Plain-text comparison of policies. */
public final class SimulationTable {
  private SimulationTable() {}

  public static void print(List<PolicyReport> reports, int minCell, double limit, PolicySearch.Result search, PrintWriter out) {
    String head = String.format(Locale.ROOT, "%-28s %9s %8s %8s %9s %9s %11s %9s %10s %8s %13s %s",
        "Policy", "Alerts/d", "Per RN", "Timely", "Detected", "Sensitiv.", "Median lead", "Alert PPV", "Labor min", "FTE", "False $/month", "Limit");
    out.println(head);
    out.println("-".repeat(head.length() + 6));
    for (PolicyReport r : reports) row(r, minCell, limit, out);
    out.printf(Locale.ROOT, "%nPer RN = alerts per staff member per shift. Limit = false-alert cost ≤ $%,.0f/month (launch checklist item 2).%n", limit);
    if (search != null) {
      out.printf(Locale.ROOT, "%nSearch: %d policies explored; %d on the Pareto front (no other policy has more detections and lead time for fewer "
          + "false-alert minutes):%n%n", search.all().size(), search.pareto().size());
      out.println(head);
      out.println("-".repeat(head.length() + 6));
      for (PolicyReport r : search.pareto()) row(r, minCell, limit, out);
      out.println();
      out.println(search.best() == null ? "No policy fits the budget." : "Best within budget: " + search.best().policy().name());
    }
    out.flush();
  }

  /** One policy as a row of the table. */
  private static void row(PolicyReport r, int minCell, double limit, PrintWriter out) {
    boolean small = r.counts().encounters() < minCell || r.counts().outcomeEncounters() < minCell || r.counts().detected() < minCell;
    out.printf(Locale.ROOT, "%-28s %9.1f %8s %8d %9s %9s %11s %9s %10.0f %8.2f %13s %s%n",
        trunc(r.policy().name(), 28), r.alertsPerDay(), num(r.alertsPerStaffPerShift(), "%.1f"), r.counts().timely(),
        small ? "<" + minCell : Long.toString(r.counts().detected()),
        small ? "—" : num(r.sensitivity(), "%.3f"),
        small ? "—" : num(r.leadMedian(), "%.0f min"),
        num(r.alertPpv(), "%.3f"), r.laborMinutesPerDay(), r.fte(),
        String.format(Locale.ROOT, "$%,.0f", r.falseAlertCostPerMonth()),
        r.falseAlertCostPerMonth() <= limit ? "within" : "OVER");
  }

  private static String num(double v, String fmt) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, fmt, v);
  }

  private static String trunc(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
