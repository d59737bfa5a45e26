package org.tollgate.store;

/** A store operation that could not be done; the message says why in words a user can act on. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The caller is not allowed to do this (wrong role, locked account, bad credentials). */
  public static final class NotAllowed extends StoreException {
    private static final long serialVersionUID = 1L;

    public NotAllowed(String message) {
      super(message);
    }
  }

  /** What the operation is about does not exist (an unknown use case or run). */
  public static final class NotFound extends StoreException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }
}
