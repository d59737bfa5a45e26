package org.tollgate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tollgate.ingest.write.CohortWriter;
import org.tollgate.ingest.write.CohortWriter.Phase;

/**
 * Progress of a cohort write on stderr: a bar redrawn in place four times a second when stderr is a
 * terminal (or {@code --progress}); otherwise a plain line every 10 seconds, so short runs and logs
 * stay quiet. The writer's threads only store numbers; a daemon thread draws.
 */
final class ProgressDisplay implements CohortWriter.Progress {
  private static final int WIDTH = 30;
  /** Share of the total work per phase (scores, events, encounters, outages, features, manifest), estimated: score rows dominate; the features pass replays the score model. */
  private static final double[] WEIGHT = {0.80, 0.04, 0.03, 0.0, 0.12, 0.01};

  private final PrintWriter err;
  private final boolean bar;
  private final long total;
  private volatile Phase phase = Phase.SCORES;
  private volatile long done;
  private volatile boolean running;
  private Thread thread;
  private long started;

  ProgressDisplay(PrintWriter err, boolean bar, long total) {
    this.err = err;
    this.bar = bar;
    this.total = Math.max(1, total);
  }

  @Override
  public void update(Phase phase, long encountersDone, long encountersTotal) {
    this.phase = phase;
    this.done = encountersDone;
  }

  void start() {
    started = System.nanoTime();
    running = true;
    thread = new Thread(this::loop, "tollgate-progress");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops drawing; a bar ends with a final "done" line on success, or just a line break. */
  void stop(boolean success) {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (bar) {
      err.print(success ? "\r" + line(true) + "\n" : "\n");
      err.flush();
    }
  }

  private void loop() {
    long period = bar ? 250 : 10_000;
    while (running) {
      try {
        Thread.sleep(period);
      } catch (InterruptedException e) {
        return;
      }
      if (!running) {
        return;
      }
      err.print(bar ? "\r" + line(false) : line(false) + "\n");
      err.flush();
    }
  }

  /** Overall fraction done: finished phases' weights plus the current phase's share. */
  double fraction() {
    Phase p = phase;
    double f = 0;
    for (int i = 0; i < p.ordinal(); i++) {
      f += WEIGHT[i];
    }
    return Math.min(1, f + WEIGHT[p.ordinal()] * Math.min(1, done / (double) total));
  }

  private String line(boolean finished) {
    double f = finished ? 1 : fraction();
    double elapsed = (System.nanoTime() - started) / 1e9;
    int filled = (int) Math.round(f * WIDTH);
    String left = f > 0.02 && !finished ? ", ~" + clock(elapsed * (1 - f) / f) + " left" : "";
    String what = finished ? "done" : phase.name().toLowerCase(Locale.ROOT);
    return String.format(Locale.ROOT, "[%s%s] %3.0f%% %-10s %,d/%,d encounters, %s%s   ",
        "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100, what,
        finished ? total : Math.min(done, total), total, clock(elapsed), left);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  /**
   * Whether stderr is a terminal. Java 17 has no direct test ({@code System.console()} looks at
   * stdin and stdout), so on Linux read where file descriptor 2 points.
   */
  static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception notLinux) {
      return System.console() != null;
    }
  }
}
