package org.tollgate.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.PolicySearch;
import org.tollgate.alerts.ShownReport;
import org.tollgate.format.Units;

/** Plain-text comparison of policies. */
public final class SimulationTable {
  private SimulationTable() {}

  /**
   * The table. Without a workflow profile (every labor and cost figure NaN) only the counts are printed, with no budget
   * claim: no cost, no "within"/"OVER", no "best within budget".
   */
  public static void print(List<PolicyReport> reports, int minCell, double limit, PolicySearch.Result search, PrintWriter out) {
    boolean priced = reports.stream().anyMatch(r -> !Double.isNaN(r.falseAlertCostPerMonth()))
        || (search != null && search.all().stream().anyMatch(r -> !Double.isNaN(r.falseAlertCostPerMonth())));
    if (!priced) {
      countsOnly(reports, minCell, search, out);
      return;
    }
    String head = String.format(Locale.ROOT, "%-28s %9s %8s %8s %9s %9s %11s %9s %10s %8s %13s %s",
        "Policy", "Alerts/d", "Per RN", "Timely", "Detected", "Sensitiv.", "Median lead", "Alert PPV", "Labor min", "FTE", "False $/month", "Limit");
    out.println(head);
    out.println("-".repeat(head.length() + 6));
    for (PolicyReport r : reports) row(r, minCell, limit, out);
    out.printf(Locale.ROOT, "%nPer RN = alerts per staff member per shift. — = withheld by the small-cell rule (a count of 1 to %d, or a figure that would give one back). Limit = false-alert cost ≤ %s/month (launch checklist item 2).%n", minCell - 1, Units.money(limit));
    if (search != null) {
      out.printf(Locale.ROOT, "%nSearch: %s explored; %s on the Pareto front (no other policy has more detections in time for fewer "
          + "false-alert minutes; lead time is shown, not a criterion):%n%n", Units.count(search.all().size(), "policy"), Units.count(search.pareto().size()));
      out.println(head);
      out.println("-".repeat(head.length() + 6));
      for (PolicyReport r : search.pareto()) row(r, minCell, limit, out);
      out.println();
      PolicySearch.Budget b = search.budget();
      String floors = b == null ? "" : " (floors: detected in time at least " + Units.percent(b.minSensitivity() == null ? 0 : b.minSensitivity(), 0)
          + ", alert PPV at least " + Units.percent(b.minAlertPpv() == null ? 0 : b.minAlertPpv(), 0)
          + (b.maxAlertsPerStaffPerShift() == null ? "" : ", at most " + Units.number(b.maxAlertsPerStaffPerShift(), 1) + " alerts per staff member per shift") + ")";
      out.println(search.best() == null ? "No policy fits the budget and the clinical floors" + floors + "." : "Best within budget and the clinical floors" + floors + ": "
          + search.best().policy().name());
    }
    out.flush();
  }

  private static void countsOnly(List<PolicyReport> reports, int minCell, PolicySearch.Result search, PrintWriter out) {
    String head = String.format(Locale.ROOT, "%-28s %9s %8s %9s %9s %11s %9s", "Policy", "Alerts/d", "Timely", "Detected", "Sensitiv.", "Median lead", "Alert PPV");
    out.println(head);
    out.println("-".repeat(head.length()));
    for (PolicyReport r : reports) {
      ShownReport v = ShownReport.of(r, minCell);
      out.printf(Locale.ROOT, "%-28s %9s %8s %9s %9s %11s %9s%n", trunc(r.policy().name(), 28), Units.rate(v.alertsPerDay()), count(v.timely()),
          count(v.detected()), Units.percent(v.sensitivity()), Units.minutes(v.leadMedian()), Units.percent(v.alertPpv()));
    }
    out.println();
    out.println("No workflow profile (--workflow): counts only; nothing is priced (no labor, cost or limit).");
    out.printf(Locale.ROOT, "— = withheld by the small-cell rule (a count of 1 to %d, or a figure that would give one back).%n", minCell - 1);
    if (search != null) out.println("Search: " + Units.count(search.all().size(), "policy") + " explored.");
    out.flush();
  }

  /** One policy as a row of the table. */
  private static void row(PolicyReport r, int minCell, double limit, PrintWriter out) {
    ShownReport v = ShownReport.of(r, minCell);
    out.printf(Locale.ROOT, "%-28s %9s %8s %8s %9s %9s %11s %9s %10s %8s %13s %s%n",
        trunc(r.policy().name(), 28), Units.rate(v.alertsPerDay()), Units.rate(v.alertsPerStaffPerShift()), count(v.timely()),
        count(v.detected()), Units.percent(v.sensitivity()), Units.minutes(v.leadMedian()), Units.percent(v.alertPpv()),
        Units.minutes(v.laborMinutesPerDay()), Units.number(v.fte(), 2), Units.money(v.falseAlertCostPerMonth()),
        r.falseAlertCostPerMonth() <= limit ? "within" : "OVER");
  }

  /** A count as printed: withheld by the small-cell rule ("—"), else the count. */
  private static String count(Long v) {
    return v == null ? "—" : Units.count(v);
  }

  private static String trunc(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
