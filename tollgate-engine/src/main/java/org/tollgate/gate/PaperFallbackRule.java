package org.tollgate.gate;

import org.tollgate.evaluation.SmallCells;
import org.tollgate.fallback.ShownReplication;
import org.tollgate.format.Units;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.gate.ItemResult.Status;

/**
 * Checklist item 3: a paper fallback that keeps care safe, made of evidence. The paper rule
 * ({@link GateInputs#fallback()}, on bedside inputs, found or written by the clinicians) must keep at least
 * {@link GateLimits#minFallbackReplication()} of the policy's timely detections (point estimate) with its
 * false alerts within the staffing floor (no more than the search's bound over the policy's, per staff
 * member per shift), and a clinician must have signed the procedure. Missing without a features table (the
 * fix names the inputs to export), when the policy detects nothing in time, or while unsigned; failing
 * below the share or above the bound (the fix names the criteria that would close the gap), or when no
 * rule on the bedside inputs replicates anything.
 */
final class PaperFallbackRule implements Rule {
  static final String TITLE = "Paper-based fallback that keeps care safe";
  static final String ITEM = "paper_fallback";

  @Override public String id() { return "3"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.FALLBACK, Evidence.ATTESTATIONS); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    // the signature counts only for the rule it signed (a changed rule needs a new one)
    Attestation a = Attestation.counted(in, ITEM);
    String stale = Attestation.staleReason(in, ITEM, "paper rule");
    org.tollgate.fallback.Fallback.Result f = in.fallback();
    // who signed is evidence whatever the measurement says (the dossier's "attested by" column)
    Map<String, Object> ev = new LinkedHashMap<>();
    if (a != null) ev.putAll(a.evidence());
    Attestation claim = a == null ? Attestation.claimed(in.attestations(), ITEM) : null;
    // a name typed into review.yaml is shown for what it is, whatever the measurement says
    if (claim != null) ev.put("signature", Attestation.claimedReason(claim));
    if (f == null) {
      Attestation last = Attestation.latest(in.attestations(), ITEM);
      String why = "no bedside inputs (features table): no paper rule could be found or measured against the policy"
          + (last == null ? "" : "; the procedure is signed by " + who(last) + " (" + last.roleWords() + ")");
      // the fix names the model's own inputs (review.yaml provenance), so a readmission model is not asked for vital signs
      java.util.List<String> inputs = in.provenance() == null ? java.util.List.of()
          : in.provenance().findings().stream().map(p -> p.input().name()).distinct().toList();
      return new ItemResult(id(), TITLE, Status.MISSING, why, ev, org.tollgate.fallback.Fallback.exportHint(inputs), why);
    }
    ev.put("policy", f.policy());
    ev.put("inputs", f.inputs().stream().map(org.tollgate.fallback.BedsideInput::column).toList());
    ev.put("min_replication", lim.minFallbackReplication());
    ev.put("max_extra_false_alerts_per_staff_shift", f.settings().maxExtraFalseAlertsPerStaffShift());
    ev.put("check_every_hours", f.settings().checkEveryHours());
    var rep = f.replication();
    if (f.rule() == null) {
      return ItemResult.fail(id(), TITLE, "no rule of at most five bedside criteria keeps any of the policy's timely detections within the false-alert bound", ev,
          "change the workflow so bedside checks can stand in for the model (check more often, or chart the inputs the model reads)",
          "When the system is down nothing replaces it: no paper rule on the bedside inputs catches what the model catches.");
    }
    ev.put("rule", f.rule().oneLine());
    ev.put(Attestation.TO_SIGN, Attestation.subject(ITEM, in));
    ev.put("rule_origin", f.rule().origin().name().toLowerCase(Locale.ROOT));
    if (rep.policyDetected() == 0) {
      String why = "the policy detects no outcome encounter in time, so there is no decision for the paper rule to replicate";
      return new ItemResult(id(), TITLE, Status.MISSING, why, ev, "give data in which the policy detects outcomes (outcome events), then measure the paper rule", why);
    }
    if (SmallCells.withheld(rep.policyDetected(), lim.minCell())) {
      String why = "the policy detects fewer than " + lim.minCell() + " outcome encounters in time, too few to measure what share of them the paper rule ("
          + f.rule().oneLine() + ") keeps";
      return new ItemResult(id(), TITLE, Status.MISSING, why, ev, "measure the paper rule on a longer period or more units, until the policy detects at least "
          + lim.minCell() + " outcome encounters in time", why);
    }
    // What is printed (the reason, the evidence) goes through the small-cell rule; the judgment uses the measurement.
    ShownReplication shown = ShownReplication.of(rep, lim.minCell());
    ItemResult.putShown(ev, "replication", rep.share().estimate(), shown.shareWithheld());
    if (!shown.shareWithheld()) {
      ev.put("replication_lower", rep.share().lower());
      ev.put("replication_upper", rep.share().upper());
    }
    ItemResult.putShown(ev, "false_alerts_per_staff_shift", rep.falseAlertsPerStaffShift().estimate(), !shown.falseAlertsPerStaffShift().defined());
    ItemResult.putShown(ev, "policy_false_alerts_per_staff_shift", rep.policyFalseAlertsPerStaffShift(), Double.isNaN(shown.policyFalseAlertsPerStaffShift()));
    String share = "keeps " + kept(rep, shown, lim.minCell()) + " of the policy's " + (shown.policyDetected() == null ? "" : Units.count(shown.policyDetected()) + " ")
        + "timely detections";
    double extra = rep.extraFalseAlertsPerStaffShift();
    boolean withinStaffing = extra <= f.settings().maxExtraFalseAlertsPerStaffShift() + 1e-12;
    // the extra false alerts a shift, or why they are not printed (the paper rule's or the policy's false alerts are 1 to 10)
    String extraShown = Double.isNaN(shown.extraFalseAlertsPerStaffShift()) ? null : Units.signedNumber(extra, 2);
    String rule = "the paper rule (" + f.rule().oneLine() + ")";
    if (rep.share().estimate() < lim.minFallbackReplication() || !withinStaffing) {
      String why = rep.share().estimate() < lim.minFallbackReplication()
          ? rule + " " + share + ", below the " + Units.percent(lim.minFallbackReplication(), 0) + " required"
          : rule + " " + share + " but adds " + (extraShown == null ? "more false alerts per staff member per shift (the count is withheld by the small-cell rule)"
              : Units.number(extra, 2) + " false alerts per staff member per shift") + ", above the staffing floor's "
              + Units.number(f.settings().maxExtraFalseAlertsPerStaffShift(), 2);
      String fix = f.gap().isEmpty() ? "change the workflow (check more often) or the rule, then measure again"
          : "change the paper rule: " + String.join("; or ", f.gap());
      if (!f.gap().isEmpty()) ev.put("closing_changes", f.gap());
      return ItemResult.fail(id(), TITLE, why, ev, fix, "The paper fallback cannot keep care safe: when the system is down its criteria catch "
          + kept(rep, shown, lim.minCell()) + " of the patients the model would have flagged in time.");
    }
    // the share the gate requires, said where the share kept is (review r17 #2: a loosened requirement read nowhere but evidence)
    share += " " + required(lim);
    if (a == null) {
      String why = rule + " " + share + " within the staffing floor, but "
          + (stale != null ? "the procedure was " + stale : claim != null ? "the procedure is " + Attestation.claimedReason(claim) : "no clinician has signed the procedure");
      return new ItemResult(id(), TITLE, Status.MISSING, why, ev, Attestation.signFix(ITEM, "a clinician"), why);
    }
    String shared = Attestation.sharedSignerReason(in, a);
    if (shared != null) {
      String why = rule + " " + share + " within the staffing floor, but the procedure is " + shared;
      return new ItemResult(id(), TITLE, Status.MISSING, why, ev, "another clinician signs it: tollgate attest USE-CASE " + ITEM + " --as USER, or the Attest form", why);
    }
    return ItemResult.pass(id(), TITLE, rule + " " + share + " within the staffing floor ("
        + (extraShown == null ? "its false alerts withheld by the small-cell rule" : extraShown + " false alerts per staff member per shift") + "); signed by "
        + who(a) + " (" + a.roleWords() + ") on " + a.date(), ev);
  }

  /** "(the gate requires 80%)"; with review.yaml's own requirement "(the gate requires 50%, loosened from 80%)" or "(…, raised from 80%)". */
  static String required(GateLimits lim) {
    GateSetting s = GateSetting.MIN_FALLBACK_REPLICATION;
    double v = lim.minFallbackReplication();
    double d = GateLimits.DEFAULT_MIN_FALLBACK_REPLICATION;
    return "(the gate requires " + s.format(v) + (Double.compare(v, d) == 0 ? "" : (s.looser(v, d) ? ", loosened from " : ", raised from ") + s.format(d)) + ")";
  }

  /**
   * The share kept, as it may be printed: "62% (95% CI 55–69%)"; with a kept or lost count of 1 to minCell − 1 (the
   * small-cell rule withholds the share, which would give it back) "fewer than 11 (at most 25%)" or "all but 1 to 10 (at
   * least 75%)", of 40: the bound the withheld count allows (rounded so it stays a bound), so the share can still be read against the gate's.
   */
  private static String kept(org.tollgate.fallback.Replication rep, ShownReplication shown, int minCell) {
    if (!shown.shareWithheld()) {
      return Units.percent(rep.share().estimate(), 0) + " (95% CI " + Units.percentRange(rep.share().lower(), rep.share().upper(), 0) + ")";
    }
    // the bound the withheld count allows, so the share can still be read against the gate's: "(at least 89%)"
    long n = rep.policyDetected();
    return rep.replicated() < minCell ? "fewer than " + minCell + " (at most " + Units.percent(Math.ceil(100.0 * (minCell - 1) / n) / 100, 0) + ")"
        : "all but 1 to " + (minCell - 1) + " (at least " + Units.percent(Math.floor(100.0 * (n - minCell + 1) / n) / 100, 0) + ")";
  }

  /** The signer as every page shows them: an example person marked EXAMPLE. */
  static String who(Attestation a) {
    return a.signature() == Attestation.Signature.SIGNED_EXAMPLE ? "EXAMPLE " + a.by() : a.by();
  }
}
