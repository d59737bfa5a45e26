package org.tollgate.web;

/** A request that cannot be served, with the HTTP status and a message for the person or pipeline that sent it. */
class WebException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;

  WebException(int status, String message) {
    super(message);
    this.status = status;
  }

  static WebException badRequest(String m) {
    return new WebException(400, m);
  }

  static WebException notFound(String m) {
    return new WebException(404, m);
  }

  static WebException forbidden(String m) {
    return new WebException(403, m);
  }
}
