package org.tollgate.gate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named person's statement that an item holds, with the document that backs it. The document's
 * SHA-256 is recorded so the evidence cannot change silently.
 *
 * @param item paper_fallback (3), business_model (6) or peer_training (7)
 * @param staffTrained for peer_training: frontline staff trained by peers without vendor support
 */
public record Attestation(String item, String by, String role, LocalDate date, String document, String documentSha256,
    String note, Integer staffTrained) {
  public Attestation {
    Objects.requireNonNull(item, "attestation item");
    Objects.requireNonNull(by, "attestation by");
    Objects.requireNonNull(role, "attestation role");
  }

  /** The last attestation of {@code item} in {@code all} (a later one supersedes an earlier), or null. */
  static Attestation latest(List<Attestation> all, String item) {
    if (all == null) return null;
    return all.stream().filter(a -> a.item().equals(item)).reduce((a, b) -> b).orElse(null);
  }

  /** The attestation as a rule's evidence: who, role, date, document and its hash. */
  Map<String, Object> evidence() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("attested_by", by);
    ev.put("role", role);
    if (date != null) ev.put("date", date.toString());
    if (document != null) ev.put("document", document);
    if (documentSha256 != null) ev.put("document_sha256", documentSha256);
    return ev;
  }
}
