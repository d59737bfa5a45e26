package org.tollgate.fallback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.format.Units;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Simulator;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.format.Units;

/**
 * The paper fallback of one review: the rule (the clinicians' from review.yaml, else found by
 * {@link RuleSearch}), measured by {@link Replication} against the policy under review.
 *
 * <p>Steps: (1) the policy is replayed ({@link Simulator} semantics) to learn which encounters it detects
 * in time and how many false alerts it raises; (2) each encounter's checks on the wall-clock grid every
 * {@link Settings#checkEveryHours()} hours ({@link CheckGrid#regular}), with the chart's latest values;
 * (3) the rule; (4) its replication. The downtime drill adds the figures inside outage windows
 * ({@link #inOutages}).
 */
public final class Fallback {
  private Fallback() {}

  /**
   * The review's fallback settings ({@code fallback} in review.yaml).
   *
   * @param checkEveryHours how often the checklist is applied, 1–24 (default {@value #DEFAULT_CHECK_EVERY_HOURS})
   * @param maxExtraFalseAlertsPerStaffShift the search's bound on false alerts per staff member per shift above
   *     the policy's (default {@value #DEFAULT_MAX_EXTRA})
   * @param rule a rule written by the clinicians, measured instead of searching; or null
   */
  public record Settings(int checkEveryHours, double maxExtraFalseAlertsPerStaffShift, PaperRule rule) {
    public static final int DEFAULT_CHECK_EVERY_HOURS = 4;
    public static final double DEFAULT_MAX_EXTRA = 0.25;

    public Settings {
      if (checkEveryHours < 1 || checkEveryHours > 24) throw new IllegalArgumentException("check_every_hours must be 1 to 24, got " + checkEveryHours);
      if (!(maxExtraFalseAlertsPerStaffShift >= 0) || Double.isInfinite(maxExtraFalseAlertsPerStaffShift)) {
        throw new IllegalArgumentException("max_extra_false_alerts_per_staff_shift must be ≥ 0, got " + maxExtraFalseAlertsPerStaffShift);
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_CHECK_EVERY_HOURS, DEFAULT_MAX_EXTRA, null);
    }
  }

  /**
   * The fallback found or given, and how well it replicates the policy.
   *
   * @param rule the paper rule, or null when the search found none within the bound
   * @param replication measured on all data (and, after the drill, inside outages), or null without a rule
   * @param inputs the bedside inputs the features table has
   * @param gap when replication is below what a review asks, the criteria that would close it (see {@link #closeGap}), else empty
   */
  public record Result(PaperRule rule, Replication replication, Settings settings, List<BedsideInput> inputs, String policy, List<String> gap,
      FallbackData data) {
    public Result {
      gap = gap == null ? List.of() : List.copyOf(gap);
      inputs = List.copyOf(inputs);
    }

    /** The measured evidence alone, without the data it was measured on (for a gate judged elsewhere, and tests). */
    public static Result measured(PaperRule rule, Replication replication, Settings settings, List<BedsideInput> inputs, String policy, List<String> gap) {
      return new Result(rule, replication, settings, inputs, policy, gap, null);
    }

    public Result withReplication(Replication r) {
      return new Result(rule, r, settings, inputs, policy, gap, data);
    }

    public Result withGap(List<String> g) {
      return new Result(rule, replication, settings, inputs, policy, g, data);
    }
  }

  /**
   * The "missing" fix of item 3 when no features table was given, without knowing the model's inputs: a generic wording
   * that fits any use case (a readmission model's inputs are not vital signs). {@link #exportHint(List)} names them.
   */
  public static String exportHint() {
    return exportHint(List.of());
  }

  /**
   * The "missing" fix of item 3 fitted to the model's own inputs ({@code modelInputs}: review.yaml provenance.inputs,
   * by name; empty when unknown): the bedside inputs among them, to export with their source times; or, when none of
   * them is one the paper-rule search reads ({@link BedsideInput}), that the paper procedure must be written from them;
   * or, unknown, a generic request.
   */
  public static String exportHint(List<String> modelInputs) {
    List<String> bedside = new ArrayList<>();
    for (String in : modelInputs) if (BedsideInput.ofColumn(in) != null) bedside.add(BedsideInput.ofColumn(in).column());
    if (!bedside.isEmpty()) {
      return "export a features table (data.features): encounter_id, time, and the model's bedside inputs " + String.join(", ", bedside)
          + ", each with its value and its source time (<input>_time)";
    }
    if (!modelInputs.isEmpty()) {
      return "none of the model's inputs (" + String.join(", ", modelInputs) + ") is a bedside reading the paper-rule search can use: "
          + "tollgate cannot search or measure a paper rule for this model; write the procedure staff follow without it from the chart fields behind those inputs";
    }
    return "name the model's inputs (review.yaml provenance.inputs) and export those staff can read from the chart without the model "
        + "as a features table (data.features): encounter_id, time, and per input its value and its source time (<input>_time)";
  }

  /** Steps 1–4 for a review. */
  public static Result run(ScoreTable scores, EventTable events, FeatureTable features, Outcome outcome, AlertPolicy policy, Workflow w, Settings s) {
    FallbackData d = prepare(scores, events, features, outcome, policy, w, s.checkEveryHours());
    PaperRule rule = s.rule() != null ? s.rule() : RuleSearch.find(d, s.maxExtraFalseAlertsPerStaffShift());
    Replication rep = rule == null ? null : measure(rule, d);
    return new Result(rule, rep, s, List.copyOf(features.inputs()), policy.name(), List.of(), d);
  }

  /** Steps 1 and 2. */
  static FallbackData prepare(ScoreTable scores, EventTable events, FeatureTable f, Outcome outcome, AlertPolicy policy, Workflow w, int checkEveryHours) {
    int n = scores.encounterCount();
    boolean[] target = new boolean[n];
    Simulator.Run run = Simulator.run(scores, events, outcome, List.of(policy), List.of(), 0, (e, fired, delivered, kind) -> {
      if (kind == 0) target[e] = true;
    });
    long[] onset = new long[n];
    Arrays.fill(onset, Long.MIN_VALUE);
    int type = events.typeCode(outcome.type());
    for (int i = 0; i < events.rows(); i++) {
      if (events.type(i) != type) continue;
      int e = events.encounter(i);
      if (e >= 0 && e < n && (onset[e] == Long.MIN_VALUE || events.time(i) < onset[e])) onset[e] = events.time(i);
    }
    long[][] span = new long[n][] ;
    for (int e = 0; e < n; e++) span[e] = new long[] {Long.MAX_VALUE, Long.MIN_VALUE};
    for (int r = 0; r < scores.rows(); r++) {
      long[] s = span[scores.encounter(r)];
      long t = scores.epochSecond(r);
      if (t < s[0]) s[0] = t;
      if (t > s[1]) s[1] = t;
    }
    if (f.encounters() == n) {
      for (int r = 0; r < f.rows(); r++) {
        long[] s = span[f.encounter(r)];
        long t = f.time(r);
        if (t < s[0]) s[0] = t;
        if (t > s[1]) s[1] = t;
      }
    }
    long detected = 0;
    long outcomes = 0;
    for (int e = 0; e < n; e++) {
      if (target[e]) detected++;
      if (onset[e] != Long.MIN_VALUE) outcomes++;
    }
    double days = run.days();
    double patientDays = run.patientDays();
    // the staffing floor's ratio applied to the data's own census, so the burden matches the data
    double shiftHours = w == null ? 12 : w.shiftHours();
    double staffShifts = patientDays / (w == null ? 5 : w.patientsPerNurse()) * 24 / shiftHours;
    long interval = checkEveryHours * 3600L;
    CheckGrid grid = CheckGrid.regular(f, span, onset, interval);
    return new FallbackData(f, grid, span, onset, outcome.horizonMinutes() * 60L, target, detected, outcomes,
        run.overall()[0].falseAlerts(), staffShifts, policy.refireAfterMinutes() == null ? -1 : policy.refireAfterMinutes() * 60L,
        policy.maxAlertsPerEncounter() == null ? 0 : policy.maxAlertsPerEncounter(), interval);
  }

  /** Step 4: a rule's replication on the regular checks. */
  static Replication measure(PaperRule rule, FallbackData d) {
    PaperAlerts.Counts c = d.run(d.grid(), rule, d.target(), true);
    return Replication.of(c, d, d.grid().rows);
  }

  /**
   * The drill's part: with the rule in force during the replayed outages only (checks at each window's
   * start and every interval after), how many of the encounters the outages cost ({@code missed}) it
   * catches in time.
   *
   * @param windows merged outage windows [start, end)
   */
  public static Replication.Outage inOutages(Result r, long[][] windows, boolean[] missed) {
    FallbackData d = r.data();
    long without = 0;
    for (boolean m : missed) if (m) without++;
    CheckGrid g = CheckGrid.during(d.features(), d.span(), d.onset(), d.checkEverySeconds(), windows);
    PaperAlerts.Counts c = d.run(g, r.rule(), missed, false);
    return new Replication.Outage(without, c.replicated, org.tollgate.evaluation.Stats.wilson(c.replicated, without), g.rows);
  }

  /**
   * What would close a replication gap: for each candidate criterion not in the rule, the rule with it
   * added at one point (cut-off kept), and the cut-off lowered by one; of those that replicate more, the
   * (at most) two with the fewest extra false alerts per detection gained, each as "add 'heart rate ≥ 110/min' (replication 86%, +0.7
   * false alerts per staff member per shift)". Empty when no change replicates more. The replication share of a change is
   * printed only when the small-cell rule ({@link SmallCells}, at {@code minCell}) would show its kept and lost counts
   * ("replication withheld" otherwise: the share with the policy's detections printed would give them back).
   */
  public static List<String> closeGap(Result r, int minCell) {
    if (r.rule() == null || r.replication() == null) return List.of();
    FallbackData d = r.data();
    CheckGrid g = d.grid();
    int cut = r.rule().cutOff();
    long[][] levels = PaperAlerts.levels(PaperAlerts.sums(g, r.rule()), cut);
    List<Criterion> cands = RuleSearch.candidates(g);
    record Option(String what, long replicated, long falseAlerts) {}
    List<Option> options = new ArrayList<>();
    if (r.rule().criteria().size() < PaperRule.MAX_CRITERIA) {
      for (Criterion c : cands) {
        boolean clash = r.rule().criteria().stream().anyMatch(q -> q.input() == c.input() && q.op() == c.op());
        if (clash) continue;
        PaperAlerts.Counts k = d.run(g, PaperAlerts.at(levels, cut), g.bits(c), PaperAlerts.at(levels, cut - 1), d.target(), false);
        options.add(new Option("add '" + c.text() + "'", k.replicated, k.falseAlerts));
      }
    }
    if (r.rule().cutOff() > 1) {
      PaperAlerts.Counts k = d.run(g, PaperAlerts.at(levels, cut - 1), null, null, d.target(), false);
      options.add(new Option("lower the cut-off to " + (r.rule().cutOff() - 1), k.replicated, k.falseAlerts));
    }
    long now = r.replication().replicated();
    long falseNow = r.replication().falseAlerts();
    options.removeIf(o -> o.replicated() <= now);
    // the cheapest detections first: fewest extra false alerts per detection gained
    options.sort(Comparator.comparingDouble((Option o) -> (o.falseAlerts() - falseNow) / (double) (o.replicated() - now))
        .thenComparing(Comparator.comparingLong(Option::replicated).reversed()));
    List<String> out = new ArrayList<>();
    for (Option o : options.subList(0, Math.min(2, options.size()))) {
      boolean hidden = SmallCells.anyWithheld(minCell, o.replicated(), d.policyDetected() - o.replicated());
      out.add(o.what() + " (replication " + (hidden ? "withheld" : Units.percent(o.replicated() / (double) d.policyDetected(), 0)) + ", "
          + Units.signedNumber((o.falseAlerts() - d.policyFalseAlerts()) / d.staffShifts(), 1) + " false alerts per staff member per shift over the policy's)");
    }
    return out;
  }
}
