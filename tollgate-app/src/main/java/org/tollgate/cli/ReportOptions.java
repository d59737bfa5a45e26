package org.tollgate.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output FILE|-} and {@code --format json|table}, shared by every command that writes a
 * report: add it with {@code @Mixin ReportOptions report;}. Files are written atomically ({@link Output}).
 */
public final class ReportOptions {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = "-", description = "Where to write (default: standard output).")
  String output;

  @Option(names = "--format", paramLabel = "json|table", description = "Output format (default: table on the terminal, json to a file).")
  String format;

  /**
   * "json" or "table"; checked before any work is done so a typo fails fast, and so is the place to write:
   * a folder, a read-only file or a missing or read-only folder is bad input before the report is computed.
   */
  String format() {
    String f = Output.format(format, output);
    if (output != null && !output.equals("-")) {
      org.tollgate.ingest.write.AtomicFile.checkWritable(java.nio.file.Path.of(output));
    }
    return f;
  }

  void write(PrintWriter stdout, Consumer<PrintWriter> body) {
    Output.write(output, stdout, body);
  }
}
