package org.tollgate.review;

import java.util.List;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;

/** A minimal stored run for tests that decide on a use case (an approval needs a run whose verdict allows it). */
public final class TestRuns {
  private TestRuns() {}

  /** Records (and so registers) {@code useCaseId} with one run of {@code verdict}; returns the run id. */
  public static String record(Store store, String useCaseId, String verdict) {
    return store.reviews().record(new Reviews.NewRun(useCaseId, "Sepsis alert", verdict, verdict.equals("GO") ? null : "a rule is not met", "tollgate test",
        "", "use_case:\n  id: " + useCaseId + "\n", "{\"schema\":\"tollgate.dossier/v1\",\"verdict\":\"" + verdict + "\"}", List.of(), List.of()), "test").runId();
  }
}
