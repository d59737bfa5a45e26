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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tollgate.cohort.DiabetesAuditLog;
import org.tollgate.cohort.RadiologyReadingLog;
import org.tollgate.ingest.write.CohortWriter.Format;
import org.tollgate.ingest.write.StreamedTable.Column;
import org.tollgate.ingest.write.StreamedTable.Kind;

/**
 * Writes the generated interaction and audit logs to a directory, the way {@link CohortWriter} writes
 * cohorts (streamed through DuckDB, into a hidden temporary directory renamed into place only when
 * every file is complete), but with these logs' own tables:
 *
 * <pre>
 * radiology:       interactions.{parquet|csv}  session_id (unless left out), user_id, role, step, start_time, end_time,
 *                                              period, site, shift                         by session, time
 * diabetes-audit:  events.{parquet|csv}        user_id, role, clinical (yes/no), task, time, encounter_id   by visit
 *                  encounters.{parquet|csv}    encounter_id, visit_start, visit_end
 * both:            log.json                    generator, settings (seed included), files with rows, bytes, SHA-256
 * </pre>
 *
 * <p>Times are UTC instants: Parquet {@code TIMESTAMP WITH TIME ZONE}; CSV ISO-8601 text, with
 * milliseconds for the interaction log ({@code 2025-01-06T07:01:10.125Z}) and whole seconds for the
 * audit log. The output is a pure function of the settings and the tool version.
 */
public final class AuditLogWriter {
  public static final String MANIFEST = "log.json";
  public static final String SCHEMA = "tollgate.log/v1";
  public static final String INTERACTIONS = "interactions";
  public static final String EVENTS = "events";
  public static final String ENCOUNTERS = "encounters";

  private final Format format;
  private final boolean overwrite;
  private final String toolVersion;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * @param format table format
   * @param overwrite whether an existing non-empty directory may be replaced
   * @param toolVersion recorded in the manifest
   */
  public AuditLogWriter(Format format, boolean overwrite, String toolVersion) {
    this.format = Objects.requireNonNull(format, "format");
    this.overwrite = overwrite;
    this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
  }

  /**
   * Writes the radiology interaction log.
   *
   * @param sessionIds whether to write the session_id column (without it, sessions must be rebuilt from idle gaps)
   */
  public CohortWriter.Result writeRadiology(RadiologyReadingLog log, boolean sessionIds, Path directory) throws IOException {
    List<Column> cols = new ArrayList<>(List.of(
        new Column("session_id", Kind.VARCHAR),
        new Column("user_id", Kind.VARCHAR),
        new Column("role", Kind.VARCHAR),
        new Column("step", Kind.VARCHAR),
        new Column("start_ms", Kind.BIGINT),
        new Column("end_ms", Kind.BIGINT),
        new Column("period", Kind.VARCHAR),
        new Column("site", Kind.VARCHAR),
        new Column("shift", Kind.VARCHAR)));
    String select = "SELECT " + (sessionIds ? "session_id, " : "") + "user_id, role, step, " + millis("start_ms") + " AS start_time, "
        + millis("end_ms") + " AS end_time, period, site, shift FROM $FN";
    StreamedTable.Producer producer = rows -> {
      Map<String, byte[]> utf8 = new HashMap<>();
      RadiologyReadingLog.Session[] current = new RadiologyReadingLog.Session[1];
      byte[][] bytes = new byte[6][];
      log.generate((s, step, start, end) -> {
        if (current[0] != s) {
          current[0] = s;
          bytes[0] = StreamedTable.utf8(s.sessionId());
          bytes[1] = utf8.computeIfAbsent(s.userId(), StreamedTable::utf8);
          bytes[2] = utf8.computeIfAbsent(s.role(), StreamedTable::utf8);
          bytes[3] = utf8.computeIfAbsent(s.period(), StreamedTable::utf8);
          bytes[4] = utf8.computeIfAbsent(s.site(), StreamedTable::utf8);
          bytes[5] = utf8.computeIfAbsent(s.shift(), StreamedTable::utf8);
        }
        rows.beginRow();
        rows.setString(0, bytes[0]);
        rows.setString(1, bytes[1]);
        rows.setString(2, bytes[2]);
        rows.setString(3, utf8.computeIfAbsent(step, StreamedTable::utf8));
        rows.setLong(4, start);
        rows.setLong(5, end);
        rows.setString(6, bytes[3]);
        rows.setString(7, bytes[4]);
        rows.setString(8, bytes[5]);
        rows.endRow();
      });
    };
    List<String> columns = new ArrayList<>(List.of("session_id", "user_id", "role", "step", "start_time", "end_time", "period", "site", "shift"));
    if (!sessionIds) columns.remove(0);
    Map<String, Object> settings = new LinkedHashMap<>(log.describe());
    settings.put("session_ids", sessionIds);
    return write(directory, log.name(), settings, List.of(new Table(INTERACTIONS, cols, select, producer, columns)));
  }

  /** Writes the diabetes-clinic audit log: events and encounters. */
  public CohortWriter.Result writeDiabetes(DiabetesAuditLog log, Path directory) throws IOException {
    List<Column> eventCols = List.of(
        new Column("user_id", Kind.VARCHAR),
        new Column("role", Kind.VARCHAR),
        new Column("clinical", Kind.VARCHAR),
        new Column("task", Kind.VARCHAR),
        new Column("t", Kind.BIGINT),
        new Column("encounter_id", Kind.VARCHAR));
    String eventSelect = "SELECT user_id, role, clinical, task, " + seconds("t") + " AS \"time\", encounter_id FROM $FN";
    StreamedTable.Producer events = rows -> {
      Map<String, byte[]> utf8 = new HashMap<>();
      byte[] yes = StreamedTable.utf8("yes");
      byte[] no = StreamedTable.utf8("no");
      log.generate(null, (user, role, clinical, task, t, enc) -> {
        rows.beginRow();
        rows.setString(0, utf8.computeIfAbsent(user, StreamedTable::utf8));
        rows.setString(1, utf8.computeIfAbsent(role, StreamedTable::utf8));
        rows.setString(2, clinical ? yes : no);
        rows.setString(3, utf8.computeIfAbsent(task, StreamedTable::utf8));
        rows.setLong(4, t);
        rows.setString(5, StreamedTable.utf8(enc));
        rows.endRow();
      });
    };
    List<Column> visitCols = List.of(
        new Column("encounter_id", Kind.VARCHAR),
        new Column("start_t", Kind.BIGINT),
        new Column("end_t", Kind.BIGINT));
    String visitSelect = "SELECT encounter_id, " + seconds("start_t") + " AS visit_start, " + seconds("end_t") + " AS visit_end FROM $FN";
    StreamedTable.Producer visits = rows -> log.generate((enc, start, end) -> {
      rows.beginRow();
      rows.setString(0, StreamedTable.utf8(enc));
      rows.setLong(1, start);
      rows.setLong(2, end);
      rows.endRow();
    }, null);
    return write(directory, log.name(), log.describe(), List.of(
        new Table(EVENTS, eventCols, eventSelect, events, List.of("user_id", "role", "clinical", "task", "time", "encounter_id")),
        new Table(ENCOUNTERS, visitCols, visitSelect, visits, List.of("encounter_id", "visit_start", "visit_end"))));
  }

  private record Table(String name, List<Column> columns, String select, StreamedTable.Producer producer, List<String> fileColumns) {}

  @SuppressWarnings("try") // the guard is held for its close(), not used in the body
  private CohortWriter.Result write(Path directory, String generator, Map<String, Object> settings, List<Table> tables) throws IOException {
    long started = System.nanoTime();
    try (CancelOnShutdown guard = new CancelOnShutdown(cancelled, "tollgate-log-writer-shutdown");
        OutputDirectory out = OutputDirectory.create(directory, overwrite)) {
      Map<String, Long> rows = new LinkedHashMap<>();
      List<Path> files = new ArrayList<>();
      try (Connection c = org.tollgate.ingest.DuckDb.connect()) {
        try (Statement st = c.createStatement()) {
          st.execute("SET memory_limit = '" + CohortWriter.DUCKDB_MEMORY_LIMIT + "'");
          st.execute("SET temp_directory = '" + sql(out.temp().resolve(".duckdb-tmp").toString()) + "'");
          st.execute("SET preserve_insertion_order = true");
          st.execute("SET enable_progress_bar = false");
          st.execute("SET TimeZone = 'UTC'");
        }
        for (Table t : tables) {
          if (cancelled.get()) throw new CancellationException("cancelled");
          Path file = out.temp().resolve(t.name() + "." + format.extension());
          String fn = "tollgate_log_" + t.name();
          String options = format == Format.PARQUET ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
          String copy = "COPY (" + t.select().replace("$FN", fn + "()") + ") TO '" + sql(file.toString()) + "' (" + options + ")";
          rows.put(t.name(), new StreamedTable(t.columns(), cancelled).copy(c, fn, copy, t.producer()));
          files.add(file);
        }
      } catch (SQLException e) {
        throw new IOException("DuckDB failed writing " + directory + ": " + e.getMessage(), e);
      }
      OutputDirectory.deleteRecursively(out.temp().resolve(".duckdb-tmp"));
      Path manifest = out.temp().resolve(MANIFEST);
      Files.writeString(manifest, manifest(generator, settings, tables, rows, files), StandardCharsets.UTF_8);
      files.add(manifest);
      if (cancelled.get()) throw new CancellationException("cancelled");
      long bytes = 0;
      for (Path f : files) bytes += Files.size(f);
      out.commit();
      List<Path> finalFiles = files.stream().map(f -> out.target().resolve(f.getFileName())).toList();
      return new CohortWriter.Result(out.target(), format, rows, finalFiles, bytes, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private String manifest(String generator, Map<String, Object> settings, List<Table> tables, Map<String, Long> rows, List<Path> files)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("generator", generator);
    m.put("settings", settings);
    m.put("tool_version", toolVersion);
    m.put("format", format.extension());
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      Path f = files.get(i);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("table", tables.get(i).name());
      e.put("file", f.getFileName().toString());
      e.put("rows", rows.get(tables.get(i).name()));
      e.put("bytes", Files.size(f));
      e.put("sha256", Hashes.file(f));
      e.put("columns", tables.get(i).fileColumns());
      list.add(e);
    }
    m.put("files", list);
    return Json.write(m);
  }

  /** A UTC instant from epoch milliseconds: TIMESTAMPTZ in Parquet, ISO-8601 with milliseconds in CSV. */
  private String millis(String column) {
    return format == Format.PARQUET
        ? "CAST(make_timestamp(" + column + " * 1000) AS TIMESTAMPTZ)"
        : "strftime(make_timestamp(" + column + " * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')";
  }

  /** A UTC instant from epoch seconds, as {@link CohortWriter} writes them. */
  private String seconds(String column) {
    return format == Format.PARQUET
        ? "to_timestamp(" + column + ")"
        : "strftime(make_timestamp(" + column + " * 1000000), '%Y-%m-%dT%H:%M:%SZ')";
  }

  private static String sql(String s) {
    return s.replace("'", "''");
  }
}
