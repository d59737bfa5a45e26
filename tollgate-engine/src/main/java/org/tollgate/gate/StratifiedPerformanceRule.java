package org.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * disparity limit in sensitivity, PPV, NPV or AUROC; missing when the comparisons are withheld or
 * underpowered.
 */
final class StratifiedPerformanceRule implements Rule {
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
    if (judged == 0) {
      return new ItemResult(id(), TITLE, Status.MISSING,
          "every subgroup comparison was withheld because its counts are below the minimum cell size", ev,
          "evaluate on more data so the subgroups reach the minimum cell size", "No subgroup could be compared: every group is too small to report.");
    }
    ev.put("comparisons_with_data", judged);
    List<Disparity> worst = new ArrayList<>();
    List<String> underpowered = new ArrayList<>();
    for (Disparity d : e.disparities()) {
      if (d.status() == Disparity.Status.DIFFERENCE && Math.abs(d.difference().estimate()) > lim.disparity()
          && (d.metric().equals("sensitivity") || d.metric().equals("ppv") || d.metric().equals("auroc") || d.metric().equals("npv"))) {
        worst.add(d);
      }
      if (d.status() == Disparity.Status.UNDERPOWERED && d.metric().equals("sensitivity")) underpowered.add(Evaluator.label(d.group()));
    }
    if (!worst.isEmpty()) {
      worst.sort((a, b) -> Double.compare(Math.abs(b.difference().estimate()), Math.abs(a.difference().estimate())));
      Disparity d = worst.get(0);
      ev.put("disparities", worst.size());
      ev.put("worst", d.statement());
      return ItemResult.fail(id(), TITLE, d.statement(), ev, null,
          "The model does not work equally well for everyone: " + RuleText.lowerFirst(d.statement()));
    }
    if (!underpowered.isEmpty()) {
      ev.put("underpowered_groups", underpowered);
      return new ItemResult(id(), TITLE, Status.MISSING, "too few cases to judge sensitivity in " + String.join(", ", underpowered), ev,
          "collect more outcome cases in the small groups", "Performance in " + String.join(", ", underpowered) + " cannot be judged from this sample.");
    }
    return ItemResult.pass(id(), TITLE, String.format(Locale.ROOT,
        "no subgroup differs by more than %.2f in sensitivity, PPV, NPV or AUROC (Holm-adjusted, %d comparisons)", lim.disparity(), e.disparities().size()), ev);
  }
}
