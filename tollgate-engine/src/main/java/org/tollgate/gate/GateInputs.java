package org.tollgate.gate;

import java.util.List;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.drill.DrillResult;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.friction.LoadVerdict;

/**
 * Everything the gate judges. Any evidence may be null when the review did not supply its data; the
 * rule that needs it is then {@code missing}.
 *
 * @param labelKind what the label measures: "outcome" (default), "cost" or "utilization" (a proxy for need, Obermeyer)
 * @param policy the report of the policy under review: the one operating point every rule and headline number describes
 * @param searchGrid every policy of the policy search, simulated (the suggested fix is chosen from it, see {@link #suggested()}),
 *     or null when no search ran
 * @param protectedAttributes the attributes fairness is judged on (disparities and proxies)
 * @param regulatory the review's regulatory facts
 * @param tradeOffs the pilot's trade-off table, or null when the review has none
 * @param workflowFit behavioral mapping against the tool's expected workflow, or null when the review has none
 * @param fallback the paper fallback measured against the chosen policy (item 3), or null when the review has no features table
 */
public record GateInputs(
    UseCase useCase,
    GateLimits limits,
    Evaluation evaluation,
    String labelKind,
    PolicyReport policy,
    List<PolicyReport> searchGrid,
    FrictionEvidence friction,
    DrillResult drill,
    Provenance.Result provenance,
    List<Proxies.Finding> proxies,
    List<Risk> risks,
    List<Attestation> attestations,
    BusinessModel businessModel,
    List<String> protectedAttributes,
    Regulatory regulatory,
    TradeOffs.Result tradeOffs,
    WorkflowFit workflowFit,
    org.tollgate.fallback.Fallback.Result fallback) {

  /** Without a paper fallback (item 3 is then missing). */
  public GateInputs(UseCase useCase, GateLimits limits, Evaluation evaluation, String labelKind, PolicyReport policy, List<PolicyReport> searchGrid,
      FrictionEvidence friction, DrillResult drill, Provenance.Result provenance, List<Proxies.Finding> proxies, List<Risk> risks,
      List<Attestation> attestations, BusinessModel businessModel, List<String> protectedAttributes, Regulatory regulatory,
      TradeOffs.Result tradeOffs, WorkflowFit workflowFit) {
    this(useCase, limits, evaluation, labelKind, policy, searchGrid, friction, drill, provenance, proxies, risks, attestations, businessModel,
        protectedAttributes, regulatory, tradeOffs, workflowFit, null);
  }

  /** Without a trade-off table or a behavioral map (those rules are then not part of the review). */
  public GateInputs(UseCase useCase, GateLimits limits, Evaluation evaluation, String labelKind, PolicyReport policy, List<PolicyReport> searchGrid,
      FrictionEvidence friction, DrillResult drill, Provenance.Result provenance, List<Proxies.Finding> proxies, List<Risk> risks,
      List<Attestation> attestations, BusinessModel businessModel, List<String> protectedAttributes, Regulatory regulatory) {
    this(useCase, limits, evaluation, labelKind, policy, searchGrid, friction, drill, provenance, proxies, risks, attestations, businessModel,
        protectedAttributes, regulatory, null, null, null);
  }

  /** The gate's limits, the defaults when none were given. */
  public GateLimits limitsOrDefaults() {
    return limits == null ? GateLimits.defaults() : limits;
  }

  /** The clinical floors and budget a suggested policy must meet, resolved against the policy under review. */
  public ClinicalFloors floors() {
    return ClinicalFloors.of(limitsOrDefaults(), policy);
  }

  /**
   * The suggested fix: of the search grid, the policy that meets every clinical floor and the budget with the
   * most detections in time (then the longest lead, the lowest cost); null without a search or when none does.
   */
  public PolicyReport suggested() {
    return searchGrid == null ? null : org.tollgate.alerts.PolicySearch.best(searchGrid, floors().budget());
  }

  /**
   * The friction audit's answer to item 4.
   *
   * @param verdict reduced, increased or inconclusive (the 95% interval of the change)
   * @param deltaSecondsPerSession time-on-task change per session (post − pre), with its 95% interval
   * @param sessionsNeeded for inconclusive: more sessions per period needed to detect the observed effect
   * @param redistributedTo roles whose load rose while the whole workflow's did not (item 4 then fails)
   */
  public record FrictionEvidence(LoadVerdict verdict, double deltaSecondsPerSession, double lower, double upper, long sessionsNeeded,
      String inputSha256, List<RoleShift> redistributedTo) {
    public FrictionEvidence {
      redistributedTo = redistributedTo == null ? List.of() : List.copyOf(redistributedTo);
    }

    /** Without per-role evidence (no role's load was redistributed). */
    public FrictionEvidence(LoadVerdict verdict, double deltaSecondsPerSession, double lower, double upper, long sessionsNeeded, String inputSha256) {
      this(verdict, deltaSecondsPerSession, lower, upper, sessionsNeeded, inputSha256, List.of());
    }
  }

  /**
   * A role whose time on task per session rose (95% interval above zero) while the whole workflow's did not.
   *
   * @param deltaSeconds post − pre mean time on task per session of the role, with its interval
   * @param postSessionsPerDay the role's sessions a day after go-live (its post sessions over the post period's days); NaN when
   *     unknown. With the change per session it gives the minutes a day moved onto the role (the rule's fix).
   */
  public record RoleShift(String role, double deltaSeconds, double lower, double upper, double postSessionsPerDay) {
    /** Without the role's sessions a day (the fix then names the seconds per session, not the minutes a day). */
    public RoleShift(String role, double deltaSeconds, double lower, double upper) {
      this(role, deltaSeconds, lower, upper, Double.NaN);
    }

    /** Minutes a day the role now spends more: change per session × sessions a day / 60; NaN when either is unknown. */
    public double minutesPerDay() {
      return deltaSeconds * postSessionsPerDay / 60;
    }
  }

  /**
   * Regulatory facts the review states.
   *
   * @param clinicalValidationBurden 1 (light: informs, well-studied) … 5 (heavy: replaces a clinician, novel); null = derive from the decision role
   * @param deviceClass free text (e.g. "non-device CDS", "FDA class II SaMD")
   */
  public record Regulatory(Integer clinicalValidationBurden, String deviceClass, String notes) {}
}
