package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checklist item 6: the business model is aligned with clinical outcomes. Revenue or payment that rises
 * with alert or referral volume fails without a fix (a harm engine); otherwise it passes on a compliance
 * officer's attestation of the stated facts.
 */
final class BusinessModelRule implements Rule {
  static final String TITLE = "Business model aligned with clinical outcomes";
  static final String ITEM = "business_model";

  @Override public String id() { return "6"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.BUSINESS_MODEL, Evidence.ATTESTATIONS); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    BusinessModel b = in.businessModel();
    // the signature counts only for the facts it signed (changed facts need a new one)
    Attestation a = Attestation.counted(in, ITEM);
    boolean yes = b != null && (Boolean.TRUE.equals(b.revenueRisesWithVolume()) || Boolean.TRUE.equals(b.paymentPerAlertOrReferral()));
    Map<String, Object> ev = new LinkedHashMap<>();
    if (b != null) {
      ev.put("revenue_rises_with_volume", b.revenueRisesWithVolume());
      ev.put("payment_per_alert_or_referral", b.paymentPerAlertOrReferral());
    }
    if (yes) {
      return ItemResult.fail(id(), TITLE, "revenue or payment rises when more alerts fire or more referrals are made", ev, null,
          "If revenue increases when more alerts fire, you've built a harm engine: " + (b.description() == null ? "the business model pays for volume, not outcomes." : b.description()));
    }
    if (b == null || b.revenueRisesWithVolume() == null || b.paymentPerAlertOrReferral() == null) {
      return ItemResult.missing(id(), TITLE, "the business model is not stated (does revenue or any payment rise with alert or referral volume?)",
          "state the business model facts and have compliance attest them");
    }
    ev.put(Attestation.TO_SIGN, Attestation.subject(ITEM, in));
    if (a == null) {
      Attestation c = Attestation.claimed(in.attestations(), ITEM);
      String stale = Attestation.staleReason(in, ITEM, "statement of the business model");
      String why = "no revenue or payment rises with volume, but " + (stale != null ? "the attestation was " + stale
          : c != null ? "the attestation is " + Attestation.claimedReason(c) : "no compliance officer has attested it");
      return new ItemResult(id(), TITLE, ItemResult.Status.MISSING, why, ev, Attestation.signFix(ITEM, "a compliance officer"), why);
    }
    ev.putAll(a.evidence());
    String shared = Attestation.sharedSignerReason(in, a);
    if (shared != null) {
      String why = "no revenue or payment rises with volume, but the attestation is " + shared;
      return new ItemResult(id(), TITLE, ItemResult.Status.MISSING, why, ev,
          "another compliance officer attests it: tollgate attest USE-CASE " + ITEM + " --as USER, or the Attest form", why);
    }
    return ItemResult.pass(id(), TITLE, "no revenue or payment rises with alert or referral volume; attested by " + PaperFallbackRule.who(a) + " (" + a.roleWords() + ")", ev);
  }
}
