package org.tollgate.cases;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.gate.Attestation;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.StoredRuns;
import org.tollgate.store.People;
import org.tollgate.store.Store;

/**
 * The case library's example attestations, signed through the store. A case's review.yaml may hold
 * {@code attestations:}, but text in review.yaml is only a claim and passes nothing; the library, the
 * training briefs and the demo sign each claim through the store as one of the demo's named example
 * people with the role the item needs (clara, clinician: paper fallback; cora, compliance officer: business
 * model; pat, product manager: peer training), with a note that starts with {@value Attestation#EXAMPLE_NOTE}, so
 * every page and dossier marks them EXAMPLE. Each signs a text as a real signer would: a paper-fallback claim's
 * {@code signs:} (the paper rule the case's clinician signed), the business model the case states. Nothing is signed in a user's own store: outside the demo the
 * signatures go to one in-memory store of this JVM.
 */
public final class ExampleSignatures {
  private ExampleSignatures() {}

  /** Who signs which item: the demo's example people. */
  public static final Map<String, String> SIGNER = Map.of("paper_fallback", "clara", "business_model", "cora", "peer_training", "pat");

  /** The example people's roles (as the demo's accounts). */
  public static final Map<String, People.Role> ROLE = Map.of("clara", People.Role.CLINICIAN, "cora", People.Role.COMPLIANCE_OFFICER,
      "pat", People.Role.PRODUCT_MANAGER);

  private static Store memory;
  private static Map<String, People.Principal> memorySigners;

  /**
   * The review with its review.yaml claims signed through the JVM's in-memory example store and read back
   * as signed (EXAMPLE) attestations; the claims themselves are dropped. A review without claims is returned as it is.
   */
  public static synchronized ReviewFile signed(ReviewFile rf) {
    if (rf.attestations() == null || rf.attestations().isEmpty()) return rf;
    if (memory == null) {
      memory = Store.open("jdbc:h2:mem:tollgate-examples-" + Long.toHexString(new SecureRandom().nextLong()) + ";DB_CLOSE_DELAY=-1");
      char[] pw = password();
      memory.people().addUser("example-admin", EnumSet.of(People.Role.ADMIN), pw, null);
      People.Principal admin = memory.people().login("example-admin", pw);
      memorySigners = new LinkedHashMap<>();
      for (Map.Entry<String, People.Role> p : ROLE.entrySet()) {
        memory.people().addUser(p.getKey(), EnumSet.of(p.getValue()), pw, admin);
        memorySigners.put(p.getKey(), memory.people().login(p.getKey(), pw));
      }
    }
    String id = rf.useCase().id();
    if (memory.people().attestations(id, null).isEmpty()) sign(memory, rf, memorySigners);
    List<Attestation> none = new ArrayList<>();
    return StoredRuns.withStoredAttestations(rf.withAttestations(none), memory, null);
  }

  /** Signs each claim of {@code rf} in {@code store} as the example person for its item ({@code signers}: name → logged-in principal). */
  public static void sign(Store store, ReviewFile rf, Map<String, People.Principal> signers) {
    // the store signs only for a registered use case (an attestation never creates one)
    if (!rf.attestations().isEmpty() && store.reviews().useCase(rf.useCase().id()) == null) {
      store.reviews().createUseCase(rf.useCase().id(), rf.useCase().title(), "example-admin");
    }
    for (Attestation a : rf.attestations()) {
      People.Principal who = signers.get(SIGNER.get(a.item()));
      if (who == null) throw new IllegalStateException("no example person signs " + a.item());
      String note = Attestation.EXAMPLE_NOTE + ": signed for the case library, standing for " + a.by() + " (" + a.role().replace('_', ' ') + ")"
          + (a.note() == null ? "" : "; " + a.note());
      // the text the example person signs: the claim's (the paper rule the case's clinician signed), or the business model
      // the case states; the gate counts it only while the review measures that same text
      String signs = a.item().equals("business_model") ? Attestation.businessModelText(rf.businessModel()) : a.signs();
      store.people().attest(who, rf.useCase().id(), People.AttestedItem.parse(a.item()), note, a.documentSha256(), a.staffTrained(), signs);
    }
  }

  private static char[] password() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return java.util.Base64.getEncoder().encodeToString(b).toCharArray();
  }
}
