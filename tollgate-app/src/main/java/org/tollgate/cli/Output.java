package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import org.tollgate.data.BadInputException;

/**
 * Writes a command's output to stdout ("-") or to a file atomically: into a temporary file beside the
 * target, then renamed over it, so a failure never leaves a half-written report.
 */
final class Output {
  private Output() {}

  static void write(String target, PrintWriter stdout, Consumer<PrintWriter> body) {
    if (target == null || target.equals("-")) {
      body.accept(stdout);
      stdout.flush();
      return;
    }
    Path path = Path.of(target).toAbsolutePath();
    if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
      throw new BadInputException(target, "the output folder does not exist");
    }
    try {
      atomic(path, o -> {
        PrintWriter pw = new PrintWriter(new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8));
        body.accept(pw);
        pw.flush();
        if (pw.checkError()) throw new IOException("write failed");
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Writes the bytes of one file. */
  @FunctionalInterface
  interface Body {
    void write(OutputStream o) throws IOException;
  }

  /**
   * Writes {@code target} atomically: into a hidden temporary file beside it, made readable by all
   * (rw-r--r--), then renamed over the target; on any failure the temporary file is removed and the
   * target is untouched. Every file tollgate writes goes through here.
   */
  static void atomic(Path target, Body body) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
        body.write(o);
      }
      readableByAll(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Temporary files are created owner-only; a report is an ordinary file (rw-r--r--). */
  static void readableByAll(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the default ACL applies
    }
  }

  /** json when writing to a file, table on the terminal, unless the user chose. */
  static String format(String chosen, String target) {
    if (chosen != null) {
      String f = chosen.toLowerCase(java.util.Locale.ROOT);
      if (!f.equals("json") && !f.equals("table")) {
        throw new BadInputException(null, "--format must be json or table, got '" + chosen + "'");
      }
      return f;
    }
    return target == null || target.equals("-") ? "table" : "json";
  }
}
