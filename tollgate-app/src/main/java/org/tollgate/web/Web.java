package org.tollgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tollgate.data.BadInputException;
import org.tollgate.report.Html;
import org.tollgate.report.Json;
import org.tollgate.store.People;
import org.tollgate.store.Store;
import org.tollgate.store.StoreException;

/**
 * The server: Javalin on Jetty 12 with every route registered up front. Nothing but the login page and the
 * OpenAPI document is open without logging in: pipelines send {@code Authorization: Bearer TOKEN} (an API token
 * from {@code tollgate user token} or {@code POST /api/v1/tokens}), browsers a session cookie, and every
 * state-changing browser request must carry the session's CSRF token. Errors are JSON {@code {"error": "..."}}
 * under /api and a plain page elsewhere, with the right status and never a stack trace.
 */
public final class Web {
  static final String PRINCIPAL = "tollgate.principal";
  static final String SESSION = "tollgate.session";

  /**
   * How to run: where, the store, the tool version, where uploaded bundles are unpacked, the bundle limits, and the
   * addresses of the HTTPS proxies whose {@code X-Forwarded-Proto} / {@code Forwarded: proto=} are believed (empty:
   * none; a request is then HTTPS only when it reached this server over TLS).
   */
  public record Settings(String host, int port, Store store, String version, Path uploads, long maxUploadBytes, Set<String> trustedProxies,
      LoginLimiter.Limits loginLimits, java.time.Duration tokenLifetime, Retention retention, long maxBytesPerUploader) {
    public Settings {
      trustedProxies = Set.copyOf(trustedProxies);
      java.util.Objects.requireNonNull(loginLimits, "login limits");
      java.util.Objects.requireNonNull(retention, "retention");
      if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) throw new IllegalArgumentException("token lifetime must be positive");
      if (maxBytesPerUploader <= 0) throw new IllegalArgumentException("the disk limit per uploader must be positive");
    }

    /** No trusted proxy; the default login limits, token lifetime, retention and disk limit per uploader. */
    public Settings(String host, int port, Store store, String version, Path uploads, long maxUploadBytes) {
      this(host, port, store, version, uploads, maxUploadBytes, Set.of(), LoginLimiter.Limits.DEFAULT, People.DEFAULT_TOKEN_LIFETIME,
          Retention.DELETE_DATA_AFTER_RUN, Bundles.Limits.DEFAULT.maxBytesPerUploader());
    }

    public Settings withTrustedProxies(Set<String> proxies) {
      return new Settings(host, port, store, version, uploads, maxUploadBytes, proxies, loginLimits, tokenLifetime, retention, maxBytesPerUploader);
    }

    /** Login attempts a minute per client address, per user name and in all (see {@link LoginLimiter}). */
    public Settings withLoginLimits(int perClient, int perName, int total) {
      return new Settings(host, port, store, version, uploads, maxUploadBytes, trustedProxies, new LoginLimiter.Limits(perClient, perName, total),
          tokenLifetime, retention, maxBytesPerUploader);
    }

    /** How long an API token issued through the API lasts. */
    public Settings withTokenLifetime(java.time.Duration lifetime) {
      return new Settings(host, port, store, version, uploads, maxUploadBytes, trustedProxies, loginLimits, lifetime, retention, maxBytesPerUploader);
    }

    /** What happens to an uploaded bundle's data files once its run is stored. */
    public Settings withRetention(Retention r) {
      return new Settings(host, port, store, version, uploads, maxUploadBytes, trustedProxies, loginLimits, tokenLifetime, r, maxBytesPerUploader);
    }

    /** What one person's stored bundles may occupy on disk together. */
    public Settings withMaxBytesPerUploader(long bytes) {
      return new Settings(host, port, store, version, uploads, maxUploadBytes, trustedProxies, loginLimits, tokenLifetime, retention, bytes);
    }
  }

  /** What happens to an uploaded bundle's data files once its run is stored. */
  public enum Retention {
    /** Delete them (the default): the store keeps each input's SHA-256 and row count, the folder keeps review.yaml and out/. */
    DELETE_DATA_AFTER_RUN,
    /** Keep the whole bundle folder (a run can then be replayed from it on the server). */
    KEEP
  }

  /** The content security policy of every HTML response: no script at all, styles inline, images from here, no framing. */
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** HSTS on HTTPS responses: a year, as browsers' preload lists expect. */
  static final String HSTS = "max-age=31536000";

  private final Javalin app;
  final Workbench bench;
  final Sessions sessions = new Sessions();

  private final Set<String> trustedProxies;
  final LoginLimiter logins;
  final java.time.Duration tokenLifetime;

  private Web(Settings s) {
    this.trustedProxies = s.trustedProxies();
    this.logins = new LoginLimiter(s.loginLimits());
    this.tokenLifetime = s.tokenLifetime();
    Bundles.Limits limits = Bundles.Limits.DEFAULT.withMaxUploadBytes(s.maxUploadBytes()).withMaxBytesPerUploader(s.maxBytesPerUploader());
    this.bench = new Workbench(s.store(), s.version(), s.uploads(), limits, s.retention());
    Api api = new Api(this);
    Pages pages = new Pages(this);
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = s.host();
      config.jetty.port = s.port();
      config.http.maxRequestSize = s.maxUploadBytes();
      config.jetty.multipartConfig.maxFileSize(s.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
      config.jetty.multipartConfig.maxTotalRequestSize(s.maxUploadBytes() + 65_536, io.javalin.config.SizeUnit.BYTES);
      config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
      config.routes.before(this::authenticate);
      config.routes.after(this::headers);
      // Requests Jetty refuses before routing (a malformed URL, a bad header) get the JSON error too, not Jetty's page.
      config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
      config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JettyErrors()));
      api.routes(config.routes);
      pages.routes(config.routes);
      config.routes.exception(Exception.class, (e, ctx) -> fail(ctx, e));
      config.routes.error(404, ctx -> {
        if (ctx.result() == null || !isError(ctx)) error(ctx, 404, "not found: " + ctx.method() + " " + ctx.path());
      });
      config.routes.error(405, ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
    });
  }

  /** Creates (not yet started) a server on the settings. */
  public static Web create(Settings s) {
    return new Web(s);
  }

  /**
   * Creates the uploads folder owner-only and removes a crash's leftovers in it, starts listening, then (on a background thread) reads each use case's latest run and renders its page sections
   * and Letter PDF into the cache, so the first person to open a page does not wait for the JIT and the renderer.
   */
  public Web start() {
    // Before the first request: the uploads folder owner-only, and nothing a crash left half-done in it.
    try {
      Bundles.ownerOnlyFolder(bench.uploads);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the uploads folder " + bench.uploads + ": " + e.getMessage(), e);
    }
    Bundles.removeLeftovers(bench.uploads);
    app.start();
    Thread warm = new Thread(this::warmUp, "tollgate-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
    return this;
  }

  private void warmUp() {
    try {
      for (org.tollgate.store.Reviews.UseCase u : bench.store.reviews().useCases()) {
        if (u.latestRunId() == null) continue;
        Workbench.Cached c = bench.run(u.latestRunId());
        // The sections as the use-case page asks for them (with the store's attestations), so the
        // first view finds them rendered.
        String sections = c.sections(Pages.attestationsJson(bench.store.people().attestations(u.id(), null), c.run.createdAt()));
        c.pdf("letter");
        // The page's other reads and its layout, so their statements and code paths are warm too.
        bench.store.people().decisions(u.id());
        Pages.layout(u.title(), null, sections);
      }
    } catch (RuntimeException e) {
      // Only a head start: a page that fails here fails again, with its message, when someone asks for it.
    }
  }

  public void stop() {
    app.stop();
  }

  /** Serves until the process is asked to stop (Ctrl-C, SIGTERM), then stops the server. */
  public void serveUntilShutdown() throws InterruptedException {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** The port it listens on (the real one when started with port 0). */
  public int port() {
    return app.port();
  }

  /** Every registered route as "METHOD /path" (the OpenAPI test checks each is documented). */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(p -> p.endpoint.method.isHttpMethod())
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path).toList();
  }

  /**
   * On an empty store, creates the account {@code admin} with the password in {@code TOLLGATE_ADMIN_PASSWORD} or
   * a random one printed once to {@code out}; does nothing when the store has users.
   */
  public static void bootstrapAdmin(Store store, String givenPassword, PrintWriter out) {
    if (!store.people().users().isEmpty()) return;
    // A password printed to the console is temporary: its owner replaces it at the first login.
    boolean printed = givenPassword == null || givenPassword.isBlank();
    String pw = printed ? Sessions.token().substring(0, 20) : givenPassword;
    store.people().addUser("admin", EnumSet.of(People.Role.ADMIN), pw.toCharArray(), null, printed);
    out.println("Created the first account: user admin, role admin.");
    if (printed) {
      out.println("Its password, shown this once: " + pw + " (temporary: the first login asks for a new one)");
      out.println("Write it down; add people with their roles on the API (POST /api/v1/users) or `tollgate user add NAME --role ROLE --as admin`.");
    } else {
      out.println("Its password is the one in TOLLGATE_ADMIN_PASSWORD.");
    }
    out.flush();
  }

  /**
   * Headers on every response: no sniffing, no referrer, not cached unless a route says otherwise; on every HTML
   * response (pages, errors, the API's dossier.html) the CSP with frame-ancestors; over HTTPS, HSTS.
   */
  private void headers(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.res().getHeader("Cache-Control") == null) ctx.header("Cache-Control", "no-store");
    String type = ctx.res().getContentType();
    if (type == null || type.startsWith("text/html") || !ctx.path().startsWith("/api/")) {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Frame-Options", "DENY");
    }
    if (secure(ctx)) ctx.header("Strict-Transport-Security", HSTS);
  }

  /**
   * Whether the browser reached us over HTTPS: TLS on this connection, or a trusted proxy ({@link Settings#trustedProxies},
   * matched on the connection's address) saying so in {@code X-Forwarded-Proto} or {@code Forwarded: proto=}. The headers
   * of anyone else are ignored: a client cannot make the server believe it is on HTTPS.
   */
  boolean secure(Context ctx) {
    if (ctx.req().isSecure()) return true;
    if (!trustedProxies.contains(ctx.req().getRemoteAddr())) return false;
    String xfp = ctx.header("X-Forwarded-Proto");
    if (xfp != null) return xfp.split(",")[0].trim().equalsIgnoreCase("https");
    String fwd = ctx.header("Forwarded");
    if (fwd == null) return false;
    for (String pair : fwd.split(",")[0].split(";")) {
      String[] kv = pair.trim().split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("proto")) return kv[1].trim().replace("\"", "").equalsIgnoreCase("https");
    }
    return false;
  }

  /** Jetty's own error responses (a URL it cannot parse, an ambiguous path) as the JSON error, with the headers. */
  static final class JettyErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
        org.eclipse.jetty.util.Callback callback) {
      Object code = request.getAttribute(ERROR_STATUS);
      int status = code instanceof Integer i ? i : response.getStatus();
      if (status < 400) status = 400;
      Object m = request.getAttribute(ERROR_MESSAGE);
      String why = m == null ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : m.toString();
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("error", (status == 400 ? "malformed request: " : "") + why);
      response.setStatus(status);
      org.eclipse.jetty.http.HttpFields.Mutable h = response.getHeaders();
      h.put("Content-Type", "application/json");
      h.put("Content-Security-Policy", CSP);
      h.put("X-Content-Type-Options", "nosniff");
      h.put("Cache-Control", "no-store");
      response.write(true, java.nio.ByteBuffer.wrap(o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
      return true;
    }
  }

  // ---- authentication -------------------------------------------------------------------------------

  private static final Set<String> OPEN = Set.of("/login", "/api/v1/openapi.yaml");

  /** Where a person whose password is temporary must go first; with {@code /logout}, all they may reach. */
  static final String CHANGE_PASSWORD = "/account/password";

  /** Bodies up to this size are read and discarded before a 413, so a client still sending reads the answer, not a reset. */
  static final long DRAIN_LIMIT = 16L << 20;

  /**
   * A 413 for an oversized request. A body of at most {@link #DRAIN_LIMIT} is read and thrown away first (never stored):
   * a server that answers and closes while the client is still writing makes the client see a connection reset instead of
   * the message. Larger bodies are not read; their clients may see the reset.
   */
  static WebException tooLarge(Context ctx, String message) {
    if (ctx.req().getContentLengthLong() <= DRAIN_LIMIT) {
      try (java.io.InputStream in = ctx.req().getInputStream()) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (java.io.IOException | RuntimeException ignored) {
        // the client went away; the 413 is still the answer
      }
    }
    return new WebException(413, message);
  }

  private void authenticate(Context ctx) {
    // Refuse an oversized body before anything (the CSRF check on a multipart form) starts reading it.
    if (ctx.req().getContentLengthLong() > bench.limits.maxUploadBytes() + 65_536) {
      throw tooLarge(ctx, "the request is larger than " + Bundles.size(bench.limits.maxUploadBytes()));
    }
    if (OPEN.contains(ctx.path())) return;
    boolean api = ctx.path().startsWith("/api/");
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      try {
        ctx.attribute(PRINCIPAL, bench.store.people().authenticate(auth.substring(7).trim()));
      } catch (StoreException.NotAllowed e) {
        throw new WebException(401, e.getMessage());
      }
      return;
    }
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6) && ctx.path().equals(Api.BASE + "/tokens") && ctx.method() == HandlerType.POST) {
      // A pipeline's one password login: exchange it for a token (lockout after five failures, as everywhere).
      String pair;
      try {
        pair = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new WebException(401, "malformed Basic credentials");
      }
      int colon = pair.indexOf(':');
      if (colon < 0) throw new WebException(401, "malformed Basic credentials: expected user:password");
      logins.attempt(ctx.req().getRemoteAddr(), pair.substring(0, colon));
      // A temporary password logs in but gets no token: People.issueToken refuses it (403).
      try {
        ctx.attribute(PRINCIPAL, bench.store.people().login(pair.substring(0, colon), pair.substring(colon + 1).toCharArray()));
      } catch (StoreException.NotAllowed e) {
        throw new WebException(401, e.getMessage());
      }
      return;
    }
    Sessions.Session s = sessions.find(ctx.cookie(Sessions.COOKIE));
    if (s == null) {
      if (!api && ctx.method() == HandlerType.GET) throw new LoginRedirect();
      throw new WebException(401, "log in first: send Authorization: Bearer TOKEN, or log in at /login");
    }
    if (isUnsafe(ctx.method())) {
      String sent = ctx.header("X-CSRF-Token");
      if (sent == null && isForm(ctx)) sent = ctx.formParam("csrf");
      if (!Sessions.same(sent, s.csrf())) {
        throw WebException.forbidden("missing or wrong CSRF token: reload the page and try again");
      }
    }
    // The account is re-read on every request: a session ends when its account is locked, its password changes or is
    // reset, or its roles change (credentials version), and it acts with the account's current roles.
    People.Account a = bench.store.people().account(s.principal().name());
    if (a == null || a.locked() || a.credentialsVersion() != s.credentialsVersion()) {
      sessions.end(s.id());
      if (!api && ctx.method() == HandlerType.GET) throw new LoginRedirect();
      throw new WebException(401, "your session has ended (the account was locked or its password or roles changed): log in again");
    }
    ctx.attribute(PRINCIPAL, new People.Principal(a.name(), a.roles()));
    ctx.attribute(SESSION, s);
    if (s.passwordTemporary() && !ctx.path().equals(CHANGE_PASSWORD) && !ctx.path().equals("/logout")) {
      if (!api && ctx.method() == HandlerType.GET) throw new PasswordRedirect();
      throw WebException.forbidden("your password is temporary: change it at " + CHANGE_PASSWORD + " first");
    }
  }

  /** Thrown by the authentication filter for a page request of someone who must first replace a temporary password. */
  static final class PasswordRedirect extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static boolean isUnsafe(HandlerType m) {
    return m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.PATCH || m == HandlerType.DELETE;
  }

  static boolean isForm(Context ctx) {
    String ct = ctx.contentType();
    return ct != null && (ct.startsWith("application/x-www-form-urlencoded") || ct.startsWith("multipart/form-data"));
  }

  static People.Principal principal(Context ctx) {
    People.Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) throw new WebException(401, "log in first");
    return p;
  }

  /** Thrown by the authentication filter for a page request without a session. */
  static final class LoginRedirect extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  // ---- errors ---------------------------------------------------------------------------------------

  private void fail(Context ctx, Exception e) {
    if (e instanceof LoginRedirect) {
      ctx.redirect("/login");
      return;
    }
    if (e instanceof PasswordRedirect) {
      ctx.redirect(CHANGE_PASSWORD);
      return;
    }
    int status;
    String message;
    if (e instanceof WebException w) {
      status = w.status;
      message = w.getMessage();
      if (w instanceof LoginLimiter.TooMany t) ctx.header("Retry-After", Long.toString(t.retryAfter));
    } else if (e instanceof BadInputException) {
      status = 400;
      message = e.getMessage();
    } else if (e instanceof StoreException.NotFound) {
      status = 404;
      message = e.getMessage();
    } else if (e instanceof StoreException.NotAllowed) {
      status = 403;
      message = e.getMessage();
    } else if (e instanceof StoreException && !e.getMessage().startsWith("store error:") && !e.getMessage().startsWith("cannot open")) {
      status = 400;
      message = e.getMessage();
    } else if (e instanceof HttpResponseException h) {
      status = h.getStatus();
      message = h.getMessage();
    } else if (e instanceof org.yaml.snakeyaml.error.YAMLException) {
      // What the YAML reader did not turn into a message with a line (an alias limit, say) is still bad input.
      status = 400;
      message = "not valid YAML: " + e.getMessage();
    } else if (e instanceof JsonProcessingException j) {
      status = 400;
      message = "the request body is not valid JSON: " + j.getOriginalMessage();
    } else {
      status = 500;
      message = "internal error (" + e.getClass().getSimpleName() + "); the details are in the server's log";
      // The stack trace goes to the operator's terminal, never to the client.
      System.err.println("tollgate serve: internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
      e.printStackTrace();
    }
    error(ctx, status, message);
  }

  private static final String ERROR_MARK = "tollgate.error";

  private static boolean isError(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(ERROR_MARK));
  }

  static void error(Context ctx, int status, String message) {
    ctx.attribute(ERROR_MARK, true);
    ctx.status(status);
    if (ctx.path().startsWith("/api/")) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("error", message);
      ctx.contentType("application/json").result(o.toString());
    } else {
      ctx.contentType("text/html; charset=utf-8").result(Pages.errorPage(status, message));
    }
  }

  static String esc(String s) {
    return Html.esc(s);
  }
}
