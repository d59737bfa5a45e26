package org.tollgate.gate;

import java.util.Map;
import java.util.Set;

/** The label measures the outcome, not cost or utilization (a proxy for need: Obermeyer et al., Science 2019). */
final class LabelChoiceRule implements Rule {
  static final String TITLE = "The label measures the outcome, not cost or utilization";

  @Override public String id() { return "label_choice"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.LABEL_KIND); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    String k = in.labelKind() == null ? "outcome" : in.labelKind();
    if (k.equals("cost") || k.equals("utilization")) {
      return ItemResult.fail(id(), TITLE, "the label is " + k + ", a proxy for need", Map.of("label_kind", k), null,
          "The label is " + k + ", not need: a model trained on it learns who has been given care, not who needs it (Obermeyer et al., 2019).");
    }
    return ItemResult.pass(id(), TITLE, "the label is a clinical outcome", Map.of("label_kind", k));
  }
}
