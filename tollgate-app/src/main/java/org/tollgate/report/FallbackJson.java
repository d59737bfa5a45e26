package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tollgate.drill.PaperChecklist;
import org.tollgate.evaluation.Interval;
import org.tollgate.fallback.Criterion;
import org.tollgate.fallback.Fallback;
import org.tollgate.fallback.Replication;
import org.tollgate.fallback.ShownReplication;
import org.tollgate.drill.DrillResult;
import org.tollgate.drill.ShownDrill;

/**
 * The dossier's {@code fallback} section: the paper rule (criteria in clinical units), the one checklist,
 * and its replication of the policy's decision with intervals, overall and inside outage windows. Encounter
 * counts are withheld by the engine ({@link ShownReplication}: counts of 1 to 10 and any count they would give back are null,
 * with {@code _suppressed}), and so are the shares and rates computed from them.
 */
public final class FallbackJson {
  private FallbackJson() {}

  /**
   * @param drill the downtime drill printed beside it (its in-outage counts are withheld together with the drill's), or null
   */
  public static ObjectNode of(Fallback.Result f, PaperChecklist checklist, int minCell, DrillResult drill) {
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
    Replication raw = f.replication();
    if (raw != null) {
      // One view, withheld by the engine: with the drill's when the dossier prints both (the in-outage counts are the drill's).
      ShownReplication p = ShownReplication.of(raw, minCell, drill == null ? null : ShownDrill.of(drill, minCell).paper());
      ObjectNode m = o.putObject("replication");
      m.put("checks", raw.checks());
      Json.count(m, "policy_detected", p.policyDetected());
      Json.count(m, "replicated", p.replicated());
      interval(m, "share", p.share());
      Json.count(m, "outcome_encounters", p.outcomeEncounters());
      Json.count(m, "paper_detected", p.paperDetected());
      interval(m, "sensitivity", p.sensitivity());
      Json.count(m, "paper_alerts", p.paperAlerts());
      interval(m, "alert_ppv", p.ppv());
      m.put("staff_shifts", raw.staffShifts());
      interval(m, "false_alerts_per_staff_shift", p.falseAlertsPerStaffShift());
      Json.num(m, "policy_false_alerts_per_staff_shift", p.policyFalseAlertsPerStaffShift());
      Json.num(m, "extra_false_alerts_per_staff_shift", p.extraFalseAlertsPerStaffShift());
      interval(m, "lead_time_hours_median", p.leadTimeHours());
      if (p.outage() != null) {
        ObjectNode w = m.putObject("in_outages");
        Json.count(w, "missed_care_without", p.outage().missedWithout());
        Json.count(w, "caught", p.outage().caught());
        Json.count(w, "missed_care_with", p.outage().missedWith());
        interval(w, "share", p.outage().share());
        w.put("downtime_checks", p.outage().checks());
      }
    }
    if (!f.gap().isEmpty()) {
      ArrayNode g = o.putArray("closing_changes");
      f.gap().forEach(g::add);
    }
    return o;
  }


  private static void interval(ObjectNode o, String key, Interval i) {
    ObjectNode x = o.putObject(key);
    Json.num(x, "estimate", i.estimate());
    Json.num(x, "lower", i.lower());
    Json.num(x, "upper", i.upper());
  }
}
