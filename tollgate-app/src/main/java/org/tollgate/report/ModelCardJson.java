package org.tollgate.report;

import org.tollgate.format.Units;
import static org.tollgate.report.Facts.NA;
import static org.tollgate.report.Facts.NOT_STATED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.data.InputRecord;
import org.tollgate.drill.DrillResult;
import org.tollgate.drill.ShownDrill;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.StratumResult;
import org.tollgate.gate.Attestation;
import org.tollgate.gate.GateLimits;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.ItemResult;
import org.tollgate.gate.Provenance;
import org.tollgate.gate.Proxies;
import org.tollgate.gate.Risk;
import org.tollgate.gate.UseCase;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.ReviewRunner;

/**
 * The {@code tollgate.chai-model-card/v1} document a review writes to {@code DIR/out/model-card.json}: the
 * CHAI Applied Model Card's field groups (basic info, release info, summary, uses and directions,
 * warnings, trust ingredients, key metrics, resources), filled from the review.
 *
 * <p>Every field is always present. A field tollgate has no value for is the string "not available" —
 * never null, empty or absent. Numbers come from the same suppressed results the dossier prints: a
 * count or metric the small-cell rule withholds there is "not available" here. Field by field, where
 * each value comes from: docs/model-card.md. Field names are a public contract: add, never rename.
 */
public final class ModelCardJson {
  public static final String SCHEMA = "tollgate.chai-model-card/v1";

  /** The metrics the disparities compare, in report order. */
  /** The key metrics that depend on a score threshold: not stated when an alert policy is the operating point. */
  static final java.util.Set<String> THRESHOLD_METRICS = java.util.Set.of("sensitivity", "specificity", "ppv", "npv", "accuracy", "net_benefit");

  static final List<String> DISPARITY_METRICS = List.of("sensitivity", "specificity", "ppv", "npv", "flag_rate", "auroc");

  private ModelCardJson() {}

  /**
   * @param reviewDate the day the review ran (the card's review date); null gives "not available"
   */
  public static ObjectNode of(ReviewRunner.Outcome o, String toolVersion, LocalDate reviewDate) {
    ReviewFile r = o.review();
    UseCase u = r.useCase();
    GateResult g = o.gate();
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("schema", SCHEMA);
    d.put("tool_version", toolVersion);
    d.put("standard", "CHAI Applied Model Card");

    ObjectNode basic = d.putObject("basic_info");
    Facts.text(basic, "model_name", u.title());
    Facts.text(basic, "model_id", u.id());
    Facts.text(basic, "model_developer", u.developer());
    Facts.text(basic, "version", u.version());
    Facts.text(basic, "contact", u.owner());
    Facts.text(basic, "review_date", reviewDate == null ? null : reviewDate.toString());

    ObjectNode release = d.putObject("release_info");
    release.put("release_stage", "pre-deployment launch review");
    release.put("release_date", NA);
    release.put("launch_verdict", g.verdict().word());
    release.put("fatal_flaw", g.verdict() == GateResult.Verdict.GO ? "none (verdict GO)" : Facts.orNa(g.fatalFlaw()));
    Facts.text(release, "regulatory_approval", r.regulatory() == null ? null : r.regulatory().deviceClass());
    Facts.text(release, "regulatory_notes", r.regulatory() == null ? null : r.regulatory().notes());
    GateResult.RegulatoryPath rp = g.regulatory();
    release.put("regulatory_defensibility", Units.number(rp.defensibility(), 1) + String.format(Locale.ROOT,
        " of 5 (validation %d, data provenance %d, fallback %d; 1 = least, 5 = most defensible, a light validation burden scoring high)",
        rp.validationScore(), rp.provenanceClarity(), rp.fallbackExistence()));
    release.put("global_availability", NA);

    d.put("summary", summary(o));

    ObjectNode uses = d.putObject("uses_and_directions");
    Facts.text(uses, "intended_use", u.intendedUse());
    Facts.list(uses, "intended_users", u.intendedUsers());
    Facts.text(uses, "target_population", u.targetPopulation());
    Facts.list(uses, "out_of_scope_uses", u.outOfScope());
    Facts.text(uses, "decision_role", u.decisionRole() == null ? null : u.decisionRole().name().toLowerCase(Locale.ROOT));
    Facts.list(uses, "outputs", u.outputs());
    Facts.text(uses, "how_to_use", Facts.policyInWords(o));

    d.set("warnings", warnings(o));
    d.set("trust_ingredients", trust(o));
    d.set("key_metrics", metrics(o));

    ObjectNode res = d.putObject("resources");
    res.put("dossier", "dossier.json (" + DossierJson.SCHEMA + "), in the same folder");
    res.put("hti1_source_attributes", "hti1.json (" + Hti1Json.SCHEMA + "), in the same folder");
    res.put("evaluation_references", NA);
    res.put("peer_reviewed_publications", NA);
    res.put("clinical_trial", NA);
    res.put("reimbursement_status", NA);
    res.put("patient_consent_or_disclosure", NA);
    return d;
  }

  static String summary(ReviewRunner.Outcome o) {
    UseCase u = o.review().useCase();
    StringBuilder sb = new StringBuilder(u.title());
    List<String> about = new ArrayList<>();
    if (!Facts.blank(u.version())) about.add("version " + u.version());
    if (!Facts.blank(u.developer())) about.add("developer " + u.developer());
    if (!about.isEmpty()) sb.append(" (").append(String.join(", ", about)).append(')');
    sb.append(": ").append(u.intendedUse().strip());
    if (!sb.toString().endsWith(".")) sb.append('.');
    if (!u.outputs().isEmpty()) sb.append(" Output: ").append(String.join(", ", u.outputs())).append('.');
    sb.append(" Launch review verdict: ").append(o.gate().verdict().word());
    if (o.gate().fatalFlaw() != null) sb.append(" — ").append(o.gate().fatalFlaw());
    else sb.append('.');
    return sb.toString();
  }

  // ---- warnings

  private static ObjectNode warnings(ReviewRunner.Outcome o) {
    ReviewFile r = o.review();
    ObjectNode w = Json.MAPPER.createObjectNode();
    ObjectNode risks = w.putObject("known_risks_and_limitations");
    ArrayNode fmea = Json.MAPPER.createArrayNode();
    for (Risk k : r.risks()) {
      ObjectNode x = fmea.addObject();
      Facts.text(x, "failure_mode", k.failureMode());
      Facts.text(x, "output", k.output());
      Facts.text(x, "harm", k.harm());
      x.put("severity", k.severity());
      x.put("occurrence", k.occurrence());
      x.put("detection", k.detection());
      x.put("rpn", k.rpn());
      x.put("worst_case_delay_days", k.worstCaseDelayDays());
      Facts.text(x, "mitigation", k.mitigation());
      x.put("mitigation_verified", k.verified());
    }
    risks.set("fmea_risks", Facts.arrayOrNa(fmea));
    ArrayNode findings = Json.MAPPER.createArrayNode();
    for (ItemResult i : Facts.notPassing(o)) {
      ObjectNode x = findings.addObject();
      x.put("item", i.id());
      x.put("title", i.title());
      x.put("status", i.status().word());
      Facts.text(x, "reason", i.reason());
    }
    risks.set("gate_findings", Facts.arrayOrNa(findings));

    ObjectNode biases = w.putObject("known_biases");
    Evaluation e = o.evaluation();
    if (e == null || e.disparities().isEmpty()) {
      biases.put("subgroup_differences", NA);
      biases.put("underpowered_comparisons", NA);
    } else {
      List<String> diff = e.disparities().stream().filter(x -> x.status() == Disparity.Status.DIFFERENCE).map(Disparity::statement).toList();
      List<String> under = e.disparities().stream().filter(x -> x.status() == Disparity.Status.UNDERPOWERED).map(Disparity::statement).toList();
      long made = e.disparities().stream().filter(x -> x.status() != Disparity.Status.SUPPRESSED).count();
      long withheld = e.disparities().size() - made;
      String held = withheld == 0 ? "" : String.format(Locale.ROOT, "; %d withheld by the small-cell rule", withheld);
      if (made == 0) {
        biases.put("subgroup_differences", String.format(Locale.ROOT, "no comparison could be made: all %d withheld by the small-cell rule", withheld));
      } else if (diff.isEmpty()) {
        biases.put("subgroup_differences", "none detected in the " + Units.count(made, "comparison") + " made (Holm-adjusted p < 0.05)" + held);
      } else {
        Facts.list(biases, "subgroup_differences", diff);
      }
      if (under.isEmpty()) biases.put("underpowered_comparisons", "none");
      else Facts.list(biases, "underpowered_comparisons", under);
    }
    GateLimits lim = Facts.limits(o);
    if (o.proxies() == null) {
      biases.put("proxy_inputs", NA);
    } else {
      List<String> strong = o.proxies().stream().filter(f -> Facts.strong(f, lim)).map(Proxies::describe).toList();
      if (strong.isEmpty()) {
        biases.put("proxy_inputs", "none of " + Units.count(o.proxies().size(), "input × protected attribute pair") + " above AUROC "
            + Units.number(lim.proxyAuroc(), 2) + " or Cramér's V " + Units.number(lim.proxyCramersV(), 2));
      } else {
        Facts.list(biases, "proxy_inputs", strong);
      }
    }
    String k = r.labelKind() == null ? "outcome" : r.labelKind();
    biases.put("label_choice", k.equals("outcome") ? "the label is a clinical outcome"
        : "the label is " + k + ", a proxy for need: a model trained on it learns who was given care, not who needs it (Obermeyer et al., Science 2019)");
    w.set("clinical_risk_level", riskLevel(r));
    return w;
  }

  /**
   * The clinical risk level, after the IMDRF SaMD risk categorisation: the state of the healthcare situation
   * from the highest FMEA severity (9–10 critical, 5–8 serious, 1–4 non-serious) crossed with the
   * significance of the output from the decision role (replaces → treat or diagnose, augments → drive
   * clinical management, informs → inform clinical management). Category IV very high … I low.
   */
  static JsonNode riskLevel(ReviewFile r) {
    UseCase.DecisionRole role = r.useCase().decisionRole();
    if (role == null || r.risks().isEmpty()) return TextNode.valueOf(NA);
    int sev = r.risks().stream().mapToInt(Risk::severity).max().orElseThrow();
    int state = sev >= 9 ? 2 : sev >= 5 ? 1 : 0;
    String stateName = new String[] {"non-serious", "serious", "critical"}[state];
    int sig = switch (role) {
      case REPLACES -> 2;
      case AUGMENTS -> 1;
      case INFORMS -> 0;
    };
    String sigName = new String[] {"inform clinical management", "drive clinical management", "treat or diagnose"}[sig];
    // IMDRF SaMD N12 table, cat[state][significance]: state 0 non-serious, 1 serious, 2 critical;
    // significance 0 inform, 1 drive clinical management, 2 treat or diagnose
    int[][] cat = {{1, 1, 2}, {1, 2, 3}, {2, 3, 4}};
    int c = cat[state][sig];
    ObjectNode x = Json.MAPPER.createObjectNode();
    x.put("level", new String[] {"", "low", "moderate", "high", "very high"}[c]);
    x.put("imdrf_category", new String[] {"", "I", "II", "III", "IV"}[c]);
    x.put("highest_severity", sev);
    x.put("decision_role", role.name().toLowerCase(Locale.ROOT));
    x.put("basis", String.format(Locale.ROOT,
        "highest FMEA severity %d (%s situation) × decision role %s (%s) → IMDRF SaMD category %s",
        sev, stateName, role.name().toLowerCase(Locale.ROOT), sigName, x.get("imdrf_category").asText()));
    return x;
  }

  // ---- trust ingredients

  private static ObjectNode trust(ReviewRunner.Outcome o) {
    ReviewFile r = o.review();
    Evaluation e = o.evaluation();
    ObjectNode t = Json.MAPPER.createObjectNode();

    ObjectNode sys = t.putObject("system_facts");
    sys.put("model_type", NA);
    sys.put("foundation_models", NA);
    Facts.list(sys, "outputs", r.useCase().outputs());
    ArrayNode inputs = Json.MAPPER.createArrayNode();
    for (Provenance.Input in : r.provenance()) {
      ObjectNode x = inputs.addObject();
      x.put("name", in.name());
      Facts.text(x, "source_system", in.sourceSystem());
      Facts.text(x, "source_field", in.sourceField());
      Facts.text(x, "timestamp_column", in.timestampColumn());
      x.put("stored_in_record", in.storedInRecord());
      x.put("provenance_check", provenanceCheck(o, in));
    }
    sys.set("inputs", Facts.arrayOrNa(inputs));
    Facts.list(sys, "approved_source_systems", r.approvedSystems());
    if (e != null) sys.put("decision_threshold", e.settings().threshold());
    else sys.put("decision_threshold", NA);
    PolicyReport chosen = Facts.chosenPolicy(o);
    Facts.text(sys, "alert_policy", chosen == null ? null : chosen.policy().name());
    ItemResult i1 = Facts.item(o, "1");
    Facts.text(sys, "input_provenance", i1 == null ? null : i1.status().word() + ": " + i1.reason());

    ObjectNode data = t.putObject("data_characterization");
    ArrayNode files = Json.MAPPER.createArrayNode();
    for (InputRecord in : o.inputs()) {
      ObjectNode x = files.addObject();
      x.put("role", Facts.role(r, in));
      x.put("path", Facts.path(r, in.path()));
      x.put("format", in.format());
      x.put("sha256", in.sha256());
      x.put("rows", in.rows());
    }
    data.set("input_files", Facts.arrayOrNa(files));
    StratumResult all = e == null ? null : e.overall();
    Facts.num(data, "cases", all == null ? null : all.n());
    Facts.text(data, "case_definition", e == null ? null : e.per() == Cases.Per.ENCOUNTER
        ? "one per encounter (scores combined by " + e.combine().name().toLowerCase(Locale.ROOT) + ")" : "one per score row");
    Facts.num(data, "positives", all == null ? null : all.positives());
    Facts.num(data, "prevalence", all == null || all.n() == null || all.positives() == null || all.n() == 0 ? Double.NaN
        : (double) all.positives() / all.n());
    Facts.num(data, "observed_days", e == null ? Double.NaN : e.days());
    data.put("label", r.labelKind() == null ? "outcome" : r.labelKind());
    ArrayNode groups = Json.MAPPER.createArrayNode();
    if (e != null) {
      for (StratumResult s : e.strata()) {
        if (s.by().size() != 1) continue;
        ObjectNode x = groups.addObject();
        x.put("group", Facts.group(s.by()));
        Facts.num(x, "n", s.n());
        Facts.num(x, "positives", s.positives());
        Facts.num(x, "share", s.n() == null || all == null || all.n() == null || all.n() == 0 ? Double.NaN : (double) s.n() / all.n());
      }
    }
    data.set("subgroups", Facts.arrayOrNa(groups));
    data.put("training_data", NA);

    ObjectNode bias = t.putObject("bias_mitigation");
    Facts.list(bias, "protected_attributes", r.evaluation().protectedAttributes());
    Facts.list(bias, "stratified_by", r.evaluation().by());
    GateLimits lim = Facts.limits(o);
    bias.put("checks", "subgroup sensitivity, specificity, PPV, NPV, flag rate and AUROC compared with a reference group with 95% intervals, "
        + "Holm-adjusted (a difference above " + Units.number(lim.disparity(), 2) + " with adjusted p < 0.05 fails); model inputs tested as proxies for the protected "
        + "attributes (AUROC above " + Units.number(lim.proxyAuroc(), 2) + " or Cramér's V above " + Units.number(lim.proxyCramersV(), 2)
        + " fails); the label checked for cost or utilization; counts of 1 to " + (lim.minCell() - 1) + " withheld");
    for (String id : List.of("stratified_performance", "proxies", "label_choice")) {
      ItemResult i = Facts.item(o, id);
      Facts.text(bias, id, i == null ? null : i.status().word() + ": " + i.reason());
    }
    bias.put("developer_mitigation", NA);

    ObjectNode m = t.putObject("maintenance");
    m.put("update_schedule", NA);
    m.put("validity_monitoring", NA);
    m.put("fairness_monitoring", NA);
    Facts.text(m, "monitoring_baseline", baseline(o));

    ObjectNode tr = t.putObject("transparency");
    ArrayNode att = Json.MAPPER.createArrayNode();
    for (Attestation a : r.attestations()) {
      ObjectNode x = att.addObject();
      x.put("item", a.item());
      x.put("by", a.by());
      x.put("role", a.role());
      Facts.text(x, "date", a.date() == null ? null : a.date().toString());
      Facts.text(x, "document", a.document());
      Facts.text(x, "document_sha256", a.documentSha256());
    }
    tr.set("stakeholders_consulted", Facts.arrayOrNa(att));
    tr.put("funding_source", NA);
    Facts.text(tr, "business_model", businessModel(r));
    tr.put("security_and_compliance", NA);
    return t;
  }

  private static String provenanceCheck(ReviewRunner.Outcome o, Provenance.Input in) {
    if (o.provenance() == null) return NA;
    for (Provenance.Finding f : o.provenance().findings()) {
      if (!f.input().name().equals(in.name())) continue;
      if (f.problem() != null) return f.problem();
      return o.provenance().dataChecked() ? "approved source; every value timestamped no later than the prediction" : "source named; timestamps not checked (no feature file)";
    }
    return NA;
  }

  private static String businessModel(ReviewFile r) {
    var b = r.businessModel();
    if (b == null) return null;
    List<String> parts = new ArrayList<>();
    if (b.revenueRisesWithVolume() != null) parts.add("revenue rises with alert volume: " + (b.revenueRisesWithVolume() ? "yes" : "no"));
    if (b.paymentPerAlertOrReferral() != null) parts.add("payment per alert or referral: " + (b.paymentPerAlertOrReferral() ? "yes" : "no"));
    if (!Facts.blank(b.description())) parts.add(b.description());
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** What the review expects at launch, the baseline a post-launch monitor compares with. */
  private static String baseline(ReviewRunner.Outcome o) {
    List<String> parts = new ArrayList<>();
    Evaluation e = o.evaluation();
    if (e != null) {
      Interval auc = e.overall().metrics().get("auroc");
      if (auc != null && auc.defined()) parts.add("AUROC " + Facts.withCi(auc));
      StratumResult s = e.overall();
      if (s.n() != null && s.positives() != null && s.n() > 0) parts.add("prevalence " + Units.percent((double) s.positives() / s.n()));
    }
    PolicyReport p = Facts.chosenPolicy(o);
    double perDay = p == null ? Double.NaN : org.tollgate.alerts.ShownReport.of(p, o.review().limits().minCell()).alertsPerDay();
    if (Double.isFinite(perDay)) {
      parts.add(Units.rate(perDay) + " alerts per day under policy '" + p.policy().name() + "'");
    }
    return parts.isEmpty() ? null : "expected at launch: " + String.join(", ", parts);
  }

  // ---- key metrics

  private static ObjectNode metrics(ReviewRunner.Outcome o) {
    ObjectNode k = Json.MAPPER.createObjectNode();
    k.set("usefulness_efficacy", usefulness(o));
    k.set("fairness_equity", fairness(o));
    k.set("safety_reliability", safety(o));
    return k;
  }

  private static ArrayNode usefulness(ReviewRunner.Outcome o) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    Evaluation e = o.evaluation();
    for (String m : List.of("auroc", "auprc", "sensitivity", "specificity", "ppv", "npv", "accuracy", "brier", "calibration_slope", "net_benefit")) {
      evaluationMetric(a, o, m);
    }
    if (e == null) {
      metric(a, "no_information_rate", null, "max(prevalence, 1 − prevalence)", null, NOT_STATED + " (no predictions with a label column)");
    } else if (Double.isFinite(e.overall().noInformationRate())) {
      metric(a, "no_information_rate", Interval.point(e.overall().noInformationRate()), "max(prevalence, 1 − prevalence); accuracy at or below it is the accuracy paradox (an explanation: accuracy decides no rule)",
          "dossier.json evaluation.overall.no_information_rate; " + Facts.dataRef(o, e.input()), null);
    } else {
      metric(a, "no_information_rate", null, "max(prevalence, 1 − prevalence)", null, "withheld by the small-cell rule (a count of 1 to " + (e.settings().minCell() - 1) + " would be revealed)");
    }
    policyMetric(a, o, "alert_sensitivity", "sensitivity", "detected outcome encounters / outcome encounters, under the policy", false);
    policyMetric(a, o, "alert_ppv", "alert_ppv", "timely alerts / alerts, under the policy", false);
    policyMetric(a, o, "alerts_per_day", "alerts_per_day", "alerts / days observed", false);
    policyMetric(a, o, "alerts_per_100_patient_days", "alerts_per_100_patient_days", "alerts / patient-days × 100", false);
    policyMetric(a, o, "median_lead_time_minutes", "lead_time_minutes.median", "median minutes from the first timely alert to the outcome, over detected encounters", false);
    policyMetric(a, o, "workup_to_detection", "workup_to_detection", "alerts / detected encounters (number needed to evaluate)", false);
    policyMetric(a, o, "net_benefit_per_month_usd", "net_benefit_per_month", "detections per month × dollars per detection − labor cost per month", true);
    return a;
  }

  private static void evaluationMetric(ArrayNode a, ReviewRunner.Outcome o, String m) {
    Evaluation e = o.evaluation();
    String name = m.equals("net_benefit") ? "net_benefit_at_threshold" : m;
    String def = switch (m) {
      case "auroc" -> "Mann–Whitney AUROC, ties counted ½";
      case "auprc" -> "average precision (step-wise)";
      case "brier" -> "mean squared error of the score";
      case "calibration_slope" -> "slope of the logistic recalibration of logit(score)";
      case "net_benefit" -> "TP/n − FP/n · pt/(1 − pt) at pt = the operating threshold (that of the policy under review)";
      default -> m.replace('_', ' ') + " per prediction at the operating threshold (that of the policy under review)";
    };
    if (e == null) {
      metric(a, name, null, def, null, NOT_STATED + " (no predictions with a label column)");
      return;
    }
    PolicyReport chosen = Facts.chosenPolicy(o);
    if (chosen != null && THRESHOLD_METRICS.contains(m)) {
      // One operating point (issue 16 §1): with an alert policy a figure at a bare score threshold would be a second one
      // beside the policy's alert_sensitivity and alert_ppv, which are what goes live.
      metric(a, name, null, def, null, NOT_STATED + " (not the operating point: the alert policy '" + chosen.policy().name()
          + "' is; see alert_sensitivity and alert_ppv)");
      return;
    }
    Interval iv = e.overall().metrics().get(m);
    String source = "dossier.json evaluation.overall.metrics." + m + "; " + Facts.dataRef(o, e.input());
    String missing;
    if (e.overall().suppressed() && ("stratum".equals(e.overall().suppression()) || !List.of("auroc", "auprc", "brier", "calibration_intercept", "calibration_slope").contains(m))) {
      missing = "withheld by the small-cell rule (a count of 1 to " + (e.settings().minCell() - 1) + " would be revealed)";
    } else if (e.rawScale() && List.of("brier", "calibration_intercept", "calibration_slope", "net_benefit").contains(m)) {
      missing = org.tollgate.data.ColumnMapping.ScoreScale.RAW_OMITS;
    } else {
      missing = "undefined on these data (e.g. nothing flagged, one class only, or no bootstrap)";
    }
    metric(a, name, iv, def, source, missing);
  }

  /** A number from the chosen policy's simulation, read from the same suppressed node the dossier prints. */
  private static void policyMetric(ArrayNode a, ReviewRunner.Outcome o, String name, String field, String method, boolean needsBenefit) {
    PolicyReport p = Facts.chosenPolicy(o);
    if (p == null) {
      metric(a, name, null, method, null, NOT_STATED + " (the alert simulation needs data.events, policies and outcome)");
      return;
    }
    ObjectNode node = SimulationJson.policy(p, o.review().limits().minCell());
    JsonNode v = node;
    for (String part : field.split("\\.")) v = v == null ? null : v.get(part);
    String source = "dossier.json simulation.policies[name=" + p.policy().name() + "]." + field;
    if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
      metric(a, name, Interval.point(v.asDouble()), method, source, null);
      return;
    }
    String missing;
    if (o.review().workflow() == null && List.of("alerts_per_staff_per_shift", "labor_minutes_per_day", "false_alert_minutes_per_day", "fte",
        "false_alert_cost_per_month", "labor_cost_per_month", "net_benefit_per_month").contains(field)) {
      missing = NOT_STATED + " (no workflow profile)";
    } else if (needsBenefit && (o.review().workflow() == null || o.review().workflow().benefitDollarsPerDetection() == null)) {
      missing = NOT_STATED + " (workflow.benefit.dollars_per_detection)";
    } else if (node.path("suppressed").asBoolean()) {
      missing = "withheld by the small-cell rule (a count of 1 to " + (o.review().limits().minCell() - 1) + " would be revealed)";
    } else {
      missing = "undefined on these data (e.g. no alerts or no detections)";
    }
    metric(a, name, null, method, null, missing);
  }

  private static ArrayNode fairness(ReviewRunner.Outcome o) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    Evaluation e = o.evaluation();
    String noDisp = e == null ? NOT_STATED + " (no predictions with a label column)"
        : e.disparities().isEmpty() ? NOT_STATED + " (evaluation.by names no attribute to compare)" : null;
    for (String m : DISPARITY_METRICS) {
      String name = "largest_" + m + "_difference";
      String def = m.equals("auroc") ? "group − reference; unpaired DeLong test, Holm-adjusted p"
          : "group − reference; pooled two-proportion z test, Holm-adjusted p";
      if (noDisp != null) {
        fairnessMetric(a, name, null, def, null, noDisp);
        continue;
      }
      Disparity d = Facts.largest(e.disparities(), m);
      if (d == null) {
        fairnessMetric(a, name, null, def, null, "withheld by the small-cell rule or undefined in every comparison of " + m);
        continue;
      }
      ObjectNode x = fairnessMetric(a, name, d.difference(), "group − reference; " + d.test() + ", Holm-adjusted p",
          "dossier.json evaluation.disparities (" + Facts.group(d.group()) + " vs " + Facts.group(d.reference()) + ", " + m + "); "
              + Facts.dataRef(o, e.input()), null);
      x.put("comparison", Facts.group(d.group()) + " vs " + Facts.group(d.reference()));
      Facts.num(x, "p_adjusted", d.pAdjusted());
      Facts.text(x, "status", d.status().word());
    }
    if (noDisp != null) {
      fairnessMetric(a, "subgroup_differences_detected", null, "comparisons with Holm-adjusted p < 0.05", null, noDisp);
    } else {
      long n = e.disparities().stream().filter(x -> x.status() == Disparity.Status.DIFFERENCE).count();
      long under = e.disparities().stream().filter(x -> x.status() == Disparity.Status.UNDERPOWERED).count();
      long supp = e.disparities().stream().filter(x -> x.status() == Disparity.Status.SUPPRESSED).count();
      ObjectNode x = fairnessMetric(a, "subgroup_differences_detected", supp == e.disparities().size() ? null : Interval.point(n),
          String.format(Locale.ROOT, "comparisons with Holm-adjusted p < 0.05, of %d (%d underpowered, %d withheld by the small-cell rule)",
              e.disparities().size(), under, supp),
          "dossier.json evaluation.disparities[].status; " + Facts.dataRef(o, e.input()), "withheld by the small-cell rule in every comparison");
      if (supp < e.disparities().size()) x.put("comparison", "all subgroups vs their reference groups");
    }
    GateLimits lim = Facts.limits(o);
    Proxies.Finding byAuc = null;
    Proxies.Finding byV = null;
    if (o.proxies() != null) {
      for (Proxies.Finding f : o.proxies()) {
        if (!Double.isNaN(f.auroc()) && (byAuc == null || f.auroc() > byAuc.auroc())) byAuc = f;
        if (!Double.isNaN(f.cramersV()) && (byV == null || f.cramersV() > byV.cramersV())) byV = f;
      }
    }
    String noProxy = o.proxies() == null ? NOT_STATED + " (evaluation.protected and provenance inputs present in the predictions)"
        : "no input × protected attribute pair could be scored";
    String src = "proxy check of provenance inputs against evaluation.protected; dossier.json items[" + Facts.itemIndex(o, "proxies") + "] (proxies)";
    ObjectNode x = fairnessMetric(a, "strongest_proxy_auroc", byAuc == null ? null : Interval.point(byAuc.auroc()),
        "one-vs-rest AUROC of the best single-input predictor of a protected level, in-sample (limit " + Units.number(lim.proxyAuroc(), 2) + ")",
        byAuc == null ? null : src, noProxy);
    if (byAuc != null) x.put("comparison", "input " + byAuc.input() + " → " + byAuc.attribute() + (byAuc.auroclevel() == null ? "" : " " + byAuc.auroclevel()));
    x = fairnessMetric(a, "strongest_proxy_cramers_v", byV == null ? null : Interval.point(byV.cramersV()),
        "Cramér's V of input × protected attribute (limit " + Units.number(lim.proxyCramersV(), 2) + ")",
        byV == null ? null : src, noProxy);
    if (byV != null) x.put("comparison", "input " + byV.input() + " × " + byV.attribute());
    return a;
  }

  private static ObjectNode fairnessMetric(ArrayNode a, String name, Interval iv, String method, String source, String missing) {
    ObjectNode x = metric(a, name, iv, method, source, missing);
    x.put("comparison", NA);
    x.put("p_adjusted", NA);
    x.put("status", NA);
    return x;
  }

  private static ArrayNode safety(ReviewRunner.Outcome o) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    policyMetric(a, o, "false_alert_cost_per_month_usd", "false_alert_cost_per_month",
        "false alerts per day × minutes per alert / 60 × hourly rate × 365/12 (checklist item 2)", false);
    policyMetric(a, o, "false_alert_minutes_per_day", "false_alert_minutes_per_day", "false alerts per day × minutes per alert", false);
    policyMetric(a, o, "labor_fte", "fte", "minutes per day × 365 / 60 / hours per FTE-year", false);
    policyMetric(a, o, "alerts_per_staff_per_shift", "alerts_per_staff_per_shift", "alerts per day / shifts per day / staff per shift", false);
    DrillResult d = o.drill();
    String noDrill = NOT_STATED + " (the downtime drill needs data.outages with events and policies)";
    String dsrc = "downtime drill, dossier.json items[" + Facts.itemIndex(o, "5") + "].evidence";
    // counts and the storm factor as every writer prints them (the small-cell rule, ShownDrill)
    ShownDrill sd = d == null ? null : ShownDrill.of(d, d.settings().minCell());
    metric(a, "missed_care_in_downtime", sd == null || sd.missedCare() == null ? null : Interval.point(sd.missedCare()),
        "outcome encounters detected with no outage but not with the real outages replayed", sd == null || sd.missedCare() == null ? null : dsrc + ".missed_care_encounters",
        d == null ? noDrill : "withheld by the small-cell rule (a count of 1 to " + (d.settings().minCell() - 1) + ", or one that would give such a count back)");
    String stormMethod = "alerts in the hour after recovery ÷ normal hourly rate, largest over outages (limit "
        + Units.plain(Facts.limits(o).stormFactor()) + "×; a storm also needs Poisson p < 0.05)";
    Double storm = sd == null ? null : sd.maxStormFactor();
    if (d != null && storm == null) {
      metric(a, "alert_storm_factor", null, stormMethod, null, ShownDrill.FACTOR_WITHHELD);
    } else if (d != null && Double.isNaN(storm)) {
      metric(a, "alert_storm_factor", null, stormMethod, null, "undefined: no alerts outside the outages give a normal rate");
    } else {
      metric(a, "alert_storm_factor", d == null ? null : Interval.point(storm), stormMethod, d == null ? null : dsrc + ".max_storm_factor", noDrill);
    }
    metric(a, "patient_hours_without_tool", d == null ? null : Interval.point(d.encounterHoursWithoutTool()),
        "Σ over encounters of monitored hours inside downtime", d == null ? null : "downtime drill (tollgate.drill/v1 encounter_hours_without_tool)", noDrill);
    List<Risk> risks = o.review().risks();
    GateLimits lim = Facts.limits(o);
    metric(a, "highest_rpn", risks.isEmpty() ? null : Interval.point(risks.stream().mapToInt(Risk::rpn).max().orElseThrow()),
        "FMEA risk priority number = severity × occurrence × detection, each 1–10", risks.isEmpty() ? null : "review.yaml risks", NOT_STATED + " (risks)");
    metric(a, "unmitigated_severe_risks", risks.isEmpty() ? null
            : Interval.point(risks.stream().filter(k -> !k.mitigated() && (k.severity() >= lim.severity() || k.rpn() > lim.rpn())).count()),
        String.format(Locale.ROOT, "risks with severity ≥ %d or RPN > %d and no verified mitigation", lim.severity(), lim.rpn()),
        risks.isEmpty() ? null : "review.yaml risks", NOT_STATED + " (risks)");
    return a;
  }

  /**
   * Adds {@code {name, estimate, lower, upper, method, source}}. With no value every number is "not
   * available" and the source says why ({@code missing}).
   */
  private static ObjectNode metric(ArrayNode a, String name, Interval iv, String method, String source, String missing) {
    ObjectNode x = a.addObject();
    x.put("name", name);
    if (iv == null || !iv.defined()) {
      x.put("estimate", NA);
      x.put("lower", NA);
      x.put("upper", NA);
      x.put("method", method);
      x.put("source", Facts.orNa(missing));
      return x;
    }
    boolean ci = iv.method() != Interval.Method.NONE && Double.isFinite(iv.lower()) && Double.isFinite(iv.upper());
    if (!ci && iv.estimate() == Math.rint(iv.estimate()) && Math.abs(iv.estimate()) < 1e15) {
      x.put("estimate", (long) iv.estimate()); // a count
    } else {
      Facts.num(x, "estimate", iv.estimate());
    }
    Facts.num(x, "lower", iv.lower());
    Facts.num(x, "upper", iv.upper());
    x.put("method", method + (ci ? "; " + Facts.methodName(iv.method()) + " 95% CI" : "; no interval"));
    x.put("source", Facts.orNa(source));
    return x;
  }
}
