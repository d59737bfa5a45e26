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
    Attestation a = Attestation.latest(in.attestations(), ITEM);
    if (a == null) {
      return ItemResult.missing(id(), TITLE, "no attestation of peer-led training", "a frontline lead attests how many staff were trained by peers without vendor support");
    }
    int n = a.staffTrained() == null ? 0 : a.staffTrained();
    Map<String, Object> ev = a.evidence();
    ev.put("staff_trained", n);
    if (n < lim.minPeerTrained()) {
      return new ItemResult(id(), TITLE, Status.MISSING, "only " + n + " staff trained by peers (at least " + lim.minPeerTrained() + " needed)", ev,
          "frontline staff train colleagues without vendor support, then attest the number", "True adoption means peer-led training, and none has happened yet.");
    }
    return ItemResult.pass(id(), TITLE, n + " frontline staff trained by peers without vendor support (attested by " + a.by() + ")", ev);
  }
}
