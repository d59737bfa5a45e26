package org.tollgate.gate;

import java.time.LocalDate;
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
}
