package org.tollgate.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.format.Units;
import org.tollgate.ingest.Need.Column;

/**
 * Reads CSV and Parquet into a {@link ScoreTable} with an in-memory DuckDB, doing the heavy work in
 * SQL and pulling only primitive columns into Java.
 *
 * <ol>
 *   <li>A typed relation: each role column cast to its type ({@code TRY_CAST}, so a bad value becomes
 *       NULL rather than an error), time as whole seconds plus a flag saying whether the text had no
 *       offset (a wall-clock time), and a {@code _bad} flag per row. CSV is read once into a table
 *       (all columns as text, fixed dialect, header read by {@link CsvHeader}); Parquet is scanned in
 *       place, since a column scan costs little.
 *   <li>One aggregate pass: row count, time range (a Parquet timestamp column's from its raw min and
 *       max), missing identifiers (for CSV every bad row), and the encounter dictionary: codes in
 *       encounter-id order, each id's 64-bit hash, one patient per encounter checked by the hashes of
 *       its patient ids, and for each attribute whether it holds one value per encounter.
 *   <li>If any row is bad, a diagnostic pass re-reads the file with row numbers and reports the first
 *       bad row in file order; nothing else ever needs row numbers, so the fast path carries none.
 *   <li>Attribute levels (one grouping-sets scan) and, without encounters, the patient dictionary.
 *   <li>The main query returns the time offset, score, label, the encounter's hash and the codes of the
 *       attributes that vary within an encounter (short level lists searched with {@code list_position},
 *       long ones joined), with sentinels for a missing time, score or label. Where each row's file
 *       position is at hand (CSV, one Parquet file) it runs unsorted, cut into one range of positions
 *       per core pulled side by side, and Java places every row at its position, maps the hash to the
 *       encounter code, refuses sentinels (then the diagnostic pass names the row), checks that
 *       (encounter, time) keys never fall and drops duplicate keys (highest score kept). Only a file out
 *       of that order is read again sorted by DuckDB, with the encounter dictionary joined, and
 *       duplicates dropped on the fly. Per-encounter attribute codes are copied to the rows last.
 * </ol>
 *
 * Not thread-safe; one instance per read.
 */
final class DuckDbReader {
  /** Largest offset of any zone, in seconds (18 hours); bounds wall-clock to instant shifts. */
  private static final long MAX_ZONE_OFFSET = 18 * 3600L;

  static final String MISSING_LEVEL = "(missing)";
  private static final int MAX_LEVELS = Short.MAX_VALUE;
  /** Attributes with at most this many levels are coded by {@code list_position} rather than a join. */
  private static final int LISTED_LEVELS = 64;
  private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
  /** DuckDB's max_line_size (default 2,000,000 bytes), the longest CSV line read. */
  private static final Pattern LINE_SIZE = Pattern.compile("Maximum line size of (\\d+) bytes exceeded\\. Actual Size:\\s*(\\d+)");
  private static final Pattern CSV_COLUMNS = Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");

  /** {@code -Dtollgate.ingest.trace=true} prints the time of each step to stderr (for tuning). */
  private static final boolean TRACE = Boolean.getBoolean("tollgate.ingest.trace");
  private long lap = System.nanoTime();
  private long lapCpu = TRACE ? processCpu() : 0;

  private final InputSource src;
  private final ColumnMapping mapping;
  private final Need need;

  private DuckDBConnection conn;
  private CsvHeader header;
  /** File columns in file order, with their DuckDB types (all VARCHAR for CSV). */
  private final Map<String, String> columns = new LinkedHashMap<>();

  // Role columns actually read (null when not read).
  private String idCol;
  private String encCol;
  private String timeCol;
  private String scoreCol;
  private String labelCol;
  private final List<String> attrCols = new ArrayList<>();

  private String typedRel;
  /** What the time column holds: only wall-clock times, only instants, or text that may mix both. */
  private TimeKind timeKind = TimeKind.MIXED;

  private enum TimeKind {
    WALL,
    INSTANT,
    MIXED
  }

  DuckDbReader(InputSource src, ColumnMapping mapping, Need need) {
    this.src = src;
    this.mapping = mapping;
    this.need = need;
  }

  /** The columns of the file, in file order. */
  static List<String> columns(InputSource src) {
    DuckDbReader r = new DuckDbReader(src, ColumnMapping.defaults(), Need.SCORE_ONLY);
    Path spill = spillDirectory();
    try (DuckDBConnection c = open(spill)) {
      r.conn = c;
      r.describe();
      return List.copyOf(r.columns.keySet());
    } catch (SQLException e) {
      throw r.failure(e);
    } finally {
      deleteQuietly(spill);
    }
  }

  ScoreTable read(Supplier<String> sha256) {
    Path spill = spillDirectory();
    try (DuckDBConnection c = open(spill)) {
      conn = c;
      describe();
      resolveRoles();
      trace("open+describe");
      return readTable(sha256);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      deleteQuietly(spill);
    }
  }

  /**
   * Where DuckDB may spill when an input outgrows memory. Its default is {@code .tmp} in the working
   * directory, which would scatter copies of patient data wherever the user happens to be; this is a
   * private directory under {@code java.io.tmpdir}, removed after the read.
   */
  private static Path spillDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "tollgate-duckdb-" + UUID.randomUUID());
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: the directory is under java.io.tmpdir and holds nothing once DuckDB has closed.
    }
  }

  /** DuckDB's memory limit for a read: system property {@code tollgate.duckdb.memory}, default 1GB. */
  static final String MEMORY_LIMIT = System.getProperty("tollgate.duckdb.memory", "1GB");

  private static DuckDBConnection open(Path spill) throws SQLException {
    Connection c = DuckDb.connect();
    DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
    try (Statement st = dc.createStatement()) {
      // Instants are computed without the session zone; UTC keeps any display and cast neutral.
      st.execute("SET TimeZone = 'UTC'");
      st.execute("SET temp_directory = " + lit(spill.toAbsolutePath().toString()));
      // DuckDB would otherwise take up to 80% of RAM beside the JVM's heap; past the limit it spills
      // to the private temp directory. 1 GB costs ~2 s on a 100M-row sort and saves ~4 GB of peak memory.
      st.execute("SET memory_limit = " + lit(MEMORY_LIMIT));
    } catch (SQLException e) {
      dc.close();
      throw e;
    }
    return dc;
  }

  // ---------------------------------------------------------------- columns and roles

  private void describe() throws SQLException {
    if (src.format == InputFormat.CSV) {
      header = CsvHeader.read(src);
      for (String n : header.columns()) {
        columns.put(n, "VARCHAR");
      }
      return;
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + parquetScan(false))) {
      while (rs.next()) {
        columns.put(rs.getString(1), rs.getString(2));
      }
    }
  }

  private void resolveRoles() {
    idCol = role(mapping.id(), Column.ID);
    encCol = role(mapping.encounter(), Column.ENCOUNTER);
    timeCol = role(mapping.time(), Column.TIME);
    scoreCol = role(mapping.score(), Column.SCORE);
    labelCol = role(mapping.label(), Column.LABEL);
    for (String a : mapping.attributes()) {
      if (!columns.containsKey(a)) {
        throw missingColumn(a);
      }
      attrCols.add(a);
    }
  }

  private String role(String name, Column role) {
    if (name == null) {
      if (need.requires(role)) {
        throw new BadInputException(src.display, "a " + role.words() + " column is needed but the column mapping names none");
      }
      return null;
    }
    if (columns.containsKey(name)) {
      return name;
    }
    if (need.requires(role)) {
      throw missingColumn(name);
    }
    return null;
  }

  private BadInputException missingColumn(String name) {
    List<String> present = new ArrayList<>(columns.keySet());
    String list = present.size() <= 40
        ? String.join(", ", present)
        : String.join(", ", present.subList(0, 40)) + ", ... (" + (present.size() - 40) + " more)";
    return new BadInputException(src.display, 0, name, "missing; columns present: " + list);
  }

  // ---------------------------------------------------------------- typed expressions

  private static String q(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String lit(String s) {
    return '\'' + s.replace("'", "''") + '\'';
  }

  private static boolean isNumeric(String type) {
    String t = type.toUpperCase(Locale.ROOT);
    return t.equals("TINYINT") || t.equals("SMALLINT") || t.equals("INTEGER") || t.equals("BIGINT")
        || t.equals("HUGEINT") || t.equals("UTINYINT") || t.equals("USMALLINT") || t.equals("UINTEGER")
        || t.equals("UBIGINT") || t.equals("UHUGEINT") || t.equals("FLOAT") || t.equals("DOUBLE")
        || t.startsWith("DECIMAL");
  }

  private BadInputException typeError(String col, String expected) {
    return new BadInputException(src.display, 0, col, "has type " + columns.get(col) + "; expected " + expected);
  }

  /** Typed projection of the role and attribute columns, aliased {@code _s _l _t _nv _e _p _a0...}. */
  private List<String> typedExpressions() {
    List<String> out = new ArrayList<>();
    String st = columns.get(scoreCol);
    String s = q(scoreCol);
    if (st.equals("VARCHAR")) {
      out.add("TRY_CAST(" + s + " AS DOUBLE) AS _s");
    } else if (isNumeric(st)) {
      out.add("CAST(" + s + " AS DOUBLE) AS _s");
    } else {
      throw typeError(scoreCol, "numbers");
    }
    if (labelCol != null) {
      String lt = columns.get(labelCol);
      String l = q(labelCol);
      if (lt.equals("VARCHAR")) {
        out.add("CAST(CASE " + l + " WHEN '0' THEN 0 WHEN '1' THEN 1 ELSE CASE lower(trim(" + l + "))"
            + " WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN 'true' THEN 1 WHEN 'false' THEN 0 END END AS TINYINT) AS _l");
      } else if (lt.equals("BOOLEAN")) {
        out.add("CAST(" + l + " AS TINYINT) AS _l");
      } else if (isNumeric(lt)) {
        out.add("CAST(CASE WHEN " + l + " = 0 THEN 0 WHEN " + l + " = 1 THEN 1 END AS TINYINT) AS _l");
      } else {
        throw typeError(labelCol, "0/1, true/false");
      }
    }
    if (timeCol != null) {
      String tt = columns.get(timeCol).toUpperCase(Locale.ROOT);
      String t = q(timeCol);
      if (tt.equals("VARCHAR")) {
        // Text with no offset is a wall-clock time. DuckDB's TIMESTAMP cast accepts and silently
        // ignores an offset (Z, +02:00, -05, UTC), so anything that may carry one goes to the
        // TIMESTAMPTZ cast instead: a Z, +, / (zone name), U (UTC), or a third '-' (negative offset).
        // Only substring tests: trim/rtrim/substr cost ten times more per row.
        String offset = "(contains(" + t + ", 'Z') OR contains(" + t + ", 'z') OR contains(" + t + ", '+')"
            + " OR contains(" + t + ", '/') OR contains(" + t + ", 'U') OR contains(" + t + ", 'u') OR " + t + " LIKE '%-%-%-%')";
        // One cast serves both: the session zone is UTC, so text without an offset casts to the
        // instant whose UTC reading is that wall-clock time, i.e. its wall-clock seconds, and _nv says
        // which of the two _t holds. (Evaluating the offset test once, not in a CASE and again for _nv,
        // halves the cost of the time column.)
        out.add("CAST(floor(epoch_us(TRY_CAST(" + t + " AS TIMESTAMPTZ)) / 1000000.0) AS BIGINT) AS _t");
        out.add("(NOT " + offset + ") AS _nv");
      } else if (tt.equals("TIMESTAMP WITH TIME ZONE")) {
        timeKind = TimeKind.INSTANT;
        out.add(nativeSeconds(t) + " AS _t");
        out.add("false AS _nv");
        out.add("epoch_us(" + t + ") AS _us");
      } else if (tt.startsWith("TIMESTAMP") || tt.equals("DATE")) {
        timeKind = TimeKind.WALL;
        out.add(nativeSeconds(t) + " AS _t");
        out.add("true AS _nv");
      } else {
        throw typeError(timeCol, "timestamps or ISO-8601 text");
      }
    }
    if (encCol != null) {
      out.add("nullif(" + text(encCol) + ", '') AS _e");
    }
    if (idCol != null) {
      out.add("nullif(" + text(idCol) + ", '') AS _p");
    }
    for (int i = 0; i < attrCols.size(); i++) {
      out.add(levelOf(q(attrCols.get(i)), i) + " AS _a" + i);
      if (src.format != InputFormat.CSV) {
        out.add(q(attrCols.get(i)) + " AS _r" + i); // as read, for pass 1's per-encounter test
      }
    }
    return out;
  }

  /**
   * The level text of a value of attribute {@code i}: missing and empty values are {@link #MISSING_LEVEL}.
   * A CASE rather than coalesce(nullif(...)), which costs DuckDB five times more per row here.
   */
  private String levelOf(String value, int i) {
    return columns.get(attrCols.get(i)).equals("VARCHAR")
        ? "CASE WHEN " + value + " IS NULL OR " + value + " = '' THEN " + lit(MISSING_LEVEL) + " ELSE " + value + " END"
        : "CASE WHEN " + value + " IS NULL THEN " + lit(MISSING_LEVEL) + " ELSE CAST(" + value + " AS VARCHAR) END";
  }

  /** Attribute {@code i} as read (a CSV's typed table keeps only its level text, which serves as well). */
  private String rawAttribute(int i) {
    return src.format == InputFormat.CSV ? "_a" + i : "_r" + i;
  }

  /**
   * Whole seconds since the epoch (floored) of a value of the time column's own type, for a timestamp
   * or date column: the instant of a TIMESTAMPTZ, the wall-clock reading of the others. Rises with
   * the value, so the min and max of a column map to the min and max seconds.
   */
  private String nativeSeconds(String value) {
    return timeKind == TimeKind.INSTANT ? "CAST(floor(epoch_us(" + value + ") / 1000000.0) AS BIGINT)"
        : "CAST(floor(epoch_us(CAST(" + value + " AS TIMESTAMP)) / 1000000.0) AS BIGINT)";
  }

  /** The column as text: itself when it is text already. */
  private String text(String col) {
    return columns.get(col).equals("VARCHAR") ? q(col) : "CAST(" + q(col) + " AS VARCHAR)";
  }

  /** The bad-row predicate over the typed aliases. */
  private String badPredicate() {
    StringBuilder sb = new StringBuilder("_s IS NULL OR isnan(_s) OR isinf(_s)");
    if (mapping.scoreScale() == ColumnMapping.ScoreScale.PROBABILITY) {
      sb.append(" OR _s < 0 OR _s > 1");
    }
    if (labelCol != null) {
      sb.append(" OR _l IS NULL");
    }
    if (timeCol != null) {
      sb.append(" OR _t IS NULL");
    }
    if (encCol != null) {
      sb.append(" OR _e IS NULL");
    }
    if (idCol != null) {
      sb.append(" OR _p IS NULL");
    }
    return sb.toString();
  }

  /**
   * Pass 1's test of each attribute for one value per encounter ({@code k}i: all the encounter's
   * values hash alike) and that value ({@code x}i); as aggregates ({@code inner}) or the columns kept.
   * An attribute that holds one value in every encounter is coded per encounter, not per row.
   */
  private String encounterAttributes(boolean inner) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < attrCols.size(); i++) {
      String r = rawAttribute(i);
      sb.append(inner ? ", min(hash(" + r + ")) = max(hash(" + r + ")) AS k" + i + ", any_value(" + r + ") AS x" + i
          : ", k" + i + ", x" + i);
    }
    return sb.toString();
  }

  /** The 0-based position of the level text {@code value} in {@code levels}, searched in place. */
  private static String listed(String[] levels, String value) {
    StringBuilder list = new StringBuilder("[");
    for (int v = 0; v < levels.length; v++) {
      list.append(v == 0 ? "" : ", ").append(lit(levels[v]));
    }
    return "list_position(" + list + "], " + value + ") - 1";
  }

  /** The part of {@link #badPredicate} about identifiers: a missing encounter or patient id. */
  private String identifierMissing() {
    List<String> parts = new ArrayList<>();
    if (encCol != null) {
      parts.add("_e IS NULL");
    }
    if (idCol != null) {
      parts.add("_p IS NULL");
    }
    return parts.isEmpty() ? "false" : String.join(" OR ", parts);
  }

  private String typedSelect(String from, String extra) {
    return "SELECT *, (" + badPredicate() + ") AS _bad FROM (SELECT " + String.join(", ", typedExpressions())
        + extra + " FROM " + from + ")";
  }

  private String csvScan() {
    StringBuilder cols = new StringBuilder("{");
    for (String n : columns.keySet()) {
      if (cols.length() > 1) {
        cols.append(", ");
      }
      cols.append(lit(n)).append(": 'VARCHAR'");
    }
    cols.append('}');
    return "read_csv(" + lit(src.files.get(0).toAbsolutePath().toString())
        + ", auto_detect = false, header = true, delim = " + lit(String.valueOf(header.delimiter()))
        + ", quote = '\"', escape = '\"', strict_mode = true, null_padding = false, encoding = 'utf-8'"
        + ", compression = " + (src.gzip ? "'gzip'" : "'none'") + ", columns = " + cols + ")";
  }

  private String fileList() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < src.files.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(lit(src.files.get(i).toAbsolutePath().toString()));
    }
    return sb.append(']').toString();
  }

  private String parquetScan(boolean withRowNumbers) {
    // filename only when needed: a data column of that name would clash with it.
    String extra = !withRowNumbers ? "" : src.files.size() > 1 ? ", filename = true, file_row_number = true" : ", file_row_number = true";
    return "read_parquet(" + fileList() + extra + ")";
  }

  // ---------------------------------------------------------------- the read

  private ScoreTable readTable(Supplier<String> sha256) throws SQLException {
    boolean sorted = encCol != null && timeCol != null;
    String ord;
    // The 0-based position of each row in file order, where one is at hand (CSV, one Parquet file):
    // the main query then returns rows in any order and the sink places them by it, so DuckDB never
    // sorts a file that is already in (encounter, time) order.
    String position = null;
    if (src.format == InputFormat.CSV) {
      // One parse of the text, in parallel; insertion order is kept so rowid is the file's row order.
      exec("CREATE TABLE typed AS " + typedSelect(csvScan(), ""));
      typedRel = "typed";
      ord = "typed.rowid";
      position = ord;
    } else {
      boolean single = src.files.size() == 1;
      String extra = single ? ", file_row_number AS _ord"
          : sorted ? "" : ", (CAST(list_position(" + fileList() + ", filename) AS BIGINT) << 40) | file_row_number AS _ord";
      // A view: Parquet column scans are cheap, and copying into a table cost more than the rescans saved.
      exec("CREATE VIEW typed AS " + typedSelect(parquetScan(single || !sorted), extra));
      typedRel = "typed";
      ord = "typed._ord";
      position = single ? ord : null;
    }
    exec("SET preserve_insertion_order = false");
    trace("typed relation");

    // Pass 1: counts, time range, encounter dictionary.
    // Wall-clock and instant ranges, as (wmin, wmax, imin, imax); no FILTER when the type decides.
    // A timestamp column's range comes from its raw min and max (Parquet statistics answer those
    // without a scan), not from an aggregate over every row's seconds.
    boolean rawRange = timeCol != null && timeKind != TimeKind.MIXED;
    String timeAggs = timeCol == null || rawRange ? "NULL AS wmin, NULL AS wmax, NULL AS imin, NULL AS imax"
        : timeKind == TimeKind.WALL ? "min(_t) AS wmin, max(_t) AS wmax, NULL AS imin, NULL AS imax"
        : timeKind == TimeKind.INSTANT ? "NULL AS wmin, NULL AS wmax, min(_t) AS imin, max(_t) AS imax"
        : "min(_t) FILTER (WHERE _nv) AS wmin, max(_t) FILTER (WHERE _nv) AS wmax,"
            + " min(_t) FILTER (WHERE NOT _nv) AS imin, max(_t) FILTER (WHERE NOT _nv) AS imax";
    long n;
    long bad;
    Long wallMin;
    Long wallMax;
    Long instMin;
    Long instMax;
    long mixed;
    String statsSql;
    // Rows with a bad value. For Parquet pass 1 counts only missing identifiers (cheap here); the
    // main query's sink checks score, label and time on every row it reads anyway (see Sink#bad).
    // A CSV's typed table holds the whole test already, as a column.
    String badRows = src.format == InputFormat.CSV ? "_bad" : identifierMissing();
    if (encCol != null) {
      // p0 is one of the encounter's patient ids. An encounter whose rows name two patients has two
      // different hashes of them (min <> max): integer aggregates cost a fifth of min/max over the
      // strings. (Two different ids with equal 64-bit hashes would pass; the chance is about 1 in
      // 10^19 per pair.) h is the encounter's hash, by which the main query codes rows without a join.
      exec("CREATE TABLE d_e AS SELECT _e AS v, CAST(row_number() OVER (ORDER BY _e) - 1 AS INTEGER) AS c,"
          + " CAST(hash(_e) >> 1 AS BIGINT) AS h, p0, n, bad, mixed, wmin, wmax, imin, imax" + encounterAttributes(false)
          + " FROM (SELECT _e, " + (idCol == null ? "NULL AS p0, false AS mixed" : "any_value(_p) AS p0, min(hash(_p)) <> max(hash(_p)) AS mixed")
          + encounterAttributes(true)
          + ", count(*) AS n, count(*) FILTER (WHERE " + badRows + ") AS bad, " + timeAggs
          + " FROM " + typedRel + " GROUP BY _e)");
      statsSql = "SELECT coalesce(sum(n), 0), coalesce(sum(bad), 0), min(wmin), max(wmax), min(imin), max(imax), count(*) FILTER (WHERE mixed) FROM d_e";
    } else {
      statsSql = "SELECT count(*), count(*) FILTER (WHERE " + badRows + "), " + timeAggs + ", 0 FROM " + typedRel;
    }
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(statsSql)) {
      rs.next();
      n = rs.getLong(1);
      bad = rs.getLong(2);
      wallMin = longOrNull(rs.getObject(3));
      wallMax = longOrNull(rs.getObject(4));
      instMin = longOrNull(rs.getObject(5));
      instMax = longOrNull(rs.getObject(6));
      mixed = rs.getLong(7);
    }
    if (rawRange) {
      String t = q(timeCol);
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT " + nativeSeconds("lo") + ", "
          + nativeSeconds("hi") + " FROM (SELECT min(" + t + ") AS lo, max(" + t + ") AS hi FROM " + parquetScan(false) + ")")) {
        rs.next();
        Long lo = longOrNull(rs.getObject(1));
        Long hi = longOrNull(rs.getObject(2));
        if (timeKind == TimeKind.INSTANT) {
          instMin = lo;
          instMax = hi;
        } else {
          wallMin = lo;
          wallMax = hi;
        }
      }
    }
    trace("stats + encounter dictionary");
    if (n == 0) {
      throw new BadInputException(src.display, src.format == InputFormat.CSV ? "no data rows (only a header)" : "no data rows");
    }
    if (bad > 0) {
      throw new Diagnosis().firstBadRow();
    }
    if (mixed > 0) {
      throw new Diagnosis().firstPatientConflict();
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new BadInputException(src.display, n + " rows; a table holds at most " + (Integer.MAX_VALUE - 8));
    }
    int rows = (int) n;

    // Time: provisional base at or below every instant; exact base fixed after the pull.
    String timeExpr = null;
    long base = 0;
    if (timeCol != null) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      String wallExpr = null;
      if (wallMin != null) {
        lo = wallMin - MAX_ZONE_OFFSET;
        hi = wallMax + MAX_ZONE_OFFSET;
        wallExpr = Timestamps.wallToEpochSql("_t", mapping.zone(), wallMin, wallMax);
      }
      if (instMin != null) {
        lo = Math.min(lo, instMin);
        hi = Math.max(hi, instMax);
      }
      if (hi - lo > 0xFFFF_FFFFL) {
        // The bounds above carry up to 18 h of slack per side; name the real ends in the message.
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        if (wallMin != null) {
          first = Timestamps.wallToEpoch(java.time.LocalDateTime.ofEpochSecond(wallMin, 0, java.time.ZoneOffset.UTC), mapping.zone());
          last = Timestamps.wallToEpoch(java.time.LocalDateTime.ofEpochSecond(wallMax, 0, java.time.ZoneOffset.UTC), mapping.zone());
        }
        if (instMin != null) {
          first = Math.min(first, instMin);
          last = Math.max(last, instMax);
        }
        throw new BadInputException(src.display, 0, timeCol,
            "timestamps span more than 68 years (" + Timestamps.iso(first) + " to " + Timestamps.iso(last) + ")");
      }
      base = lo;
      String inst = wallExpr == null ? "_t" : instMin == null ? wallExpr : "CASE WHEN _nv THEN " + wallExpr + " ELSE _t END";
      timeExpr = "(" + inst + " - " + base + ")";
      if (timeKind == TimeKind.INSTANT) {
        // The same offset in integer arithmetic: every instant is at or after base, so truncating
        // division floors. A third cheaper than flooring a double per row.
        timeExpr = "((_us - " + Math.multiplyExact(base, 1_000_000L) + ") // 1000000)";
      }
    }

    // Dictionaries.
    List<String> keptAttrs = new ArrayList<>();
    List<Integer> keptIdx = new ArrayList<>();
    List<String[]> levels = new ArrayList<>();
    long[] counts = new long[attrCols.size()];
    List<List<String>> distinct = attributeLevels(counts);
    for (int i = 0; i < attrCols.size(); i++) {
      List<String> values = distinct.get(i);
      if (counts[i] > MAX_LEVELS) {
        if (need.lenientAttributes()) {
          continue;
        }
        throw new BadInputException(src.display, 0, attrCols.get(i),
            counts[i] + " distinct values; an attribute can have at most " + MAX_LEVELS + " (is it an identifier or a measurement?)");
      }
      if (values.size() > LISTED_LEVELS) {
        // Long lists are coded by a join with this table (see the main query).
        exec("CREATE TABLE d_a" + i + " AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS c"
            + " FROM (SELECT DISTINCT _a" + i + " AS v FROM " + typedRel + ")");
      }
      keptAttrs.add(attrCols.get(i));
      keptIdx.add(i);
      levels.add(values.toArray(new String[0]));
    }
    // Attributes with one value per encounter (pass 1's k) are coded once per encounter below and
    // copied to the rows after the pull; the main query codes the others on every row.
    boolean[] perEncounter = new boolean[keptIdx.size()];
    if (encCol != null && !keptIdx.isEmpty()) {
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int j = 0; j < keptIdx.size(); j++) {
        sql.append(j == 0 ? "" : ", ").append("count(*) FILTER (WHERE NOT k").append(keptIdx.get(j)).append(')');
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql + " FROM d_e")) {
        rs.next();
        for (int j = 0; j < keptIdx.size(); j++) {
          perEncounter[j] = rs.getLong(j + 1) == 0 && levels.get(j).length <= LISTED_LEVELS;
        }
      }
    }
    boolean patientPerRow = idCol != null && encCol == null;
    if (patientPerRow) {
      exec("CREATE TABLE d_p AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS c"
          + " FROM (SELECT DISTINCT _p AS v FROM " + typedRel + ")");
    }

    trace("attribute dictionaries");

    // The encounter dictionary, read first: the main query codes encounters by their hash (see d_e),
    // and the sink turns each hash into the code through this map. Hashes that collide (never seen;
    // checked exactly here) send the main query back to a join.
    String[] encIds = null;
    int[] patient = null;
    int patientCount = 0;
    HashCodes encCodes = null;
    short[][] encAttr = new short[perEncounter.length][];
    if (encCol != null) {
      int encCount = (int) scalarLong("SELECT count(*) FROM d_e");
      encIds = new String[encCount];
      int[] encPatient = idCol != null ? new int[encCount] : null;
      long[] hashes = new long[encCount];
      StringBuilder attrCodes = new StringBuilder();
      for (int j = 0; j < perEncounter.length; j++) {
        if (perEncounter[j]) {
          encAttr[j] = new short[encCount];
          attrCodes.append(", CAST(").append(listed(levels.get(j), levelOf("x" + keptIdx.get(j), keptIdx.get(j)))).append(" AS INTEGER)");
        }
      }
      String q = "SELECT v, " + (idCol != null ? "CAST(dense_rank() OVER (ORDER BY p0) - 1 AS INTEGER)" : "CAST(0 AS INTEGER)")
          + ", h" + attrCodes + " FROM d_e ORDER BY c";
      int i = 0;
      try (DuckDBPreparedStatement ps = conn.prepare(q); DuckDBChunkedResult res = ps.query()) {
        while (res.nextChunk()) {
          DuckDBDataChunkReader chunk = res.chunk();
          DuckDBReadableVector vv = chunk.vector(0);
          DuckDBReadableVector vp = chunk.vector(1);
          DuckDBReadableVector vh = chunk.vector(2);
          int m = (int) chunk.rowCount();
          int col = 3;
          for (int j = 0; j < perEncounter.length; j++) {
            if (perEncounter[j]) {
              DuckDBReadableVector va = chunk.vector(col++);
              for (int r = 0; r < m; r++) {
                encAttr[j][i + r] = (short) va.getInt(r);
              }
            }
          }
          for (int r = 0; r < m; r++, i++) {
            encIds[i] = vv.getString(r);
            hashes[i] = vh.getLong(r);
            if (encPatient != null) {
              encPatient[i] = vp.getInt(r);
              patientCount = Math.max(patientCount, encPatient[i] + 1);
            }
          }
        }
      }
      patient = encPatient;
      encCodes = joinEncounters ? null : HashCodes.of(hashes);
    }
    trace("encounter ids");

    // Main query.
    List<String> select = new ArrayList<>();
    StringBuilder from = new StringBuilder(typedRel);
    boolean hashed = encCodes != null;
    String key = null;
    String joinedKey = null;
    if (encCol != null) {
      joinedKey = sorted ? "(CAST(d_e.c AS BIGINT) << 32) | " + timeExpr : "CAST(d_e.c AS BIGINT)";
      // Hashed: the time part only; the sink puts the encounter's code in the high half.
      key = !hashed ? joinedKey : sorted ? timeExpr : null;
    } else if (timeCol != null) {
      key = timeExpr;
    }
    // Sentinels the sink refuses: a missing time makes the key -1, a missing or unreadable score NaN,
    // a label other than 0/1 2 (see Sink#bad).
    select.add(key == null ? "CAST(0 AS BIGINT)" : "coalesce(CAST(" + key + " AS BIGINT), -1)");
    select.add("coalesce(_s, CAST('NaN' AS DOUBLE))");
    select.add(labelCol == null ? "CAST(0 AS TINYINT)" : "coalesce(_l, CAST(2 AS TINYINT))");
    if (patientPerRow) {
      from.append(" JOIN d_p ON ").append(typedRel).append("._p = d_p.v");
      select.add("d_p.c");
    } else {
      select.add("CAST(0 AS INTEGER)");
    }
    int[] rowAttrs = java.util.stream.IntStream.range(0, perEncounter.length).filter(j -> !perEncounter[j]).toArray();
    int words = (rowAttrs.length + 3) / 4;
    for (int w = 0; w < words; w++) {
      StringBuilder word = new StringBuilder();
      for (int j = 0; j < 4 && 4 * w + j < rowAttrs.length; j++) {
        int i = keptIdx.get(rowAttrs[4 * w + j]);
        String[] lv = levels.get(rowAttrs[4 * w + j]);
        String code;
        if (lv.length <= LISTED_LEVELS) {
          // A short list is searched in place: about half the CPU of a hash join per row.
          code = "(" + listed(lv, typedRel + "._a" + i) + ")";
        } else {
          from.append(" JOIN d_a").append(i).append(" ON ").append(typedRel).append("._a").append(i).append(" = d_a").append(i).append(".v");
          code = "d_a" + i + ".c";
        }
        word.append(j == 0 ? "" : " | ").append("(CAST(").append(code).append(" AS BIGINT) << ").append(16 * j).append(')');
      }
      select.add(word.toString());
    }
    String fromJoined = from + (encCol != null ? " JOIN d_e ON " + typedRel + "._e = d_e.v" : "");
    boolean probability = mapping.scoreScale() == ColumnMapping.ScoreScale.PROBABILITY;
    Sink sink = null;
    if (position != null) {
      // File order first: no sort. A sorted table needs the file in (encounter, time) order; the
      // sink checks that after the pull and, when it is not, the sorted query below runs instead.
      // The file's rows are cut into one range per core, pulled side by side on their own connections.
      List<String> cols = new ArrayList<>(select);
      if (hashed) {
        cols.add("CAST(hash(" + typedRel + "._e) >> 1 AS BIGINT)");
      }
      cols.add("CAST(" + position + " AS BIGINT)");
      String sql = "SELECT " + String.join(", ", cols) + " FROM " + (hashed ? from.toString() : fromJoined);
      if (TRACE) {
        System.err.println("ingest main query: " + sql);
        try (Statement st = conn.createStatement();
            ResultSet rs = st.executeQuery("SELECT sql FROM duckdb_views() WHERE view_name = 'typed'")) {
          System.err.println("ingest typed: " + (rs.next() ? rs.getString(1) : "(a table)"));
        }
      }
      sink = new Sink(rows, sorted ? Sink.Mode.PLACED_SORTED : Sink.Mode.PLACED, encCol != null, timeCol != null,
          labelCol != null, patientPerRow, keptIdx.size(), rowAttrs, hashed ? encCodes : null, probability);
      boolean complete = pullParts(sink, sql, position, rows);
      if (sink.bad) {
        throw new Diagnosis().firstBadRow();
      }
      if (!complete || sorted && !sink.compactSorted()) {
        sink = null; // out of order: drop these arrays before the sorted read allocates its own
      }
      trace("order check");
    }
    if (sink == null) {
      // Sorted by DuckDB, so the key is the joined one.
      select.set(0, joinedKey != null ? "coalesce(CAST(" + joinedKey + " AS BIGINT), -1)" : select.get(0));
      sink = new Sink(rows, sorted ? Sink.Mode.SORTED : Sink.Mode.IN_ORDER, encCol != null, timeCol != null,
          labelCol != null, patientPerRow, keptIdx.size(), rowAttrs, null, probability);
      pull(sink, "SELECT " + String.join(", ", select) + " FROM " + fromJoined + " ORDER BY " + (sorted ? "1" : ord), rows,
          "main query (sorted)");
      if (sink.bad) {
        throw new Diagnosis().firstBadRow();
      }
    }
    int w = sink.kept;
    for (int j = 0; j < perEncounter.length; j++) {
      if (perEncounter[j]) {
        short[] byEnc = encAttr[j];
        short[] col = sink.codes[j];
        int[] e = sink.enc;
        for (int i = 0; i < w; i++) {
          col[i] = byEnc[e[i]];
        }
      }
    }
    int[] enc = sink.enc;
    int[] time = sink.time;
    double[] score = sink.score;
    byte[] label = sink.label;
    int[] rowPatient = sink.rowPatient;
    short[][] codes = sink.codes;
    long minOffset = sink.minOffset;
    long timeBase = 0;
    if (time != null) {
      // Shift so the earliest score is at offset 0; offsets were taken as unsigned 32-bit.
      timeBase = base + minOffset;
      long maxOffset = 0;
      for (int i = 0; i < w; i++) {
        long off = (time[i] & 0xFFFF_FFFFL) - minOffset;
        maxOffset = Math.max(maxOffset, off);
        time[i] = (int) off;
      }
      if (maxOffset > Integer.MAX_VALUE) {
        throw new BadInputException(src.display, 0, timeCol, "timestamps span more than 68 years ("
            + Timestamps.iso(timeBase) + " to " + Timestamps.iso(timeBase + maxOffset) + ")");
      }
    }
    if (patientPerRow) {
      patient = rowPatient;
      patientCount = (int) scalarLong("SELECT count(*) FROM d_p");
    }

    long duplicates = rows - w;
    if (duplicates > rows / 8) {
      // Many duplicates: give the unused tail back.
      score = Arrays.copyOf(score, w);
      enc = enc == null ? null : Arrays.copyOf(enc, w);
      time = time == null ? null : Arrays.copyOf(time, w);
      label = label == null ? null : Arrays.copyOf(label, w);
      for (int a = 0; a < codes.length; a++) {
        codes[a] = Arrays.copyOf(codes[a], w);
      }
    }
    ColumnMapping used = new ColumnMapping(idCol, encCol, timeCol, scoreCol, labelCol, keptAttrs,
        mapping.scoreScale(), mapping.zone());
    InputRecord input = new InputRecord(src.display, src.format.id(), sha256.get(), rows, duplicates, used);
    trace("sha256 wait");
    return new ScoreTable(w, enc, encIds, patient, patientCount, timeBase, time, score, label,
        keptAttrs, levels.toArray(new String[0][]), codes, input);
  }

  /** Below this many rows the main query is pulled on one connection. */
  private static final int PART_MIN_ROWS = 1 << 20;
  /** Tests set this to cut even a small file into that many parts; 0: one part per core from PART_MIN_ROWS rows. */
  static volatile int forcedParts;
  /** Tests set this to code encounters by the join that colliding hashes would need. */
  static volatile boolean joinEncounters;

  /**
   * Pulls a placed-mode query ({@code position} is each row's 0-based file position) in one range of
   * positions per core, each on its own connection and thread (DuckDB pushes the range down to the
   * scan, so the parts share no work); false when some part saw rows out of order.
   */
  private boolean pullParts(Sink sink, String sql, String position, int rows) throws SQLException {
    int parts = forcedParts > 0 ? Math.min(forcedParts, rows)
        : rows < PART_MIN_ROWS ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    if (parts == 1) {
      return pull(sink, sql, rows, "main query (file order)");
    }
    List<Sink> sinks = new ArrayList<>();
    List<Runnable> work = new ArrayList<>();
    Throwable[] failures = new Throwable[parts];
    String where = sql.contains(" WHERE ") ? " AND " : " WHERE ";
    for (int p = 0; p < parts; p++) {
      long lo = (long) rows * p / parts;
      long hi = (long) rows * (p + 1) / parts;
      String q = sql + where + position + " >= " + lo + " AND " + position + " < " + hi;
      Sink part = sink.part();
      sinks.add(part);
      int index = p;
      work.add(() -> {
        try {
          if (index == 0) {
            pullInto(conn, part, q);
          } else {
            try (DuckDBConnection d = conn.duplicate().unwrap(DuckDBConnection.class); Statement st = d.createStatement()) {
              st.execute("SET TimeZone = 'UTC'"); // a session setting: the expressions read it
              pullInto(d, part, q);
            }
          }
        } catch (Throwable t) {
          failures[index] = t;
          sink.stop.set(true);
        }
      });
    }
    // Each part's thread drives its own query; DuckDB's worker threads would only contend with them.
    long threadsBefore = scalarLong("SELECT current_setting('threads')");
    exec("SET threads = 1");
    List<Thread> threads = new ArrayList<>();
    for (int p = 1; p < parts; p++) {
      Thread t = new Thread(work.get(p), "tollgate-ingest-part-" + p);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    work.get(0).run(); // part 0 on the calling thread
    trace("main query (file order, " + parts + " parts)");
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          sink.stop.set(true);
        }
      }
    }
    exec("SET threads = " + threadsBefore);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Throwable t : failures) {
      if (t instanceof SQLException e) {
        throw e;
      }
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
    }
    for (Sink part : sinks) {
      sink.absorb(part);
    }
    trace("pull");
    return finished(sink, rows);
  }

  /** After a pull: true when it is complete or saw a bad row (the caller reports it); false when it saw rows out of order. */
  private static boolean finished(Sink sink, int rows) {
    if (sink.bad) {
      return true;
    }
    if (sink.disorder) {
      return false;
    }
    if (sink.pulled != rows) {
      throw new IllegalStateException("main query returned " + sink.pulled + " rows, counted " + rows);
    }
    return true;
  }

  /** Pulls chunks into the sink until the result ends or the sink (or another part) stops on a bad row or disorder. */
  private static void pullInto(DuckDBConnection c, Sink sink, String sql) throws SQLException {
    try (DuckDBPreparedStatement ps = c.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class);
        DuckDBChunkedResult res = ps.query()) {
      while (!sink.stop.get() && res.nextChunk()) {
        sink.accept(res.chunk());
        if (sink.disorder || sink.bad) {
          sink.stop.set(true);
        }
      }
    }
  }

  /** Pulls the query into the sink on this connection; as {@link #finished}. */
  private boolean pull(Sink sink, String sql, int rows, String step) throws SQLException {
    trace(step);
    pullInto(conn, sink, sql);
    trace("pull");
    return finished(sink, rows);
  }

  /** Encounter hash to encounter code: open addressing over primitive arrays. */
  static final class HashCodes {
    private final long[] keys;
    private final int[] values;
    private final int mask;

    private HashCodes(int capacity) {
      keys = new long[capacity];
      values = new int[capacity];
      Arrays.fill(values, -1);
      mask = capacity - 1;
    }

    /** The map from {@code hashes[c]} to {@code c}, or null when two of them are equal. */
    static HashCodes of(long[] hashes) {
      int cap = Integer.highestOneBit(Math.max(4, hashes.length) * 2 - 1) << 1;
      HashCodes m = new HashCodes(cap);
      for (int c = 0; c < hashes.length; c++) {
        int at = m.slot(hashes[c]);
        if (m.values[at] >= 0) {
          return null;
        }
        m.keys[at] = hashes[c];
        m.values[at] = c;
      }
      return m;
    }

    private int slot(long key) {
      int at = (int) (key ^ (key >>> 29) ^ (key >>> 47)) & mask;
      while (values[at] >= 0 && keys[at] != key) {
        at = (at + 1) & mask;
      }
      return at;
    }

    /** The code of {@code key}, or -1. */
    int get(long key) {
      return values[slot(key)];
    }
  }

  /**
   * Receives the main query's chunks into the table's arrays. Kept small so the JIT compiles the hot
   * loops on their own; each column is first copied into a chunk-sized scratch array by a loop over
   * one getter, then rows are placed.
   *
   * <p>Columns: key, score, label, patient code, the words of per-row attribute codes, then the
   * encounter hash (when {@link #encCodes} is set) and the row's file position (placed modes). In {@link Mode#SORTED} rows
   * arrive sorted by key and a row whose key equals the last kept row's is a duplicate: the better of
   * the two stays (see {@link #better}). In the placed modes each row goes to its file position;
   * {@link #compactSorted} then checks the order and drops duplicates the same way.
   */
  private static final class Sink {
    enum Mode {
      /** Sorted by key (encounter code << 32 | time offset); duplicates dropped on the fly. */
      SORTED,
      /** In file order; the key holds the encounter code or the time offset, whichever exists. */
      IN_ORDER,
      /** Any order, each row placed at its file position; key as in {@link #IN_ORDER}. */
      PLACED,
      /** Any order, placed at file position; key as in {@link #SORTED}, order checked afterwards. */
      PLACED_SORTED
    }

    final Mode mode;
    final int[] enc;
    final int[] time;
    final double[] score;
    final byte[] label;
    final int[] rowPatient;
    final short[][] codes;
    /** The attributes (indexes into codes) that the query codes per row, four to a word, in this order. */
    final int[] rowAttrs;
    final int words;
    final int capacity;
    /** Set: the query carries each row's encounter hash, which this turns into the encounter code. */
    final HashCodes encCodes;
    /** Shared by a sink and its parts: some part failed or saw rows out of order; all stop pulling. */
    final AtomicBoolean stop;
    int kept;
    long pulled;
    long prevKey = Long.MIN_VALUE;
    long minOffset = Long.MAX_VALUE;
    /** In {@link Mode#PLACED_SORTED}: two adjacent rows of the file seen out of key order. */
    boolean disorder;
    /** Some row has a missing time, a score that is missing, not a number or out of range, or a label not 0/1. */
    boolean bad;
    /** Scores must lie in [scoreLo, scoreHi]: [0, 1] for probabilities, finite otherwise. */
    final double scoreLo;
    final double scoreHi;
    private long lastHash;
    private int lastCode = -1;
    private long[] k = new long[2048];
    private double[] s = new double[2048];
    private byte[] l = new byte[2048];
    private int[] p = new int[2048];
    private long[] h = new long[2048];
    private long[] pos = new long[2048];
    private long[][] w;

    Sink(int rows, Mode mode, boolean withEnc, boolean withTime, boolean withLabel, boolean patientPerRow, int attributes,
        int[] rowAttrs, HashCodes encCodes, boolean probability) {
      this.capacity = rows;
      this.scoreLo = probability ? 0 : -Double.MAX_VALUE;
      this.scoreHi = probability ? 1 : Double.MAX_VALUE;
      this.mode = mode;
      this.enc = withEnc ? new int[rows] : null;
      this.time = withTime ? new int[rows] : null;
      this.score = new double[rows];
      this.label = withLabel ? new byte[rows] : null;
      this.rowPatient = patientPerRow ? new int[rows] : null;
      this.codes = new short[attributes][rows];
      this.rowAttrs = rowAttrs;
      this.words = (rowAttrs.length + 3) / 4;
      this.encCodes = encCodes;
      this.stop = new AtomicBoolean();
      this.w = new long[words][2048];
    }

    /** A sink for a part of a placed pull: the same table arrays (parts fill disjoint positions), its own scratch. */
    private Sink(Sink whole) {
      this.capacity = whole.capacity;
      this.scoreLo = whole.scoreLo;
      this.scoreHi = whole.scoreHi;
      this.mode = whole.mode;
      this.enc = whole.enc;
      this.time = whole.time;
      this.score = whole.score;
      this.label = whole.label;
      this.rowPatient = whole.rowPatient;
      this.codes = whole.codes;
      this.rowAttrs = whole.rowAttrs;
      this.words = whole.words;
      this.encCodes = whole.encCodes;
      this.stop = whole.stop;
      this.w = new long[words][2048];
    }

    Sink part() {
      if (mode != Mode.PLACED && mode != Mode.PLACED_SORTED) {
        throw new IllegalStateException("only a placed pull is cut into parts");
      }
      return new Sink(this);
    }

    /** Adds a finished part's tallies. */
    void absorb(Sink part) {
      pulled += part.pulled;
      kept += part.kept;
      minOffset = Math.min(minOffset, part.minOffset);
      disorder |= part.disorder;
      bad |= part.bad;
    }

    void accept(DuckDBDataChunkReader chunk) {
      int m = (int) chunk.rowCount();
      if (pulled + m > capacity) {
        throw new IllegalStateException("main query returned more rows than counted: " + (pulled + m) + " > " + capacity);
      }
      pulled += m;
      if (m > k.length) {
        k = new long[m];
        s = new double[m];
        l = new byte[m];
        p = new int[m];
        h = new long[m];
        pos = new long[m];
        w = new long[words][m];
      }
      readLongs(chunk.vector(0), k, m);
      readDoubles(chunk.vector(1), s, m);
      if (label != null) {
        readBytes(chunk.vector(2), l, m);
      }
      if (rowPatient != null) {
        readInts(chunk.vector(3), p, m);
      }
      for (int j = 0; j < words; j++) {
        readLongs(chunk.vector(4 + j), w[j], m);
      }
      if (bad(m)) {
        bad = true;
        return;
      }
      int next = 4 + words;
      if (encCodes != null) {
        readLongs(chunk.vector(next++), h, m);
        encode(m);
      }
      switch (mode) {
        case SORTED -> placeSorted(m);
        case IN_ORDER -> placeInOrder(m);
        case PLACED, PLACED_SORTED -> {
          readLongs(chunk.vector(next), pos, m);
          placeAt(m);
        }
      }
    }

    /** The chunk's sentinels (see the main query): NaN or out-of-range score, label 2, key -1. */
    private boolean bad(int m) {
      boolean any = false;
      double lo = scoreLo;
      double hi = scoreHi;
      for (int r = 0; r < m; r++) {
        double v = s[r];
        any |= !(v >= lo && v <= hi) | k[r] < 0 | l[r] > 1;
      }
      return any;
    }

    /** Puts each row's encounter code into its key: the high half beside the time offset, or the whole key. */
    private void encode(int m) {
      boolean withTime = mode == Mode.PLACED_SORTED || mode == Mode.SORTED;
      long last = lastHash;
      int code = lastCode;
      for (int r = 0; r < m; r++) {
        long hash = h[r];
        if (hash != last || code < 0) {
          code = encCodes.get(hash);
          if (code < 0) {
            throw new IllegalStateException("an encounter hash is missing from the dictionary");
          }
          last = hash;
        }
        k[r] = withTime ? ((long) code << 32) | k[r] : code;
      }
      lastHash = last;
      lastCode = code;
    }

    private static void readLongs(DuckDBReadableVector v, long[] out, int m) {
      for (int r = 0; r < m; r++) {
        out[r] = v.getLong(r);
      }
    }

    private static void readDoubles(DuckDBReadableVector v, double[] out, int m) {
      for (int r = 0; r < m; r++) {
        out[r] = v.getDouble(r);
      }
    }

    private static void readBytes(DuckDBReadableVector v, byte[] out, int m) {
      for (int r = 0; r < m; r++) {
        out[r] = v.getByte(r);
      }
    }

    private static void readInts(DuckDBReadableVector v, int[] out, int m) {
      for (int r = 0; r < m; r++) {
        out[r] = v.getInt(r);
      }
    }

    /** Rows arrive sorted by key = encounter code << 32 | time offset. */
    private void placeSorted(int m) {
      int at = kept;
      long prev = prevKey;
      long minOff = minOffset;
      for (int r = 0; r < m; r++) {
        long key = k[r];
        if (key == prev && at > 0) {
          if (better(r, at - 1)) {
            put(r, at - 1);
          }
          continue;
        }
        enc[at] = (int) (key >>> 32);
        long off = key & 0xFFFF_FFFFL;
        time[at] = (int) off; // provisional offset < 2^32, fixed by the caller
        minOff = Math.min(minOff, off);
        put(r, at);
        prev = key;
        at++;
      }
      kept = at;
      prevKey = prev;
      minOffset = minOff;
    }

    /** File order; the key holds the encounter code or the time offset, whichever exists. */
    private void placeInOrder(int m) {
      int at = kept;
      for (int r = 0; r < m; r++, at++) {
        placeUnsorted(r, at);
      }
      kept = at;
    }

    private void placeUnsorted(int r, int at) {
      if (enc != null) {
        enc[at] = (int) k[r];
      } else if (time != null) {
        time[at] = (int) k[r];
        minOffset = Math.min(minOffset, k[r]);
      }
      if (rowPatient != null) {
        rowPatient[at] = p[r];
      }
      put(r, at);
    }

    /** Each row to its file position. */
    private void placeAt(int m) {
      boolean sortedKey = mode == Mode.PLACED_SORTED;
      long minOff = minOffset;
      for (int r = 0; r < m; r++) {
        long at = pos[r];
        if (at < 0 || at >= capacity) {
          throw new IllegalStateException("main query returned row position " + at + " outside [0, " + capacity + ")");
        }
        int i = (int) at;
        if (sortedKey) {
          long key = k[r];
          // A chunk holds runs of adjacent file rows: a falling key within a run proves the file
          // unsorted without waiting for the whole pull.
          if (r > 0 && pos[r - 1] == at - 1 && k[r - 1] > key) {
            disorder = true;
          }
          enc[i] = (int) (key >>> 32);
          long off = key & 0xFFFF_FFFFL;
          time[i] = (int) off; // provisional, as in placeSorted
          minOff = Math.min(minOff, off);
          put(r, i);
        } else {
          placeUnsorted(r, i);
        }
      }
      minOffset = Math.min(minOffset, minOff);
      kept += m;
    }

    /**
     * After a {@link Mode#PLACED_SORTED} pull: true when the rows are in (encounter, time) order, with
     * duplicates then dropped as {@link Mode#SORTED} drops them; false (arrays spoiled) when some row's
     * key is below the one before it, and the table must be read sorted.
     */
    boolean compactSorted() {
      int at = 0;
      long prev = Long.MIN_VALUE;
      for (int i = 0; i < kept; i++) {
        long key = ((long) enc[i] << 32) | (time[i] & 0xFFFF_FFFFL);
        if (key < prev) {
          return false;
        }
        if (key == prev) {
          if (betterRow(i, at - 1)) {
            copyRow(i, at - 1);
          }
          continue;
        }
        if (at != i) {
          enc[at] = enc[i];
          time[at] = time[i];
          copyRow(i, at);
        }
        prev = key;
        at++;
      }
      kept = at;
      return true;
    }

    /** Tie-break among rows with the same (encounter, time): higher score, then label 1, then attribute codes. */
    private boolean better(int r, int at) {
      if (s[r] != score[at]) {
        return s[r] > score[at];
      }
      if (label != null && l[r] != label[at]) {
        return l[r] > label[at];
      }
      // Attributes coded per encounter are equal within it, so comparing the others decides alike.
      for (int j = 0; j < rowAttrs.length; j++) {
        int c = code(r, j);
        short[] col = codes[rowAttrs[j]];
        if (c != (col[at] & 0xFFFF)) {
          return c > (col[at] & 0xFFFF);
        }
      }
      return false;
    }

    /** {@link #better} between two placed rows. */
    private boolean betterRow(int i, int at) {
      if (score[i] != score[at]) {
        return score[i] > score[at];
      }
      if (label != null && label[i] != label[at]) {
        return label[i] > label[at];
      }
      for (short[] col : codes) {
        if (col[i] != col[at]) {
          return (col[i] & 0xFFFF) > (col[at] & 0xFFFF);
        }
      }
      return false;
    }

    private void copyRow(int i, int at) {
      score[at] = score[i];
      if (label != null) {
        label[at] = label[i];
      }
      for (short[] col : codes) {
        col[at] = col[i];
      }
    }

    /** The code of the {@code j}th per-row attribute of chunk row {@code r}. */
    private int code(int r, int j) {
      return (int) ((w[j >>> 2][r] >>> (16 * (j & 3))) & 0xFFFF);
    }

    private void put(int r, int at) {
      score[at] = s[r];
      if (label != null) {
        label[at] = l[r];
      }
      for (int j = 0; j < rowAttrs.length; j++) {
        codes[rowAttrs[j]][at] = (short) code(r, j);
      }
    }
  }

  // ---------------------------------------------------------------- diagnostics (failure path only)

  /** Finds the first offending row in file order and says what is wrong with it. */
  private final class Diagnosis {
    private final String rowSource;
    private final String rowExpr;
    private final String fileExpr;

    Diagnosis() throws SQLException {
      if (src.format == InputFormat.CSV) {
        exec("SET preserve_insertion_order = true");
        // Only the columns the checks read, so a data column called rowid cannot shadow the row number.
        List<String> used = new ArrayList<>(attrCols);
        for (String c : new String[] {scoreCol, labelCol, timeCol, encCol, idCol}) {
          if (c != null && !used.contains(c)) {
            used.add(c);
          }
        }
        StringBuilder cols = new StringBuilder();
        for (String c : used) {
          cols.append(cols.length() == 0 ? "" : ", ").append(q(c));
        }
        exec("CREATE TEMP TABLE raw AS SELECT " + cols + " FROM " + csvScan());
        rowSource = "raw";
        rowExpr = "raw.rowid + 1";
        fileExpr = "0";
      } else {
        rowSource = parquetScan(true);
        rowExpr = "file_row_number + 1";
        fileExpr = src.files.size() == 1 ? "0" : "list_position(" + fileList() + ", filename) - 1";
      }
    }

    private String file(int index) {
      return src.format == InputFormat.CSV ? src.display : src.displayOf(index);
    }

    BadInputException firstBadRow() throws SQLException {
      List<String> roles = new ArrayList<>();
      for (String c : columns.keySet()) {
        if (c.equals(scoreCol) || c.equals(labelCol) || c.equals(timeCol) || c.equals(encCol) || c.equals(idCol)) {
          roles.add(c);
        }
      }
      // _v, not _r: typedExpressions already names a Parquet file's attribute values _r0, _r1, ..., and a
      // second _r0 would make the message quote an attribute's value as the score's.
      StringBuilder raw = new StringBuilder();
      for (int i = 0; i < roles.size(); i++) {
        raw.append(", CAST(").append(q(roles.get(i))).append(" AS VARCHAR) AS _v").append(i);
      }
      String sql = "SELECT _f, _row, _s, " + (labelCol != null ? "_l" : "NULL") + ", " + (timeCol != null ? "_t" : "NULL")
          + ", " + (encCol != null ? "_e" : "NULL") + ", " + (idCol != null ? "_p" : "NULL");
      for (int i = 0; i < roles.size(); i++) {
        sql += ", _v" + i;
      }
      sql += " FROM (" + typedSelect(rowSource, ", " + fileExpr + " AS _f, " + rowExpr + " AS _row" + raw)
          + ") WHERE _bad ORDER BY _f, _row LIMIT 1";
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        if (!rs.next()) {
          throw new IllegalStateException("a bad row was counted but the diagnostic query found none");
        }
        String file = file(rs.getInt(1));
        long row = rs.getLong(2);
        for (int i = 0; i < roles.size(); i++) {
          String col = roles.get(i);
          String rawValue = rs.getString(8 + i);
          String problem = null;
          if (col.equals(scoreCol)) {
            Object sv = rs.getObject(3);
            problem = scoreProblem(rawValue, sv == null ? null : ((Number) sv).doubleValue());
          }
          if (problem == null && col.equals(labelCol) && rs.getObject(4) == null) {
            problem = isBlank(rawValue) ? "missing value" : quote(rawValue) + " is not a label (expected 0, 1, true or false)";
          }
          if (problem == null && col.equals(timeCol) && rs.getObject(5) == null) {
            problem = isBlank(rawValue) ? "missing value" : quote(rawValue) + " is not an ISO-8601 timestamp";
          }
          if (problem == null && (col.equals(encCol) && rs.getObject(6) == null || col.equals(idCol) && rs.getObject(7) == null)) {
            problem = "missing value";
          }
          if (problem != null) {
            return new BadInputException(file, row, col, problem);
          }
        }
        throw new IllegalStateException("the diagnostic query found a bad row but no bad value in it");
      }
    }

    private String scoreProblem(String raw, Double s) {
      if (s == null) {
        return isBlank(raw) ? "missing value" : quote(raw) + " is not a number";
      }
      if (s.isNaN()) {
        return "NaN is not a score";
      }
      if (s.isInfinite()) {
        return quote(raw) + " is not a finite number";
      }
      if (mapping.scoreScale() == ColumnMapping.ScoreScale.PROBABILITY && (s < 0 || s > 1)) {
        return raw.strip() + " is outside [0, 1]; scores that are not probabilities need score scale RAW (--score-scale raw)";
      }
      return null;
    }

    BadInputException firstPatientConflict() throws SQLException {
      String sql = "WITH x AS (SELECT " + fileExpr + " AS _f, " + rowExpr + " AS _row, nullif(CAST(" + q(encCol)
          + " AS VARCHAR), '') AS _e, nullif(CAST(" + q(idCol) + " AS VARCHAR), '') AS _p FROM " + rowSource + "),"
          + " first AS (SELECT _e, arg_min(_p, _f * 1099511627776 + _row) AS p0 FROM x GROUP BY _e)"
          + " SELECT _f, _row FROM x JOIN first USING (_e) WHERE x._p <> first.p0 ORDER BY _f, _row LIMIT 1";
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        if (!rs.next()) {
          throw new IllegalStateException("a patient conflict was counted but the diagnostic query found none");
        }
        return new BadInputException(file(rs.getInt(1)), rs.getLong(2), idCol,
            "differs from the patient id on an earlier row of the same encounter (column '" + encCol
                + "'); an encounter belongs to one patient");
      }
    }
  }

  private static Long longOrNull(Object o) {
    return o == null ? null : ((Number) o).longValue();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String quote(String raw) {
    String s = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
    return "'" + s + "'";
  }

  // ---------------------------------------------------------------- SQL helpers and errors

  private void trace(String step) {
    if (TRACE) {
      long now = System.nanoTime();
      long cpu = processCpu();
      System.err.printf("ingest %-28s %7.3f s wall %7.3f s cpu%n", step, (now - lap) / 1e9, (cpu - lapCpu) / 1e9);
      lap = now;
      lapCpu = cpu;
    }
  }

  /** CPU time of the whole process (DuckDB's threads included), or 0 where the JVM does not say. */
  private static long processCpu() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  /**
   * Each attribute's distinct values in DuckDB's order, all attributes in one scan (grouping sets:
   * three {@code SELECT DISTINCT} scans cost about ten times more). Values are never null (missing
   * ones are {@link #MISSING_LEVEL}), so a row's one non-null column says which attribute it is.
   * {@code counts} receives each attribute's number of values; a list stops growing past
   * {@link #MAX_LEVELS}.
   */
  private List<List<String>> attributeLevels(long[] counts) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    if (attrCols.isEmpty()) {
      return out;
    }
    StringBuilder cols = new StringBuilder();
    StringBuilder sets = new StringBuilder();
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < attrCols.size(); i++) {
      out.add(new ArrayList<>());
      String sep = i == 0 ? "" : ", ";
      cols.append(sep).append("_a").append(i);
      sets.append(sep).append("(_a").append(i).append(')');
      order.append(sep).append("_a").append(i).append(" NULLS LAST");
    }
    String sql = "SELECT " + cols + " FROM " + typedRel + " GROUP BY GROUPING SETS (" + sets + ") ORDER BY " + order;
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        for (int i = 0; i < out.size(); i++) {
          String v = rs.getString(i + 1);
          if (v != null) {
            if (++counts[i] <= MAX_LEVELS) { // past the limit only the count matters
              out.get(i).add(v);
            }
            break;
          }
        }
      }
    }
    return out;
  }

  private void exec(String sql) throws SQLException {
    // A failed statement closes its Statement object in DuckDB's driver; use a fresh one each time.
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  private long scalarLong(String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Turns a DuckDB error into a message about the input, or an internal error when the failure is
   * not about the input (a bug here, or DuckDB out of memory). CSV structure errors name the line;
   * DuckDB's copy of the offending line is never repeated (it may hold identifiers).
   */
  private RuntimeException failure(SQLException e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    int idx = msg.lastIndexOf("\nError: ");
    String reason = idx >= 0 ? msg.substring(idx + "\nError: ".length()) : msg;
    String first = reason.lines().findFirst().orElse(reason).strip();
    for (int i = 0; i < src.files.size(); i++) {
      first = first.replace(src.files.get(i).toAbsolutePath().toString(), src.displayOf(i));
    }
    boolean inputError = first.startsWith("Invalid Input Error") || first.startsWith("IO Error")
        || first.startsWith("Conversion Error") || first.startsWith("Invalid Error");
    if (!inputError) {
      // DuckDB 1.5 sometimes fails on a CSV value that is not UTF-8 with an internal error ("Attempted to access
      // index 5 within vector of size 5", seen with evaluate --by) instead of its CSV error: find the line here.
      long badText = src.format == InputFormat.CSV ? firstLineNotUtf8() : 0;
      if (badText > 0) {
        return BadInputException.atLine(src.display, badText, null, "not valid UTF-8 text");
      }
      return new IllegalStateException("DuckDB failed reading " + src.display + ": " + first, e);
    }
    if (src.format == InputFormat.CSV) {
      Matcher line = CSV_LINE.matcher(reason);
      if (line.find()) {
        long ln = Long.parseLong(line.group(1));
        Matcher cols = CSV_COLUMNS.matcher(reason);
        String problem;
        if (cols.find()) {
          problem = "expected " + cols.group(1) + " fields (as in the header), found " + cols.group(2);
        } else if (LINE_SIZE.matcher(reason).find()) {
          Matcher size = LINE_SIZE.matcher(reason);
          size.find();
          problem = "the line is " + Units.count(Long.parseLong(size.group(2)), "byte") + ", longer than the limit of " + Units.count(Long.parseLong(size.group(1)), "byte")
              + " per CSV line (a value this long is not a prediction log field; is a quote left open?)";
        } else if (reason.contains("unterminated quote")) {
          problem = "a quoted value is not closed";
        } else if (reason.toLowerCase(Locale.ROOT).contains("unicode") || reason.contains("UTF-8")) {
          problem = "not valid UTF-8 text";
        } else {
          problem = "malformed CSV";
        }
        return BadInputException.atLine(src.display, ln, null, problem);
      }
      return new BadInputException(src.display, "cannot be read as CSV: " + stripPrefix(first));
    }
    return new BadInputException(src.display, "not a readable Parquet file: " + stripPrefix(first));
  }

  /**
   * The 1-based line of the first byte sequence in the CSV file that is not UTF-8 (a lead byte outside C2..F4 or a
   * missing continuation byte; overlong forms are not checked), or 0 when there is none. Failure path only.
   */
  private long firstLineNotUtf8() {
    try (java.io.InputStream raw = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(src.files.get(0)), 1 << 16);
        java.io.InputStream in = src.gzip ? new java.io.BufferedInputStream(new java.util.zip.GZIPInputStream(raw, 1 << 16)) : raw) {
      long line = 1;
      int need = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (need > 0) {
          if ((b & 0xC0) != 0x80) {
            return line;
          }
          need--;
        } else if (b == '\n') {
          line++;
        } else if (b >= 0x80) {
          if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
          } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
          } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
          } else {
            return line;
          }
        }
      }
      return need > 0 ? line : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String stripPrefix(String s) {
    int colon = s.indexOf(" Error: ");
    return colon >= 0 ? s.substring(colon + " Error: ".length()) : s;
  }
}
