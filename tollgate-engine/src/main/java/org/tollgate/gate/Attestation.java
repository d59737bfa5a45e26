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
 */
public record Attestation(String item, String by, String role, LocalDate date, String document, String documentSha256,
    String note, Integer staffTrained, Signature signature) {
  public Attestation {
    Objects.requireNonNull(item, "attestation item");
    Objects.requireNonNull(by, "attestation by");
    Objects.requireNonNull(role, "attestation role");
    Objects.requireNonNull(signature, "attestation signature");
  }

  /** A claim written in review.yaml (not signed). */
  public Attestation(String item, String by, String role, LocalDate date, String document, String documentSha256, String note, Integer staffTrained) {
    this(item, by, role, date, document, documentSha256, note, staffTrained, Signature.CLAIMED);
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

  /** The text an attestation's note starts with when an example person signed it (case library, demo). */
  public static final String EXAMPLE_NOTE = "EXAMPLE";

  /** The last signed attestation of {@code item} in {@code all} (a later one supersedes an earlier), or null. */
  static Attestation latest(List<Attestation> all, String item) {
    if (all == null) return null;
    return all.stream().filter(a -> a.item().equals(item) && a.signature().signed()).reduce((a, b) -> b).orElse(null);
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
    return "claimed in review.yaml by " + a.by() + " (" + a.role() + "), not signed";
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
    return ev;
  }
}
