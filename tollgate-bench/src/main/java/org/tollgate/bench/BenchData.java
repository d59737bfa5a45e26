package org.tollgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.ingest.write.CohortWriter;

/**
 * Input files for the benchmarks, made once and reused: a file is written to a temporary name and
 * renamed, so an interrupted setup never leaves a half-written file that a later run would trust.
 */
final class BenchData {
  private BenchData() {}

  /** Where data go: {@code -Dtollgate.bench.dir}, default {@code /tmp/tollgate-bench}. */
  static Path dir() {
    Path d = Path.of(System.getProperty("tollgate.bench.dir", "/tmp/tollgate-bench"));
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /**
   * The SELECT behind the ingest benchmark's prediction log: {@code rows} score rows, 450 per encounter
   * (a 4.7-day stay scored every 15 minutes, as {@code tollgate generate sepsis} makes on average),
   * 1.3 encounters per patient, 7% of encounters labelled 1, scores with three decimals (at most 1,001
   * distinct values), and three attributes with the generator's levels (age_band 4, sex 2,
   * comorbidity_band 3). Every value is a hash of the row number, so the file is the same on every run.
   * {@code shuffled} orders rows by a hash instead of (encounter, time), so the reader must sort.
   */
  static String predictionSql(long rows, boolean shuffled, boolean csv) {
    String time = "TIMESTAMP '2025-01-01 00:00:00' + to_seconds(e * 613 + k * 900)";
    String timeCol = csv ? "strftime(" + time + ", '%Y-%m-%dT%H:%M:%SZ')" : "CAST(" + time + " AS TIMESTAMPTZ)";
    return "SELECT 'P' || lpad(CAST(CAST(e / 1.3 AS BIGINT) AS VARCHAR), 8, '0') AS patient_id,"
        + " 'E' || lpad(CAST(e AS VARCHAR), 8, '0') AS encounter_id,"
        + " " + timeCol + " AS \"time\","
        + " round(CAST(hash(i, 1) % 1000001 AS DOUBLE) / 1e6, 3) AS score,"
        + " CAST(hash(e, 2) % 100 < 7 AS INTEGER) AS label,"
        + " ['18-44', '45-64', '65-74', '75+'][1 + CAST(hash(e, 3) % 4 AS BIGINT)] AS age_band,"
        + " ['F', 'M'][1 + CAST(hash(e, 4) % 2 AS BIGINT)] AS sex,"
        + " ['0', '1-2', '3+'][1 + CAST(hash(e, 5) % 3 AS BIGINT)] AS comorbidity_band"
        + " FROM (SELECT i, i // 450 AS e, i % 450 AS k FROM range(" + rows + ") t(i))"
        + (shuffled ? " ORDER BY hash(i * 7919)" : " ORDER BY i");
  }

  /** A prediction log of {@code rows} rows in {@code format} ("parquet" or "csv"); see {@link #predictionSql}. */
  static Path predictionLog(long rows, String format, boolean shuffled) {
    boolean csv = format.equals("csv");
    if (!csv && !format.equals("parquet")) {
      throw new IllegalArgumentException("format must be parquet or csv, got " + format);
    }
    Path file = dir().resolve("pred-" + rows + (shuffled ? "-shuffled" : "") + "." + format);
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    String options = csv ? "(FORMAT csv, HEADER)" : "(FORMAT parquet)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("COPY (" + predictionSql(rows, shuffled, csv) + ") TO '" + tmp + "' " + options);
      Files.move(tmp, file);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /**
   * A sepsis cohort as written by {@code tollgate generate sepsis --encounters N --days D --format parquet}
   * (default seed and start), made with the generator when absent. Returns its directory
   * ({@code scores.parquet}, {@code events.parquet}, ...).
   */
  static Path sepsis(int encounters, int days) {
    Path d = dir().resolve("sepsis-" + encounters + (days == SepsisCohort.Settings.DEFAULT_PERIOD_DAYS ? "" : "-" + days + "d"));
    // a cohort written before the generator charted bedside inputs lacks the features table: write it again
    if (Files.exists(d.resolve(CohortWriter.MANIFEST)) && Files.exists(d.resolve(CohortWriter.FEATURES + ".parquet"))) {
      return d;
    }
    SepsisCohort.Settings s = new SepsisCohort.Settings(encounters, SepsisCohort.Settings.DEFAULT_SEED,
        SepsisCohort.Settings.DEFAULT_START, days, SepsisCohort.Settings.DEFAULT_PREVALENCE,
        SepsisCohort.Settings.DEFAULT_SCORE_INTERVAL_MINUTES, SepsisCohort.Settings.DEFAULT_MEDIAN_STAY_DAYS,
        SepsisCohort.Settings.DEFAULT_MAX_STAY_DAYS, SepsisCohort.Settings.DEFAULT_SCORE_GAPS_DURING_OUTAGES);
    try {
      new CohortWriter(CohortWriter.Format.PARQUET, true, "bench", null).write(new SepsisCohort(s), d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /**
   * A file of the repository (e.g. {@code examples/sepsis/policy.yaml}): under {@code -Dtollgate.root},
   * else under the working directory or the nearest parent that has it.
   */
  static Path repoFile(String relative) {
    String root = System.getProperty("tollgate.root");
    if (root != null) {
      return Path.of(root).resolve(relative);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath()
        + "; run from the repository root or pass -Dtollgate.root=DIR");
  }

  static void log(String what) {
    System.out.println("# " + Instant.now() + " " + what);
  }
}
