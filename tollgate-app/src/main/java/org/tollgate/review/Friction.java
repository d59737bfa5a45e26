package org.tollgate.review;

import java.util.List;
import org.tollgate.data.InputRecord;
import org.tollgate.gate.GateInputs;
import org.tollgate.ingest.config.ReviewFile;

/** Item 4's evidence from the review's interaction log. */
final class Friction {
  private Friction() {}

  /** Null when the review has no interaction log (item 4 is then missing). */
  static GateInputs.FrictionEvidence evidence(ReviewFile r, List<InputRecord> inputs) {
    if (r.data().interactions() == null) return null;
    return null;
  }
}
