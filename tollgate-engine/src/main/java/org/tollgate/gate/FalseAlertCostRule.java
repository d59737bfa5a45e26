package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.ShownReport;
import org.tollgate.format.Units;

/**
 * Checklist item 2: the false-alert labor cost of the policy under review, against the monthly limit.
 * Above the limit the fix is the suggested policy ({@link GateInputs#suggested()}: it meets every clinical floor
 * and the budget), with what it costs clinically. When the search found none, there is no fix: the model or
 * the workflow must change, not the threshold.
 */
final class FalseAlertCostRule implements Rule {
  static final String TITLE = "False-positive cost in labor minutes";

  @Override public String id() { return "2"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.POLICY_UNDER_REVIEW, Evidence.POLICY_SEARCH); }

  /**
   * The fix in words, with what it costs clinically against the policy under review: detections in time lost or
   * gained a month, alert PPV, and false alerts per staff member per shift.
   */
  static String suggestion(PolicyReport c, PolicyReport underReview, int minCell) {
    ShownReport sc = ShownReport.of(c, minCell);
    ShownReport su = ShownReport.of(underReview, minCell);
    double perMonth = PolicyReport.DAYS_PER_MONTH;
    // The change in detections is a difference of counts: printed only when both counts may be.
    String change;
    if (sc.detected() == null || su.detected() == null) {
      change = "its detections in time against the policy under review's are withheld by the small-cell rule";
    } else {
      double delta = (sc.detected() / c.days() - su.detected() / underReview.days()) * perMonth;
      change = Math.round(delta) == 0 ? "as many detections in time as the policy under review"
          : Units.number(Math.abs(delta), 1) + " detections in time a month " + (delta < 0 ? "fewer" : "more") + " than the policy under review";
    }
    double falsePerStaffShift = sc.alerts() == null || sc.falseAlerts() == null || Double.isNaN(sc.alertsPerStaffPerShift()) ? Double.NaN
        : sc.alerts() == 0 ? 0 : sc.alertsPerStaffPerShift() * sc.falseAlerts() / sc.alerts();
    return String.format(Locale.ROOT, "switch to policy '%s': %s a month in false alerts; detects %s of cases in time (%s); alert PPV %s; %s false alerts per staff member per shift",
        c.policy().name(), shown(Units.money(sc.falseAlertCostPerMonth())), shown(Units.percent(sc.sensitivity())), change,
        shown(Units.percent(sc.alertPpv())), shown(Units.number(falsePerStaffShift, 1)));
  }

  /** A figure as printed, "withheld (small cells)" in place of the formatter's dash for a withheld one. */
  private static String shown(String formatted) {
    return formatted.equals("—") ? "withheld (small cells)" : formatted;
  }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    PolicyReport r = in.policy();
    if (r == null || Double.isNaN(r.falseAlertCostPerMonth())) {
      return ItemResult.missing(id(), TITLE, "no alert simulation with a workflow profile: the false-alert cost is unknown",
          "give the score stream, events, a policy and a workflow profile (minutes per alert, hourly rate)");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    // Judged on the counts; every figure printed or put in the evidence goes through the small-cell rule.
    ShownReport v = ShownReport.of(r, lim.minCell());
    double perMonth = v.falseAlertsPerDay() * PolicyReport.DAYS_PER_MONTH;
    boolean withheld = Double.isNaN(v.falseAlertCostPerMonth());
    String withheldCost = "the false-alert cost is withheld by the small-cell rule (a count of 1 to " + (lim.minCell() - 1)
        + " false alerts, or a figure that would give one back)";
    ev.put("policy", r.policy().name());
    ev.put("alerts_per_day", v.alertsPerDay());
    ev.put("false_alerts_per_month", perMonth);
    ev.put("false_alert_minutes_per_day", v.falseAlertMinutesPerDay());
    ev.put("false_alert_cost_per_month", v.falseAlertCostPerMonth());
    ev.put("limit_per_month", lim.falseAlertCostPerMonth());
    if (r.falseAlertCostPerMonth() <= lim.falseAlertCostPerMonth()) {
      return ItemResult.pass(id(), TITLE, withheld
          ? withheldCost + "; it is within the " + Units.money(lim.falseAlertCostPerMonth()) + " limit"
          : "false alerts cost " + Units.money(r.falseAlertCostPerMonth()) + " a month (" + Units.minutes(r.falseAlertMinutesPerDay())
              + " of staff time a day), within the " + Units.money(lim.falseAlertCostPerMonth()) + " limit", ev);
    }
    String flaw = withheld
        ? "This model optimizes for recall but ignores the cost of false positives: its false alerts cost more than the "
            + Units.money(lim.falseAlertCostPerMonth()) + " limit in staff time (" + withheldCost + ")."
        : "This model optimizes for recall but ignores the cost of false positives: at the current false-alert rate it would generate "
            + Units.number(perMonth, 0) + " unnecessary alerts a month, costing " + Units.money(r.falseAlertCostPerMonth()) + " in staff time against a "
            + Units.money(lim.falseAlertCostPerMonth()) + " limit.";
    String fix = null;
    PolicyReport c = in.suggested();
    ClinicalFloors floors = in.floors();
    ev.put("floors", floors.describe());
    if (c != null) {
      ev.put("suggested_policy", c.policy().name());
      ev.put("suggested_false_alert_cost_per_month", ShownReport.of(c, lim.minCell()).falseAlertCostPerMonth());
      fix = suggestion(c, r, lim.minCell());
    } else if (in.searchGrid() != null) {
      ev.put("search_grid_size", in.searchGrid().size());
      flaw = (withheld ? "The false alerts are more than the staff can absorb: " + withheldCost + ", above the " + Units.money(lim.falseAlertCostPerMonth()) + " limit, and "
          : String.format(Locale.ROOT, "The false alerts are more than the staff can absorb: %s unnecessary alerts a month cost %s in staff time against a %s limit, and ",
              Units.number(perMonth, 0), Units.money(r.falseAlertCostPerMonth()), Units.money(lim.falseAlertCostPerMonth()))) + floors.noUsefulPolicy(in.searchGrid().size());
    }
    return ItemResult.fail(id(), TITLE, withheld
        ? withheldCost + "; it is above the " + Units.money(lim.falseAlertCostPerMonth()) + " limit"
        : "false alerts cost " + Units.money(r.falseAlertCostPerMonth()) + " a month, above the " + Units.money(lim.falseAlertCostPerMonth()) + " limit",
        ev, fix, flaw);
  }
}
