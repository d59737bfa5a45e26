package org.tollgate.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.data.BadInputException;

/**
 * Reads the smaller side tables (events, outages, interaction logs) from CSV or Parquet with DuckDB,
 * column by named column, converting each value to the declared kind and naming file, row and column
 * on the first bad value. Rows are visited in file order; the row number is the 1-based data row
 * (header not counted).
 */
public final class TableReader {

  /** What a column holds. */
  public enum Kind {
    TEXT,
    NUMBER,
    /** Epoch seconds: ISO-8601 text or a Parquet timestamp, fractions of a second floored. */
    TIMESTAMP,
    /**
     * Epoch milliseconds, for sub-second durations: ISO-8601 text with any fraction of a second
     * (kept to the millisecond, finer digits floored), a Parquet timestamp at any precision, or a
     * plain number — epoch seconds (fraction allowed) when below {@value TableReader#EPOCH_MILLIS_FROM},
     * epoch milliseconds from there (10¹¹ s is the year 5138, 10¹¹ ms is March 1973, so no plausible
     * log is ambiguous).
     */
    TIMESTAMP_MILLIS
  }

  /** A plain number at or above this in a {@link Kind#TIMESTAMP_MILLIS} column is epoch milliseconds. */
  public static final double EPOCH_MILLIS_FROM = 1e11;

  /** A column to read. Optional columns may be absent from the file (their values are then null). */
  public record Column(String name, Kind kind, boolean required) {}

  /**
   * Receives one row: values are String (TEXT), Double (NUMBER), Long epoch seconds (TIMESTAMP) or Long
   * epoch milliseconds (TIMESTAMP_MILLIS), null when empty.
   */
  @FunctionalInterface
  public interface RowVisitor {
    void row(long row, Object[] values);
  }

  /** What was read: provenance and row count. */
  public record Result(String path, String format, String sha256, long rows, List<String> columnsPresent) {}

  private TableReader() {}

  /**
   * Reads {@code file}, visiting each row.
   *
   * @param zone zone of timestamps without an offset
   * @throws BadInputException on a missing required column, an unparseable value, an empty file, or an unreadable file
   */
  public static Result read(Path file, List<Column> columns, ZoneId zone, RowVisitor visitor) {
    InputSource src = InputSource.resolve(file);
    if (src.format == InputFormat.FHIR_NDJSON) {
      throw new BadInputException(src.display, "expected a CSV or Parquet file, not FHIR NDJSON");
    }
    String scan = scan(src);
    try (Connection c = DuckDb.connect(); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
        while (rs.next()) types.put(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT));
      }
      List<String> present = new ArrayList<>(types.keySet());
      StringBuilder select = new StringBuilder();
      for (Column col : columns) {
        if (select.length() > 0) select.append(", ");
        String type = types.get(col.name());
        if (type == null) {
          if (col.required()) {
            throw new BadInputException(src.display, 0, col.name(), "missing column; the file has " + present);
          }
          select.append("NULL");
        } else if (col.kind() == Kind.TIMESTAMP_MILLIS && type.startsWith("TIMESTAMP WITH TIME ZONE")) {
          select.append("CAST(epoch_ms(").append(q(col.name())).append(") AS BIGINT)");
        } else if (col.kind() == Kind.TIMESTAMP_MILLIS && type.startsWith("TIMESTAMP")) {
          select.append("'wallms:' || CAST(epoch_ms(").append(q(col.name())).append(") AS VARCHAR)");
        } else if (col.kind() == Kind.TIMESTAMP && type.startsWith("TIMESTAMP WITH TIME ZONE")) {
          select.append("CAST(epoch(").append(q(col.name())).append(") AS BIGINT)");
        } else if (col.kind() == Kind.TIMESTAMP && type.startsWith("TIMESTAMP")) {
          select.append("'wall:' || CAST(CAST(epoch(").append(q(col.name())).append(") AS BIGINT) AS VARCHAR)");
        } else {
          select.append("CAST(").append(q(col.name())).append(" AS VARCHAR)");
        }
      }
      long row = 0;
      Object[] values = new Object[columns.size()];
      try (ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + scan)) {
        while (rs.next()) {
          row++;
          for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            Object raw = rs.getObject(i + 1);
            values[i] = convert(src.display, row, col, raw, zone);
          }
          visitor.row(row, values);
        }
      }
      if (row == 0) {
        throw new BadInputException(src.display, "the file has no data rows");
      }
      return new Result(src.display, src.format.id(), src.sha256(), row, present);
    } catch (SQLException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new BadInputException(src.display, "cannot read as " + src.format.id() + ": " + m.lines().findFirst().orElse(m));
    }
  }

  /**
   * The file's column names in file order, without reading its rows (so a reader can choose optional
   * columns, e.g. whether a log has a session column, before it reads).
   *
   * @throws BadInputException when the file cannot be read
   */
  public static List<String> columnNames(Path file) {
    InputSource src = InputSource.resolve(file);
    if (src.format == InputFormat.FHIR_NDJSON) {
      throw new BadInputException(src.display, "expected a CSV or Parquet file, not FHIR NDJSON");
    }
    if (src.format == InputFormat.CSV && !src.gzip && src.files.size() == 1) {
      try {
        if (java.nio.file.Files.size(src.files.get(0)) == 0) {
          throw new BadInputException(src.display, "empty file: no header and no data rows");
        }
      } catch (java.io.IOException e) {
        throw new BadInputException(src.display, "cannot read: " + e.getMessage());
      }
    }
    try (Connection c = DuckDb.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan(src))) {
      List<String> names = new ArrayList<>();
      while (rs.next()) names.add(rs.getString(1));
      return names;
    } catch (SQLException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new BadInputException(src.display, "cannot read as " + src.format.id() + ": " + m.lines().findFirst().orElse(m));
    }
  }

  private static Object convert(String file, long row, Column col, Object raw, ZoneId zone) {
    if (raw == null) {
      if (col.required()) throw new BadInputException(file, row, col.name(), "empty value");
      return null;
    }
    switch (col.kind()) {
      case TEXT -> {
        String s = raw.toString();
        if (s.isBlank()) {
          if (col.required()) throw new BadInputException(file, row, col.name(), "empty value");
          return null;
        }
        return s.strip();
      }
      case NUMBER -> {
        String s = raw.toString().strip();
        if (s.isEmpty()) {
          if (col.required()) throw new BadInputException(file, row, col.name(), "empty value");
          return null;
        }
        try {
          double d = Double.parseDouble(s);
          if (!Double.isFinite(d)) throw new NumberFormatException();
          return d;
        } catch (NumberFormatException e) {
          throw new BadInputException(file, row, col.name(), "not a number: '" + s + "'");
        }
      }
      case TIMESTAMP -> {
        if (raw instanceof Number n) return n.longValue();
        String s = raw.toString().strip();
        if (s.isEmpty()) {
          if (col.required()) throw new BadInputException(file, row, col.name(), "empty value");
          return null;
        }
        if (s.startsWith("wall:")) {
          long wall = Long.parseLong(s.substring(5));
          return Timestamps.wallToEpoch(LocalDateTime.ofEpochSecond(wall, 0, ZoneOffset.UTC), zone);
        }
        try {
          return Timestamps.parseEpochSecond(s, zone);
        } catch (DateTimeException e) {
          throw new BadInputException(file, row, col.name(), "not an ISO-8601 timestamp: '" + s + "'");
        }
      }
      case TIMESTAMP_MILLIS -> {
        if (raw instanceof Number n) return n.longValue();
        String s = raw.toString().strip();
        if (s.isEmpty()) {
          if (col.required()) throw new BadInputException(file, row, col.name(), "empty value");
          return null;
        }
        if (s.startsWith("wallms:")) {
          long wall = Long.parseLong(s.substring(7));
          LocalDateTime w = LocalDateTime.ofEpochSecond(Math.floorDiv(wall, 1000L), (int) Math.floorMod(wall, 1000L) * 1_000_000,
              ZoneOffset.UTC);
          return Timestamps.wallToEpochMilli(w, zone);
        }
        if (looksNumeric(s)) {
          return epochNumberToMillis(file, row, col.name(), s);
        }
        try {
          return Timestamps.parseEpochMilli(s, zone);
        } catch (DateTimeException | ArithmeticException e) {
          throw new BadInputException(file, row, col.name(), "not an ISO-8601 timestamp or epoch number: '" + s + "'");
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private static final java.util.regex.Pattern EPOCH_NUMBER = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static boolean looksNumeric(String s) {
    return EPOCH_NUMBER.matcher(s).matches();
  }

  /** Epoch seconds (below {@link #EPOCH_MILLIS_FROM}, fraction kept to the millisecond) or epoch milliseconds. */
  private static long epochNumberToMillis(String file, long row, String column, String s) {
    java.math.BigDecimal v;
    try {
      v = new java.math.BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new BadInputException(file, row, column, "not an ISO-8601 timestamp or epoch number: '" + s + "'");
    }
    java.math.BigDecimal ms = v.abs().compareTo(java.math.BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0 ? v : v.movePointRight(3);
    try {
      return ms.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException e) {
      throw new BadInputException(file, row, column, "epoch number out of range: '" + s + "'");
    }
  }

  private static String scan(InputSource src) {
    if (src.format == InputFormat.CSV) {
      return "read_csv(" + lit(src.files.get(0).toAbsolutePath().toString()) + ", header = true, all_varchar = true, strict_mode = true"
          + ", compression = " + (src.gzip ? "'gzip'" : "'none'") + ")";
    }
    StringBuilder sb = new StringBuilder("read_parquet([");
    for (int i = 0; i < src.files.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(lit(src.files.get(i).toAbsolutePath().toString()));
    }
    return sb.append("])").toString();
  }

  private static String q(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
