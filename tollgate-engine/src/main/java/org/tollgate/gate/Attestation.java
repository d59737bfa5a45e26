package org.tollgate.gate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named person's statement that an item holds, with the document that backs it. The document's
 * SHA-256 is recorded so the evidence cannot change silently. Only a signature counts as evidence: an
 * attestation recorded in the store by a logged-in person holding the required role. Text typed into
 * review.yaml is a claim, shown as "claimed in review.yaml, not signed", and passes nothing.
 *
 * @param item paper_fallback (3), business_model (6) or peer_training (7)
 * @param staffTrained for peer_training: frontline staff trained by peers without vendor support
 * @param signature how the attestation reached the review
 * @param signs the text the person signed, recorded with the signature: the paper rule for paper_fallback, the
 *     business model's stated facts for business_model ({@link #subject}); null for peer_training (the number of staff
 *     trained is the statement) and for a signature recorded before tollgate kept what was signed
 */
public record Attestation(String item, String by, String role, LocalDate date, String document, String documentSha256,
    String note, Integer staffTrained, Signature signature, String signs) {
  public Attestation {
    Objects.requireNonNull(item, "attestation item");
    Objects.requireNonNull(by, "attestation by");
    Objects.requireNonNull(role, "attestation role");
    Objects.requireNonNull(signature, "attestation signature");
  }

  /** A claim written in review.yaml (not signed); {@code signs} is the text it stands for, if the claim names it. */
  public Attestation(String item, String by, String role, LocalDate date, String document, String documentSha256, String note, Integer staffTrained,
      String signs) {
    this(item, by, role, date, document, documentSha256, note, staffTrained, Signature.CLAIMED, signs);
  }

  /** How an attestation reached the review. */
  public enum Signature {
    /** Typed into review.yaml: anyone can write a name there; evidence of nothing. */
    CLAIMED,
    /** Recorded in the store by a logged-in person holding the role the item requires. */
    SIGNED,
    /** Signed through the store by one of the case library's or demo's named example people: shown as EXAMPLE everywhere. */
    SIGNED_EXAMPLE;

    public boolean signed() {
      return this != CLAIMED;
    }
  }

  /** The role as a reader says it: "compliance officer", not the store's "compliance_officer". */
  public String roleWords() {
    return role.replace('_', ' ');
  }

  /** The text an attestation's note starts with when an example person signed it (case library, demo). */
  public static final String EXAMPLE_NOTE = "EXAMPLE";

  /** The items whose signature is bound to what was signed ({@link #subject}): a changed text needs a new signature. */
  public static final java.util.Set<String> BOUND = java.util.Set.of(PaperFallbackRule.ITEM, BusinessModelRule.ITEM);

  /** The items signed in the store (3, 6, 7), in checklist order: each needs its own signer. */
  public static final List<String> SIGNED_ITEMS = List.of(PaperFallbackRule.ITEM, BusinessModelRule.ITEM, PeerTrainingRule.ITEM);

  /**
   * What a signature of {@code item} signs in this review, or null when there is nothing to sign yet: the paper rule
   * in one line (paper_fallback, once a rule is found or written), the business model's stated facts
   * (business_model, once both are stated); null for peer_training, which is not bound to a text. The web app and
   * {@code tollgate attest} record this text (from the latest run's evidence, {@value #TO_SIGN}) with the signature.
   */
  public static String subject(String item, GateInputs in) {
    if (item.equals(PaperFallbackRule.ITEM)) {
      return in.fallback() == null || in.fallback().rule() == null ? null : in.fallback().rule().oneLine();
    }
    if (item.equals(BusinessModelRule.ITEM)) return businessModelText(in.businessModel());
    return null;
  }

  /** The business model's stated facts as a compliance officer signs them, or null while either is not stated. */
  public static String businessModelText(BusinessModel b) {
    if (b == null || b.revenueRisesWithVolume() == null || b.paymentPerAlertOrReferral() == null) return null;
    return "revenue rises with alert or referral volume: " + (b.revenueRisesWithVolume() ? "yes" : "no")
        + "; payment per alert or referral: " + (b.paymentPerAlertOrReferral() ? "yes" : "no");
  }

  /** The evidence key that carries {@link #subject} on a run's item, so the signing page and command sign what the run showed. */
  public static final String TO_SIGN = "to_sign";

  /**
   * The signature that counts for {@code item}: the last signed attestation (a later one supersedes an earlier) whose
   * signed text is this review's {@link #subject} (any, for an item not {@link #BOUND bound}); null when none.
   */
  static Attestation counted(GateInputs in, String item) {
    if (in.attestations() == null) return null;
    String subject = BOUND.contains(item) ? subject(item, in) : null;
    return in.attestations().stream()
        .filter(a -> a.item().equals(item) && a.signature().signed() && (!BOUND.contains(item) || (subject != null && subject.equals(a.signs()))))
        .reduce((a, b) -> b).orElse(null);
  }

  /** The last signed attestation of {@code item} whatever it signed, or null: to say why a stale one no longer counts. */
  static Attestation latest(List<Attestation> all, String item) {
    if (all == null) return null;
    return all.stream().filter(a -> a.item().equals(item) && a.signature().signed()).reduce((a, b) -> b).orElse(null);
  }

  /**
   * Why a signature of {@code item} does not count although one exists, or null: it signed another text than the one
   * this review measures ("signed by clara on 2026-10-04 for another paper rule (…); the rule now is …"), or was recorded
   * before tollgate kept what was signed.
   */
  static String staleReason(GateInputs in, String item, String what) {
    Attestation last = latest(in.attestations(), item);
    if (last == null || counted(in, item) != null) return null;
    String subject = subject(item, in);
    String signer = "signed by " + PaperFallbackRule.who(last) + " (" + last.roleWords() + ")" + (last.date() == null ? "" : " on " + last.date());
    if (last.signs() == null) return signer + " without recording which " + what + " it signed, so it cannot vouch for this one";
    return signer + " for another " + what + " (\u201c" + last.signs() + "\u201d)" + (subject == null ? "" : "; the " + what + " now is \u201c" + subject + "\u201d");
  }

  /**
   * Separation of duties: the other items among 3, 6 and 7 whose counted signature is by the same person as {@code a}'s
   * ("item 6 (business model)"); empty when {@code a}'s signer signs no other. One person cannot vouch for the whole launch.
   */
  static List<String> alsoSignedBy(GateInputs in, Attestation a) {
    List<String> out = new java.util.ArrayList<>();
    for (String other : SIGNED_ITEMS) {
      if (other.equals(a.item())) continue;
      Attestation o = counted(in, other);
      if (o != null && o.by().equals(a.by())) out.add("item " + number(other) + " (" + other.replace('_', ' ') + ")");
    }
    return out;
  }

  /** The reason an item is missing because its signer also signed another of items 3, 6 and 7, or null. */
  static String sharedSignerReason(GateInputs in, Attestation a) {
    List<String> also = alsoSignedBy(in, a);
    if (also.isEmpty()) return null;
    return "signed by " + PaperFallbackRule.who(a) + ", who also signed " + String.join(" and ", also)
        + ": items 3, 6 and 7 each need their own signer, so that no one person vouches for the whole launch";
  }

  private static String number(String item) {
    return switch (item) {
      case PaperFallbackRule.ITEM -> "3";
      case BusinessModelRule.ITEM -> "6";
      default -> "7";
    };
  }

  /** The last claim of {@code item} written in review.yaml, or null. */
  static Attestation claimed(List<Attestation> all, String item) {
    if (all == null) return null;
    return all.stream().filter(a -> a.item().equals(item) && !a.signature().signed()).reduce((a, b) -> b).orElse(null);
  }

  /**
   * The reason of an item left missing because its attestation is only claimed in review.yaml: "claimed in
   * review.yaml by Dr. A (clinician), not signed".
   */
  static String claimedReason(Attestation a) {
    return "claimed in review.yaml by " + a.by() + " (" + a.roleWords() + "), not signed";
  }

  /** How to sign {@code item}: the command and the page. */
  static String signFix(String item, String roles) {
    return "sign it (" + roles + "): tollgate attest USE-CASE " + item + " --as USER, or the Attest form";
  }

  /** The attestation as a rule's evidence: who, role, date, document and its hash. */
  Map<String, Object> evidence() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("attested_by", signature == Signature.SIGNED_EXAMPLE ? "EXAMPLE " + by : by);
    ev.put("role", role);
    if (date != null) ev.put("date", date.toString());
    if (document != null) ev.put("document", document);
    if (documentSha256 != null) ev.put("document_sha256", documentSha256);
    ev.put("signed", signature.signed());
    if (signature == Signature.SIGNED_EXAMPLE) ev.put("example", true);
    if (signs != null) ev.put("signed_text", signs);
    return ev;
  }
}
