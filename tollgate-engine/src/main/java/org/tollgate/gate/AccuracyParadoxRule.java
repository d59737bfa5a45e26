package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.evaluation.Confusion;
import org.tollgate.evaluation.Evaluation;

/** Accuracy above the no-information rate (the essay's "89% accurate" sepsis model). */
final class AccuracyParadoxRule implements Rule {
  static final String TITLE = "Accuracy above the no-information rate";

  @Override public String id() { return "accuracy_paradox"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.EVALUATION); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Evaluation e = in.evaluation();
    if (e == null) return ItemResult.missing(id(), TITLE, "no evaluation with labels", "give predictions with outcome labels");
    Confusion c = e.rawOverall();
    Map<String, Object> ev = new LinkedHashMap<>();
    double acc = c.accuracy();
    double nir = c.noInformationRate();
    ev.put("accuracy", acc);
    ev.put("no_information_rate", nir);
    if (!Double.isNaN(acc) && acc <= nir) {
      return ItemResult.fail(id(), TITLE, String.format(Locale.ROOT, "accuracy %.3f is not above the no-information rate %.3f", acc, nir),
          ev, null, String.format(Locale.ROOT,
              "The model is %.0f%% accurate, but always answering \"%s\" would be right %.0f%% of the time: its accuracy is no evidence that it works.",
              100 * acc, c.prevalence() < 0.5 ? "no" : "yes", 100 * nir));
    }
    return ItemResult.pass(id(), TITLE, String.format(Locale.ROOT, "accuracy %.3f is above the no-information rate %.3f", acc, nir), ev);
  }
}
