package org.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of writing review runs: a child JVM records runs of 300 items in a loop into a
 * file-based H2 store and is killed ({@link ProcessHandle#destroyForcibly()}, SIGKILL on Unix) while writing.
 * Three rounds into the same store, each killed at a different point. Afterwards every run the writer
 * reported committed is there (none lost to a write delay), every stored run has all its items and its
 * input, every run has its audit entry, and the chain verifies.
 */
class CrashConsistencyTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a child that never commits must not hang the build
  void killedWriterLeavesNoRunWithoutItsItemsAndAChainThatVerifies() throws Exception {
    String url = Store.h2File(dir.resolve("store"));
    try (Store migrated = Store.open(url)) { // migrate first, so the child's first write is a run
      assertEquals(0, migrated.reviews().all().size());
    }
    long[] waits = {0, 150, 400};
    long reported = 0;
    for (long extra : waits) {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), url)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      long committed = 0; // the writer's last "committed n": each is printed after its run's commit returned
      while (committed < 2 && (line = out.readLine()) != null) {
        committed = committedRun(line, committed);
      }
      assertEquals(2, committed, "the writer committed runs before the kill");
      Thread.sleep(extra); // kill at a different point of a write each round
      p.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves the pipe readable to its end
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      while ((line = out.readLine()) != null) committed = committedRun(line, committed); // printed before it died
      reported += committed;
    }
    try (Store store = Store.open(url)) {
      check(store, reported);
    }
  }

  private static long committedRun(String line, long last) {
    return line.matches("committed \\d+") ? Long.parseLong(line.substring("committed ".length())) : last;
  }

  private static void check(Store store, long reported) throws Exception {
    List<Reviews.Run> runs = store.reviews().all();
    assertTrue(runs.size() >= reported, "the writer reported " + reported + " runs committed, the store has " + runs.size());
    for (Reviews.Run r : runs) {
      assertEquals(CrashWriter.ITEMS, r.items().size(), "run " + r.id() + " has all its items");
      assertEquals(1, r.inputs().size(), "run " + r.id() + " has its input");
    }
    try (Connection c = store.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'review.run'")) {
      rs.next();
      assertEquals(runs.size(), rs.getLong(1), "one audit entry per run, no more, no less");
    }
    AuditLog.Verification v = store.audit().verify();
    assertTrue(v.intact(), v.problem());
  }
}
