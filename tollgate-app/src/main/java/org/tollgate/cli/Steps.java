package org.tollgate.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Progress of a long step on stderr, so a command that reads millions of rows, bootstraps or searches is
 * never silent. On a terminal ({@link ProgressDisplay#stderrIsTerminal}) a line is redrawn in place four
 * times a second once the step has run two seconds — a moving bar, the step's name and the time so far —
 * and cleared when it ends. Elsewhere (a pipe, a log, CI) a plain line every 10 seconds once the step has
 * run that long, so short runs and logs stay quiet. Steps take no count of their work, so the bar moves to
 * show the step is alive, not how much is left. stdout is never written: a command's output stays clean.
 */
final class Steps {
  /** How long a step runs before anything is drawn (ms): short steps draw nothing. */
  static final long QUIET_MS = 2_000;
  /** Plain lines off a terminal: one per this many ms. */
  static final long PLAIN_EVERY_MS = 10_000;
  private static final int WIDTH = 20;

  private Steps() {}

  /** Runs {@code work} with progress for {@code label} on {@code err}. Exceptions pass through unchanged. */
  static <T> T run(PrintWriter err, String label, Callable<T> work) throws Exception {
    return run(err, ProgressDisplay.stderrIsTerminal(), label, work);
  }

  /** As {@link #run(PrintWriter, String, Callable)}, for work that throws only unchecked exceptions or I/O errors. */
  static <T> T io(PrintWriter err, String label, IoWork<T> work) throws java.io.IOException {
    try {
      return run(err, label, work::call);
    } catch (java.io.IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** As {@link #run(PrintWriter, String, Callable)}, for work that throws only unchecked exceptions. */
  static <T> T get(PrintWriter err, String label, java.util.function.Supplier<T> work) {
    try {
      return run(err, label, work::get);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A step that may throw I/O errors. */
  interface IoWork<T> {
    T call() throws java.io.IOException;
  }

  static <T> T run(PrintWriter err, boolean terminal, String label, Callable<T> work) throws Exception {
    long start = System.nanoTime();
    Thread drawer = new Thread(() -> draw(err, terminal, label, start), "tollgate-step");
    drawer.setDaemon(true);
    drawer.start();
    try {
      return work.call();
    } finally {
      drawer.interrupt();
      try {
        drawer.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void draw(PrintWriter err, boolean terminal, String label, long start) {
    boolean drawn = false;
    try {
      Thread.sleep(QUIET_MS);
      long tick = 0;
      while (!Thread.currentThread().isInterrupted()) {
        double s = (System.nanoTime() - start) / 1e9;
        if (terminal) {
          int at = (int) (tick++ % (2 * WIDTH - 2));
          int pos = at < WIDTH ? at : 2 * WIDTH - 2 - at;
          synchronized (err) {
            err.print("\r[" + ".".repeat(pos) + "#" + ".".repeat(WIDTH - 1 - pos) + "] " + label + " " + clock(s) + "   ");
            err.flush();
          }
          drawn = true;
          Thread.sleep(250);
        } else {
          Thread.sleep(tick++ == 0 ? PLAIN_EVERY_MS - QUIET_MS : PLAIN_EVERY_MS);
          synchronized (err) {
            err.println("tollgate: " + label + " (" + clock((System.nanoTime() - start) / 1e9) + " so far)");
            err.flush();
          }
        }
      }
    } catch (InterruptedException done) {
      // the step ended
    } finally {
      if (drawn) {
        synchronized (err) {
          // Clear the line so the command's own messages start at column 0.
          err.print("\r" + " ".repeat(WIDTH + label.length() + 16) + "\r");
          err.flush();
        }
      }
    }
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
