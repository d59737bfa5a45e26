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

  /** How to run: where, the store, the tool version, where uploaded bundles are unpacked, the bundle limits. */
  public record Settings(String host, int port, Store store, String version, Path uploads, long maxUploadBytes) {}

  private final Javalin app;
  final Workbench bench;
  final Sessions sessions = new Sessions();

  private Web(Settings s) {
    Bundles.Limits limits = new Bundles.Limits(s.maxUploadBytes(), Bundles.Limits.DEFAULT.maxEntries(),
        Bundles.Limits.DEFAULT.maxUncompressedBytes(), Bundles.Limits.DEFAULT.maxRatio());
    this.bench = new Workbench(s.store(), s.version(), s.uploads(), limits);
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
      config.routes.after(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.header("Cache-Control") == null) ctx.header("Cache-Control", "no-store");
        if (!ctx.path().startsWith("/api/")) {
          ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
          ctx.header("X-Frame-Options", "DENY");
        }
      });
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
   * Starts listening, then (on a background thread) reads each use case's latest run and renders its page sections
   * and Letter PDF into the cache, so the first person to open a page does not wait for the JIT and the renderer.
   */
  public Web start() {
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
    ctx.attribute(PRINCIPAL, s.principal());
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
