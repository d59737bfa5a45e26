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
    Attestation a = Attestation.latest(in.attestations(), ITEM);
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
    if (a == null) {
      return ItemResult.missing(id(), TITLE, "no revenue or payment rises with volume, but no compliance officer has attested it",
          "a compliance officer attests the business model");
    }
    ev.putAll(a.evidence());
    return ItemResult.pass(id(), TITLE, "no revenue or payment rises with alert or referral volume; attested by " + a.by() + " (" + a.role() + ")", ev);
  }
}
