package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tollgate.drill.PaperChecklist;
import org.tollgate.evaluation.Interval;
import org.tollgate.fallback.Criterion;
import org.tollgate.fallback.Fallback;
import org.tollgate.fallback.Replication;

/**
 * The dossier's {@code fallback} section: the paper rule (criteria in clinical units), the one checklist,
 * and its replication of the policy's decision with intervals, overall and inside outage windows. Encounter
 * counts below the minimum cell are null (with {@code _suppressed}), and so are shares computed from them.
 */
public final class FallbackJson {
  private FallbackJson() {}

  public static ObjectNode of(Fallback.Result f, PaperChecklist checklist, int minCell) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("policy", f.policy());
    ArrayNode inputs = o.putArray("inputs");
    f.inputs().forEach(i -> inputs.add(i.column()));
    o.put("check_every_hours", f.settings().checkEveryHours());
    o.put("max_extra_false_alerts_per_staff_shift", f.settings().maxExtraFalseAlertsPerStaffShift());
    if (f.rule() == null) {
      o.putNull("rule");
      return o;
    }
    ObjectNode r = o.putObject("rule");
    r.put("name", f.rule().name());
    r.put("origin", f.rule().origin().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode cs = r.putArray("criteria");
    for (int i = 0; i < f.rule().criteria().size(); i++) {
      Criterion c = f.rule().criteria().get(i);
      ObjectNode x = cs.addObject();
      x.put("input", c.input().column());
      x.put("op", c.op().symbol());
      x.put("threshold", c.threshold());
      x.put("text", c.text());
      x.put("points", f.rule().points().get(i));
    }
    r.put("cut_off", f.rule().cutOff());
    r.put("one_line", f.rule().oneLine());
    if (checklist != null) o.set("checklist", DrillJson.checklist(checklist));
    Replication p = f.replication();
    if (p != null) {
      ObjectNode m = o.putObject("replication");
      m.put("checks", p.checks());
      boolean smallTarget = small(p.policyDetected(), minCell);
      DrillJson.count(m, "policy_detected", p.policyDetected(), minCell);
      DrillJson.count(m, "replicated", p.replicated(), minCell);
      interval(m, "share", smallTarget ? Interval.UNDEFINED : p.share());
      DrillJson.count(m, "outcome_encounters", p.outcomeEncounters(), minCell);
      DrillJson.count(m, "paper_detected", p.paperDetected(), minCell);
      interval(m, "sensitivity", small(p.outcomeEncounters(), minCell) ? Interval.UNDEFINED : p.sensitivity());
      m.put("paper_alerts", p.paperAlerts());
      interval(m, "alert_ppv", p.ppv());
      m.put("staff_shifts", p.staffShifts());
      interval(m, "false_alerts_per_staff_shift", p.falseAlertsPerStaffShift());
      Json.num(m, "policy_false_alerts_per_staff_shift", p.policyFalseAlertsPerStaffShift());
      Json.num(m, "extra_false_alerts_per_staff_shift", p.extraFalseAlertsPerStaffShift());
      interval(m, "lead_time_hours_median", small(p.paperDetected(), minCell) ? Interval.UNDEFINED : p.leadTimeHours());
      if (p.outage() != null) {
        ObjectNode w = m.putObject("in_outages");
        DrillJson.count(w, "missed_care_without", p.outage().missedWithout(), minCell);
        DrillJson.count(w, "caught", p.outage().caught(), minCell);
        DrillJson.count(w, "missed_care_with", p.outage().missedWith(), minCell);
        interval(w, "share", small(p.outage().missedWithout(), minCell) ? Interval.UNDEFINED : p.outage().share());
        w.put("downtime_checks", p.outage().checks());
      }
    }
    if (!f.gap().isEmpty()) {
      ArrayNode g = o.putArray("closing_changes");
      f.gap().forEach(g::add);
    }
    return o;
  }

  private static boolean small(long n, int minCell) {
    return n > 0 && n < minCell;
  }

  private static void interval(ObjectNode o, String key, Interval i) {
    ObjectNode x = o.putObject(key);
    Json.num(x, "estimate", i.estimate());
    Json.num(x, "lower", i.lower());
    Json.num(x, "upper", i.upper());
  }
}
