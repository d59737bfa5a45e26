package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
    Path dir = path.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new BadInputException(target, "the output folder does not exist");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); PrintWriter pw = new PrintWriter(w)) {
        body.accept(pw);
        pw.flush();
        if (pw.checkError()) throw new IOException("write failed");
      }
      readableByAll(tmp);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
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
