package org.tollgate.ingest.write;

import org.tollgate.ingest.Hashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tollgate.cohort.BedsideCohort;
import org.tollgate.cohort.BedsideInputs;
import org.tollgate.cohort.Cohort;
import org.tollgate.cohort.Encounter;
import org.tollgate.cohort.EventSink;
import org.tollgate.cohort.Outage;
import org.tollgate.data.BadInputException;
import org.tollgate.ingest.write.StreamedTable.Column;
import org.tollgate.ingest.write.StreamedTable.Kind;

/**
 * Writes a {@link Cohort} to a directory:
 *
 * <pre>
 * scores.{parquet|csv}      patient_id, encounter_id, time, score, label, &lt;attributes…&gt;   by encounter, time
 * events.{parquet|csv}      encounter_id, time, type, value, end_time                        by encounter, time
 * encounters.{parquet|csv}  encounter_id, patient_id, admit, discharge, label, &lt;attributes…&gt;
 * outages.{parquet|csv}     start, end, system                                               by start
 * features.{parquet|csv}    encounter_id, time, then per bedside input its value and its source time
 *                           (&lt;input&gt;_time), then &lt;attribute&gt;_time per encounter attribute (recorded at
 *                           admission), one row per charting time    by encounter, time
 *                           (only for a {@link BedsideCohort}; see {@link BedsideInputs})
 * cohort.json               generator, settings (seed included), files with row counts, bytes and SHA-256, tool version
 * </pre>
 *
 * <p>Times are UTC instants: in Parquet {@code TIMESTAMP WITH TIME ZONE} (INT64 microseconds,
 * {@code isAdjustedToUTC=true}); in CSV ISO-8601 strings such as {@code 2025-01-01T00:15:00Z}.
 * {@code label} is an integer 0/1; {@code value} and {@code end_time} are empty (NULL) where an
 * event has none; every other column is text. Parquet files are zstd-compressed.
 *
 * <p>How: each file is one DuckDB {@code COPY (SELECT … FROM java_table_function()) TO …} in an
 * in-memory DuckDB with a memory limit, the table function fed by a generator thread (see
 * {@link StreamedTable}), so memory does not grow with the cohort. The directory appears only when
 * every file is complete (see {@link OutputDirectory}); on failure or ctrl-C it does not appear.
 * The output is a pure function of the cohort's settings and the tool version: the same seed gives
 * byte-identical files.
 *
 * <p>Speed ({@code WriteStrategiesBenchmark} in the test sources, 20,000 encounters = 9.06M score
 * rows, best of 3 on a shared 2-core machine): this table-function path 3.8 s (2.4M rows/s); DuckDB's
 * appender into a table of a temporary database, then {@code COPY}, 6.4× slower; writing CSV and
 * letting DuckDB convert it, 1.7× slower. The limit is DuckDB's Parquet encoding, which runs on one
 * thread because rows must stay in generation order; generation itself takes under a fifth of
 * that. One million encounters (457M score rows) take about 3.7 minutes with a peak RSS near 450 MB.
 */
public final class CohortWriter {

  /** File format of the tables. */
  public enum Format {
    PARQUET,
    CSV;

    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code parquet} or {@code csv}, any case. */
    public static Format parse(String s) {
      for (Format f : values()) {
        if (f.extension().equalsIgnoreCase(s)) {
          return f;
        }
      }
      throw new IllegalArgumentException("format must be parquet or csv, got '" + s + "'");
    }
  }

  /** What the writer is doing, for progress displays. */
  public enum Phase {
    SCORES,
    EVENTS,
    ENCOUNTERS,
    OUTAGES,
    FEATURES,
    MANIFEST
  }

  /** Receives progress from a writer thread; must be cheap (called once per encounter). */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (phase, done, total) -> {};

    void update(Phase phase, long encountersDone, long encountersTotal);
  }

  /**
   * What was written.
   *
   * @param directory the finished directory
   * @param format the table format
   * @param rows rows per table: scores, events, encounters, outages
   * @param files the files written, manifest last
   * @param bytes total size of the files
   * @param elapsed wall-clock time of the whole write
   */
  public record Result(Path directory, Format format, Map<String, Long> rows, List<Path> files, long bytes, Duration elapsed) {
    public Result {
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
      files = List.copyOf(files);
    }
  }

  public static final String MANIFEST = "cohort.json";
  public static final String SCHEMA = "tollgate.cohort/v1";
  public static final String SCORES = "scores";
  public static final String EVENTS = "events";
  public static final String ENCOUNTERS = "encounters";
  public static final String OUTAGES = "outages";
  public static final String FEATURES = "features";

  /** Memory DuckDB may use for buffers (row groups being compressed); the JVM side needs a few MB. */
  static final String DUCKDB_MEMORY_LIMIT = "512MB";

  private final Format format;
  private final boolean overwrite;
  private final String toolVersion;
  private final Progress progress;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * @param format table format
   * @param overwrite whether an existing non-empty directory may be replaced
   * @param toolVersion recorded in the manifest, e.g. {@code tollgate 0.1.0}
   * @param progress progress listener, or {@link Progress#NONE}
   */
  public CohortWriter(Format format, boolean overwrite, String toolVersion, Progress progress) {
    this.format = Objects.requireNonNull(format, "format");
    this.overwrite = overwrite;
    this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    this.progress = progress == null ? Progress.NONE : progress;
  }

  /** Asks a running {@link #write} to stop; it then throws {@link CancellationException} and leaves no directory. */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Writes the cohort to {@code directory}, replacing it only when complete.
   *
   * @throws BadInputException when the directory exists and is not empty (without overwrite) or is a file
   * @throws CancellationException when {@link #cancel()} was called or the JVM began shutting down (ctrl-C)
   * @throws IOException when the files cannot be written
   */
  @SuppressWarnings("try") // the guard is held for its close(), not used in the body
  public Result write(Cohort cohort, Path directory) throws IOException {
    long started = System.nanoTime();
    try (CancelOnShutdown guard = new CancelOnShutdown(cancelled, "tollgate-writer-shutdown");
        OutputDirectory out = OutputDirectory.create(directory, overwrite)) {
      try {
        Map<String, Long> rows = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        writeTables(cohort, out.temp(), rows, files);
        progress.update(Phase.MANIFEST, cohort.encounters(), cohort.encounters());
        Path manifest = out.temp().resolve(MANIFEST);
        Files.writeString(manifest, manifest(cohort, rows, files, out.temp()), StandardCharsets.UTF_8);
        files.add(manifest);
        if (cancelled.get()) {
          throw new CancellationException("cancelled");
        }
        long bytes = 0;
        for (Path f : files) {
          bytes += Files.size(f);
        }
        out.commit();
        List<Path> finalFiles = files.stream().map(f -> out.target().resolve(f.getFileName())).toList();
        return new Result(out.target(), format, rows, finalFiles, bytes, Duration.ofNanos(System.nanoTime() - started));
      } catch (SQLException e) {
        throw new IOException("DuckDB failed writing " + directory + ": " + e.getMessage(), e);
      }
    }
  }

  private void writeTables(Cohort cohort, Path dir, Map<String, Long> rows, List<Path> files)
      throws SQLException, IOException {
    try (Connection c = org.tollgate.ingest.DuckDb.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("SET memory_limit = '" + DUCKDB_MEMORY_LIMIT + "'");
        st.execute("SET temp_directory = '" + sqlString(dir.resolve(".duckdb-tmp").toString()) + "'");
        st.execute("SET preserve_insertion_order = true");
        st.execute("SET enable_progress_bar = false");
      }
      rows.put(SCORES, copy(c, dir, files, SCORES, scoreColumns(cohort), scoreSelect(cohort), scoreProducer(cohort)));
      rows.put(EVENTS, copy(c, dir, files, EVENTS, EVENT_COLUMNS, eventSelect(), eventProducer(cohort)));
      rows.put(ENCOUNTERS, copy(c, dir, files, ENCOUNTERS, encounterColumns(cohort), encounterSelect(cohort), encounterProducer(cohort)));
      rows.put(OUTAGES, copy(c, dir, files, OUTAGES, OUTAGE_COLUMNS, outageSelect(), outageProducer(cohort)));
      if (cohort instanceof BedsideCohort b) {
        rows.put(FEATURES, copy(c, dir, files, FEATURES, featureColumns(cohort), featureSelect(cohort), featureProducer(b)));
      }
    }
    OutputDirectory.deleteRecursively(dir.resolve(".duckdb-tmp"));
  }

  private long copy(Connection c, Path dir, List<Path> files, String table, List<Column> columns, String select,
      StreamedTable.Producer producer) throws SQLException {
    if (cancelled.get()) {
      throw new CancellationException("cancelled");
    }
    Path file = dir.resolve(table + "." + format.extension());
    String function = "tollgate_" + table;
    String options = format == Format.PARQUET ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
    String sql = "COPY (" + select.replace("$FN", function + "()") + ") TO '" + sqlString(file.toString()) + "' (" + options + ")";
    long n = new StreamedTable(columns, cancelled).copy(c, function, sql, producer);
    files.add(file);
    return n;
  }

  // ------------------------------------------------------------------ tables

  /** A UTC instant from epoch seconds: TIMESTAMPTZ in Parquet, an ISO-8601 string in CSV. */
  private String time(String column) {
    return format == Format.PARQUET
        ? "to_timestamp(" + column + ")"
        : "strftime(make_timestamp(" + column + " * 1000000), '%Y-%m-%dT%H:%M:%SZ')";
  }

  private static List<Column> scoreColumns(Cohort cohort) {
    return withAttributes(cohort, new Column("patient_id", Kind.VARCHAR), new Column("encounter_id", Kind.VARCHAR),
        new Column("t", Kind.BIGINT), new Column("score", Kind.DOUBLE), new Column("label", Kind.INTEGER));
  }

  /** The given columns, then one text column per encounter attribute of the cohort. */
  private static List<Column> withAttributes(Cohort cohort, Column... first) {
    List<Column> cols = new ArrayList<>(List.of(first));
    for (String a : cohort.attributeNames()) {
      cols.add(new Column(a, Kind.VARCHAR));
    }
    return cols;
  }

  private String scoreSelect(Cohort cohort) {
    return "SELECT patient_id, encounter_id, " + time("t") + " AS \"time\", score, label" + attributeList(cohort) + " FROM $FN";
  }

  private static String attributeList(Cohort cohort) {
    StringBuilder sb = new StringBuilder();
    for (String a : cohort.attributeNames()) {
      sb.append(", ").append(quoteIdentifier(a));
    }
    return sb.toString();
  }

  private StreamedTable.Producer scoreProducer(Cohort cohort) {
    return rows -> {
      EncounterBytes current = new EncounterBytes(cohort.attributeNames().size());
      int n = cohort.encounters();
      int attrs = cohort.attributeNames().size();
      cohort.generate(
          e -> {
            current.set(e);
            progress.update(Phase.SCORES, e.index(), n);
          },
          (e, t, s) -> {
            rows.beginRow();
            rows.setString(0, current.patient);
            rows.setString(1, current.encounter);
            rows.setLong(2, t);
            rows.setDouble(3, s);
            rows.setInt(4, e.label());
            for (int a = 0; a < attrs; a++) {
              rows.setString(5 + a, current.attributes[a]);
            }
            rows.endRow();
          },
          null);
      progress.update(Phase.SCORES, n, n);
    };
  }

  private static final List<Column> EVENT_COLUMNS = List.of(
      new Column("encounter_id", Kind.VARCHAR),
      new Column("t", Kind.BIGINT),
      new Column("type", Kind.VARCHAR),
      new Column("value", Kind.DOUBLE),
      new Column("end_t", Kind.BIGINT));

  private String eventSelect() {
    return "SELECT encounter_id, " + time("t") + " AS \"time\", type, value, " + time("end_t") + " AS end_time FROM $FN";
  }

  private StreamedTable.Producer eventProducer(Cohort cohort) {
    return rows -> {
      EncounterBytes current = new EncounterBytes(0);
      Map<String, byte[]> types = new HashMap<>();
      int n = cohort.encounters();
      cohort.generate(
          e -> {
            current.set(e);
            progress.update(Phase.EVENTS, e.index(), n);
          },
          null,
          (e, t, type, value, end) -> {
            rows.beginRow();
            rows.setString(0, current.encounter);
            rows.setLong(1, t);
            rows.setString(2, types.computeIfAbsent(type, StreamedTable::utf8));
            rows.setDouble(3, value);
            rows.setLong(4, end == EventSink.NO_END ? StreamedTable.NULL_LONG : end);
            rows.endRow();
          });
      progress.update(Phase.EVENTS, n, n);
    };
  }

  private static List<Column> encounterColumns(Cohort cohort) {
    return withAttributes(cohort, new Column("encounter_id", Kind.VARCHAR), new Column("patient_id", Kind.VARCHAR),
        new Column("admit_t", Kind.BIGINT), new Column("discharge_t", Kind.BIGINT), new Column("label", Kind.INTEGER));
  }

  private String encounterSelect(Cohort cohort) {
    return "SELECT encounter_id, patient_id, " + time("admit_t") + " AS admit, " + time("discharge_t")
        + " AS discharge, label" + attributeList(cohort) + " FROM $FN";
  }

  private StreamedTable.Producer encounterProducer(Cohort cohort) {
    return rows -> {
      EncounterBytes current = new EncounterBytes(cohort.attributeNames().size());
      int n = cohort.encounters();
      int attrs = cohort.attributeNames().size();
      cohort.generate(
          e -> {
            current.set(e);
            rows.beginRow();
            rows.setString(0, current.encounter);
            rows.setString(1, current.patient);
            rows.setLong(2, e.admitEpochSecond());
            rows.setLong(3, e.dischargeEpochSecond());
            rows.setInt(4, e.label());
            for (int a = 0; a < attrs; a++) {
              rows.setString(5 + a, current.attributes[a]);
            }
            rows.endRow();
            progress.update(Phase.ENCOUNTERS, e.index(), n);
          },
          null,
          null);
      progress.update(Phase.ENCOUNTERS, n, n);
    };
  }

  private static final List<Column> OUTAGE_COLUMNS = List.of(
      new Column("start_t", Kind.BIGINT),
      new Column("end_t", Kind.BIGINT),
      new Column("system", Kind.VARCHAR));

  private String outageSelect() {
    return "SELECT " + time("start_t") + " AS \"start\", " + time("end_t") + " AS \"end\", system FROM $FN";
  }

  private StreamedTable.Producer outageProducer(Cohort cohort) {
    return rows -> {
      for (Outage o : cohort.outages()) {
        rows.beginRow();
        rows.setLong(0, o.startEpochSecond());
        rows.setLong(1, o.endEpochSecond());
        rows.setString(2, StreamedTable.utf8(o.system()));
        rows.endRow();
      }
      progress.update(Phase.OUTAGES, cohort.encounters(), cohort.encounters());
    };
  }

  private static List<Column> featureColumns(Cohort cohort) {
    List<Column> cols = new ArrayList<>(List.of(new Column("encounter_id", Kind.VARCHAR), new Column("t", Kind.BIGINT)));
    for (String in : BedsideInputs.INPUTS) {
      cols.add(new Column(in, Kind.DOUBLE));
      cols.add(new Column(in + "_t", Kind.BIGINT));
    }
    cols.add(new Column("admit_t", Kind.BIGINT));
    return cols;
  }

  private String featureSelect(Cohort cohort) {
    StringBuilder sb = new StringBuilder("SELECT encounter_id, " + time("t") + " AS \"time\"");
    for (String in : BedsideInputs.INPUTS) {
      sb.append(", ").append(quoteIdentifier(in)).append(", ").append(time(quoteIdentifier(in + "_t")))
          .append(" AS ").append(quoteIdentifier(in + BedsideInputs.TIME_SUFFIX));
    }
    // encounter attributes (unit, payer, ZIP, ...) are recorded at admission: their source time, for item 1
    for (String a : cohort.attributeNames()) {
      sb.append(", ").append(time("admit_t")).append(" AS ").append(quoteIdentifier(a + BedsideInputs.TIME_SUFFIX));
    }
    return sb.append(" FROM $FN").toString();
  }

  private StreamedTable.Producer featureProducer(BedsideCohort cohort) {
    return rows -> {
      EncounterBytes current = new EncounterBytes(0);
      int n = cohort.encounters();
      int inputs = BedsideInputs.INPUTS.size();
      cohort.generateFeatures(0, n,
          e -> {
            current.set(e);
            progress.update(Phase.FEATURES, e.index(), n);
          },
          (e, t, values, times) -> {
            rows.beginRow();
            rows.setString(0, current.encounter);
            rows.setLong(1, t);
            for (int i = 0; i < inputs; i++) {
              rows.setDouble(2 + 2 * i, values[i]);
              rows.setLong(3 + 2 * i, times[i] == org.tollgate.cohort.FeatureSink.NO_TIME ? StreamedTable.NULL_LONG : times[i]);
            }
            rows.setLong(2 + 2 * inputs, e.admitEpochSecond());
            rows.endRow();
          });
      progress.update(Phase.FEATURES, n, n);
    };
  }

  /** UTF-8 bytes of the current encounter's strings, encoded once per encounter. */
  private static final class EncounterBytes {
    private final Map<String, byte[]> levels = new HashMap<>();
    byte[] encounter;
    byte[] patient;
    final byte[][] attributes;

    EncounterBytes(int attributeCount) {
      attributes = new byte[attributeCount][];
    }

    void set(Encounter e) {
      encounter = StreamedTable.utf8(e.encounterId());
      patient = StreamedTable.utf8(e.patientId());
      for (int a = 0; a < attributes.length; a++) {
        attributes[a] = levels.computeIfAbsent(e.attribute(a), StreamedTable::utf8);
      }
    }
  }

  // ------------------------------------------------------------------ manifest

  private String manifest(Cohort cohort, Map<String, Long> rows, List<Path> files, Path dir) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("generator", cohort.name());
    m.put("settings", cohort.describe());
    m.put("tool_version", toolVersion);
    m.put("format", format.extension());
    m.put("attributes", cohort.attributeNames());
    List<Object> list = new ArrayList<>();
    List<String> tables = new ArrayList<>(List.of(SCORES, EVENTS, ENCOUNTERS, OUTAGES));
    if (cohort instanceof BedsideCohort) tables.add(FEATURES);
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("table", tables.get(i));
      entry.put("file", f.getFileName().toString());
      entry.put("rows", rows.get(tables.get(i)));
      entry.put("bytes", Files.size(f));
      entry.put("sha256", Hashes.file(f));
      entry.put("columns", columnNames(tables.get(i), cohort));
      list.add(entry);
    }
    m.put("files", list);
    return Json.write(m);
  }

  /** The column names of a written table, in file order. */
  public static List<String> columnNames(String table, Cohort cohort) {
    List<String> cols = new ArrayList<>();
    switch (table) {
      case SCORES -> {
        cols.addAll(List.of("patient_id", "encounter_id", "time", "score", "label"));
        cols.addAll(cohort.attributeNames());
      }
      case EVENTS -> cols.addAll(List.of("encounter_id", "time", "type", "value", "end_time"));
      case ENCOUNTERS -> {
        cols.addAll(List.of("encounter_id", "patient_id", "admit", "discharge", "label"));
        cols.addAll(cohort.attributeNames());
      }
      case OUTAGES -> cols.addAll(List.of("start", "end", "system"));
      case FEATURES -> {
        cols.addAll(List.of("encounter_id", "time"));
        for (String in : BedsideInputs.INPUTS) {
          cols.add(in);
          cols.add(in + BedsideInputs.TIME_SUFFIX);
        }
        for (String a : cohort.attributeNames()) cols.add(a + BedsideInputs.TIME_SUFFIX);
      }
      default -> throw new IllegalArgumentException("no table " + table);
    }
    return cols;
  }

  private static String sqlString(String s) {
    return s.replace("'", "''");
  }

  private static String quoteIdentifier(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
