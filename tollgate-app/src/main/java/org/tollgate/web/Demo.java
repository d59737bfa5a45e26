package org.tollgate.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.store.People;
import org.tollgate.store.Store;

/**
 * The end of {@code tollgate demo}: a fresh embedded store with one account per role (one shared demo password),
 * every review folder run and recorded into it, and the server started on loopback.
 */
public final class Demo {
  /** The demo's accounts; every one has {@link #PASSWORD}. A demo on loopback, never a deployment. */
  public static final String PASSWORD = "tollgate-demo";
  static final Map<String, People.Role> ACCOUNTS = new LinkedHashMap<>();

  static {
    ACCOUNTS.put("admin", People.Role.ADMIN);
    ACCOUNTS.put("chair", People.Role.COMMITTEE_CHAIR);
    ACCOUNTS.put("clara", People.Role.CLINICIAN);
    ACCOUNTS.put("cora", People.Role.COMPLIANCE_OFFICER);
    ACCOUNTS.put("pat", People.Role.PRODUCT_MANAGER);
    ACCOUNTS.put("dana", People.Role.DATA_SCIENTIST);
  }

  private Demo() {}

  /**
   * Loads {@code reviews} into a new store under {@code base} (anything there is replaced) and starts the server on
   * 127.0.0.1:{@code port} (the next free port if taken). Returns the started server; the caller decides whether to wait.
   */
  public static Web load(List<Path> reviews, Path base, int port, String version, PrintWriter out) throws IOException {
    return load(reviews, java.util.Collections.nCopies(reviews.size(), null), base, "127.0.0.1", port, version, out);
  }

  /** As {@link #load(List, List, String, Path, int, String, PrintWriter)} on loopback. */
  public static Web load(List<Path> reviews, List<org.tollgate.review.ReviewRunner.Outcome> outcomes, Path base, int port, String version,
      PrintWriter out) throws IOException {
    return load(reviews, outcomes, base, "127.0.0.1", port, version, out);
  }

  /**
   * As {@link #load(List, Path, int, String, PrintWriter)}, with reviews already run (the case library's): {@code outcomes.get(i)}
   * is the outcome of {@code reviews.get(i)}, recorded as it is (the fresh store has no attestations to add), or null to run it;
   * served on {@code host} (the demo's accounts share one known password: anything but loopback is for a trusted network only).
   */
  public static Web load(List<Path> reviews, List<org.tollgate.review.ReviewRunner.Outcome> outcomes, Path base, String host, int port,
      String version, PrintWriter out) throws IOException {
    if (outcomes.size() != reviews.size()) throw new IllegalArgumentException("one outcome (or null) per review folder");
    Bundles.delete(base.resolve("store"));
    Store store = Store.open(Store.h2File(base.resolve("store").resolve("store")));
    store.people().addUser("admin", EnumSet.of(People.Role.ADMIN), PASSWORD.toCharArray(), null);
    People.Principal admin = store.people().login("admin", PASSWORD.toCharArray());
    for (Map.Entry<String, People.Role> a : ACCOUNTS.entrySet()) {
      if (!a.getKey().equals("admin")) store.people().addUser(a.getKey(), EnumSet.of(a.getValue()), PASSWORD.toCharArray(), admin);
    }
    Web web = null;
    for (int p = port; web == null; p++) {
      if (p > port + 20) throw new IOException("no free port on " + host + " from " + port + " to " + (port + 20));
      try {
        web = Web.create(new Web.Settings(host, p, store, version, base.resolve("uploads"), Bundles.Limits.DEFAULT.maxUploadBytes())).start();
      } catch (io.javalin.util.JavalinBindException busy) {
        // taken: try the next one
      }
    }
    for (int k = 0; k < reviews.size(); k++) {
      Path r = reviews.get(k);
      Workbench.Ran ran = outcomes.get(k) == null ? web.bench.runFolder(r, admin) : web.bench.record(r, outcomes.get(k), admin);
      out.println("Recorded " + ran.useCaseId() + ": " + ran.verdict() + " (run " + ran.runId().substring(0, 8) + ")");
    }
    out.println();
    out.println("tollgate web app: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.port() + "/");
    out.println("Log in as any of " + String.join(", ", ACCOUNTS.keySet().stream().map(n -> n + " (" + ACCOUNTS.get(n).word().replace('_', ' ') + ")").toList()));
    out.println("with the password " + PASSWORD + ". Press Ctrl-C to stop.");
    out.flush();
    return web;
  }
}
