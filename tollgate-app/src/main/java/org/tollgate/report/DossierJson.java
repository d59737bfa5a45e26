package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.ShownReport;
import org.tollgate.alerts.Workflow;
import org.tollgate.gate.Risk;
import org.tollgate.data.InputRecord;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.ItemResult;
import org.tollgate.gate.UseCase;
import org.tollgate.review.ReviewRunner;

/** The {@code tollgate.dossier/v3} document a review writes to {@code DIR/out/dossier.json}. */
public final class DossierJson {
  public static final String SCHEMA = "tollgate.dossier/v3";

  private DossierJson() {}

  public static ObjectNode of(ReviewRunner.Outcome o, String toolVersion) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("schema", SCHEMA);
    d.put("tool_version", toolVersion);
    UseCase u = o.review().useCase();
    ObjectNode uc = d.putObject("use_case");
    uc.put("id", u.id());
    uc.put("title", u.title());
    uc.put("owner", u.owner());
    uc.put("intended_use", u.intendedUse());
    strings(uc.putArray("intended_users"), u.intendedUsers());
    uc.put("target_population", u.targetPopulation());
    uc.put("decision_role", u.decisionRole() == null ? null : u.decisionRole().name().toLowerCase(java.util.Locale.ROOT));
    strings(uc.putArray("out_of_scope"), u.outOfScope());
    strings(uc.putArray("outputs"), u.outputs());
    GateResult g = o.gate();
    d.put("verdict", g.verdict().word());
    d.put("fatal_flaw", g.fatalFlaw());
    // Gate settings that differ from tollgate's defaults, looser first: part of the verdict (docs/dossier-json.md).
    ArrayNode changed = d.putArray("settings_changed");
    for (org.tollgate.gate.GateSetting.SettingChange c : g.settingsChanged()) {
      ObjectNode x = changed.addObject();
      x.put("key", c.setting().key());
      if (c.setting().whole()) {
        x.put("value", (long) c.value());
        x.put("default", (long) c.defaultValue());
      } else {
        x.put("value", c.value());
        x.put("default", c.defaultValue());
      }
      x.put("looser", c.looser());
      x.put("text", c.text());
    }
    d.put("settings_line", g.settingsLine());
    // The rule the fatal flaw comes from, so the pages can mark it and show its evidence first (null for GO).
    org.tollgate.gate.ItemResult deciding = org.tollgate.gate.Gate.deciding(g.items());
    d.put("deciding_item", deciding == null ? null : deciding.id());
    ArrayNode items = d.putArray("items");
    for (ItemResult r : g.items()) {
      ObjectNode i = items.addObject();
      i.put("id", r.id());
      i.put("title", r.title());
      i.put("status", r.status().word());
      i.put("reason", r.reason());
      i.set("evidence", evidence(r.evidence()));
      i.put("fix", r.fix());
    }
    ObjectNode reg = d.putObject("regulatory_path");
    // the score (6 − the stated burden, 1 least … 5 most defensible) and the burden as review.yaml states it (1 light … 5 heavy)
    reg.put("clinical_validation_score", g.regulatory().validationScore());
    if (g.regulatory().validationBurdenStated() == null) reg.putNull("clinical_validation_burden_stated");
    else reg.put("clinical_validation_burden_stated", g.regulatory().validationBurdenStated());
    reg.put("clinical_validation_reason", g.regulatory().validationReason());
    reg.put("data_provenance_clarity", g.regulatory().provenanceClarity());
    reg.put("data_provenance_reason", g.regulatory().provenanceReason());
    reg.put("fallback_existence", g.regulatory().fallbackExistence());
    reg.put("fallback_reason", g.regulatory().fallbackReason());
    reg.put("defensibility", g.regulatory().defensibility());
    ArrayNode in = d.putArray("inputs");
    for (InputRecord r : o.inputs()) {
      ObjectNode x = in.addObject();
      x.put("path", r.path());
      x.put("format", r.format());
      x.put("sha256", r.sha256());
      x.put("rows", r.rows());
    }
    // review.yaml's data.score_scale: on "raw" every threshold is in the score's own units (the headline says so).
    d.put("score_scale", o.review().data().scoreScale().word());
    d.set("evaluation", o.evaluation() == null ? null : EvaluationJson.of(o.evaluation()));
    if (o.policies().isEmpty()) {
      d.putNull("simulation");
    } else {
      ObjectNode sim = d.putObject("simulation");
      sim.put("chosen_policy", o.review().chosenPolicy());
      ArrayNode ps = sim.putArray("policies");
      for (PolicyReport p : o.policies()) ps.add(priced(p, o));
      if (o.search() != null) {
        sim.put("policies_explored", o.search().all().size());
        ArrayNode front = sim.putArray("pareto");
        o.search().pareto().forEach(p -> front.add(priced(p, o)));
        if (o.search().best() == null) sim.putNull("best_within_budget");
        else sim.set("best_within_budget", priced(o.search().best(), o));
      }
      alertEconomy(sim, o);
    }
    d.set("friction", o.frictionReport() == null ? null : FrictionJson.of(o.frictionReport()));
    d.set("drill", o.drill() == null ? null : DrillJson.summary(o.drill(), o.review().limits().minCell()));
    d.set("fallback", o.fallback() == null ? null : FallbackJson.of(o.fallback(), o.checklist(), o.review().limits().minCell(), o.drill()));
    ArrayNode risks = d.putArray("risks");
    for (Risk k : o.review().risks()) {
      ObjectNode x = risks.addObject();
      x.put("failure_mode", k.failureMode());
      x.put("output", k.output());
      x.put("harm", k.harm());
      x.put("severity", k.severity());
      x.put("occurrence", k.occurrence());
      x.put("detection", k.detection());
      x.put("rpn", k.rpn());
      Json.num(x, "worst_case_delay_days", k.worstCaseDelayDays());
      x.put("mitigation", k.mitigation());
      x.put("mitigation_verified", k.verified());
    }
    ObjectNode std = d.putObject("standards");
    // Without the review date and tool version: the dossier has no clock time, so a replay can compare it whole.
    ObjectNode card = ModelCardJson.of(o, toolVersion, null);
    card.remove("tool_version");
    std.set("model_card", card);
    ObjectNode hti1 = Hti1Json.of(o, toolVersion, null);
    hti1.remove("tool_version");
    std.set("hti1", hti1);
    return d;
  }

  /** A policy's report with {@code within_false_alert_cost_limit}: the yes/no the Policies table prints beside its cost. */
  private static ObjectNode priced(PolicyReport p, ReviewRunner.Outcome o) {
    ObjectNode x = SimulationJson.policy(p, o.review().limits().minCell());
    SimulationJson.within(x, "within_false_alert_cost_limit", p, o.review().workflow() == null ? Double.NaN : o.review().limits().falseAlertCostPerMonth(),
        o.review().limits().minCell());
    return x;
  }

  /**
   * What the alert-economy charts need beyond the policy reports: the workflow's prices, the false-alert
   * budget in minutes per day, every explored policy in brief (the Pareto chart), the chosen policy at
   * each curve threshold, and its lead-time histogram. Encounter counts below the minimum cell size are
   * null, as in the policy reports; histogram bins follow the complementary rule.
   */
  static void alertEconomy(ObjectNode sim, ReviewRunner.Outcome o) {
    int minCell = o.review().limits().minCell();
    double limit = o.review().limits().falseAlertCostPerMonth();
    Workflow w = o.review().workflow();
    sim.put("false_alert_cost_limit_per_month", limit);
    sim.set("workflow", SimulationJson.workflow(w));
    if (w == null) {
      sim.putNull("false_alert_minutes_per_day_limit");
    } else {
      // cost per month = minutes per day / 60 × rate × 365/12, solved for the minutes.
      Json.num(sim, "false_alert_minutes_per_day_limit", limit / (w.hourlyRate() / 60 * PolicyReport.DAYS_PER_MONTH));
    }
    if (o.search() != null) {
      ArrayNode ex = sim.putArray("explored");
      for (PolicyReport p : o.search().all()) {
        ObjectNode x = brief(p, minCell);
        x.put("pareto", o.search().pareto().contains(p));
        SimulationJson.within(x, "within_budget", p, limit, minCell);
        ex.add(x);
      }
    }
    ObjectNode curve = sim.putObject("threshold_curve");
    curve.put("policy", o.review().chosenPolicy());
    curve.put("note", "the chosen policy with every setting but the threshold kept");
    ArrayNode pts = curve.putArray("points");
    for (PolicyReport p : o.thresholdCurve()) pts.add(brief(p, minCell));
    PolicyReport chosen = o.policies().stream().filter(p -> p.policy().name().equals(o.review().chosenPolicy())).findFirst().orElse(o.policies().get(0));
    sim.set("lead_time", leadTimes(chosen, o.review().outcome().horizonMinutes(), minCell));
  }

  /** One policy in brief: its settings and the figures the charts plot. */
  private static ObjectNode brief(PolicyReport p, int minCell) {
    ObjectNode x = Json.MAPPER.createObjectNode();
    AlertPolicy a = p.policy();
    x.put("name", a.name());
    x.put("threshold", a.threshold());
    x.put("persistence", a.persistence());
    x.put("confirm", a.confirm() != null);
    x.put("suppress_during", String.join(", ", a.suppressDuring()));
    if (a.refireAfterMinutes() == null) x.putNull("refire_after_minutes");
    else x.put("refire_after_minutes", a.refireAfterMinutes());
    if (a.digestMinutes() == null) x.putNull("digest_minutes");
    else x.put("digest_minutes", a.digestMinutes());
    ShownReport v = ShownReport.of(p, minCell);
    x.put("suppressed", v.anyWithheld());
    count(x, "alerts", v.alerts());
    count(x, "false_alerts", v.falseAlerts());
    count(x, "detected_encounters", v.detected());
    Json.num(x, "sensitivity", v.sensitivity());
    Json.num(x, "median_lead_minutes", v.leadMedian());
    Json.num(x, "alert_ppv", v.alertPpv());
    Json.num(x, "alerts_per_day", v.alertsPerDay());
    Json.num(x, "false_alerts_per_day", v.falseAlertsPerDay());
    Json.num(x, "labor_minutes_per_day", v.laborMinutesPerDay());
    Json.num(x, "false_alert_minutes_per_day", v.falseAlertMinutesPerDay());
    Json.num(x, "false_alert_cost_per_month", v.falseAlertCostPerMonth());
    Json.num(x, "fte", v.fte());
    return x;
  }

  private static void count(ObjectNode o, String key, Long v) {
    if (v == null) o.putNull(key);
    else o.put(key, v);
  }

  /**
   * Lead times (onset − first timely alert, minutes) of the chosen policy's detected encounters, in 12
   * equal bins from 0 to the outcome horizon (a bin holds [from, to); the last also holds the horizon).
   * A bin with 1 to min_cell − 1 encounters is withheld (null); when exactly one bin is withheld, the
   * smallest other non-empty bin is withheld too, since the bins add up to the detected count.
   */
  static ObjectNode leadTimes(PolicyReport p, int horizonMinutes, int minCell) {
    ObjectNode l = Json.MAPPER.createObjectNode();
    l.put("policy", p.policy().name());
    double[] lead = p.counts().leadMinutes();
    boolean small = ShownReport.of(p, minCell).detected() == null;
    if (small) l.putNull("detected_encounters");
    else l.put("detected_encounters", lead.length);
    Json.num(l, "p25_minutes", small ? Double.NaN : p.leadP25());
    Json.num(l, "median_minutes", small ? Double.NaN : p.leadMedian());
    Json.num(l, "p75_minutes", small ? Double.NaN : p.leadP75());
    int bins = 12;
    double width = horizonMinutes / (double) bins;
    l.put("horizon_minutes", horizonMinutes);
    l.put("bin_minutes", width);
    long[] n = new long[bins];
    for (double v : lead) n[Math.max(0, Math.min(bins - 1, (int) Math.floor(v / width)))]++;
    boolean[] hide = new boolean[bins];
    for (int b = 0; b < bins; b++) hide[b] = small || org.tollgate.evaluation.SmallCells.withheld(n[b], minCell);
    // The bins add up to detected_encounters.
    org.tollgate.evaluation.SmallCells.complement(hide, n);
    ArrayNode a = l.putArray("bins");
    for (int b = 0; b < bins; b++) {
      ObjectNode x = a.addObject();
      x.put("from_minutes", b * width);
      x.put("to_minutes", (b + 1) * width);
      if (hide[b]) x.putNull("encounters");
      else x.put("encounters", n[b]);
      x.put("suppressed", hide[b]);
    }
    return l;
  }

  static JsonNode evidence(Map<String, Object> e) {
    return Json.MAPPER.valueToTree(sanitize(e));
  }

  private static Object sanitize(Object v) {
    if (v instanceof Double x && !Double.isFinite(x)) return null;
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), sanitize(x)));
      return out;
    }
    if (v instanceof Collection<?> c) return c.stream().map(DossierJson::sanitize).toList();
    return v;
  }

  private static void strings(ArrayNode a, Collection<String> s) {
    s.forEach(a::add);
  }
}
