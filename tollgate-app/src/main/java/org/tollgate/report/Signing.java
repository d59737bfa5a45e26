package org.tollgate.report;

/**
 * What makes a printed dossier a document a committee can sign: which recorded run it shows, the day it was
 * reviewed, and the audit checkpoint (seq and hash of the audit entry that recorded the run) a signer can
 * write down and later check against the store's hash chain. None of it is in the dossier JSON itself (the
 * JSON has no clock time, so a replay can compare it whole); the store knows it.
 *
 * @param runId the store's run id, or null when the review was not recorded ({@code --no-store})
 * @param reviewDate the review day, ISO 8601 ({@code 2026-12-07}); never null
 * @param checkpoint the audit checkpoint as printed ({@code seq 12 sha256 3aa9…}), or null when not recorded
 */
public record Signing(String runId, String reviewDate, String checkpoint) {
  public Signing {
    if (reviewDate == null || !reviewDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException("review date must be YYYY-MM-DD, got '" + reviewDate + "'");
    }
  }

  /** A review not recorded in a store: the page says so where the run id and checkpoint would be. */
  public static Signing unrecorded(java.time.LocalDate day) {
    return new Signing(null, day.toString(), null);
  }

  /** A stored run; {@code createdAt} is the store's timestamp (its first ten characters are the day). */
  public static Signing recorded(String runId, String createdAt, String checkpoint) {
    return new Signing(runId, createdAt.substring(0, 10), checkpoint);
  }

  String runText() {
    return runId == null ? "not recorded (reviewed without the store)" : runId;
  }

  String checkpointText() {
    return checkpoint == null ? "none (the run is not in an audit log)" : checkpoint;
  }
}
