package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.PolicyReport;

/**
 * Checklist item 2: the false-alert labor cost of the policy under review, against the monthly limit.
 * Above the limit the fix is the policy search's suggested policy, when there is one.
 */
final class FalseAlertCostRule implements Rule {
  static final String TITLE = "False-positive cost in labor minutes";

  @Override public String id() { return "2"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.POLICY_UNDER_REVIEW, Evidence.POLICY_SEARCH); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    PolicyReport r = in.policy();
    if (r == null || Double.isNaN(r.falseAlertCostPerMonth())) {
      return ItemResult.missing(id(), TITLE, "no alert simulation with a workflow profile: the false-alert cost is unknown",
          "give the score stream, events, a policy and a workflow profile (minutes per alert, hourly rate)");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("policy", r.policy().name());
    ev.put("alerts_per_day", r.alertsPerDay());
    ev.put("false_alerts_per_month", r.counts().falseAlerts() / r.days() * 365 / 12);
    ev.put("false_alert_minutes_per_day", r.falseAlertMinutesPerDay());
    ev.put("false_alert_cost_per_month", r.falseAlertCostPerMonth());
    ev.put("limit_per_month", lim.falseAlertCostPerMonth());
    if (r.falseAlertCostPerMonth() <= lim.falseAlertCostPerMonth()) {
      return ItemResult.pass(id(), TITLE, String.format(Locale.ROOT, "false alerts cost $%,.0f a month (%.0f staff minutes a day), within the $%,.0f limit",
          r.falseAlertCostPerMonth(), r.falseAlertMinutesPerDay(), lim.falseAlertCostPerMonth()), ev);
    }
    double perMonth = r.counts().falseAlerts() / r.days() * 365 / 12;
    String flaw = String.format(Locale.ROOT,
        "This model optimizes for recall but ignores the cost of false positives: at the current false-alert rate it would generate %,.0f unnecessary alerts a month, costing $%,.0f in staff time against a $%,.0f limit.",
        perMonth, r.falseAlertCostPerMonth(), lim.falseAlertCostPerMonth());
    String fix = null;
    PolicyReport c = in.cheapestPassing();
    if (c != null) {
      ev.put("suggested_policy", c.policy().name());
      ev.put("suggested_false_alert_cost_per_month", c.falseAlertCostPerMonth());
      fix = String.format(Locale.ROOT, "switch to policy '%s': $%,.0f a month in false alerts, sensitivity %.2f",
          c.policy().name(), c.falseAlertCostPerMonth(), c.sensitivity());
    }
    return ItemResult.fail(id(), TITLE, String.format(Locale.ROOT, "false alerts cost $%,.0f a month, above the $%,.0f limit",
        r.falseAlertCostPerMonth(), lim.falseAlertCostPerMonth()), ev, fix, flaw);
  }
}
