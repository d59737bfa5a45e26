package org.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tollgate.evaluation.Comparisons;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.evaluation.StratumResult;
import org.tollgate.format.Units;
import org.tollgate.gate.ItemResult.Status;

/**
 * Stratified performance of what goes live: no subgroup left behind.
 *
 * <p>With a simulated policy under review, the rule judges that policy per group of each protected attribute
 * ({@code evaluation.protected}, else {@code evaluation.by}): detected-in-time sensitivity, alert PPV and encounters
 * flagged from the simulator's per-group counts, and the model's AUROC per group, one Holm-adjusted family
 * ({@link PolicyByGroup}). Without a simulation (a score with no alert policy, whose threshold is its one operating point)
 * it judges the evaluation's comparisons at that threshold (sensitivity, PPV, NPV, AUROC). A group whose reference
 * group cannot show the compared counts (complementary withholding can take a large group's count to cover a small one's)
 * is compared with all other groups of its attribute pooled, and the reason says so ({@link PolicyByGroup}).
 *
 * <ul>
 *   <li>fail: a Holm-significant difference (adjusted p &lt; 0.05) larger than {@code gate.disparity} in a judged metric;
 *   <li>missing: a judged comparison is withheld by the small-cell rule or underpowered (it could not detect a difference
 *       of {@code gate.disparity} with 80% power). Neither is evidence of fairness. The rule names the groups and says
 *       what would make them judgeable: pool a withheld group with a neighbouring level of its attribute, or roughly how
 *       many more encounters an underpowered group needs (its encounters × ((power figure / limit)² − 1): the power figure
 *       shrinks about as 1/√n when the group's own variance dominates; a low estimate when the reference's does not);
 *   <li>pass otherwise.
 * </ul>
 */
final class StratifiedPerformanceRule implements Rule {
  static final String TITLE = "Stratified performance: no subgroup left behind";

  /** The metrics a disparity fails on without a simulated policy. */
  static final Set<String> JUDGED_EVALUATION = Set.of("sensitivity", "ppv", "npv", "auroc");

  @Override public String id() { return "stratified_performance"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.EVALUATION, Evidence.POLICY_UNDER_REVIEW, Evidence.PROTECTED_ATTRIBUTES); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Evaluation e = in.evaluation();
    List<String> attrs = in.protectedAttributes() != null && !in.protectedAttributes().isEmpty() ? in.protectedAttributes()
        : e == null ? List.of() : e.settings().by();
    PolicyByGroup pg = PolicyByGroup.of(in.policy(), e, attrs, lim.minCell(), lim.disparity());
    List<Disparity> family;
    Set<String> judged;
    String subject;
    Map<String, Long> size = new LinkedHashMap<>();
    Set<String> withheld = new LinkedHashSet<>();
    Map<String, Object> ev = new LinkedHashMap<>();
    if (pg != null) {
      family = pg.comparisons();
      judged = Set.copyOf(PolicyByGroup.METRICS);
      subject = "the policy under review '" + pg.policy() + "'";
      ev.put("policy", pg.policy());
      // Groups are named from the comparisons below: a group that shows the counts of every judged metric is not withheld.
      for (PolicyByGroup.Group g : pg.groups()) if (g.encounters() != null) size.put(Evaluator.label(g.by()), g.encounters());
    } else if (e != null && !e.disparities().isEmpty()) {
      family = e.disparities();
      judged = JUDGED_EVALUATION;
      subject = "the model at threshold " + Units.plain(e.settings().threshold());
      // Groups are named from the comparisons below, metric by metric: a group withholds only the counts it must.
      for (StratumResult s : e.strata()) if (s.n() != null) size.put(Evaluator.label(s.by()), s.n());
    } else if (e == null && in.policy() == null) {
      return ItemResult.missing(id(), TITLE, "no evaluation with labels and no simulated policy", "give predictions with outcome labels (and events for the policy)");
    } else {
      return ItemResult.missing(id(), TITLE, "no subgroups were compared (evaluation.by and evaluation.protected are empty)",
          "stratify the review by age, sex and comorbidity (evaluation.by, evaluation.protected)");
    }
    ev.put("attributes", attrs);
    ev.put("comparisons", family.size());
    ev.put("comparisons_with_data", family.stream().filter(d -> d.status() != Disparity.Status.SUPPRESSED).count());
    Map<String, StratumResult> strata = new LinkedHashMap<>();
    if (e != null) for (StratumResult st : e.strata()) strata.put(Evaluator.label(st.by()), st);
    if (pg == null) {
      // Already withheld by the Evaluator, cell by cell: a withheld count is null here (the same shape as the policy's groups).
      List<Map<String, Object>> gs = new ArrayList<>();
      for (StratumResult st : strata.values()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("group", Evaluator.label(st.by()));
        x.put("reference", "reference".equals(st.power()));
        x.put("withheld", st.suppressed());
        x.put("cases", st.n());
        x.put("positives", st.positives());
        x.put("tp", st.tp());
        x.put("fp", st.fp());
        x.put("tn", st.tn());
        x.put("fn", st.fn());
        x.put("flagged", st.flagged());
        gs.add(x);
      }
      ev.put("groups", gs);
      ev.put("judged", judgedEvidence(family));
    }
    if (pg != null) {
      // Already withheld by PolicyByGroup: a withheld group's counts are null here.
      List<Map<String, Object>> gs = new ArrayList<>();
      for (PolicyByGroup.Group g : pg.groups()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("group", Evaluator.label(g.by()));
        x.put("reference", g.reference());
        x.put("withheld", g.withheld());
        x.put("encounters", g.encounters());
        x.put("outcome_encounters", g.outcomeEncounters());
        x.put("detected_in_time", g.detected());
        x.put("flagged_encounters", g.flagged());
        x.put("alerts", g.alerts());
        x.put("timely_alerts", g.timelyAlerts());
        gs.add(x);
      }
      ev.put("groups", gs);
      ev.put("judged", judgedEvidence(family));
    }
    List<Disparity> worst = new ArrayList<>();
    for (Disparity d : family) {
      if (judged.contains(d.metric()) && d.status() == Disparity.Status.DIFFERENCE && Math.abs(d.difference().estimate()) > lim.disparity()) worst.add(d);
    }
    if (!worst.isEmpty()) {
      worst.sort((a, b) -> Double.compare(Math.abs(b.difference().estimate()), Math.abs(a.difference().estimate())));
      Disparity d = worst.get(0);
      ev.put("disparities", worst.size());
      ev.put("worst", d.statement());
      return ItemResult.fail(id(), TITLE, d.statement(), ev, null,
          "The model does not work equally well for everyone: " + RuleText.lowerFirst(d.statement()));
    }
    // A comparison whose counts are withheld, or that could not detect a difference of the limit, is no evidence of
    // fairness: the rule is missing, naming the groups and what would make them judgeable.
    Set<String> refWithheld = new TreeSet<>();
    Map<String, Set<String>> underpowered = new LinkedHashMap<>();
    Map<String, Double> worstMdd = new LinkedHashMap<>();
    Map<String, PolicyByGroup.Group> groups = pg == null ? Map.of() : pg.byLabel();
    Set<String> suppressedStrata = new LinkedHashSet<>();
    if (e != null) for (StratumResult s : e.strata()) if (s.suppressed()) suppressedStrata.add(Evaluator.label(s.by()));
    // Whether a group withholds the counts of a metric: the policy's groups and the evaluation's strata, cell by cell.
    java.util.function.BiPredicate<String, String> hides = (label, metric) -> pg != null
        ? groups.containsKey(label) && !metric.equals("auroc") ? !groups.get(label).shows(metric) : suppressedStrata.contains(label)
        : strata.containsKey(label) && !strata.get(label).shows(metric);
    for (Disparity d : family) {
      if (!judged.contains(d.metric())) continue;
      String g = Evaluator.label(d.group());
      String r = Evaluator.label(d.reference());
      if (d.status() == Disparity.Status.SUPPRESSED) {
        // Which side's counts are withheld, metric by metric.
        boolean gHidden = hides.test(g, d.metric());
        boolean rHidden = hides.test(r, d.metric());
        if (gHidden) withheld.add(g);
        if (rHidden) withheld.add(r);
        if (rHidden && !gHidden) refWithheld.add(g);
      } else if (d.status() == Disparity.Status.UNDERPOWERED) {
        underpowered.computeIfAbsent(g, k -> new LinkedHashSet<>()).add(Comparisons.metricLabel(d.metric()));
        double m = Double.isNaN(d.minDetectableDifference()) ? Double.POSITIVE_INFINITY : d.minDetectableDifference();
        worstMdd.merge(g, m, Math::max);
      }
    }
    // Withheld groups that take part in a judged comparison (a withheld group of an attribute with a single level does not).
    Set<String> compared = new LinkedHashSet<>();
    for (Disparity d : family) {
      if (!judged.contains(d.metric())) continue;
      compared.add(Evaluator.label(d.group()));
      compared.add(Evaluator.label(d.reference()));
    }
    withheld.retainAll(compared);
    // In the groups' order (the simulator's or the evaluation's level order), not the comparisons'.
    Set<String> ordered = new LinkedHashSet<>(pg != null ? groups.keySet() : strata.keySet());
    ordered.retainAll(withheld);
    withheld.clear();
    withheld.addAll(ordered);
    String pooled = pooled(family, judged, ev);
    if (withheld.isEmpty() && underpowered.isEmpty() && refWithheld.isEmpty()) {
      return ItemResult.pass(id(), TITLE, "no subgroup differs by more than " + Units.number(lim.disparity(), 2) + " in "
          + (pg != null ? "detected-in-time sensitivity, alert PPV, encounters flagged or AUROC of " + subject : "sensitivity, PPV, NPV or AUROC")
          + " (Holm-adjusted, " + Units.count(family.size(), "comparison") + ")" + pooled, ev);
    }
    List<String> parts = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    if (!withheld.isEmpty()) {
      ev.put("withheld_groups", List.copyOf(withheld));
      named.addAll(withheld);
      parts.add("counts withheld by the small-cell rule (1 to " + (lim.minCell() - 1) + ") in " + compact(withheld));
      fixes.add("pool " + compact(withheld) + " with a neighbouring level of the same attribute, or evaluate on more encounters until every count of "
          + (withheld.size() == 1 ? "the group" : "each group") + " is at least " + lim.minCell());
    }
    if (!refWithheld.isEmpty()) {
      ev.put("groups_without_a_reference", List.copyOf(refWithheld));
      named.addAll(refWithheld);
      parts.add("no comparison for " + compact(refWithheld) + " in a metric whose counts are withheld in the reference group");
    }
    if (!underpowered.isEmpty()) {
      ev.put("underpowered_groups", List.copyOf(underpowered.keySet()));
      named.addAll(underpowered.keySet());
      List<String> more = new ArrayList<>();
      Map<String, Object> which = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> u : underpowered.entrySet()) {
        which.put(u.getKey(), String.join(", ", u.getValue()));
        Long n = size.get(u.getKey());
        double m = worstMdd.get(u.getKey());
        more.add(n == null || Double.isInfinite(m) ? u.getKey() + ": many more encounters (no difference is detectable yet)"
            : u.getKey() + ": roughly " + Units.count(Math.max(1, (long) Math.ceil(n * (Math.pow(m / lim.disparity(), 2) - 1))), "more encounter"));
      }
      ev.put("underpowered_metrics", which);
      parts.add("too few cases to detect a difference of " + Units.number(lim.disparity(), 2) + " with 80% power in " + compact(underpowered.keySet()));
      fixes.add("evaluate on more encounters of the underpowered groups (" + String.join("; ", more) + "), or pool them with a neighbouring level");
    }
    String reason = subject + " cannot be judged for every group: " + String.join("; ", parts) + pooled;
    return new ItemResult(id(), TITLE, Status.MISSING, reason, ev, String.join("; ", fixes),
        "Whether " + subject + " works as well for " + compact(named) + " cannot be judged from this sample: "
            + (withheld.isEmpty() && refWithheld.isEmpty() ? "too few cases for 80% power"
                : underpowered.isEmpty() ? "their counts are withheld by the small-cell rule" : "counts withheld by the small-cell rule or too few cases for 80% power")
            + ".");
  }

  /** The judged family as evidence: one row per comparison, nothing withheld printed (a suppressed row has no figures). */
  private static List<Map<String, Object>> judgedEvidence(List<Disparity> family) {
    List<Map<String, Object>> cs = new ArrayList<>();
    for (Disparity d : family) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("metric", d.metric());
      x.put("group", Evaluator.label(d.group()));
      x.put("reference", Evaluator.label(d.reference()));
      x.put("status", d.status().word());
      x.put("difference", d.difference() == null ? null : d.difference().estimate());
      x.put("adjusted_p", d.pAdjusted());
      x.put("min_detectable_difference", d.minDetectableDifference());
      x.put("statement", d.statement());
      cs.add(x);
    }
    return cs;
  }

  /**
   * The comparisons made with all other groups of an attribute pooled (the group's reference could not show the compared
   * counts), as a closing clause of the reason ("; race_ethnicity B compared with all other race_ethnicity groups pooled in
   * detected in time (sensitivity of the policy) (no single group shows …)"), and as evidence; empty when none.
   */
  private static String pooled(List<Disparity> family, Set<String> judged, Map<String, Object> ev) {
    Map<String, Set<String>> byRef = new LinkedHashMap<>();
    Map<String, Set<String>> metrics = new LinkedHashMap<>();
    for (Disparity d : family) {
      if (!judged.contains(d.metric()) || !d.reference().containsValue(Comparisons.POOLED)) continue;
      String ref = Evaluator.label(d.reference());
      byRef.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(Evaluator.label(d.group()));
      metrics.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(RuleText.lowerFirst(Comparisons.metricLabel(d.metric())));
    }
    if (byRef.isEmpty()) return "";
    List<String> out = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : byRef.entrySet()) {
      out.add(compact(e.getValue()) + " compared with " + e.getKey() + " in " + String.join(", ", metrics.get(e.getKey())));
      for (String g : e.getValue()) evidence.add(g + " compared with " + e.getKey());
    }
    ev.put("pooled_comparisons", evidence);
    return "; " + String.join("; ", out) + " (no single group shows the counts to compare with: the small-cell rule withholds them)";
  }

  /** Group labels of one attribute written once: "race_ethnicity Asian, Hispanic, Other" (labels of several attributes as they are). */
  static String compact(java.util.Collection<String> labels) {
    Map<String, List<String>> byAttr = new LinkedHashMap<>();
    for (String l : labels) {
      int sp = l.indexOf(' ');
      String attr = l.contains(" × ") || sp < 0 ? l : l.substring(0, sp);
      byAttr.computeIfAbsent(attr, k -> new ArrayList<>()).add(l.contains(" × ") || sp < 0 ? null : l.substring(sp + 1));
    }
    List<String> out = new ArrayList<>();
    byAttr.forEach((attr, levels) -> out.add(levels.contains(null) ? attr : attr + " " + String.join(", ", levels)));
    return String.join("; ", out);
  }
}
