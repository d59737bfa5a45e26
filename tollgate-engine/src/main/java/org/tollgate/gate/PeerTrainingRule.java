package org.tollgate.gate;

import java.util.Map;
import java.util.Set;
import org.tollgate.gate.ItemResult.Status;

/** Checklist item 7: frontline staff have trained others without vendor support, on a frontline lead's attestation of how many. */
final class PeerTrainingRule implements Rule {
  static final String TITLE = "Frontline staff have trained others without vendor support";
  static final String ITEM = "peer_training";

  @Override public String id() { return "7"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.ATTESTATIONS); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Attestation a = Attestation.counted(in, ITEM);
    if (a == null) {
      Attestation c = Attestation.claimed(in.attestations(), ITEM);
      return ItemResult.missing(id(), TITLE, c != null ? "peer-led training " + Attestation.claimedReason(c) : "no attestation of peer-led training",
          Attestation.signFix(ITEM, "a clinician or product manager") + " --staff-trained N");
    }
    int n = a.staffTrained() == null ? 0 : a.staffTrained();
    Map<String, Object> ev = a.evidence();
    ev.put("staff_trained", n);
    String shared = Attestation.sharedSignerReason(in, a);
    if (shared != null) {
      String why = "peer-led training is " + shared;
      return new ItemResult(id(), TITLE, Status.MISSING, why, ev,
          "another frontline lead (clinician or product manager) attests it: tollgate attest USE-CASE " + ITEM + " --as USER --staff-trained N", why);
    }
    if (n < lim.minPeerTrained()) {
      return new ItemResult(id(), TITLE, Status.MISSING, "only " + n + " staff trained by peers (at least " + lim.minPeerTrained() + " needed)", ev,
          "frontline staff train colleagues without vendor support, then attest the number", "True adoption means peer-led training, and none has happened yet.");
    }
    return ItemResult.pass(id(), TITLE, n + " frontline staff trained by peers without vendor support (attested by " + PaperFallbackRule.who(a) + ")", ev);
  }
}
