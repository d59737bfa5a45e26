package org.tollgate.friction;

import java.util.List;
import java.util.Locale;
import org.tollgate.cohort.RadiologyReadingLog;

/**
 * Friction audit throughput harness (not a test; never run by {@code mvn verify}). Builds an
 * interaction log of about {@code ROWS} rows in memory with {@link RadiologyReadingLog} (about 205
 * rows per session, so 10 million rows are 48,800 sessions), then times {@link FrictionAudit#run}
 * with the default 1,000 bootstrap replicates, with and without a session column (without one,
 * sessions are rebuilt from idle gaps, which adds a sort by user and time).
 *
 * <p>Run from the worktree root:
 * <pre>
 * ./mvnw -q -B -o -pl tollgate-engine test-compile
 * ./mvnw -q -B -o -pl tollgate-engine dependency:build-classpath -Dmdep.outputFile=/tmp/cp-engine.txt
 * java -Xmx6g -cp tollgate-engine/target/test-classes:tollgate-engine/target/classes:$(cat /tmp/cp-engine.txt) \
 *     org.tollgate.friction.FrictionThroughput 10000000 3
 * </pre>
 */
public final class FrictionThroughput {
  private FrictionThroughput() {}

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int sessions = (int) Math.max(2, rows / 205);
    RadiologyReadingLog gen = new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(sessions));
    for (boolean withSessions : new boolean[] {true, false}) {
      long t0 = System.nanoTime();
      InteractionLog log = build(gen, withSessions);
      System.out.printf(Locale.ROOT, "%s: %,d rows, %,d sessions, built in %.1f s (%d cores, Java %s)%n",
          withSessions ? "session column" : "sessions rebuilt from idle gaps", log.rows(), sessions, (System.nanoTime() - t0) / 1e9,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      FrictionSettings settings = FrictionSettings.defaults();
      for (int r = 0; r < repeats; r++) {
        long a = System.nanoTime();
        FrictionReport rep = FrictionAudit.run(log, settings);
        double s = (System.nanoTime() - a) / 1e9;
        System.out.printf(Locale.ROOT, "  run %d: %.2f s  (%.1f M rows/s; extra per session %.1f s, verdict %s)%n", r + 1, s,
            log.rows() / s / 1e6, rep.compounding().extraSecondsPerSession().estimate(), rep.timeOnTask().verdict().jsonName());
      }
    }
  }

  private static InteractionLog build(RadiologyReadingLog gen, boolean withSessions) {
    InteractionLog.Builder b = new InteractionLog.Builder(withSessions, List.of("site", "shift"));
    Period[] periods = {Period.PRE, Period.POST};
    gen.generate((s, step, start, end) -> b.add(withSessions ? s.sessionId() : null, s.userId(), s.role(), step, start, end,
        periods[s.period().equals("pre") ? 0 : 1], s.site(), s.shift()));
    return b.build(null);
  }
}
