package org.tollgate.gate;

import java.util.Set;

/** Only in reviews with a behavioral map: the tool is built for the workflow that exists (see {@link WorkflowFit}). */
final class WorkflowFitRule implements Rule {
  @Override public String id() { return "workflow_fit"; }
  @Override public String title() { return WorkflowFit.TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.WORKFLOW_FIT); }
  @Override public boolean appliesTo(GateInputs in) { return in.workflowFit() != null; }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    return in.workflowFit().judge();
  }
}
