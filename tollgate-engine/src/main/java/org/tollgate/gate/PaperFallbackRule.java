package org.tollgate.gate;

import java.util.Map;
import java.util.Set;

/**
 * Checklist item 3: a paper fallback that keeps care safe. Passes on a clinician's attestation of the
 * documented procedure together with the paper checklist the downtime drill renders from the policy.
 */
final class PaperFallbackRule implements Rule {
  static final String TITLE = "Paper-based fallback that keeps care safe";
  static final String ITEM = "paper_fallback";

  @Override public String id() { return "3"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.ATTESTATIONS, Evidence.DRILL); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Attestation a = Attestation.latest(in.attestations(), ITEM);
    boolean checklist = in.drill() != null && in.drill().checklist() != null;
    if (a == null) {
      Attestation c = Attestation.claimed(in.attestations(), ITEM);
      if (c != null) {
        return ItemResult.missing(id(), TITLE, "paper fallback " + Attestation.claimedReason(c) + (checklist ? " (the drill's paper checklist exists)" : ""),
            Attestation.signFix(ITEM, "a clinician"));
      }
      return ItemResult.missing(id(), TITLE, "no attestation that a paper fallback keeps care safe" + (checklist ? " (the drill's paper checklist exists)" : ""),
          Attestation.signFix(ITEM, "a clinician"));
    }
    if (!checklist) {
      return ItemResult.missing(id(), TITLE, "attested by " + who(a) + ", but no paper checklist was produced from the policy (run the downtime drill)",
          "supply the outage log so the drill renders the policy as a paper checklist");
    }
    Map<String, Object> ev = a.evidence();
    ev.put("checklist", in.drill().checklist().oneLine());
    return ItemResult.pass(id(), TITLE, "attested by " + who(a) + " (" + a.role() + ") on " + a.date() + "; paper checklist rendered from the policy", ev);
  }

  /** The signer as every page shows them: an example person marked EXAMPLE. */
  static String who(Attestation a) {
    return a.signature() == Attestation.Signature.SIGNED_EXAMPLE ? "EXAMPLE " + a.by() : a.by();
  }
}
