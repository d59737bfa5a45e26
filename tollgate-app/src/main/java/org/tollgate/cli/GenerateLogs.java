package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.tollgate.data.BadInputException;
import org.tollgate.format.Units;
import org.tollgate.ingest.write.AuditLogWriter;
import org.tollgate.ingest.write.CohortWriter;
import org.tollgate.ingest.write.CohortWriter.Format;
import picocli.CommandLine;

/** Shared by the generate subcommands that write interaction and audit logs ({@link AuditLogWriter}). */
final class GenerateLogs {
  private GenerateLogs() {}

  /** What writes the files into a directory. */
  @FunctionalInterface
  interface Body {
    CohortWriter.Result write(AuditLogWriter writer, Path directory) throws IOException;
  }

  /** Writes with the output options, prints a summary on stdout, and returns the exit code. */
  static int write(CommandLine cl, GenerateCommand.OutputOptions options, Path defaultOut, String name, String size, long seed, Body body) {
    Format format;
    try {
      format = Format.parse(options.format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, "--format must be parquet or csv, got '" + options.format + "'");
    }
    Path out = options.out != null ? options.out : defaultOut;
    AuditLogWriter writer = new AuditLogWriter(format, options.force, new Main.Version().getVersion()[0]);
    CohortWriter.Result r;
    try {
      r = body.write(writer, out);
    } catch (CancellationException e) {
      cl.getErr().println("tollgate: interrupted; nothing was written to " + out);
      cl.getErr().flush();
      return 130;
    } catch (AccessDeniedException e) {
      throw new BadInputException(out.toString(), "cannot write there: permission denied (" + e.getFile() + ")");
    } catch (FileSystemException e) {
      throw new BadInputException(out.toString(), "cannot write there: " + e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PrintWriter o = cl.getOut();
    o.printf(Locale.ROOT, "Wrote %s log: %s, seed %d, to %s in %s%n", name, size, seed, r.directory(), GenerateCommand.duration(r.elapsed()));
    for (Path f : r.files()) {
      String file = f.getFileName().toString();
      Long rows = r.rows().get(file.contains(".") ? file.substring(0, file.indexOf('.')) : file);
      long bytes;
      try {
        bytes = Files.size(f);
      } catch (IOException e) {
        bytes = -1;
      }
      o.printf(Locale.ROOT, "  %-20s %15s %10s%n", file, rows == null ? "" : Units.count(rows, "row"),
          GenerateCommand.size(bytes));
    }
    o.flush();
    return ExitCodes.OK;
  }
}
