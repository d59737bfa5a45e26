package org.tollgate.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;

/**
 * Reads a prediction log into a {@link ScoreTable}. The one entry point for every command that takes
 * a prediction file, and the method benchmarks time.
 *
 * <p>Formats, by extension, else by the first bytes: CSV with a header ({@code .csv}, {@code .csv.gz});
 * Parquet ({@code .parquet}, a directory of {@code .parquet} files, or a glob such as
 * {@code logs/part-*.parquet}, files read in name order); FHIR R4 RiskAssessments ({@code .ndjson},
 * {@code .ndjson.gz}, {@code .jsonl}, or any file starting with <code>{</code> such as {@code .json}: NDJSON lines, or one
 * resource or searchset/collection Bundle; see {@link FhirNdjsonReader} for what R4 makes it skip or refuse).
 *
 * <p>What the table holds:
 * <ul>
 *   <li>Rows sorted by (encounter, time) when both are read; otherwise in file order.
 *   <li>Rows with the same (encounter, time) are one prediction: the highest score is kept (ties:
 *       label 1, then the larger attribute codes), the others counted in
 *       {@link InputRecord#duplicateRows()}; {@link #warnings} words it for the user.
 *   <li>Encounter, patient and attribute-level codes in the order of their string values, so the
 *       same data gives the same table whatever the format or the row order.
 *   <li>An empty attribute value is the level {@value DuckDbReader#MISSING_LEVEL}. An empty score,
 *       label, time, encounter or patient id is an error.
 *   <li>Times: see {@link Timestamps} (ISO-8601; no offset means the mapping's zone).
 * </ul>
 *
 * <p>Bad input throws {@link BadInputException} naming the file, the row (1-based data row, header
 * not counted) or line (NDJSON, CSV structure), and the column; the first offending row in file order
 * is reported. Nothing is written, except that DuckDB may spill to a private directory under
 * {@code java.io.tmpdir} (removed after the read) when an input is larger than memory.
 *
 * <p>Provenance: every table's {@link ScoreTable#input()} carries the SHA-256 of the bytes read
 * (computed on a second thread while the file is parsed), the format, the row counts and the mapping
 * actually used (roles not read are null; attributes kept).
 *
 * <p>Stateless and thread-safe; each call opens its own in-memory DuckDB.
 */
public final class PredictionReader {

  public PredictionReader() {}

  /**
   * Reads a prediction log.
   *
   * @param file a file, a directory of Parquet files, or a glob of Parquet files
   * @param mapping which column holds what
   * @param need which columns the command cannot do without
   * @throws BadInputException when the input cannot be read or fails validation
   */
  public ScoreTable read(Path file, ColumnMapping mapping, Need need) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(need, "need");
    InputSource src = InputSource.resolve(file);
    FutureTask<String> sha = new FutureTask<>(src::sha256);
    Thread hasher = new Thread(sha, "tollgate-sha256");
    hasher.setDaemon(true);
    hasher.start();
    try {
      if (src.format == InputFormat.FHIR_NDJSON) {
        return new FhirNdjsonReader(src, mapping, need).read(() -> await(sha));
      }
      return new DuckDbReader(src, mapping, need).read(() -> await(sha));
    } finally {
      sha.cancel(true);
    }
  }

  /**
   * The columns of a CSV or Parquet file in file order (for {@code inspect}, which surveys them all);
   * empty for FHIR NDJSON, whose fields are fixed.
   */
  public List<String> columns(Path file) {
    InputSource src = InputSource.resolve(file);
    return src.format == InputFormat.FHIR_NDJSON ? List.of() : DuckDbReader.columns(src);
  }

  /** The format {@link #read} would use for this path. */
  public InputFormat format(Path file) {
    return InputSource.resolve(file).format;
  }

  /**
   * Lines a command should print to stderr about a successful read: resources skipped on purpose (FHIR RiskAssessments
   * entered in error or cancelled), then dropped duplicates. Counts only; nothing that names a patient.
   */
  public static List<String> warnings(InputRecord input) {
    if (input == null) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    if (!input.skipped().isEmpty()) {
      long k = input.skippedRows();
      out.add(input.path() + ": " + k + " RiskAssessment" + (k == 1 ? "" : "s") + " skipped, not read as scores: "
          + FhirNdjsonReader.skippedWords(input.skipped()));
    }
    if (input.duplicateRows() > 0) {
      long d = input.duplicateRows();
      out.add(input.path() + ": " + d + " duplicate (encounter, time) row" + (d == 1 ? "" : "s")
          + " dropped; the highest score of each (encounter, time) was kept");
    }
    return out;
  }

  private static String await(FutureTask<String> sha) {
    try {
      return sha.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing the input", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BadInputException b) {
        throw b;
      }
      throw new IllegalStateException("hashing the input failed", e.getCause());
    }
  }
}
