package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.evaluation.Confusion;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.Interval;
import org.tollgate.format.Units;

/**
 * A useful operating point exists. The model is NO-GO on performance only when it has none: its AUROC
 * interval includes 0.5 (it ranks patients no better than chance, so no threshold helps), or the policy
 * search ran and neither the policy under review nor any policy on the grid meets the clinical floors
 * within the false-alert budget ({@link ClinicalFloors}). Accuracy decides nothing: the accuracy paradox
 * (accuracy at or below the no-information rate, the essay's "89% accurate" sepsis model) is explained in
 * the reason, because at a low prevalence accuracy says nothing about whether the alert is useful.
 */
final class OperatingPointRule implements Rule {
  static final String TITLE = "A useful operating point: better than chance, and a policy within the clinical floors and budget";

  @Override public String id() { return "operating_point"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.EVALUATION, Evidence.POLICY_UNDER_REVIEW, Evidence.POLICY_SEARCH); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Evaluation e = in.evaluation();
    if (e == null) return ItemResult.missing(id(), TITLE, "no evaluation with labels", "give predictions with outcome labels");
    Map<String, Object> ev = new LinkedHashMap<>();
    Interval auc = e.overall().metrics().get("auroc");
    Confusion c = e.rawOverall();
    double acc = c.accuracy();
    double nir = c.noInformationRate();
    ev.put("auroc", auc == null ? null : auc.estimate());
    ev.put("auroc_lower", auc == null ? null : auc.lower());
    ev.put("auroc_upper", auc == null ? null : auc.upper());
    ev.put("accuracy", acc);
    ev.put("no_information_rate", nir);
    String paradox = explainAccuracy(acc, nir, c.prevalence());
    if (auc == null || !auc.defined()) {
      return new ItemResult(id(), TITLE, ItemResult.Status.MISSING, "the AUROC is undefined (one outcome class only)", ev,
          "evaluate on data with both outcomes", "Whether the model discriminates at all cannot be judged: the data hold one outcome class only.");
    }
    if (!Double.isNaN(auc.lower()) && auc.lower() <= 0.5) {
      return ItemResult.fail(id(), TITLE, String.format(Locale.ROOT, "AUROC %s (95%% CI %s to %s) includes 0.5: no better than chance",
          Units.number(auc.estimate(), 3), Units.number(auc.lower(), 3), Units.number(auc.upper(), 3)), ev, null, String.format(Locale.ROOT,
          "The model ranks patients no better than chance (AUROC %s, 95%% CI %s to %s), so no threshold or policy makes it useful.",
          Units.number(auc.estimate(), 3), Units.number(auc.lower(), 3), Units.number(auc.upper(), 3)));
    }
    String discrimination = String.format(Locale.ROOT, "AUROC %s (95%% CI %s to %s) is above chance", Units.number(auc.estimate(), 3), Units.number(auc.lower(), 3), Units.number(auc.upper(), 3));
    List<PolicyReport> grid = in.searchGrid();
    PolicyReport under = in.policy();
    if (under == null) return ItemResult.pass(id(), TITLE, discrimination + "; " + paradox, ev);
    ClinicalFloors floors = in.floors();
    ev.put("floors", floors.describe());
    boolean underOk = floors.unmet(under).isEmpty();
    PolicyReport suggested = null;
    if (grid != null) {
      suggested = in.suggested();
      ev.put("policy_under_review_meets_floors", underOk);
      if (suggested != null) ev.put("suggested_policy", suggested.policy().name());
      if (!underOk && suggested == null) {
        ev.put("search_grid_size", grid.size());
        return ItemResult.fail(id(), TITLE, "no policy on the search grid, nor the policy under review, meets the clinical floors within the budget; " + paradox,
            ev, null, "No operating point is useful: the policy under review " + joinAnd(floors.unmet(under))
                + ", and " + floors.noUsefulPolicy(grid.size()));
      }
    }
    // The policy under review is what goes live: below a clinical floor it is no useful operating point, even when
    // another policy on the grid is. The fix is that policy when the search found one (it must have: the floors are
    // unmet, so the search's failure returned above), else a search. The budget alone is item 2's to judge.
    List<String> clinical = floors.unmetClinical(under);
    String underReview = "the policy under review '" + under.policy().name() + "'";
    if (!clinical.isEmpty()) {
      ev.put("policy_under_review_meets_clinical_floors", false);
      String unmet = underReview + " " + joinAnd(clinical);
      boolean found = suggested != null;
      return ItemResult.fail(id(), TITLE,
          unmet + (found ? "; policy '" + suggested.policy().name() + "' on the search grid meets the clinical floors within the budget" : ""),
          ev,
          found ? FalseAlertCostRule.suggestion(suggested, under, lim.minCell())
              : "search for a policy that meets the clinical floors (review.yaml `search:` with thresholds, persistence and re-fire settings) and review it",
          "The alert as proposed is not a useful operating point: " + unmet + "."
              + (found ? " A policy that meets the floors exists on the search grid; adopt it or change the alert." : ""));
    }
    String budget = grid == null ? "" : underOk ? " within the budget" : " (its false-alert cost is checklist item 2's to judge)";
    return ItemResult.pass(id(), TITLE, discrimination + "; " + underReview + " meets the clinical floors" + budget + "; " + paradox, ev);
  }

  /** The accuracy paradox in words: an explanation, never a verdict. */
  static String explainAccuracy(double acc, double nir, double prevalence) {
    if (Double.isNaN(acc)) return "accuracy is undefined";
    if (acc <= nir) {
      return String.format(Locale.ROOT, "accuracy %s is no higher than the %s of always answering \"%s\" (the accuracy paradox: at this prevalence accuracy says nothing about usefulness)",
          Units.percent(acc), Units.percent(nir), prevalence < 0.5 ? "no" : "yes");
    }
    return String.format(Locale.ROOT, "accuracy %s against a no-information rate of %s (accuracy alone says little when the outcome is rare)",
        Units.percent(acc), Units.percent(nir));
  }

  static String joinAnd(List<String> parts) {
    if (parts.size() <= 1) return String.join("", parts);
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }
}
