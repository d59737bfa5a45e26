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
          a.documentSha256(), a.note(), a.staffTrained(), example ? Attestation.Signature.SIGNED_EXAMPLE : Attestation.Signature.SIGNED));
    }
    return rf.withAttestations(all);
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
