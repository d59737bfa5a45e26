package org.tollgate.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;

/**
 * A prediction log or an events table as Spark sees it: a catalog table ({@code --table NAME}) or a
 * Parquet path (file, folder or glob), with the CLI's column mapping ({@link ColumnMapping}) turned
 * into typed columns the jobs sort and scan. Typing follows the command line's reader:
 * <ul>
 *   <li>score: any numeric type or text, as a double; a value that is not a finite number (or, with
 *       probability scores, outside [0, 1]) stops the job naming the file, column and value;
 *   <li>label: 0/1 numbers, booleans, or text {@code 0, 1, true, false} (trimmed, any case);
 *   <li>time: Parquet/Spark timestamps (instants), timestamps without zone and ISO-8601 text without an
 *       offset (wall-clock times in the mapping's zone), or ISO-8601 text with an offset; whole epoch
 *       seconds (floored);
 *   <li>patient and encounter ids: their text form; attributes: their text form, empty or missing as
 *       {@code (missing)}.
 * </ul>
 * The columns are aliased {@code _p _e _t _s _l _a0 ...}; {@code _p}, {@code _t}, {@code _l} are absent
 * when the mapping has no such column.
 */
final class SparkInput implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String MISSING_LEVEL = "(missing)";

  final String display;
  final String format;
  final boolean hasPatient;
  final boolean hasTime;
  final boolean hasLabel;
  final List<String> attributes;

  private SparkInput(String display, String format, boolean hasPatient, boolean hasTime, boolean hasLabel, List<String> attributes) {
    this.display = display;
    this.format = format;
    this.hasPatient = hasPatient;
    this.hasTime = hasTime;
    this.hasLabel = hasLabel;
    this.attributes = List.copyOf(attributes);
  }

  /** The raw rows of a table name or a Parquet path. */
  static Dataset<Row> raw(SparkSession spark, String table, String path) {
    if ((table == null) == (path == null)) {
      throw new BadInputException(null, "give either a Parquet path or --table NAME");
    }
    try {
      return table != null ? spark.table(table) : spark.read().parquet(path);
    } catch (RuntimeException e) {
      throw new BadInputException(table != null ? table : path, "cannot be read by Spark: " + firstLine(e.getMessage()));
    }
  }

  static String firstLine(String s) {
    if (s == null) return "(no message)";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Where a table or path came from, for messages and provenance. */
  static String display(String table, String path) {
    return table != null ? "table " + table : path;
  }

  /**
   * The typed prediction columns.
   *
   * @param needLabel evaluation needs labels; simulation does not read them
   * @param needTime simulation needs times; evaluation reads them when the mapping names one that exists
   */
  static Typed predictions(SparkSession spark, Dataset<Row> raw, String display, String format, ColumnMapping m,
      boolean needLabel, boolean needTime) {
    List<Column> out = new ArrayList<>();
    String enc = require(raw, display, m.encounter(), "encounter");
    String score = require(raw, display, m.score(), "score");
    boolean hasPatient = m.id() != null && has(raw, m.id());
    boolean hasTime = m.time() != null && has(raw, m.time());
    if (needTime && !hasTime) require(raw, display, m.time(), "time");
    boolean hasLabel = m.label() != null && has(raw, m.label());
    if (needLabel && !hasLabel) {
      throw new BadInputException(display, 0, m.label(), "evaluation needs a label column (0/1); none was read (use --label COL)");
    }
    if (hasPatient) out.add(text(raw, m.id()).as("_p"));
    out.add(text(raw, enc).as("_e"));
    if (hasTime) out.add(epochSeconds(spark, raw, display, m.time(), m.zone()).as("_t"));
    out.add(number(raw, display, score).as("_s"));
    if (needLabel) out.add(label(raw, display, m.label()).as("_l"));
    for (int i = 0; i < m.attributes().size(); i++) {
      String a = require(raw, display, m.attributes().get(i), "attribute");
      out.add(coalesce(nullif(col(q(a)).cast(DataTypes.StringType), lit("")), lit(MISSING_LEVEL)).as("_a" + i));
    }
    SparkInput in = new SparkInput(display, format, hasPatient, hasTime, needLabel, m.attributes());
    return new Typed(in, raw.select(out.toArray(new Column[0])));
  }

  /** The typed columns of an events table: {@code _e _t _y} (type) {@code _v} (value, may be null) {@code _x} (end, may be null). */
  static Dataset<Row> events(SparkSession spark, Dataset<Row> raw, String display, String encounterColumn, ZoneId zone) {
    List<Column> out = new ArrayList<>();
    out.add(text(raw, require(raw, display, encounterColumn, "encounter")).as("_e"));
    out.add(epochSeconds(spark, raw, display, require(raw, display, "time", "time"), zone).as("_t"));
    out.add(text(raw, require(raw, display, "type", "type")).as("_y"));
    out.add(has(raw, "value") ? number(raw, display, "value").as("_v") : lit(null).cast(DataTypes.DoubleType).as("_v"));
    out.add(has(raw, "end_time") ? epochSeconds(spark, raw, display, "end_time", zone).as("_x") : lit(null).cast(DataTypes.LongType).as("_x"));
    return raw.select(out.toArray(new Column[0]));
  }

  /**
   * The typed columns of a features table (the bedside inputs as charted, as the command line's {@code FeatureReader}
   * reads it): {@code _e} (encounter), {@code _t} (time), then {@code _f0…} the given inputs' values as doubles (null
   * where missing), in the given order.
   */
  static Dataset<Row> features(SparkSession spark, Dataset<Row> raw, String display, String encounterColumn, ZoneId zone, List<String> inputs) {
    List<Column> out = new ArrayList<>();
    out.add(text(raw, require(raw, display, encounterColumn, "encounter")).as("_e"));
    out.add(epochSeconds(spark, raw, display, require(raw, display, "time", "time"), zone).as("_t"));
    for (int i = 0; i < inputs.size(); i++) out.add(number(raw, display, inputs.get(i)).as("_f" + i));
    return raw.select(out.toArray(new Column[0]));
  }

  /** A typed relation and what it holds. */
  record Typed(SparkInput input, Dataset<Row> rows) {}

  private static boolean has(Dataset<Row> raw, String column) {
    return Arrays.asList(raw.columns()).contains(column);
  }

  private static String require(Dataset<Row> raw, String display, String column, String role) {
    if (column == null || !has(raw, column)) {
      throw new BadInputException(display, 0, column, "missing " + role + " column; columns are " + Arrays.toString(raw.columns()));
    }
    return column;
  }

  private static DataType type(Dataset<Row> raw, String column) {
    for (StructField f : raw.schema().fields()) {
      if (f.name().equals(column)) return f.dataType();
    }
    throw new IllegalStateException(column);
  }

  private static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static Column text(Dataset<Row> raw, String column) {
    return nullif(col(q(column)).cast(DataTypes.StringType), lit(""));
  }

  private static Column number(Dataset<Row> raw, String display, String column) {
    DataType t = type(raw, column);
    if (t instanceof NumericType || t instanceof StringType) {
      return col(q(column)).cast(DataTypes.DoubleType);
    }
    throw new BadInputException(display, 0, column, "has type " + t.simpleString() + "; expected numbers");
  }

  private static Column label(Dataset<Row> raw, String display, String column) {
    DataType t = type(raw, column);
    Column c = col(q(column));
    if (t instanceof StringType) {
      Column v = lower(trim(c));
      return when(v.equalTo("0").or(v.equalTo("false")), 0).when(v.equalTo("1").or(v.equalTo("true")), 1).cast(DataTypes.ByteType);
    }
    if (t instanceof BooleanType) {
      return c.cast(DataTypes.ByteType);
    }
    if (t instanceof NumericType) {
      return when(c.equalTo(0), 0).when(c.equalTo(1), 1).cast(DataTypes.ByteType);
    }
    throw new BadInputException(display, 0, column, "has type " + t.simpleString() + "; expected 0/1, true/false");
  }

  private static Column epochSeconds(SparkSession spark, Dataset<Row> raw, String display, String column, ZoneId zone) {
    DataType t = type(raw, column);
    Column c = col(q(column));
    if (t instanceof TimestampType) {
      return floor(unix_micros(c).divide(1_000_000.0)).cast(DataTypes.LongType);
    }
    if (t instanceof TimestampNTZType) {
      String name = "tollgate_wall_" + udfName(zone);
      spark.udf().register(name, (UDF1<LocalDateTime, Long>) w -> w == null ? null : w.atZone(zone).toEpochSecond(), DataTypes.LongType);
      return callUDF(name, c);
    }
    if (t instanceof StringType) {
      String name = "tollgate_iso_" + udfName(zone);
      spark.udf().register(name, (UDF1<String, Long>) s -> parseIso(s, zone), DataTypes.LongType);
      return callUDF(name, c);
    }
    throw new BadInputException(display, 0, column, "has type " + t.simpleString() + "; expected timestamps or ISO-8601 text");
  }

  private static String udfName(ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    for (byte b : zone.getId().getBytes(StandardCharsets.UTF_8)) {
      sb.append(Character.isLetterOrDigit(b) ? (char) b : '_');
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** ISO-8601 with an offset, or without one (in {@code zone}); null when unparseable. */
  static Long parseIso(String s, ZoneId zone) {
    if (s == null) return null;
    String v = s.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(v).toEpochSecond();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).atZone(zone).toEpochSecond();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /**
   * The levels of attributes {@code 0..n-1} from an aggregate row whose columns {@code from..from+n-1}
   * are their {@code collect_set}s, each in the order the command line codes levels in (value order).
   */
  static String[][] levels(Row stats, int from, List<String> attributes, String display) {
    String[][] levels = new String[attributes.size()][];
    for (int i = 0; i < levels.length; i++) {
      List<String> l = new ArrayList<>(stats.<String>getList(from + i));
      l.sort(SparkInput::compareUtf8);
      if (l.size() > Short.MAX_VALUE) {
        throw new BadInputException(display, 0, attributes.get(i),
            l.size() + " distinct values; an attribute can have at most " + Short.MAX_VALUE + " (is it an identifier or a measurement?)");
      }
      levels[i] = l.toArray(new String[0]);
    }
    return levels;
  }

  /** A row's score, checked as the command line checks it. */
  static double score(Row r, int i, String display, String column, boolean probability) {
    if (r.isNullAt(i)) throw new BadInputException(display, 0, column, "missing or non-numeric score");
    double s = r.getDouble(i);
    if (Double.isNaN(s) || Double.isInfinite(s)) throw new BadInputException(display, 0, column, "score " + s + " is not a finite number");
    if (probability && (s < 0 || s > 1)) {
      throw new BadInputException(display, 0, column, "score " + s + " is outside [0, 1] (use --score-scale raw for raw scores)");
    }
    return s;
  }

  /** A row's time in epoch seconds, present. */
  static long time(Row r, int i, String display, String column) {
    if (r.isNullAt(i)) throw new BadInputException(display, 0, column, "missing or unparseable timestamp");
    return r.getLong(i);
  }

  /** Unsigned byte-wise order of the UTF-8 forms: the order DuckDB and Spark sort text in. */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
