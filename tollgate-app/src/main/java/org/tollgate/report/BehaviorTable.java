package org.tollgate.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.tollgate.behavior.BehaviorReport;
import org.tollgate.evaluation.Interval;
import org.tollgate.format.Units;

/** Plain-text behavioral map: per task, when it is done and by whom; small cells as {@code <11}. */
public final class BehaviorTable {
  private BehaviorTable() {}

  public static void print(BehaviorReport r, PrintWriter out) {
    int min = r.settings().minCell();
    if (r.events() != null) {
      out.printf(Locale.ROOT, "Behavioral map of %s (%s, %s", r.events().path(), Units.count(r.eventsRead(), "event"), Units.count(r.encounters(), "encounter"));
      out.print(r.visits() != null ? "; visits from " + r.visits().path() : "");
      out.println(")");
    }
    if (r.unmatchedEvents() > 0) {
      out.println(Units.count(r.unmatchedEvents(), "event") + " name" + (r.unmatchedEvents() == 1 ? "s an encounter" : " encounters")
          + " without visit times and " + (r.unmatchedEvents() == 1 ? "is" : "are") + " left out.");
    }
    out.println("Clinical credentials: " + switch (r.clinicalSource()) {
      case ROLES -> "clinical roles are " + String.join(", ", r.settings().clinicalRoles()) + "; every other role is not";
      case COLUMN -> "from the log's clinical column";
      case NONE -> "unknown (no clinical column and no --clinical-roles)";
    });
    for (BehaviorReport.TaskMap t : r.tasks()) {
      out.println();
      out.printf(Locale.ROOT, "Task %s: %s events%n", t.task(), count(t.events(), min));
      if (t.events().suppressed()) {
        out.printf(Locale.ROOT, "  fewer than %d events: withheld%n", min);
        continue;
      }
      String head = String.format(Locale.ROOT, "  %-22s %-9s %8s  %-24s %-24s %-24s", "Role", "Clinical", "Events", "Before visit", "During visit",
          "After visit");
      out.println(head);
      out.println("  " + "-".repeat(head.length() - 2));
      row(out, "all roles", "", t.events(), t.timing(), min);
      for (BehaviorReport.RoleMap rm : t.roles()) {
        row(out, rm.role(), rm.clinical() == null ? "?" : rm.clinical() ? "yes" : "no", rm.events(), rm.timing(), min);
      }
      out.printf(Locale.ROOT, "  Done by staff without clinical credentials: %s of all; %s of after-visit%n", share(t.nonClinical(), min),
          share(t.afterVisitNonClinical(), min));
      if (t.afterVisitHours().median() != null) {
        out.println("  After-visit completions: median " + Units.hours(t.afterVisitHours().median()) + " after the visit ends (quartiles "
            + Units.number(t.afterVisitHours().p25(), 1) + " to " + Units.hours(t.afterVisitHours().p75()) + ")");
      }
      out.println("  " + finding(t, r.clinicalSource()));
    }
    out.printf(Locale.ROOT, "%nShares with 95%% Wilson intervals. Counts below %d are shown as <%d, with a complementary cell where needed.%n", min, min);
    out.flush();
  }

  private static void row(PrintWriter out, String role, String clinical, BehaviorReport.Cell events, BehaviorReport.Timing t, int min) {
    out.printf(Locale.ROOT, "  %-22s %-9s %8s  %-24s %-24s %-24s%n", trunc(role, 22), clinical, count(events, min), cellText(t.before(), min),
        cellText(t.during(), min), cellText(t.after(), min));
  }

  /** One sentence on when the task is done and by whom, in neutral words. */
  public static String finding(BehaviorReport.TaskMap t, BehaviorReport.ClinicalSource source) {
    if (t.events().suppressed()) return "Too few events to report.";
    BehaviorReport.Cell after = t.timing().after();
    if (after.suppressed() || after.share() == null) return "After-visit completions are too few to report.";
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s of %s events (95%% CI %s to %s) were done after the visit",
        Units.percent(after.share().estimate()), t.task(), Units.percent(after.share().lower()), Units.percent(after.share().upper())));
    BehaviorReport.Cell nc = t.afterVisitNonClinical();
    if (source != BehaviorReport.ClinicalSource.NONE && !nc.suppressed() && nc.share() != null) {
      sb.append(String.format(Locale.ROOT, "; %s of those (95%% CI %s to %s) by staff without clinical credentials",
          Units.percent(nc.share().estimate()), Units.percent(nc.share().lower()), Units.percent(nc.share().upper())));
    }
    return sb.append('.').toString();
  }

  private static String count(BehaviorReport.Cell c, int min) {
    return c.suppressed() ? "<" + min : Units.count(c.count());
  }

  private static String cellText(BehaviorReport.Cell c, int min) {
    if (c.suppressed()) return "<" + min;
    Interval s = c.share();
    if (s == null) return Units.count(c.count());
    return Units.count(c.count()) + " " + Units.percent(s.estimate()) + " (" + Units.percent(s.lower()) + "–" + Units.percent(s.upper()) + ")";
  }

  private static String share(BehaviorReport.Cell c, int min) {
    if (c.suppressed()) return "withheld (<" + min + ")";
    if (c.share() == null) return "—";
    return Units.count(c.count()) + " = " + Units.percent(c.share().estimate()) + " (95% CI " + Units.percent(c.share().lower()) + " to "
        + Units.percent(c.share().upper()) + ")";
  }

  private static String trunc(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
