package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.PolicySearch;
import org.tollgate.alerts.ShownReport;
import org.tollgate.alerts.Simulator;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.SmallCells;

/**
 * The {@code tollgate.simulation/v1} document (docs/simulation-json.md). Each policy's counts (alerts by kind,
 * encounters) and the figures made from them go through the engine's small-cell rule ({@link ShownReport}): a count
 * of 1 to min cell − 1 is null, with the counts and figures that would give it back ({@code "suppressed": true}).
 */
public final class SimulationJson {
  public static final String SCHEMA = "tollgate.simulation/v1";

  private SimulationJson() {}

  public static ObjectNode of(InputRecord scores, InputRecord events, Outcome outcome, Simulator.Run run, List<PolicyReport> reports,
      Map<String, List<Map.Entry<String, List<PolicyReport>>>> strata, Workflow w, int minCell, double falseAlertCostLimit,
      PolicySearch.Result search) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    ObjectNode in = doc.putObject("inputs");
    input(in, "scores", scores);
    input(in, "events", events);
    ObjectNode o = doc.putObject("outcome");
    o.put("type", outcome.type());
    o.put("horizon_minutes", outcome.horizonMinutes());
    doc.set("workflow", workflow(w));
    doc.put("min_cell", minCell);
    // Without a workflow profile nothing is priced: no limit, no "within", no best within a budget (counts only).
    if (w == null) doc.putNull("false_alert_cost_limit_per_month");
    else doc.put("false_alert_cost_limit_per_month", falseAlertCostLimit);
    Json.num(doc, "days", run == null ? Double.NaN : run.days());
    Json.num(doc, "patient_days", run == null ? Double.NaN : run.patientDays());
    ArrayNode ps = doc.putArray("policies");
    for (PolicyReport r : reports) {
      ObjectNode p = policy(r, minCell);
      within(p, "within_false_alert_cost_limit", r, w == null ? Double.NaN : falseAlertCostLimit, minCell);
      if (strata != null && !strata.isEmpty()) {
        ArrayNode by = p.putArray("by");
        strata.forEach((attr, levels) -> {
          int idx = reports.indexOf(r);
          boolean[] hide = complementary(levels.stream().map(l -> l.getValue().get(idx).counts()).toList(), minCell);
          int li = 0;
          for (Map.Entry<String, List<PolicyReport>> level : levels) {
            PolicyReport lr = level.getValue().get(idx);
            ObjectNode s = group(lr, hide[li++], minCell);
            s.remove("policy");
            s.remove("name");
            ObjectNode g = Json.MAPPER.createObjectNode();
            g.put(attr, level.getKey());
            s.set("group", g);
            by.add(s);
          }
        });
      }
      ps.add(p);
    }
    if (search != null) {
      ObjectNode s = doc.putObject("search");
      ArrayNode explored = s.putArray("policies");
      search.all().forEach(r -> explored.add(policy(r, minCell)));
      s.put("policies_explored", search.all().size());
      ArrayNode front = s.putArray("pareto");
      search.pareto().forEach(r -> front.add(r.policy().name()));
      if (search.best() == null) s.putNull("best");
      else s.put("best", search.best().policy().name());
      if (search.budget() == null) {
        s.putNull("budget");
      } else {
        ObjectNode b = s.putObject("budget");
        if (search.budget().maxFalseAlertCostPerMonth() != null) b.put("max_false_alert_cost_per_month", search.budget().maxFalseAlertCostPerMonth());
        if (search.budget().maxAlertsPerStaffPerShift() != null) b.put("max_alerts_per_staff_per_shift", search.budget().maxAlertsPerStaffPerShift());
        if (search.budget().minSensitivity() != null) b.put("min_sensitivity", search.budget().minSensitivity());
        if (search.budget().minAlertPpv() != null) b.put("min_alert_ppv", search.budget().minAlertPpv());
      }
    }
    return doc;
  }

  /**
   * Which groups to withhold: those with an encounter count below the minimum, and — when exactly one
   * group would be withheld — the smallest other group too, so the lone one cannot be recovered by
   * subtracting the shown groups from the overall counts.
   */
  static boolean[] complementary(List<PolicyCounts> groups, int minCell) {
    boolean[] hide = new boolean[groups.size()];
    long[] size = new long[groups.size()];
    for (int i = 0; i < hide.length; i++) {
      hide[i] = encountersWithheld(groups.get(i), minCell) || alertsWithheld(groups.get(i), minCell);
      size[i] = groups.get(i).encounters();
    }
    SmallCells.complement(hide, size);
    return hide;
  }

  /** Whether a group's encounter counts (all, with and without the outcome, detected, missed) hold a withheld count ({@link SmallCells}). */
  static boolean encountersWithheld(PolicyCounts c, int minCell) {
    return SmallCells.anyWithheld(minCell, c.encounters(), c.outcomeEncounters(), c.encounters() - c.outcomeEncounters(), c.detected(),
        c.outcomeEncounters() - c.detected());
  }

  /** Whether a group's alert counts (all, timely, late, false, not timely) hold a withheld count. */
  static boolean alertsWithheld(PolicyCounts c, int minCell) {
    return SmallCells.anyWithheld(minCell, c.alerts(), c.timely(), c.late(), c.falseAlerts(), c.alerts() - c.timely());
  }

  /** The workflow profile's prices and staffing; null without one. */
  static ObjectNode workflow(Workflow w) {
    if (w == null) return null;
    ObjectNode wf = Json.MAPPER.createObjectNode();
    wf.put("role", w.role());
    wf.put("minutes_per_alert", w.minutesPerAlert());
    wf.put("hourly_rate", w.hourlyRate());
    wf.put("hours_per_fte", w.hoursPerFte());
    Json.num(wf, "staff_per_shift", w.staffPerShift());
    wf.put("shift_hours", w.shiftHours());
    wf.put("response_model", w.response() != null);
    return wf;
  }

  static void input(ObjectNode in, String key, InputRecord r) {
    if (r == null) return;
    ObjectNode o = in.putObject(key);
    o.put("path", r.path());
    o.put("format", r.format());
    o.put("sha256", r.sha256());
    o.put("rows", r.rows());
  }

  /**
   * One group's row: as {@link #policy}, and withheld whole when {@code hide} (its own counts hold one of 1 to min cell − 1,
   * alerts included, or complementary withholding picked it): every count and every figure made from its counts null.
   */
  static ObjectNode group(PolicyReport r, boolean hide, int minCell) {
    ObjectNode o = policy(r, hide ? Integer.MAX_VALUE : minCell);
    if (hide) {
      o.put("suppressed", true);
      for (String k : new String[] {"alerts", "timely_alerts", "late_alerts", "false_alerts", "encounters", "outcome_encounters", "detected_encounters"}) {
        o.putNull(k);
      }
      for (String k : new String[] {"sensitivity", "alert_ppv", "workup_to_detection", "alerts_per_day", "alerts_per_100_patient_days",
          "alerts_per_staff_per_shift", "labor_minutes_per_day", "false_alert_minutes_per_day", "fte", "false_alert_cost_per_month",
          "labor_cost_per_month", "net_benefit_per_month"}) {
        o.putNull(k);
      }
      o.remove("response");
    }
    return o;
  }

  static ObjectNode policy(PolicyReport r, int minCell) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    AlertPolicy p = r.policy();
    o.put("name", p.name());
    ObjectNode def = o.putObject("policy");
    def.put("threshold", p.threshold());
    def.put("persistence", p.persistence());
    if (p.confirm() != null) {
      ObjectNode c = def.putObject("confirm");
      c.put("type", p.confirm().type());
      Json.num(c, "at_least", p.confirm().atLeast());
      c.put("within_minutes", p.confirm().withinMinutes());
    }
    ArrayNode sup = def.putArray("suppress_during");
    p.suppressDuring().forEach(sup::add);
    putInt(def, "refire_after_minutes", p.refireAfterMinutes());
    putInt(def, "max_alerts_per_encounter", p.maxAlertsPerEncounter());
    putInt(def, "digest_minutes", p.digestMinutes());
    // Every count and every figure made from one goes through the engine's small-cell rule for a whole policy.
    ShownReport v = ShownReport.of(r, minCell);
    count(o, "alerts", v.alerts());
    count(o, "timely_alerts", v.timely());
    count(o, "late_alerts", v.late());
    count(o, "false_alerts", v.falseAlerts());
    o.put("suppressed", v.anyWithheld());
    count(o, "encounters", v.encounters());
    count(o, "outcome_encounters", v.outcomeEncounters());
    count(o, "detected_encounters", v.detected());
    Json.num(o, "sensitivity", v.sensitivity());
    Json.num(o, "alert_ppv", v.alertPpv());
    // Alerts cluster in encounters (re-fires): the interval is Wilson on the Rao–Scott effective counts (AlertPpv).
    if (Double.isNaN(v.alertPpv())) o.putNull("alert_ppv_interval");
    else Json.interval(o, "alert_ppv_interval", org.tollgate.alerts.AlertPpv.interval(r.counts()));
    Json.num(o, "alert_ppv_design_effect", Double.isNaN(v.alertPpv()) ? Double.NaN : org.tollgate.alerts.AlertPpv.designEffect(r.counts()));
    Json.num(o, "workup_to_detection", v.workupToDetection());
    ObjectNode lead = o.putObject("lead_time_minutes");
    Json.num(lead, "p25", v.leadP25());
    Json.num(lead, "median", v.leadMedian());
    Json.num(lead, "p75", v.leadP75());
    Json.num(o, "days", r.days());
    Json.num(o, "alerts_per_day", v.alertsPerDay());
    Json.num(o, "alerts_per_100_patient_days", v.alertsPer100PatientDays());
    Json.num(o, "alerts_per_staff_per_shift", v.alertsPerStaffPerShift());
    Json.num(o, "labor_minutes_per_day", v.laborMinutesPerDay());
    Json.num(o, "false_alert_minutes_per_day", v.falseAlertMinutesPerDay());
    Json.num(o, "fte", v.fte());
    Json.num(o, "false_alert_cost_per_month", v.falseAlertCostPerMonth());
    Json.num(o, "labor_cost_per_month", v.laborCostPerMonth());
    Json.num(o, "net_benefit_per_month", v.netBenefitPerMonth());
    if (!Double.isNaN(r.probabilityActedOn())) {
      ObjectNode h = o.putObject("response");
      Json.num(h, "interruptions_per_staff_per_shift", v.interruptionsPerStaffPerShift());
      Json.num(h, "probability_acted_on", v.probabilityActedOn());
      Json.num(h, "expected_acted_on_detections", v.expectedActedOnDetections());
      Json.num(h, "wasted_minutes_per_day", v.wastedMinutesPerDay());
    }
    return o;
  }

  /**
   * Whether the policy's false alerts cost at most {@code limit} a month, as the small-cell rule lets it be printed
   * ({@link ShownReport#withinFalseAlertCostLimit}): a yes/no over a cost, null when nothing prices the alerts or when the
   * answer could give a withheld count back.
   */
  static void within(ObjectNode o, String key, PolicyReport r, double limit, int minCell) {
    Boolean in = ShownReport.of(r, minCell).withinFalseAlertCostLimit(limit);
    if (in == null) o.putNull(key);
    else o.put(key, in);
  }

  private static void count(ObjectNode o, String key, Long v) {
    if (v == null) o.putNull(key);
    else o.put(key, v);
  }

  private static void putInt(ObjectNode o, String key, Integer v) {
    if (v == null) o.putNull(key);
    else o.put(key, v);
  }
}
