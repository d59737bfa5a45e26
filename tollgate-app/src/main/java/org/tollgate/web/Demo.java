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
    return load(reviews, outcomes, java.util.Set.of(), base, host, port, version, out);
  }

  /**
   * As {@link #load(List, List, Path, String, int, String, PrintWriter)}; the folders in {@code keepOut} are run and recorded
   * in the store without rewriting their {@code out/}: the demo's own {@code tollgate review} step wrote those files and
   * printed their run and checkpoint (in the command line's store), and a second run written over them would make the
   * checkpoint a reader wrote down disagree with the page in hand (r17 finding 7). The web app's pages and PDFs of the run
   * recorded here are made from the store and name this run.
   */
  public static Web load(List<Path> reviews, List<org.tollgate.review.ReviewRunner.Outcome> outcomes, java.util.Set<Path> keepOut, Path base,
      String host, int port, String version, PrintWriter out) throws IOException {
    if (outcomes.size() != reviews.size()) throw new IllegalArgumentException("one outcome (or null) per review folder");
    Bundles.delete(base.resolve("store"));
    Store store = Store.open(Store.h2File(base.resolve("store").resolve("store")));
    store.people().addUser("admin", EnumSet.of(People.Role.ADMIN), PASSWORD.toCharArray(), null);
    People.Principal admin = store.people().login("admin", PASSWORD.toCharArray());
    // The demo's accounts share a published password on loopback, so a visitor can be each in turn: not temporary.
    for (Map.Entry<String, People.Role> a : ACCOUNTS.entrySet()) {
      if (!a.getKey().equals("admin")) store.people().addUser(a.getKey(), EnumSet.of(a.getValue()), PASSWORD.toCharArray(), admin, false);
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
    // The cases' example attestations, signed in the demo's store by its example people (marked EXAMPLE).
    Map<String, People.Principal> signers = new LinkedHashMap<>();
    for (String who : org.tollgate.cases.ExampleSignatures.ROLE.keySet()) signers.put(who, store.people().login(who, PASSWORD.toCharArray()));
    for (Path r : reviews) {
      org.tollgate.ingest.config.ReviewFile rf = org.tollgate.ingest.config.ReviewFile.read(r);
      if (!rf.attestations().isEmpty()) org.tollgate.cases.ExampleSignatures.sign(store, rf, signers);
    }
    for (int k = 0; k < reviews.size(); k++) {
      Path r = reviews.get(k);
      boolean keep = keepOut.contains(r);
      Workbench.Ran ran = keep && outcomes.get(k) == null ? web.bench.runFolderKeepingOut(r, admin)
          : outcomes.get(k) == null ? web.bench.runFolder(r, admin) : web.bench.record(r, outcomes.get(k), admin);
      out.println("Recorded " + ran.useCaseId() + ": " + ran.verdict() + " (run " + ran.runId().substring(0, 8) + ")");
      if (keep) {
        out.println("  in the web app's store, audit checkpoint " + ran.checkpoint() + "; " + r.resolve("out")
            + " is left as `tollgate review` wrote it, naming the run and checkpoint it printed");
      }
    }
    out.println();
    out.println("tollgate web app: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.port() + "/");
    out.println("Log in as any of " + String.join(", ", ACCOUNTS.keySet().stream().map(n -> n + " (" + ACCOUNTS.get(n).word().replace('_', ' ') + ")").toList()));
    out.println("with the password " + PASSWORD + ". Press Ctrl-C to stop.");
    out.flush();
    return web;
  }
}
