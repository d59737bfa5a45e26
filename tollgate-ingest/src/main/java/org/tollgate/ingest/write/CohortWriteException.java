package org.tollgate.ingest.write;

/** Writing a cohort failed for a reason other than bad input (a disk error, a generator bug). */
public final class CohortWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CohortWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
