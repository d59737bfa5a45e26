package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.tollgate.cohort.Cohort;
import org.tollgate.data.BadInputException;
import org.tollgate.format.Units;
import org.tollgate.ingest.write.CohortWriter;
import org.tollgate.ingest.write.CohortWriter.Format;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate generate <cohort>}: writes a synthetic cohort to a directory. One subcommand per
 * cohort kind; a new kind is a sibling of {@link GenerateSepsisCommand} that builds its
 * {@link Cohort} and calls {@link #write}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a deterministic synthetic cohort (scores, events, encounters, outages and a cohort.json manifest)",
      "or log (an interaction log, an EHR audit log) for demos, benchmarks and tests. The same settings and seed",
      "give byte-identical files."
    },
    subcommands = {GenerateSepsisCommand.class, GenerateRadiologyCommand.class, GenerateDiabetesAuditCommand.class})
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("tollgate generate: name the cohort to generate, one of: "
        + String.join(", ", spec.subcommands().keySet()));
    err.println("Try 'tollgate generate sepsis --help' for usage.");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  /** Output options shared by every cohort kind. */
  static final class OutputOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: tollgate-data/<cohort>).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
        description = "parquet or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--force", description = "Replace DIR if it exists and is not empty.")
    boolean force;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal.")
    boolean progress;
  }

  /**
   * Writes {@code cohort} as the options say, with progress on stderr and a summary on stdout.
   *
   * @return the exit code
   */
  static int write(CommandLine cl, Cohort cohort, OutputOptions options, Path defaultOut) {
    Format format;
    try {
      format = Format.parse(options.format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, "--format must be parquet or csv, got '" + options.format + "'");
    }
    Path out = options.out != null ? options.out : defaultOut;
    PrintWriter err = cl.getErr();
    ProgressDisplay display = new ProgressDisplay(err, options.progress || ProgressDisplay.stderrIsTerminal(), cohort.encounters());
    CohortWriter writer = new CohortWriter(format, options.force, new Main.Version().getVersion()[0], display);
    CohortWriter.Result result = null;
    display.start();
    try {
      result = writer.write(cohort, out);
    } catch (CancellationException e) {
      err.println("tollgate: interrupted; nothing was written to " + out);
      err.flush();
      return 130;
    } catch (AccessDeniedException e) {
      throw new BadInputException(out.toString(), "cannot write there: permission denied (" + e.getFile() + ")");
    } catch (FileSystemException e) {
      throw new BadInputException(out.toString(), "cannot write there: " + e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      display.stop(result != null);
    }
    printSummary(cl.getOut(), cohort, result);
    return ExitCodes.OK;
  }

  private static void printSummary(PrintWriter out, Cohort cohort, CohortWriter.Result r) {
    out.printf(Locale.ROOT, "Wrote %s cohort: %s, seed %s, to %s in %s%n",
        cohort.name(), Units.count(cohort.encounters(), "encounter"), cohort.describe().get("seed"), r.directory(), duration(r.elapsed()));
    for (Path f : r.files()) {
      String name = f.getFileName().toString();
      String table = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      Long rows = r.rows().get(table);
      long bytes;
      try {
        bytes = Files.size(f);
      } catch (IOException e) {
        bytes = -1;
      }
      out.printf(Locale.ROOT, "  %-20s %15s %10s%n", name, rows == null ? "" : Units.count(rows, "row"), size(bytes));
    }
    long total = r.rows().values().stream().mapToLong(Long::longValue).sum();
    double seconds = Math.max(1e-3, r.elapsed().toNanos() / 1e9);
    out.printf(Locale.ROOT, "  %s, %s, %s score rows/s%n", Units.count(total, "row"), size(r.bytes()),
        Units.number(r.rows().getOrDefault(CohortWriter.SCORES, 0L) / seconds, 0));
    out.flush();
  }

  static String size(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return Units.seconds(d.toMillis() / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
