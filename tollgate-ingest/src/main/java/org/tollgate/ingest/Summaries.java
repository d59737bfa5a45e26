package org.tollgate.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tollgate.alerts.RunFile;
import org.tollgate.data.BadInputException;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.SummaryFile;

/**
 * Reading the summary files a job elsewhere (the Spark module) writes: an evaluation summary
 * ({@code tollgate.summary/v1}) and a simulation summary ({@code tollgate.simulation-summary/v3}). The
 * command line ({@code evaluate --summary}, {@code simulate --summary}) and a review's
 * {@code data.evaluation_summary} / {@code data.simulation_summary} read them here.
 */
public final class Summaries {
  private Summaries() {}

  /** An evaluation summary file; a missing, unreadable, truncated or altered file is a {@link BadInputException} naming it. */
  public static SummaryFile evaluation(Path file) {
    try (InputStream in = open(file)) {
      return SummaryFile.read(in, file.toString());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** A simulation summary file; a missing, unreadable, truncated or altered file is a {@link BadInputException} naming it. */
  public static RunFile simulation(Path file) {
    try (InputStream in = open(file)) {
      return RunFile.read(in, file.toString());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * The summary file itself as an input of a review: its path, its schema as the format, its own SHA-256, and
   * the rows and column mapping of the data it was made from ({@code madeFrom}).
   */
  public static InputRecord asInput(Path file, String schema, InputRecord madeFrom) {
    return new InputRecord(file.toString(), schema, Hashes.file(file), madeFrom.rows(), madeFrom.duplicateRows(), madeFrom.mapping());
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return new BufferedInputStream(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException(file.toString(), "file not found");
    }
  }

  private static BadInputException unreadable(Path file, IOException e) {
    return new BadInputException(file.toString(), "cannot be read: " + e.getMessage());
  }
}
