package org.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.gate.ItemResult.Status;

/**
 * Stratified performance: no subgroup left behind. Fails on a Holm-significant difference above the
 * disparity limit in sensitivity, PPV, NPV or AUROC; missing, naming the groups and what would make them
 * judgeable, when a group's sensitivity or PPV comparison is withheld by the small-cell rule or underpowered
 * (neither is evidence of fairness).
 */
final class StratifiedPerformanceRule implements Rule {
  /** The metrics a disparity fails on. */
  static final Set<String> JUDGED = Set.of("sensitivity", "ppv", "npv", "auroc");

  static final String TITLE = "Stratified performance: no subgroup left behind";

  @Override public String id() { return "stratified_performance"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.EVALUATION, Evidence.PROTECTED_ATTRIBUTES); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Evaluation e = in.evaluation();
    if (e == null) {
      return ItemResult.missing(id(), TITLE, "no evaluation with labels", "give predictions with outcome labels");
    }
    if (e.disparities().isEmpty()) {
      return ItemResult.missing(id(), TITLE, "no subgroups were compared (evaluation.by is empty)",
          "stratify the evaluation by age, sex and comorbidity (evaluation.by)");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("comparisons", e.disparities().size());
    long judged = e.disparities().stream().filter(d -> d.status() != Disparity.Status.SUPPRESSED).count();
    ev.put("comparisons_with_data", judged);
    List<Disparity> worst = new ArrayList<>();
    for (Disparity d : e.disparities()) {
      if (d.status() == Disparity.Status.DIFFERENCE && Math.abs(d.difference().estimate()) > lim.disparity() && JUDGED.contains(d.metric())) {
        worst.add(d);
      }
    }
    if (!worst.isEmpty()) {
      worst.sort((a, b) -> Double.compare(Math.abs(b.difference().estimate()), Math.abs(a.difference().estimate())));
      Disparity d = worst.get(0);
      ev.put("disparities", worst.size());
      ev.put("worst", d.statement());
      return ItemResult.fail(id(), TITLE, d.statement(), ev, null,
          "The model does not work equally well for everyone: " + RuleText.lowerFirst(d.statement()));
    }
    // A comparison whose counts are withheld, or that has too few cases to detect the limit, is no evidence of
    // fairness: a group whose sensitivity or PPV cannot be compared leaves the rule missing, named.
    Set<String> withheld = new LinkedHashSet<>();
    Set<String> underpowered = new LinkedHashSet<>();
    for (Disparity d : e.disparities()) {
      if (!d.metric().equals("sensitivity") && !d.metric().equals("ppv")) continue;
      if (d.status() == Disparity.Status.SUPPRESSED) {
        withheld.add(Evaluator.label(d.group()));
        withheld.add(Evaluator.label(d.reference()));
      }
      else if (d.status() == Disparity.Status.UNDERPOWERED) underpowered.add(Evaluator.label(d.group()));
    }
    underpowered.removeAll(withheld);
    if (!withheld.isEmpty() || !underpowered.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!withheld.isEmpty()) {
        ev.put("withheld_groups", List.copyOf(withheld));
        parts.add("withheld by the small-cell rule (a count of 1 to " + (lim.minCell() - 1) + " would be revealed) in " + String.join(", ", withheld));
      }
      if (!underpowered.isEmpty()) {
        ev.put("underpowered_groups", List.copyOf(underpowered));
        parts.add("too few cases to detect a difference of " + String.format(Locale.ROOT, "%.2f", lim.disparity()) + " with 80% power in " + String.join(", ", underpowered));
      }
      List<String> groups = new ArrayList<>(withheld);
      groups.addAll(underpowered);
      String reason = "sensitivity and PPV cannot be compared: " + String.join("; ", parts);
      return new ItemResult(id(), TITLE, Status.MISSING, reason, ev,
          "pool the small groups (" + String.join(", ", groups) + ") with a neighbouring level of the same attribute, or evaluate on more encounters "
              + "until each group has at least " + lim.minCell() + " cases in every cell of its confusion matrix and enough outcomes for 80% power",
          "Whether the model works as well for " + String.join(", ", groups) + " cannot be judged from this sample: " + String.join("; ", parts) + ".");
    }
    return ItemResult.pass(id(), TITLE, String.format(Locale.ROOT,
        "no subgroup differs by more than %.2f in sensitivity, PPV, NPV or AUROC (Holm-adjusted, %d comparisons)", lim.disparity(), e.disparities().size()), ev);
  }
}
