package org.tollgate.gate;

import java.util.Set;

/**
 * One launch rule: a checklist item or a check beyond the checklist. A rule reads only the evidence it
 * declares in {@link #needs()} from the review's {@link GateInputs} and judges it; it does no I/O and
 * calls no other rule. The gate walks {@link Rules#ALL} in order.
 */
public interface Rule {
  /** The rule's id in the dossier: "1".."7" for the checklist items, a name for the checks beyond them. */
  String id();

  /** What the rule asks, in the essay's words. */
  String title();

  /** The evidence the rule reads; a rule whose evidence is absent is {@code missing}, never {@code pass}. */
  Set<Evidence> needs();

  /** Whether the rule is part of this review (a conditional rule such as the trade-off table is only when its evidence is given). */
  default boolean appliesTo(GateInputs in) {
    return true;
  }

  /** Judges the evidence: pass, fail (with a fix when one is computed) or missing (with what would supply it). */
  ItemResult judge(GateInputs in, GateLimits limits);

  /** Whether this is one of the seven checklist items (ids "1" to "7"). */
  default boolean isChecklistItem() {
    return id().matches("\\d");
  }

  /** The kinds of evidence a rule may need, each a field of {@link GateInputs}. */
  enum Evidence {
    USE_CASE,
    EVALUATION,
    LABEL_KIND,
    POLICY_UNDER_REVIEW,
    POLICY_SEARCH,
    FRICTION,
    DRILL,
    PROVENANCE,
    PROXIES,
    RISKS,
    ATTESTATIONS,
    BUSINESS_MODEL,
    PROTECTED_ATTRIBUTES,
    TRADE_OFFS,
    WORKFLOW_FIT,
    /** The paper fallback measured against the policy (item 3). */
    FALLBACK
  }
}
