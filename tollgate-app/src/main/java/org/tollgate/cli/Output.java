package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.tollgate.data.BadInputException;
import org.tollgate.ingest.write.AtomicFile;

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
    Path path = Path.of(target);
    AtomicFile.checkWritable(path);
    try {
      atomic(path, o -> {
        PrintWriter pw = new PrintWriter(new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8));
        body.accept(pw);
        pw.flush();
        if (pw.checkError()) throw new IOException("write failed");
      });
    } catch (IOException e) {
      throw new BadInputException(target, "cannot write: " + e.getMessage());
    }
  }

  /**
   * Writes {@code target} atomically ({@link AtomicFile#write}); every file tollgate writes goes through here.
   * A target that is a folder or a read-only file, or a folder that is missing or read-only, is bad input.
   */
  static void atomic(Path target, AtomicFile.Body body) throws IOException {
    AtomicFile.write(target, body);
  }

  /** Creates an output folder, or says (bad input) why it cannot be one ({@link AtomicFile#folder}). */
  static Path folder(Path dir) {
    return AtomicFile.folder(dir);
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
