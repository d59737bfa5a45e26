package org.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.gate.ItemResult.Status;

/**
 * The launch gate: the essay's seven-item checklist (one fail or missing halts approval) and the checks
 * beyond it, each a rule over evidence; then the verdict.
 *
 * <p>Verdict: GO when every rule passes. Otherwise REDESIGN when every failing or missing rule has a
 * computed fix (a cheaper policy that passes, an attestation to obtain, an input to remove), and NO-GO
 * when any has none (future leakage, a harm-engine business model, accuracy no better than the base
 * rate, a tool that adds cognitive load, an unmitigated catastrophic risk, a subgroup disparity). The
 * fatal flaw is the sentence of the first rule without a fix, or for REDESIGN of the first failing rule
 * (the first missing one when none failed): see {@link #deciding}.
 */
public final class Gate {
  private Gate() {}

  public static GateResult review(GateInputs in) {
    return review(in, Map.of());
  }

  /**
   * As {@link #review(GateInputs)}, for a review whose rows are not at hand (it was given summaries made
   * elsewhere). {@code unavailable} maps a rule's id to why its evidence could not be computed, e.g.
   * "from a Spark summary: the rows are not here". Such a rule never passes on that account: a missing rule
   * gives this reason instead of its own; a failing one (item 2 above its limit without a policy search) keeps
   * failing with the reason added and, when it had no computed fix, the step that would compute one; a passing
   * one (evidence that does come from a summary, like item 2's cost) stands.
   */
  public static GateResult review(GateInputs in, Map<String, String> unavailable) {
    GateLimits lim = in.limits() == null ? GateLimits.defaults() : in.limits();
    List<ItemResult> items = new ArrayList<>();
    items.add(item1(in));
    items.add(item2(in, lim));
    items.add(item3(in, lim));
    items.add(item4(in));
    items.add(item5(in));
    items.add(item6(in));
    items.add(item7(in, lim));
    items.add(stratified(in, lim));
    items.add(accuracyParadox(in));
    items.add(labelChoice(in));
    items.add(proxies(in, lim));
    items.add(failureConsequences(in, lim));
    items.replaceAll(r -> unavailable.containsKey(r.id()) ? unavailable(r, unavailable.get(r.id())) : r);
    if (in.tradeOffs() != null) items.add(tradeOffs(in.tradeOffs()));
    if (in.workflowFit() != null) items.add(in.workflowFit().judge());
    return new GateResult(verdict(items), flaw(items), items, regulatory(in, items));
  }

  static GateResult.Verdict verdict(List<ItemResult> items) {
    if (items.stream().anyMatch(r -> r.status() != Status.PASS && r.fix() == null)) return GateResult.Verdict.NO_GO;
    if (items.stream().anyMatch(r -> r.status() != Status.PASS)) return GateResult.Verdict.REDESIGN;
    return GateResult.Verdict.GO;
  }

  /**
   * The deciding rule's sentence: for NO-GO the first rule without a fix; for REDESIGN the first rule
   * that failed on its evidence, or when none failed the first whose evidence is missing — a measured
   * failure says more about the tool than an absent document. Null for GO.
   */
  static String flaw(List<ItemResult> items) {
    ItemResult d = deciding(items);
    return d == null ? null : d.flaw();
  }

  /** The rule {@link #flaw} takes its sentence from, or null for GO. */
  public static ItemResult deciding(List<ItemResult> items) {
    for (ItemResult r : items) if (r.status() != Status.PASS && r.fix() == null) return r;
    for (ItemResult r : items) if (r.status() == Status.FAIL) return r;
    for (ItemResult r : items) if (r.status() == Status.MISSING) return r;
    return null;
  }

  static final String T1 = "Decision logic reconstructable from auditable data";
  static final String T2 = "False-positive cost in labor minutes";
  static final String T3 = "Paper-based fallback that keeps care safe";
  static final String T4 = "Cognitive load reduced, not redistributed";
  static final String T5 = "Tested on edge cases from real downtime events";
  static final String T6 = "Business model aligned with clinical outcomes";
  static final String T7 = "Frontline staff have trained others without vendor support";

  static ItemResult item1(GateInputs in) {
    Provenance.Result p = in.provenance();
    if (p == null || p.findings().isEmpty()) {
      return ItemResult.missing("1", T1, "no provenance manifest: the inputs' sources and timestamps are unknown",
          "write the provenance manifest: for each model input its source system, source field and source timestamp column");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("inputs", p.findings().size());
    ev.put("data_checked", p.dataChecked());
    if (p.dataSha256() != null) ev.put("data_sha256", p.dataSha256());
    for (Provenance.Finding f : p.findings()) {
      if (f.futureTimestamps() > 0) {
        ev.put("feature", f.input().name());
        ev.put("future_values", f.futureTimestamps());
        ev.put("max_future_seconds", f.maxFutureSeconds());
        return ItemResult.fail("1", T1, "input '" + f.input().name() + "' " + f.problem(), ev, null, String.format(Locale.ROOT,
            "The model sees the future: %,d values of '%s' were recorded after the prediction they fed (up to %s later), so its accuracy cannot be trusted and its decisions cannot be reconstructed.",
            f.futureTimestamps(), f.input().name(), Provenance.duration(f.maxFutureSeconds())));
      }
    }
    List<String> bad = new ArrayList<>();
    for (Provenance.Finding f : p.findings()) if (f.problem() != null) bad.add("'" + f.input().name() + "' " + f.problem());
    if (!bad.isEmpty()) {
      ev.put("problems", bad);
      return ItemResult.fail("1", T1, "input " + bad.get(0) + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : ""), ev, null,
          "The decision logic cannot be reconstructed from auditable data: input " + bad.get(0) + ".");
    }
    if (!p.dataChecked()) {
      return ItemResult.missing("1", T1, "the manifest names a source for every input, but no feature data were given to check the timestamps",
          "add the feature file with each value's source timestamp (data.features) so leakage can be checked");
    }
    return ItemResult.pass("1", T1, String.format(Locale.ROOT, "all %d inputs have an approved source and a timestamp no later than the prediction",
        p.findings().size()), ev);
  }

  static ItemResult item2(GateInputs in, GateLimits lim) {
    var r = in.policy();
    if (r == null || Double.isNaN(r.falseAlertCostPerMonth())) {
      return ItemResult.missing("2", T2, "no alert simulation with a workflow profile: the false-alert cost is unknown",
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
      return ItemResult.pass("2", T2, String.format(Locale.ROOT, "false alerts cost $%,.0f a month (%.0f staff minutes a day), within the $%,.0f limit",
          r.falseAlertCostPerMonth(), r.falseAlertMinutesPerDay(), lim.falseAlertCostPerMonth()), ev);
    }
    double perMonth = r.counts().falseAlerts() / r.days() * 365 / 12;
    String flaw = String.format(Locale.ROOT,
        "This model optimizes for recall but ignores the cost of false positives: at the current false-alert rate it would generate %,.0f unnecessary alerts a month, costing $%,.0f in staff time against a $%,.0f limit.",
        perMonth, r.falseAlertCostPerMonth(), lim.falseAlertCostPerMonth());
    String fix = null;
    var c = in.cheapestPassing();
    if (c != null) {
      ev.put("suggested_policy", c.policy().name());
      ev.put("suggested_false_alert_cost_per_month", c.falseAlertCostPerMonth());
      fix = String.format(Locale.ROOT, "switch to policy '%s': $%,.0f a month in false alerts, sensitivity %.2f",
          c.policy().name(), c.falseAlertCostPerMonth(), c.sensitivity());
    }
    return ItemResult.fail("2", T2, String.format(Locale.ROOT, "false alerts cost $%,.0f a month, above the $%,.0f limit",
        r.falseAlertCostPerMonth(), lim.falseAlertCostPerMonth()), ev, fix, flaw);
  }

  /**
   * Item 3 is made of evidence: the paper rule ({@code fallback}) must keep at least
   * {@link GateLimits#minFallbackReplication()} of the policy's timely detections (point estimate) with its
   * false alerts within the staffing floor (no more than the search's bound over the policy's, per staff
   * member per shift), and a clinician must have signed the procedure. Missing without a features table (the
   * fix names the inputs to export), when the policy detects nothing in time, or while unsigned; failing
   * below the share or above the bound (the fix names the criteria that would close the gap).
   */
  static ItemResult item3(GateInputs in, GateLimits lim) {
    Attestation a = attestation(in, "paper_fallback");
    org.tollgate.fallback.Fallback.Result f = in.fallback();
    if (f == null) {
      return ItemResult.missing("3", T3, "no bedside inputs (features table): no paper rule could be found or measured against the policy",
          org.tollgate.fallback.Fallback.exportHint());
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("policy", f.policy());
    ev.put("inputs", f.inputs().stream().map(org.tollgate.fallback.BedsideInput::column).toList());
    ev.put("min_replication", lim.minFallbackReplication());
    ev.put("max_extra_false_alerts_per_staff_shift", f.settings().maxExtraFalseAlertsPerStaffShift());
    ev.put("check_every_hours", f.settings().checkEveryHours());
    var rep = f.replication();
    if (f.rule() == null) {
      return ItemResult.fail("3", T3, "no rule of at most five bedside criteria keeps any of the policy's timely detections within the false-alert bound", ev,
          "change the workflow so bedside checks can stand in for the model (check more often, or chart the inputs the model reads)",
          "When the system is down nothing replaces it: no paper rule on the bedside inputs catches what the model catches.");
    }
    ev.put("rule", f.rule().oneLine());
    ev.put("rule_origin", f.rule().origin().name().toLowerCase(Locale.ROOT));
    if (rep.policyDetected() == 0) {
      String why = "the policy detects no outcome encounter in time, so there is no decision for the paper rule to replicate";
      return new ItemResult("3", T3, Status.MISSING, why, ev, "give data in which the policy detects outcomes (outcome events), then measure the paper rule", why);
    }
    ev.put("replication", rep.share().estimate());
    ev.put("replication_lower", rep.share().lower());
    ev.put("replication_upper", rep.share().upper());
    ev.put("false_alerts_per_staff_shift", rep.falseAlertsPerStaffShift().estimate());
    ev.put("policy_false_alerts_per_staff_shift", rep.policyFalseAlertsPerStaffShift());
    String share = String.format(Locale.ROOT, "keeps %.0f%% (95%% CI %.0f–%.0f%%) of the policy's timely detections", 100 * rep.share().estimate(),
        100 * rep.share().lower(), 100 * rep.share().upper());
    double extra = rep.extraFalseAlertsPerStaffShift();
    boolean withinStaffing = extra <= f.settings().maxExtraFalseAlertsPerStaffShift() + 1e-12;
    String rule = "the paper rule (" + f.rule().oneLine() + ")";
    if (rep.share().estimate() < lim.minFallbackReplication() || !withinStaffing) {
      String why = rep.share().estimate() < lim.minFallbackReplication()
          ? String.format(Locale.ROOT, "%s %s, below the %.0f%% required", rule, share, 100 * lim.minFallbackReplication())
          : String.format(Locale.ROOT, "%s %s but adds %.2f false alerts per staff member per shift, above the staffing floor's %.2f", rule, share, extra,
              f.settings().maxExtraFalseAlertsPerStaffShift());
      String fix = f.gap().isEmpty() ? "change the workflow (check more often) or the rule, then measure again"
          : "change the paper rule: " + String.join("; or ", f.gap());
      if (!f.gap().isEmpty()) ev.put("closing_changes", f.gap());
      return ItemResult.fail("3", T3, why, ev, fix, String.format(Locale.ROOT,
          "The paper fallback cannot keep care safe: when the system is down its criteria catch %.0f%% of the patients the model would have flagged in time.",
          100 * rep.share().estimate()));
    }
    if (a == null) {
      String why = rule + " " + share + " within the staffing floor, but no clinician has signed the procedure";
      return new ItemResult("3", T3, Status.MISSING, why, ev, "a clinician signs the paper procedure in the store (tollgate attest … paper_fallback)", why);
    }
    ev.putAll(attestationEvidence(a));
    return ItemResult.pass("3", T3, String.format(Locale.ROOT, "%s %s within the staffing floor (%+.2f false alerts per staff member per shift); signed by %s (%s) on %s",
        rule, share, extra, a.by(), a.role(), a.date()), ev);
  }

  static ItemResult item4(GateInputs in) {
    GateInputs.FrictionEvidence f = in.friction();
    if (f == null) {
      return ItemResult.missing("4", T4, "no friction audit: time-on-task before and after is unknown",
          "give an interaction log with pre and post periods");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("verdict", f.verdict());
    ev.put("delta_seconds_per_session", f.deltaSecondsPerSession());
    ev.put("lower", f.lower());
    ev.put("upper", f.upper());
    if (f.inputSha256() != null) ev.put("input_sha256", f.inputSha256());
    String delta = String.format(Locale.ROOT, "%+.1f s per session (95%% CI %+.1f to %+.1f)", f.deltaSecondsPerSession(), f.lower(), f.upper());
    if (!f.redistributedTo().isEmpty() && !f.verdict().equals("increased")) {
      // The checklist asks whether load is reduced *or redistributed*: a role that absorbs the work
      // others no longer do fails the item even when the whole workflow got faster.
      GateInputs.RoleShift w = f.redistributedTo().get(0);
      ev.put("redistributed_to", f.redistributedTo().stream().map(GateInputs.RoleShift::role).toList());
      ev.put("role_delta_seconds_per_session", w.deltaSeconds());
      String shift = String.format(Locale.ROOT, "%s sessions take %.0f s longer (95%% CI %.0f to %.0f)", w.role(), w.deltaSeconds(), w.lower(), w.upper());
      return ItemResult.fail("4", T4, "load redistributed: " + shift + " while the whole changed by " + delta, ev, null,
          "The tool moves work instead of removing it: " + shift + " while the workflow as a whole did not slow down. That is automating blame, not care.");
    }
    return switch (f.verdict()) {
      case "reduced" -> ItemResult.pass("4", T4, "time-on-task fell: " + delta, ev);
      case "increased" -> ItemResult.fail("4", T4, "time-on-task rose: " + delta, ev, null,
          String.format(Locale.ROOT, "The tool adds work instead of removing it: every session takes %.0f seconds longer (95%% CI %.0f to %.0f), and small penalties compound across a day.",
              f.deltaSecondsPerSession(), f.lower(), f.upper()));
      default -> {
        ev.put("sessions_needed", f.sessionsNeeded());
        yield new ItemResult("4", T4, Status.MISSING, "time-on-task change is inconclusive: " + delta + "; about " + f.sessionsNeeded()
            + " more sessions per period are needed", ev, "collect " + f.sessionsNeeded() + " more sessions per period and re-run",
            "Whether the tool reduces cognitive load is not yet known: " + delta + ".");
      }
    };
  }

  static ItemResult item5(GateInputs in) {
    var d = in.drill();
    if (d == null) {
      return ItemResult.missing("5", T5, "no downtime drill: no outage log was replayed", "give the outage (downtime) log of the data's period");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("outages_replayed", d.outagesReplayed().size());
    ev.put("downtime_hours", d.downtimeHours());
    ev.put("missed_care_encounters", d.missedCare());
    ev.put("max_storm_factor", d.maxStormFactor());
    ev.put("storm_limit", d.settings().stormLimit());
    return switch (d.item5().status()) {
      case "pass" -> ItemResult.pass("5", T5, d.item5().reason(), ev);
      case "fail" -> ItemResult.fail("5", T5, d.item5().reason(), ev, "deliver alerts queued during downtime as a digest after recovery",
          String.format(Locale.ROOT, "When the system comes back it floods staff: %.1f× the normal alert rate in the hour after an outage.", d.maxStormFactor()));
      default -> ItemResult.missing("5", T5, d.item5().reason(), "give the outage log of the data's period");
    };
  }

  static ItemResult item6(GateInputs in) {
    BusinessModel b = in.businessModel();
    Attestation a = attestation(in, "business_model");
    boolean yes = b != null && (Boolean.TRUE.equals(b.revenueRisesWithVolume()) || Boolean.TRUE.equals(b.paymentPerAlertOrReferral()));
    Map<String, Object> ev = new LinkedHashMap<>();
    if (b != null) {
      ev.put("revenue_rises_with_volume", b.revenueRisesWithVolume());
      ev.put("payment_per_alert_or_referral", b.paymentPerAlertOrReferral());
    }
    if (yes) {
      return ItemResult.fail("6", T6, "revenue or payment rises when more alerts fire or more referrals are made", ev, null,
          "If revenue increases when more alerts fire, you've built a harm engine: " + (b.description() == null ? "the business model pays for volume, not outcomes." : b.description()));
    }
    if (b == null || b.revenueRisesWithVolume() == null || b.paymentPerAlertOrReferral() == null) {
      return ItemResult.missing("6", T6, "the business model is not stated (does revenue or any payment rise with alert or referral volume?)",
          "state the business model facts and have compliance attest them");
    }
    if (a == null) {
      return ItemResult.missing("6", T6, "no revenue or payment rises with volume, but no compliance officer has attested it",
          "a compliance officer attests the business model");
    }
    ev.putAll(attestationEvidence(a));
    return ItemResult.pass("6", T6, "no revenue or payment rises with alert or referral volume; attested by " + a.by() + " (" + a.role() + ")", ev);
  }

  static ItemResult item7(GateInputs in, GateLimits lim) {
    Attestation a = attestation(in, "peer_training");
    if (a == null) {
      return ItemResult.missing("7", T7, "no attestation of peer-led training", "a frontline lead attests how many staff were trained by peers without vendor support");
    }
    int n = a.staffTrained() == null ? 0 : a.staffTrained();
    Map<String, Object> ev = attestationEvidence(a);
    ev.put("staff_trained", n);
    if (n < lim.minPeerTrained()) {
      return new ItemResult("7", T7, Status.MISSING, "only " + n + " staff trained by peers (at least " + lim.minPeerTrained() + " needed)", ev,
          "frontline staff train colleagues without vendor support, then attest the number", "True adoption means peer-led training, and none has happened yet.");
    }
    return ItemResult.pass("7", T7, n + " frontline staff trained by peers without vendor support (attested by " + a.by() + ")", ev);
  }

  static ItemResult stratified(GateInputs in, GateLimits lim) {
    String t = "Stratified performance: no subgroup left behind";
    Evaluation e = in.evaluation();
    if (e == null) {
      return ItemResult.missing("stratified_performance", t, "no evaluation with labels", "give predictions with outcome labels");
    }
    if (e.disparities().isEmpty()) {
      return ItemResult.missing("stratified_performance", t, "no subgroups were compared (evaluation.by is empty)",
          "stratify the evaluation by age, sex and comorbidity (evaluation.by)");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("comparisons", e.disparities().size());
    long judged = e.disparities().stream().filter(d -> !"suppressed".equals(d.status())).count();
    if (judged == 0) {
      return new ItemResult("stratified_performance", t, Status.MISSING,
          "every subgroup comparison was withheld because its counts are below the minimum cell size", ev,
          "evaluate on more data so the subgroups reach the minimum cell size", "No subgroup could be compared: every group is too small to report.");
    }
    ev.put("comparisons_with_data", judged);
    List<Disparity> worst = new ArrayList<>();
    List<String> underpowered = new ArrayList<>();
    for (Disparity d : e.disparities()) {
      if ("difference".equals(d.status()) && Math.abs(d.difference().estimate()) > lim.disparity()
          && (d.metric().equals("sensitivity") || d.metric().equals("ppv") || d.metric().equals("auroc") || d.metric().equals("npv"))) {
        worst.add(d);
      }
      if ("underpowered".equals(d.status()) && d.metric().equals("sensitivity")) underpowered.add(Evaluator.label(d.group()));
    }
    if (!worst.isEmpty()) {
      worst.sort((a, b) -> Double.compare(Math.abs(b.difference().estimate()), Math.abs(a.difference().estimate())));
      Disparity d = worst.get(0);
      ev.put("disparities", worst.size());
      ev.put("worst", d.statement());
      return ItemResult.fail("stratified_performance", t, d.statement(), ev, null,
          "The model does not work equally well for everyone: " + lowerFirst(d.statement()));
    }
    if (!underpowered.isEmpty()) {
      ev.put("underpowered_groups", underpowered);
      return new ItemResult("stratified_performance", t, Status.MISSING, "too few cases to judge sensitivity in " + String.join(", ", underpowered), ev,
          "collect more outcome cases in the small groups", "Performance in " + String.join(", ", underpowered) + " cannot be judged from this sample.");
    }
    return ItemResult.pass("stratified_performance", t, String.format(Locale.ROOT,
        "no subgroup differs by more than %.2f in sensitivity, PPV, NPV or AUROC (Holm-adjusted, %d comparisons)", lim.disparity(), e.disparities().size()), ev);
  }

  static ItemResult accuracyParadox(GateInputs in) {
    String t = "Accuracy above the no-information rate";
    Evaluation e = in.evaluation();
    if (e == null) return ItemResult.missing("accuracy_paradox", t, "no evaluation with labels", "give predictions with outcome labels");
    org.tollgate.evaluation.Confusion c = e.rawOverall();
    Map<String, Object> ev = new LinkedHashMap<>();
    double acc = c.accuracy();
    double nir = c.noInformationRate();
    ev.put("accuracy", acc);
    ev.put("no_information_rate", nir);
    if (!Double.isNaN(acc) && acc <= nir) {
      return ItemResult.fail("accuracy_paradox", t, String.format(Locale.ROOT, "accuracy %.3f is not above the no-information rate %.3f", acc, nir),
          ev, null, String.format(Locale.ROOT,
              "The model is %.0f%% accurate, but always answering \"%s\" would be right %.0f%% of the time: its accuracy is no evidence that it works.",
              100 * acc, c.prevalence() < 0.5 ? "no" : "yes", 100 * nir));
    }
    return ItemResult.pass("accuracy_paradox", t, String.format(Locale.ROOT, "accuracy %.3f is above the no-information rate %.3f", acc, nir), ev);
  }

  static ItemResult labelChoice(GateInputs in) {
    String t = "The label measures the outcome, not cost or utilization";
    String k = in.labelKind() == null ? "outcome" : in.labelKind();
    if (k.equals("cost") || k.equals("utilization")) {
      return ItemResult.fail("label_choice", t, "the label is " + k + ", a proxy for need", Map.of("label_kind", k), null,
          "The label is " + k + ", not need: a model trained on it learns who has been given care, not who needs it (Obermeyer et al., 2019).");
    }
    return ItemResult.pass("label_choice", t, "the label is a clinical outcome", Map.of("label_kind", k));
  }

  static ItemResult proxies(GateInputs in, GateLimits lim) {
    String t = "No input stands in for a protected attribute";
    if (in.proxies() == null || in.proxies().isEmpty()) {
      return ItemResult.missing("proxies", t, in.proxies() == null ? "no model inputs and protected attributes were given to test"
          : "none of the model inputs is a column of the predictions file, so none could be tested against the protected attributes",
          "list the model inputs (provenance manifest) and the protected attributes, with the inputs as columns of the predictions file");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("tested", in.proxies().size());
    for (Proxies.Finding f : in.proxies()) {
      boolean strong = (!Double.isNaN(f.auroc()) && f.auroc() > lim.proxyAuroc()) || (!Double.isNaN(f.cramersV()) && f.cramersV() > lim.proxyCramersV());
      if (strong) {
        ev.put("input", f.input());
        ev.put("attribute", f.attribute());
        ev.put("auroc", f.auroc());
        ev.put("cramers_v", f.cramersV());
        return ItemResult.fail("proxies", t, Proxies.describe(f) + (f.nameSuggestsProxy() ? "; its name marks a known proxy" : ""), ev,
            "remove '" + f.input() + "' from the model's inputs and re-evaluate",
            "Input '" + f.input() + "' stands in for " + f.attribute() + " — " + Proxies.describe(f) + ": using it is redlining with better math.");
      }
    }
    List<String> named = in.proxies().stream().filter(Proxies.Finding::nameSuggestsProxy).map(Proxies.Finding::input).distinct().toList();
    if (!named.isEmpty()) ev.put("names_to_watch", named);
    return ItemResult.pass("proxies", t, String.format(Locale.ROOT, "no input predicts a protected attribute above AUROC %.2f or Cramér's V %.2f%s",
        lim.proxyAuroc(), lim.proxyCramersV(), named.isEmpty() ? "" : " (inputs named like proxies, below the limit: " + String.join(", ", named) + ")"), ev);
  }

  static ItemResult failureConsequences(GateInputs in, GateLimits lim) {
    String t = "Every output has a harm scenario; no unmitigated catastrophic risk";
    List<Risk> risks = in.risks() == null ? List.of() : in.risks();
    List<String> outputs = in.useCase() == null ? List.of() : in.useCase().outputs();
    if (risks.isEmpty()) {
      return ItemResult.missing("failure_consequences", t, "no failure-consequence map (risks) in the review", "write the FMEA table: failure mode, harm, severity, occurrence, detection, mitigation");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("risks", risks.size());
    for (String out : outputs) {
      if (risks.stream().noneMatch(r -> out.equalsIgnoreCase(r.output()))) {
        ev.put("output_without_harm_scenario", out);
        return new ItemResult("failure_consequences", t, Status.MISSING, "output '" + out + "' has no harm scenario", ev,
            "add at least one harm scenario for '" + out + "'", "Nobody has asked what happens when '" + out + "' is wrong.");
      }
    }
    Risk worst = null;
    for (Risk r : risks) {
      if (!r.mitigated() && (r.severity() >= lim.severity() || r.rpn() > lim.rpn())) {
        if (worst == null || r.rpn() > worst.rpn()) worst = r;
      }
    }
    int maxRpn = risks.stream().mapToInt(Risk::rpn).max().orElse(0);
    ev.put("max_rpn", maxRpn);
    if (worst != null) {
      ev.put("failure_mode", worst.failureMode());
      ev.put("severity", worst.severity());
      ev.put("rpn", worst.rpn());
      ev.put("worst_case_delay_days", worst.worstCaseDelayDays());
      return ItemResult.fail("failure_consequences", t, String.format(Locale.ROOT, "'%s' (severity %d, RPN %d) has no verified mitigation",
          worst.failureMode(), worst.severity(), worst.rpn()), ev, null, String.format(Locale.ROOT,
          "In the worst case %s: %s%s, and no verified mitigation exists.", worst.failureMode(), worst.harm(),
          worst.worstCaseDelayDays() > 0 ? String.format(Locale.ROOT, " (diagnosis delayed up to %s days)", trim(worst.worstCaseDelayDays())) : ""));
    }
    return ItemResult.pass("failure_consequences", t, String.format(Locale.ROOT, "%d risks mapped; every output has a harm scenario; highest RPN %d; none unmitigated above the limits",
        risks.size(), maxRpn), ev);
  }

  static final String ROWS_FIX = "run the check where the rows are, or add the rows to the review";

  private static ItemResult unavailable(ItemResult r, String why) {
    return switch (r.status()) {
      case PASS -> r;
      case MISSING -> new ItemResult(r.id(), r.title(), Status.MISSING, why, r.evidence(), r.fix() == null ? ROWS_FIX : ROWS_FIX + ": " + r.fix(), why);
      case FAIL -> new ItemResult(r.id(), r.title(), Status.FAIL, r.reason() + "; " + why, r.evidence(), r.fix() == null ? ROWS_FIX : r.fix(), r.flaw());
    };
  }

  /** Only in reviews with a trade-off table: proceed passes; modify fails with the modification as its fix; pause fails without one. */
  static ItemResult tradeOffs(TradeOffs.Result t) {
    String title = "Trade-offs weighed: no safety measure worsens for a gain elsewhere";
    Map<String, Object> ev = new LinkedHashMap<>();
    List<String> lines = t.rows().stream().map(TradeOffs.Row::describe).toList();
    ev.put("measures", lines);
    ev.put("decision", t.decision());
    if (t.inputSha256() != null) ev.put("input_sha256", t.inputSha256());
    String table = String.join("; ", lines);
    return switch (t.decision()) {
      case "proceed" -> ItemResult.pass("trade_offs", title, "proceed: " + table, ev);
      default -> {
        TradeOffs.Row harm = t.rows().stream().filter(r -> r.measure().safety() && r.change().equals("worsened")).findFirst().orElseThrow();
        List<String> gains = t.rows().stream().filter(r -> r.change().equals("improved")).map(TradeOffs.Row::describe).toList();
        String weighed = (gains.isEmpty() ? "" : String.join("; ", gains) + " — but ") + harm.describe();
        boolean modify = t.decision().equals("modify");
        yield ItemResult.fail("trade_offs", title, t.decision() + ": " + table, ev, modify ? t.modify() : null,
            "The gain is paid for in safety: " + weighed + (modify ? ". Modify before going further: " + t.modify() + "."
                : ", and no modification is proposed: pause."));
      }
    };
  }

  static GateResult.RegulatoryPath regulatory(GateInputs in, List<ItemResult> items) {
    Integer burden = in.regulatory() == null ? null : in.regulatory().clinicalValidationBurden();
    int vb;
    String vr;
    if (burden != null) {
      vb = 6 - burden;
      vr = "clinical validation burden stated as " + burden + " of 5";
    } else {
      UseCase.DecisionRole role = in.useCase() == null ? null : in.useCase().decisionRole();
      vb = role == UseCase.DecisionRole.REPLACES ? 1 : role == UseCase.DecisionRole.AUGMENTS ? 3 : role == UseCase.DecisionRole.INFORMS ? 4 : 2;
      vr = role == null ? "decision role unknown" : "derived from the decision role (" + role.name().toLowerCase(Locale.ROOT) + ")";
    }
    ItemResult i1 = items.get(0);
    int pc = switch (i1.status()) {
      case PASS -> 5;
      case MISSING -> in.provenance() == null ? 1 : 3;
      case FAIL -> 1;
    };
    ItemResult i3 = items.get(2);
    boolean checklist = in.fallback() != null && in.fallback().rule() != null;
    int fe = i3.status() == Status.PASS ? 5 : attestation(in, "paper_fallback") != null || checklist ? 3 : 1;
    return new GateResult.RegulatoryPath(vb, vr, pc, "from checklist item 1: " + i1.reason(), fe, "from checklist item 3: " + i3.reason());
  }

  static Attestation attestation(GateInputs in, String item) {
    if (in.attestations() == null) return null;
    return in.attestations().stream().filter(a -> a.item().equals(item)).reduce((a, b) -> b).orElse(null);
  }

  private static Map<String, Object> attestationEvidence(Attestation a) {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("attested_by", a.by());
    ev.put("role", a.role());
    if (a.date() != null) ev.put("date", a.date().toString());
    if (a.document() != null) ev.put("document", a.document());
    if (a.documentSha256() != null) ev.put("document_sha256", a.documentSha256());
    return ev;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
