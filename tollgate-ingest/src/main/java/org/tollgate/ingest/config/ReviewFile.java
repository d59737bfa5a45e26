package org.tollgate.ingest.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ColumnMapping.ScoreScale;
import org.tollgate.gate.Attestation;
import org.tollgate.gate.BusinessModel;
import org.tollgate.gate.TradeOffs;
import org.tollgate.gate.GateInputs;
import org.tollgate.gate.GateLimits;
import org.tollgate.gate.GateSetting;
import org.tollgate.gate.Provenance;
import org.tollgate.gate.Risk;
import org.tollgate.gate.UseCase;
import org.tollgate.ingest.Hashes;

/**
 * A review folder's {@code review.yaml}: the use case, its data files (relative to the folder), the
 * evaluation settings, the workflow profile and policies, attestations, risks, regulatory facts and the
 * gate's limits. The schema is documented in docs/review-yaml.md and by {@code tollgate init}'s
 * template; unknown keys and bad values are errors naming the line and the key path.
 */
public record ReviewFile(
    Path dir,
    UseCase useCase,
    Data data,
    Evaluation evaluation,
    Workflow workflow,
    List<AlertPolicy> policies,
    Outcome outcome,
    String chosenPolicy,
    YamlNode search,
    List<Attestation> attestations,
    List<Risk> risks,
    BusinessModel businessModel,
    GateInputs.Regulatory regulatory,
    GateLimits limits,
    Drill drill,
    List<Provenance.Input> provenance,
    List<String> approvedSystems,
    String labelKind,
    TradeOffSpec tradeOffs,
    BehaviorSpec behavior,
    org.tollgate.fallback.Fallback.Settings fallback) {

  /**
   * Behavioral mapping against the tool's design: the EHR audit log (and visit windows), the task the
   * tool serves, which roles hold clinical credentials, and when and by whom the tool expects the task done.
   */
  public record BehaviorSpec(Path log, Path encounters, String task, List<String> clinicalRoles, String designedFor, boolean forClinicalStaff) {}

  /**
   * The trade-off table: a pilot file (one row per visit, a {@code period} column of pre/post and one
   * column per measure), the measures, and the modification proposed if a safety measure worsens.
   */
  public record TradeOffSpec(Path data, List<TradeOffs.Measure> measures, String modify) {}

  /**
   * Data files, resolved against the review folder; null when not given.
   *
   * @param evaluationSummary a {@code tollgate.summary/v1} file (e.g. from the Spark job) evaluated instead of the predictions
   * @param simulationSummary a {@code tollgate.simulation-summary/v3} file priced instead of simulating predictions and events
   * @param scoreScale {@code data.score_scale}: probability (default; every threshold in [0, 1]) or raw (thresholds in the score's
   *     own units; calibration, Brier score and net benefit are not computed)
   * @param fhir how FHIR RiskAssessment predictions are read ({@code data.fhir}: {@code probability}, {@code outcome_code})
   */
  public record Data(Path predictions, Path events, Path interactions, Path outages, Path features, Map<String, String> columns,
      Path evaluationSummary, Path simulationSummary, ScoreScale scoreScale, ColumnMapping.Fhir fhir) {
    public Data {
      scoreScale = scoreScale == null ? ScoreScale.PROBABILITY : scoreScale;
      fhir = fhir == null ? ColumnMapping.Fhir.UNSTATED : fhir;
    }

    /** Without FHIR settings. */
    public Data(Path predictions, Path events, Path interactions, Path outages, Path features, Map<String, String> columns,
        Path evaluationSummary, Path simulationSummary, ScoreScale scoreScale) {
      this(predictions, events, interactions, outages, features, columns, evaluationSummary, simulationSummary, scoreScale, null);
    }

    /** Without summaries, on the probability scale. */
    public Data(Path predictions, Path events, Path interactions, Path outages, Path features, Map<String, String> columns) {
      this(predictions, events, interactions, outages, features, columns, null, null, ScoreScale.PROBABILITY);
    }

    /** On the probability scale. */
    public Data(Path predictions, Path events, Path interactions, Path outages, Path features, Map<String, String> columns,
        Path evaluationSummary, Path simulationSummary) {
      this(predictions, events, interactions, outages, features, columns, evaluationSummary, simulationSummary, ScoreScale.PROBABILITY);
    }
  }

  /** How a review.yaml declares that its scores are not probabilities (the hint of every threshold error). */
  public static final String RAW_HINT = "set score_scale: raw under data: (thresholds are then in the score's own units)";

  /** Evaluation settings of the review. */
  public record Evaluation(double threshold, List<String> by, boolean intersections, int bootstrap, long seed, List<String> protectedAttributes) {}

  /** Drill settings of the review. */
  public record Drill(String onOutage, List<String> systems, String notifyWho) {}

  static final Set<String> TOP = Set.of("use_case", "data", "evaluation", "workflow", "policies", "outcome", "policy", "search",
      "attestations", "risks", "business_model", "regulatory", "gate", "drill", "provenance", "label", "trade_offs", "behavior",
      "monitoring", "fallback");

  public static ReviewFile read(Path dir) {
    Path file = Files.isDirectory(dir) ? dir.resolve("review.yaml") : dir;
    Path base = file.toAbsolutePath().getParent();
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file.toString(), "no review.yaml here; `tollgate init " + dir + "` writes a commented template");
    }
    YamlNode root = YamlNode.read(file);
    Map<String, YamlNode> m = root.map(TOP);
    if (!m.containsKey("use_case")) throw root.error("missing 'use_case' (id, title, owner, intended_use, ...)");
    UseCase uc = useCase(m.get("use_case"));
    Data data = m.containsKey("data") ? data(m.get("data"), base) : new Data(null, null, null, null, null, Map.of());
    ScoreScale scale = data.scoreScale();
    Evaluation ev = evaluation(m.get("evaluation"), scale);
    Workflow wf = null;
    if (m.containsKey("workflow")) {
      YamlNode w = m.get("workflow");
      wf = w.isMap() ? WorkflowFile.of(w) : WorkflowFile.read(resolve(w, base));
    }
    List<AlertPolicy> policies = new ArrayList<>();
    if (m.containsKey("policies")) {
      int i = 0;
      for (YamlNode n : m.get("policies").list()) policies.add(PolicyFile.policy(n, "policy-" + (++i), scale, RAW_HINT));
    }
    Outcome outcome = m.containsKey("outcome") ? PolicyFile.outcome(m.get("outcome")) : null;
    String chosen = m.containsKey("policy") ? m.get("policy").string() : policies.isEmpty() ? null : policies.get(0).name();
    summaries(m, data, policies, outcome);
    if (chosen != null && policies.stream().noneMatch(p -> p.name().equals(chosen)) && data.simulationSummary() == null) {
      throw m.get("policy").error("no policy named '" + chosen + "' in 'policies'");
    }
    if (!policies.isEmpty() && outcome == null) throw root.error("'policies' need an 'outcome' (type, horizon_minutes)");
    boolean thresholdGiven = m.containsKey("evaluation") && m.get("evaluation").isMap() && m.get("evaluation").map(null).containsKey("threshold");
    if (scale == ScoreScale.RAW && policies.isEmpty() && !thresholdGiven && data.simulationSummary() == null) {
      throw root.error("on a raw score scale a review without policies needs evaluation.threshold in the score's own units"
          + " (its operating point; the default 0.5 is a probability)");
    }
    // The search grid is read here with every other setting, so a bad threshold stops the review before any work.
    if (m.containsKey("search") || (scale == ScoreScale.RAW && !policies.isEmpty() && wf != null)) {
      if (m.containsKey("search")) PolicyFile.grid(m.get("search"), policies, scale, RAW_HINT);
      else throw root.error("on a raw score scale the policy search needs a 'search' block with 'thresholds' in the score's own units"
          + " (the default grid 0.1 to 0.9 is of probabilities)");
    }
    List<Attestation> att = new ArrayList<>();
    if (m.containsKey("attestations")) for (YamlNode n : m.get("attestations").list()) att.add(attestation(n, base));
    List<Risk> risks = new ArrayList<>();
    if (m.containsKey("risks")) for (YamlNode n : m.get("risks").list()) risks.add(risk(n));
    BusinessModel bm = m.containsKey("business_model") ? business(m.get("business_model")) : null;
    GateInputs.Regulatory reg = m.containsKey("regulatory") ? regulatory(m.get("regulatory")) : null;
    GateLimits lim = m.containsKey("gate") ? limits(m.get("gate")) : GateLimits.defaults();
    Drill drill = m.containsKey("drill") ? drill(m.get("drill")) : new Drill("drop", List.of(), null);
    List<Provenance.Input> prov = new ArrayList<>();
    List<String> approved = new ArrayList<>();
    if (m.containsKey("provenance")) {
      Map<String, YamlNode> p = m.get("provenance").map(Set.of("approved_systems", "inputs"));
      if (p.containsKey("approved_systems")) approved.addAll(p.get("approved_systems").strings());
      if (p.containsKey("inputs")) for (YamlNode n : p.get("inputs").list()) prov.add(input(n));
    }
    String label = "outcome";
    if (m.containsKey("label")) {
      Map<String, YamlNode> l = m.get("label").map(Set.of("kind", "description"));
      if (l.containsKey("kind")) {
        label = l.get("kind").string().toLowerCase(Locale.ROOT);
        if (!Set.of("outcome", "cost", "utilization").contains(label)) throw l.get("kind").error("must be outcome, cost or utilization");
      }
    }
    TradeOffSpec trade = m.containsKey("trade_offs") ? tradeOffs(m.get("trade_offs"), base) : null;
    BehaviorSpec behavior = m.containsKey("behavior") ? behavior(m.get("behavior"), base) : null;
    org.tollgate.fallback.Fallback.Settings fb = m.containsKey("fallback") ? fallback(m.get("fallback")) : org.tollgate.fallback.Fallback.Settings.defaults();
    return new ReviewFile(base, uc, data, ev, wf, policies, outcome, chosen, m.get("search"), att, risks, bm, reg, lim, drill, prov, approved, label,
        trade, behavior, fb);
  }

  /**
   * {@code fallback}: how often the paper checklist is applied, the search's bound on extra false alerts, and
   * optionally the clinicians' own rule ({@code rule: {name, criteria: [...], at_least: k, points: [...]}}).
   */
  static org.tollgate.fallback.Fallback.Settings fallback(YamlNode n) {
    Map<String, YamlNode> f = n.map(Set.of("check_every_hours", "max_extra_false_alerts_per_staff_shift", "rule"));
    org.tollgate.fallback.Fallback.Settings d = org.tollgate.fallback.Fallback.Settings.defaults();
    int every = d.checkEveryHours();
    if (f.containsKey("check_every_hours")) {
      every = f.get("check_every_hours").positiveInt();
      if (every > 24) throw f.get("check_every_hours").error("must be between 1 and 24 hours, got " + every);
    }
    double extra = f.containsKey("max_extra_false_alerts_per_staff_shift") ? f.get("max_extra_false_alerts_per_staff_shift").nonNegative()
        : d.maxExtraFalseAlertsPerStaffShift();
    org.tollgate.fallback.PaperRule rule = f.containsKey("rule") ? rule(f.get("rule")) : null;
    return new org.tollgate.fallback.Fallback.Settings(every, extra, rule);
  }

  static org.tollgate.fallback.PaperRule rule(YamlNode n) {
    Map<String, YamlNode> r = n.map(Set.of("name", "criteria", "at_least", "points"));
    if (!r.containsKey("criteria")) throw n.error("fallback.rule needs 'criteria' (e.g. [resp_rate >= 22, systolic_bp <= 100, altered_mentation])");
    if (!r.containsKey("at_least")) throw n.error("fallback.rule needs 'at_least' (how many boxes, or points, call for action)");
    List<org.tollgate.fallback.Criterion> cs = new ArrayList<>();
    for (YamlNode c : r.get("criteria").list()) {
      try {
        cs.add(org.tollgate.fallback.PaperRule.parse(c.string()));
      } catch (IllegalArgumentException e) {
        throw c.error(e.getMessage());
      }
    }
    List<Integer> points = null;
    if (r.containsKey("points")) {
      points = new ArrayList<>();
      for (YamlNode p : r.get("points").list()) points.add(p.positiveInt());
    }
    try {
      return new org.tollgate.fallback.PaperRule(r.containsKey("name") ? r.get("name").string() : null, cs, points, r.get("at_least").positiveInt(),
          org.tollgate.fallback.PaperRule.Origin.CLINICIAN);
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  static BehaviorSpec behavior(YamlNode n, Path base) {
    Map<String, YamlNode> b = n.map(Set.of("log", "encounters", "task", "clinical_roles", "designed_for", "designed_for_clinical_staff"));
    for (String k : List.of("log", "task", "designed_for")) {
      if (!b.containsKey(k)) throw n.error("behavior needs '" + k + "'");
    }
    String when = b.get("designed_for").string().toLowerCase(Locale.ROOT);
    if (!Set.of("before", "during", "after").contains(when)) throw b.get("designed_for").error("must be before, during or after, got '" + when + "'");
    return new BehaviorSpec(resolve(b.get("log"), base), b.containsKey("encounters") ? resolve(b.get("encounters"), base) : null,
        b.get("task").string(), b.containsKey("clinical_roles") ? b.get("clinical_roles").strings() : null, when,
        b.containsKey("designed_for_clinical_staff") && b.get("designed_for_clinical_staff").bool());
  }

  static TradeOffSpec tradeOffs(YamlNode n, Path base) {
    Map<String, YamlNode> t = n.map(Set.of("data", "measures", "modify"));
    if (!t.containsKey("data")) throw n.error("trade_offs needs 'data' (the pilot file: period and one column per measure)");
    if (!t.containsKey("measures")) throw n.error("trade_offs needs 'measures' (column, label, better, safety)");
    List<TradeOffs.Measure> measures = new ArrayList<>();
    for (YamlNode x : t.get("measures").list()) {
      Map<String, YamlNode> q = x.map(Set.of("column", "label", "better", "safety"));
      if (!q.containsKey("column") || !q.containsKey("better")) throw x.error("a measure needs 'column' and 'better' (lower or higher)");
      String b = q.get("better").string().toLowerCase(Locale.ROOT);
      if (!b.equals("lower") && !b.equals("higher")) throw q.get("better").error("must be lower or higher, got '" + q.get("better").string() + "'");
      measures.add(new TradeOffs.Measure(q.get("column").string(), q.containsKey("label") ? q.get("label").string() : null,
          b.equals("lower") ? TradeOffs.Better.LOWER : TradeOffs.Better.HIGHER, q.containsKey("safety") && q.get("safety").bool()));
    }
    if (measures.isEmpty()) throw t.get("measures").error("trade_offs needs at least one measure");
    return new TradeOffSpec(resolve(t.get("data"), base), measures, t.containsKey("modify") ? t.get("modify").string() : null);
  }

  /**
   * A summary replaces rows: an evaluation summary the predictions, a simulation summary the events and the policies
   * (it holds the policies and outcome it was simulated with; {@code policy} may still choose one of them).
   */
  static void summaries(Map<String, YamlNode> m, Data data, List<AlertPolicy> policies, Outcome outcome) {
    if (data.evaluationSummary() != null && data.predictions() != null) {
      throw m.get("data").error("give 'predictions' or 'evaluation_summary', not both");
    }
    if (data.simulationSummary() != null && data.events() != null) {
      throw m.get("data").error("'simulation_summary' replaces 'events' (and the predictions' simulation); leave 'events' out");
    }
    if (data.simulationSummary() != null && (!policies.isEmpty() || outcome != null)) {
      throw m.get(policies.isEmpty() ? "outcome" : "policies").error(
          "data.simulation_summary holds the policies and outcome it was simulated with; leave 'policies' and 'outcome' out");
    }
  }

  /** This review with the policies, outcome and chosen policy of its simulation summary. */
  public ReviewFile withSimulation(List<AlertPolicy> summaryPolicies, Outcome summaryOutcome, String chosen) {
    return new ReviewFile(dir, useCase, data, evaluation, workflow, List.copyOf(summaryPolicies), summaryOutcome, chosen, search, attestations,
        risks, businessModel, regulatory, limits, drill, provenance, approvedSystems, labelKind, tradeOffs, behavior, fallback);
  }

  /** The same review with these attestations (e.g. review.yaml's followed by the store's). */
  public ReviewFile withAttestations(List<Attestation> all) {
    return new ReviewFile(dir, useCase, data, evaluation, workflow, policies, outcome, chosenPolicy, search, List.copyOf(all),
        risks, businessModel, regulatory, limits, drill, provenance, approvedSystems, labelKind, tradeOffs, behavior, fallback);
  }

  static UseCase useCase(YamlNode n) {
    Map<String, YamlNode> u = n.map(Set.of("id", "title", "owner", "intended_use", "intended_users", "target_population", "decision_role",
        "out_of_scope", "outputs", "developer", "version"));
    for (String k : List.of("id", "title", "owner", "intended_use")) {
      if (!u.containsKey(k)) throw n.error("use_case needs '" + k + "'");
    }
    UseCase.DecisionRole role = null;
    if (u.containsKey("decision_role")) {
      String r = u.get("decision_role").string().toUpperCase(Locale.ROOT);
      try {
        role = UseCase.DecisionRole.valueOf(r);
      } catch (IllegalArgumentException e) {
        throw u.get("decision_role").error("must be informs, augments or replaces, got '" + u.get("decision_role").string() + "'");
      }
    }
    try {
      return new UseCase(u.get("id").string(), u.get("title").string(), u.get("owner").string(), u.get("intended_use").string(),
          u.containsKey("intended_users") ? u.get("intended_users").strings() : List.of(),
          u.containsKey("target_population") ? u.get("target_population").string() : null, role,
          u.containsKey("out_of_scope") ? u.get("out_of_scope").strings() : List.of(),
          u.containsKey("outputs") ? u.get("outputs").strings() : List.of(),
          u.containsKey("developer") ? u.get("developer").string() : null,
          u.containsKey("version") ? u.get("version").string() : null);
    } catch (IllegalArgumentException e) {
      throw u.get("id").error(e.getMessage());
    }
  }

  static Data data(YamlNode n, Path base) {
    Map<String, YamlNode> d = n.map(Set.of("predictions", "events", "interactions", "outages", "features", "columns",
        "evaluation_summary", "simulation_summary", "score_scale", "fhir"));
    ScoreScale scale = ScoreScale.PROBABILITY;
    if (d.containsKey("score_scale")) {
      scale = ScoreScale.parse(d.get("score_scale").string());
      if (scale == null) throw d.get("score_scale").error("must be probability or raw, got '" + d.get("score_scale").string() + "'");
    }
    Map<String, String> cols = new java.util.LinkedHashMap<>();
    if (d.containsKey("columns")) {
      d.get("columns").map(Set.of("id", "encounter", "time", "score", "label")).forEach((k, v) -> cols.put(k, v.string()));
    }
    return new Data(path(d, "predictions", base), path(d, "events", base), path(d, "interactions", base), path(d, "outages", base),
        path(d, "features", base), cols, path(d, "evaluation_summary", base), path(d, "simulation_summary", base), scale,
        d.containsKey("fhir") ? fhir(d.get("fhir")) : null);
  }

  /** {@code data.fhir}: {@code probability} (percent or fraction) and {@code outcome_code} (SYSTEM|CODE), as the CLI's --fhir-* flags. */
  static ColumnMapping.Fhir fhir(YamlNode n) {
    Map<String, YamlNode> f = n.map(Set.of("probability", "outcome_code"));
    ColumnMapping.ProbabilityUnit unit = null;
    if (f.containsKey("probability")) {
      String u = f.get("probability").string();
      unit = switch (u == null ? "" : u.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "percent" -> ColumnMapping.ProbabilityUnit.PERCENT;
        case "fraction" -> ColumnMapping.ProbabilityUnit.FRACTION;
        default -> throw f.get("probability").error("must be percent (0-100, as FHIR R4 defines probabilityDecimal) or fraction (0-1), got '" + u + "'");
      };
    }
    try {
      return new ColumnMapping.Fhir(unit, f.containsKey("outcome_code") ? f.get("outcome_code").string() : null);
    } catch (IllegalArgumentException e) {
      throw f.get("outcome_code").error(e.getMessage());
    }
  }

  private static Path path(Map<String, YamlNode> d, String key, Path base) {
    return d.containsKey(key) ? resolve(d.get(key), base) : null;
  }

  /** A file named in review.yaml: {@link ReviewPaths#resolve}, the one rule every reader of a review's files follows. */
  static Path resolve(YamlNode n, Path base) {
    return ReviewPaths.resolve(n, base);
  }

  static Evaluation evaluation(YamlNode n, ScoreScale scale) {
    if (n == null) return new Evaluation(0.5, List.of(), false, 0, 20240601L, List.of());
    Map<String, YamlNode> e = n.map(Set.of("threshold", "by", "intersections", "bootstrap", "seed", "protected"));
    return new Evaluation(
        e.containsKey("threshold") ? e.get("threshold").threshold(scale, RAW_HINT) : 0.5,
        e.containsKey("by") ? e.get("by").strings() : List.of(),
        e.containsKey("intersections") && e.get("intersections").bool(),
        e.containsKey("bootstrap") ? (int) e.get("bootstrap").nonNegative() : 0,
        e.containsKey("seed") ? (long) e.get("seed").number() : 20240601L,
        e.containsKey("protected") ? e.get("protected").strings() : List.of());
  }

  static Attestation attestation(YamlNode n, Path base) {
    Map<String, YamlNode> a = n.map(Set.of("item", "by", "role", "date", "document", "note", "staff_trained", "signs"));
    for (String k : List.of("item", "by", "role", "date")) if (!a.containsKey(k)) throw n.error("an attestation needs '" + k + "'");
    String item = a.get("item").string();
    if (!Set.of("paper_fallback", "business_model", "peer_training").contains(item)) {
      throw a.get("item").error("must be paper_fallback (item 3), business_model (item 6) or peer_training (item 7), got '" + item + "'");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(a.get("date").string());
    } catch (DateTimeParseException e) {
      throw a.get("date").error("must be a date like 2026-10-01, got '" + a.get("date").string() + "'");
    }
    String doc = null;
    String sha = null;
    if (a.containsKey("document")) {
      Path p = resolve(a.get("document"), base);
      doc = a.get("document").string();
      sha = Hashes.file(p);
    }
    return new Attestation(item, a.get("by").string(), a.get("role").string(), date, doc, sha,
        a.containsKey("note") ? a.get("note").string() : null,
        a.containsKey("staff_trained") ? (int) a.get("staff_trained").nonNegative() : null,
        a.containsKey("signs") ? a.get("signs").string() : null);
  }

  static Risk risk(YamlNode n) {
    Map<String, YamlNode> r = n.map(Set.of("failure_mode", "output", "harm", "severity", "occurrence", "detection", "worst_case_delay_days",
        "mitigation", "verified"));
    for (String k : List.of("failure_mode", "harm", "severity", "occurrence", "detection")) if (!r.containsKey(k)) throw n.error("a risk needs '" + k + "'");
    return new Risk(r.get("failure_mode").string(), r.containsKey("output") ? r.get("output").string() : null, r.get("harm").string(),
        scale(r.get("severity")), scale(r.get("occurrence")), scale(r.get("detection")),
        r.containsKey("worst_case_delay_days") ? r.get("worst_case_delay_days").nonNegative() : 0,
        r.containsKey("mitigation") ? r.get("mitigation").string() : null,
        r.containsKey("verified") && r.get("verified").bool());
  }

  private static int scale(YamlNode n) {
    int v = n.positiveInt();
    if (v > 10) throw n.error("must be between 1 and 10, got " + v);
    return v;
  }

  static BusinessModel business(YamlNode n) {
    Map<String, YamlNode> b = n.map(Set.of("revenue_rises_with_alert_volume", "payment_per_alert_or_referral", "description"));
    return new BusinessModel(
        b.containsKey("revenue_rises_with_alert_volume") ? b.get("revenue_rises_with_alert_volume").bool() : null,
        b.containsKey("payment_per_alert_or_referral") ? b.get("payment_per_alert_or_referral").bool() : null,
        b.containsKey("description") ? b.get("description").string() : null);
  }

  static GateInputs.Regulatory regulatory(YamlNode n) {
    Map<String, YamlNode> r = n.map(Set.of("clinical_validation_burden", "device_class", "notes"));
    Integer burden = null;
    if (r.containsKey("clinical_validation_burden")) {
      burden = r.get("clinical_validation_burden").positiveInt();
      if (burden > 5) throw r.get("clinical_validation_burden").error("must be between 1 and 5, got " + burden);
    }
    return new GateInputs.Regulatory(burden, r.containsKey("device_class") ? r.get("device_class").string() : null,
        r.containsKey("notes") ? r.get("notes").string() : null);
  }

  static GateLimits limits(YamlNode n) {
    Map<String, YamlNode> g = n.map(Set.of("false_alert_cost_per_month", "min_cell", "storm_factor", "disparity", "proxy_auroc",
        "proxy_cramers_v", "rpn", "severity", "min_peer_trained", "min_sensitivity_share", "min_sensitivity", "max_alerts_per_staff_per_shift",
        "min_alert_ppv", "min_fallback_replication"));
    GateLimits d = GateLimits.defaults();
    return new GateLimits(
        setting(g, GateSetting.FALSE_ALERT_COST_PER_MONTH, d),
        g.containsKey("min_cell") ? minCell(g.get("min_cell")) : d.minCell(),
        setting(g, GateSetting.STORM_FACTOR, d),
        setting(g, GateSetting.DISPARITY, d),
        setting(g, GateSetting.PROXY_AUROC, d),
        setting(g, GateSetting.PROXY_CRAMERS_V, d),
        (int) setting(g, GateSetting.RPN, d),
        (int) setting(g, GateSetting.SEVERITY, d),
        (int) setting(g, GateSetting.MIN_PEER_TRAINED, d),
        setting(g, GateSetting.MIN_SENSITIVITY_SHARE, d),
        setting(g, GateSetting.MIN_SENSITIVITY, d),
        setting(g, GateSetting.MAX_ALERTS_PER_STAFF_PER_SHIFT, d),
        setting(g, GateSetting.MIN_ALERT_PPV, d),
        setting(g, GateSetting.MIN_FALLBACK_REPLICATION, d));
  }

  /** A gate setting, or its default when absent; out of {@link GateSetting}'s bounds is an error naming the line and key. */
  private static double setting(Map<String, YamlNode> g, GateSetting s, GateLimits d) {
    if (!g.containsKey(s.key())) return s.of(d);
    YamlNode n = g.get(s.key());
    double v = n.number();
    String problem = s.problem(v);
    if (problem != null) throw n.error(problem);
    return v;
  }

  static Drill drill(YamlNode n) {
    Map<String, YamlNode> d = n.map(Set.of("on_outage", "systems", "notify"));
    String mode = d.containsKey("on_outage") ? d.get("on_outage").string() : "drop";
    if (!mode.equals("drop") && !mode.equals("queue")) throw d.get("on_outage").error("must be drop or queue, got '" + mode + "'");
    return new Drill(mode, d.containsKey("systems") ? d.get("systems").strings() : List.of(), d.containsKey("notify") ? d.get("notify").string() : null);
  }

  static Provenance.Input input(YamlNode n) {
    Map<String, YamlNode> i = n.map(Set.of("name", "source_system", "source_field", "timestamp_column", "stored_in_record"));
    if (!i.containsKey("name")) throw n.error("a provenance input needs a 'name' (the feature's column)");
    return new Provenance.Input(i.get("name").string(),
        i.containsKey("source_system") ? i.get("source_system").string() : null,
        i.containsKey("source_field") ? i.get("source_field").string() : null,
        i.containsKey("timestamp_column") ? i.get("timestamp_column").string() : null,
        !i.containsKey("stored_in_record") || i.get("stored_in_record").bool());
  }


  /**
   * {@code gate.min_cell}: at least the default (11). A smaller one would print counts of 1 to 10, which the small-cell rule
   * never allows (CMS cell-size suppression); a larger one is a stricter review's choice.
   */
  private static int minCell(YamlNode n) {
    int v = n.positiveInt();
    if (v < org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL) {
      throw n.error("must be at least " + org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL + " (counts of 1 to 10 are never shown), got " + v);
    }
    String problem = GateSetting.MIN_CELL.problem(v);
    if (problem != null) throw n.error(problem);
    return v;
  }
}
