package org.tollgate.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tollgate.data.InputRecord;
import org.tollgate.gate.Attestation;
import org.tollgate.gate.ItemResult;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.Json;
import org.tollgate.store.People;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;
import org.tollgate.store.StoreException;

/** Between a review and the store: the stored attestations a review counts, and the run it records. Used by the CLI and the web app. */
public final class StoredRuns {
  private StoredRuns() {}

  /** The review.yaml that {@code dir} names (the folder's review.yaml, or the file itself). */
  public static Path yaml(Path dir) {
    return Files.isDirectory(dir) ? dir.resolve("review.yaml") : dir;
  }

  /**
   * The review with the store's attestations of its use case (recorded up to {@code asOf}; null for all)
   * added after review.yaml's, so for each item the latest stored one counts (the gate takes the last).
   */
  public static ReviewFile withStoredAttestations(ReviewFile rf, Store store, String asOf) {
    List<People.Attestation> stored = store.people().attestations(rf.useCase().id(), asOf);
    if (stored.isEmpty()) return rf;
    List<Attestation> all = new ArrayList<>(rf.attestations() == null ? List.of() : rf.attestations());
    for (People.Attestation a : stored) {
      boolean example = a.note() != null && a.note().startsWith(Attestation.EXAMPLE_NOTE);
      all.add(new Attestation(a.item(), a.user(), a.role(), LocalDate.ofInstant(Instant.parse(a.createdAt()), ZoneOffset.UTC), null,
          a.documentSha256(), a.note(), a.staffTrained(), example ? Attestation.Signature.SIGNED_EXAMPLE : Attestation.Signature.SIGNED, a.signs()));
    }
    return rf.withAttestations(all);
  }

  /**
   * What a signature of {@code item} signs for a use case: the text its latest stored run printed for the item (the
   * paper rule, the business model's facts; {@link Attestation#TO_SIGN} in the item's evidence), so a person signs what
   * they were shown. Null for an item not bound to a text (peer_training). Refused (a {@link StoreException}, a bad
   * request) when the item is bound but the latest run has nothing to sign, or when {@code shown} (the text the signing
   * page showed, or null) differs from it: a newer run changed it since.
   */
  public static String toSign(Store store, String useCaseId, People.AttestedItem item, String shown) {
    if (!Attestation.BOUND.contains(item.word())) return null;
    store.reviews().requireUseCase(useCaseId);
    Reviews.UseCase uc = store.reviews().useCase(useCaseId);
    String what = item == People.AttestedItem.PAPER_FALLBACK ? "paper rule" : "statement of the business model";
    String text = null;
    if (uc.latestRunId() != null) {
      Reviews.Run run = store.reviews().find(uc.latestRunId());
      for (Reviews.Item it : run.items()) {
        if (it.id().equals(item.number())) {
          try {
            com.fasterxml.jackson.databind.JsonNode v = Json.MAPPER.readTree(it.evidence()).path(Attestation.TO_SIGN);
            if (v.isTextual()) text = v.asText();
          } catch (IOException e) {
            throw new StoreException("the run " + run.id() + " has unreadable evidence for item " + it.id(), e);
          }
        }
      }
    }
    if (text == null) {
      throw new StoreException("there is no " + what + " to sign for " + useCaseId + ": "
          + (uc.latestRunId() == null ? "it has no review run yet" : "its latest review run (" + uc.latestRunId().substring(0, 8) + ") states none")
          + (item == People.AttestedItem.PAPER_FALLBACK ? "; review it with a features table (data.features) so tollgate finds or measures the paper rule, then sign it"
              : "; state business_model in review.yaml and review it, then sign it"));
    }
    if (shown != null && !shown.equals(text)) {
      throw new StoreException("the " + what + " changed since the page was shown: the latest run states \u201c" + text + "\u201d; read it, then sign again");
    }
    return text;
  }

  /** The run to record: verdict, items with their evidence, inputs' hashes, the review.yaml text and the dossier JSON. */
  public static Reviews.NewRun newRun(Path dir, ReviewRunner.Outcome o, String version, String dossier) throws IOException {
    List<Reviews.Item> items = new ArrayList<>();
    for (ItemResult r : o.gate().items()) {
      items.add(new Reviews.Item(r.id(), r.title(), r.status().word(), r.reason(), Json.MAPPER.writeValueAsString(r.evidence())));
    }
    List<Reviews.Input> inputs = new ArrayList<>();
    for (InputRecord in : o.inputs()) inputs.add(new Reviews.Input(in.path(), in.format(), in.sha256(), in.rows()));
    return new Reviews.NewRun(o.review().useCase().id(), o.review().useCase().title(), o.gate().verdict().word(), o.gate().fatalFlaw(),
        version, dir.toAbsolutePath().normalize().toString(), Files.readString(yaml(dir)), dossier, items, inputs);
  }
}
