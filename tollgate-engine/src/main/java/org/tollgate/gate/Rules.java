package org.tollgate.gate;

import java.util.List;

/**
 * The ordered registry of launch rules: the essay's seven checklist items, then the checks beyond them,
 * then the rules that apply only when their evidence is given (trade-offs, behavioral mapping). The
 * order is the order of the dossier's items and decides which rule's sentence becomes the fatal flaw.
 */
public final class Rules {
  private Rules() {}

  public static final Rule INPUT_PROVENANCE = new InputProvenanceRule();
  public static final Rule FALSE_ALERT_COST = new FalseAlertCostRule();
  public static final Rule PAPER_FALLBACK = new PaperFallbackRule();
  public static final Rule COGNITIVE_LOAD = new CognitiveLoadRule();
  public static final Rule DOWNTIME = new DowntimeRule();
  public static final Rule BUSINESS_MODEL = new BusinessModelRule();
  public static final Rule PEER_TRAINING = new PeerTrainingRule();
  public static final Rule STRATIFIED_PERFORMANCE = new StratifiedPerformanceRule();
  public static final Rule ACCURACY_PARADOX = new AccuracyParadoxRule();
  public static final Rule LABEL_CHOICE = new LabelChoiceRule();
  public static final Rule PROXIES = new ProxyRule();
  public static final Rule FAILURE_CONSEQUENCES = new FailureConsequencesRule();
  public static final Rule TRADE_OFFS = new TradeOffsRule();
  public static final Rule WORKFLOW_FIT = new WorkflowFitRule();

  /** Every rule, in the order the gate judges and reports them. */
  public static final List<Rule> ALL = List.of(INPUT_PROVENANCE, FALSE_ALERT_COST, PAPER_FALLBACK, COGNITIVE_LOAD, DOWNTIME, BUSINESS_MODEL,
      PEER_TRAINING, STRATIFIED_PERFORMANCE, ACCURACY_PARADOX, LABEL_CHOICE, PROXIES, FAILURE_CONSEQUENCES, TRADE_OFFS, WORKFLOW_FIT);

  /** The rule with this id, or null. */
  public static Rule byId(String id) {
    for (Rule r : ALL) if (r.id().equals(id)) return r;
    return null;
  }
}
