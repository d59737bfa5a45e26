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

  /** "json" or "table"; checked before any work is done so a typo fails fast. */
  String format() {
    return Output.format(format, output);
  }

  void write(PrintWriter stdout, Consumer<PrintWriter> body) {
    Output.write(output, stdout, body);
  }
}
