package org.tollgate.ingest;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.data.BadInputException;
import org.tollgate.data.TableSource;
import org.tollgate.format.Units;
import org.tollgate.friction.InteractionLog;
import org.tollgate.friction.Period;

/**
 * Reads an interaction log (CSV or Parquet) for the friction audit, through {@link TableReader}.
 *
 * <p>Columns, found by name (defaults in {@link Columns#defaults()}): {@code session_id} (optional:
 * without it sessions are rebuilt from idle gaps), {@code user_id}, {@code role}, {@code step},
 * {@code start_time}, {@code end_time}, {@code period} ({@code pre} or {@code post}), and optional
 * attributes ({@code site} and {@code shift} when present, or the columns asked for). Times are
 * ISO-8601 text with any fraction of a second, Parquet timestamps, or epoch numbers (seconds, or
 * milliseconds from 10¹¹; see {@link TableReader.Kind#TIMESTAMP_MILLIS}); durations keep milliseconds.
 *
 * <p>A single Parquet file with typed time columns is read by a faster path that encodes the text
 * columns in DuckDB ({@code InteractionLogSql}); it gives the same log, and leaves any bad input to
 * the row-by-row path ({@code -Dtollgate.ingest.rowByRow=true} forces that path, for comparison).
 *
 * <p>Bad input is a {@link BadInputException} naming the file, the 1-based data row and the column:
 * a missing column, an empty or unparseable value, end before start, a period other than pre/post,
 * a session that spans two users or both periods, a period with no rows, a step with no pre-period
 * rows (its change cannot be measured; the message names the step and its first row), an empty file.
 */
public final class InteractionLogReader {
  /** Attribute columns kept when present and none are asked for. */
  public static final List<String> DEFAULT_ATTRIBUTES = List.of("site", "shift");

  /**
   * Which column holds what.
   *
   * @param attributes attribute columns to keep, or null for {@link #DEFAULT_ATTRIBUTES} where present
   */
  public record Columns(String session, String user, String role, String step, String start, String end, String period,
      List<String> attributes) {
    public static Columns defaults() {
      return new Columns("session_id", "user_id", "role", "step", "start_time", "end_time", "period", null);
    }

    public Columns withAttributes(List<String> attrs) {
      return new Columns(session, user, role, step, start, end, period, attrs);
    }
  }

  private InteractionLogReader() {}

  /** Reads with the default columns, timestamps without an offset in UTC. */
  public static InteractionLog read(Path file) {
    return read(file, Columns.defaults(), ZoneOffset.UTC);
  }

  /**
   * Reads the log.
   *
   * @param zone zone of timestamps without an offset
   * @throws BadInputException on bad input, naming file, row and column
   */
  public static InteractionLog read(Path file, Columns c, ZoneId zone) {
    String display = file.toString();
    List<String> present = TableReader.columnNames(file);
    boolean withSessions = present.contains(c.session());
    List<String> attrs = new ArrayList<>();
    if (c.attributes() == null) {
      for (String a : DEFAULT_ATTRIBUTES) if (present.contains(a)) attrs.add(a);
    } else {
      attrs.addAll(c.attributes());
    }
    List<TableReader.Column> cols = new ArrayList<>(List.of(
        new TableReader.Column(c.user(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.role(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.step(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.start(), TableReader.Kind.TIMESTAMP_MILLIS, true),
        new TableReader.Column(c.end(), TableReader.Kind.TIMESTAMP_MILLIS, true),
        new TableReader.Column(c.period(), TableReader.Kind.TEXT, true)));
    if (withSessions) cols.add(new TableReader.Column(c.session(), TableReader.Kind.TEXT, true));
    for (String a : attrs) cols.add(new TableReader.Column(a, TableReader.Kind.TEXT, false));
    for (String a : attrs) {
      if (!present.contains(a)) throw new BadInputException(display, 0, a, "missing column; the file has " + present);
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    if (withSessions) mapping.put("session", c.session());
    mapping.put("user", c.user());
    mapping.put("role", c.role());
    mapping.put("step", c.step());
    mapping.put("start", c.start());
    mapping.put("end", c.end());
    mapping.put("period", c.period());
    for (String a : attrs) mapping.put("attribute:" + a, a);
    if (!Boolean.getBoolean("tollgate.ingest.rowByRow")) {
      InteractionLog fast = InteractionLogSql.tryRead(InputSource.resolve(file), c, attrs, withSessions, zone, mapping);
      if (fast != null && auditable(fast)) return fast;
    }
    InteractionLog.Builder b = new InteractionLog.Builder(withSessions, attrs);
    int na = attrs.size();
    String[] values = new String[na];
    Period[] periods = {Period.PRE, Period.POST};
    long[] periodRows = new long[2];
    TableReader.Result r = TableReader.read(file, cols, zone, (row, v) -> {
      Period p;
      String ps = (String) v[5];
      if (ps.equalsIgnoreCase("pre")) {
        p = periods[0];
      } else if (ps.equalsIgnoreCase("post")) {
        p = periods[1];
      } else {
        throw new BadInputException(display, row, c.period(), "period must be 'pre' or 'post', got '" + ps + "'");
      }
      periodRows[p.ordinal()]++;
      for (int a = 0; a < na; a++) values[a] = (String) v[(withSessions ? 7 : 6) + a];
      try {
        b.add(withSessions ? (String) v[6] : null, (String) v[0], (String) v[1], (String) v[2], (Long) v[3], (Long) v[4], p, values);
      } catch (InteractionLog.RowException e) {
        throw switch (e.column()) {
          case "end" -> new BadInputException(display, row, c.end(),
              c.end() + " is before " + c.start() + " (by " + seconds((Long) v[3] - (Long) v[4]) + ")");
          case "user" -> new BadInputException(display, row, c.user(), e.getMessage());
          case "period" -> new BadInputException(display, row, c.period(), e.getMessage());
          default -> new BadInputException(display, row, e.column(), e.getMessage());
        };
      }
    });
    if (periodRows[0] == 0) {
      throw new BadInputException(display, 0, c.period(), "no 'pre' rows: the audit compares pre with post go-live");
    }
    if (periodRows[1] == 0) {
      throw new BadInputException(display, 0, c.period(), "no 'post' rows: the audit compares pre with post go-live");
    }
    List<String> noPre = b.stepsWithoutPre();
    if (!noPre.isEmpty()) {
      String first = noPre.get(0);
      throw new BadInputException(display, b.firstRowOfStep(first) + 1L, c.step(), "step '" + first
          + "' has no 'pre' rows, so its change cannot be measured; add pre-period data for it or leave it out"
          + (noPre.size() > 1 ? " (also without pre rows: " + noPre.subList(1, Math.min(noPre.size(), 6))
              + (noPre.size() > 6 ? " and " + (noPre.size() - 6) + " more" : "") + ")" : ""));
    }
    return b.build(new TableSource(r.path(), r.format(), r.sha256(), r.rows(), mapping));
  }

  /** Both periods present and every step seen before go-live; otherwise the row-by-row path words the problem. */
  private static boolean auditable(InteractionLog log) {
    boolean[] pre = new boolean[log.stepCount()];
    boolean anyPost = false;
    for (int i = 0; i < log.rows(); i++) {
      if (log.period(i) == Period.PRE) pre[log.step(i)] = true;
      else anyPost = true;
    }
    for (boolean p : pre) if (!p) return false;
    return anyPost;
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : Units.number(millis / 1000.0, 3) + " s";
  }
}
