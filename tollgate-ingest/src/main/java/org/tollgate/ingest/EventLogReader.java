package org.tollgate.ingest;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.behavior.EventLog;
import org.tollgate.data.BadInputException;
import org.tollgate.data.TableSource;

/**
 * Reads an EHR-style event log (CSV or Parquet) for behavioral mapping, through {@link TableReader},
 * with the visit windows from a separate encounters table or from columns of the log itself.
 *
 * <p>Event log columns (defaults in {@link Columns#defaults()}): {@code user_id}, {@code role},
 * {@code clinical} (optional: yes/no, true/false, y/n or 1/0; empty means unknown), {@code task},
 * {@code time}, {@code encounter_id}, and, when there is no encounters table, {@code visit_start} and
 * {@code visit_end} on every row. Encounters table columns: {@code encounter_id}, {@code visit_start},
 * {@code visit_end}. Times are ISO-8601 or Parquet timestamps, whole seconds.
 *
 * <p>Bad input is a {@link BadInputException} naming file, row and column: a missing column, an
 * empty or unparseable value, a clinical value that is not yes/no, a visit that ends before it
 * starts, an encounter given two different visit windows, an empty file, or no visit times at all.
 */
public final class EventLogReader {

  /** Which column holds what. */
  public record Columns(String user, String role, String clinical, String task, String time, String encounter,
      String visitStart, String visitEnd) {
    public static Columns defaults() {
      return new Columns("user_id", "role", "clinical", "task", "time", "encounter_id", "visit_start", "visit_end");
    }

    public Columns withTask(String column) {
      return new Columns(user, role, clinical, column, time, encounter, visitStart, visitEnd);
    }
  }

  private EventLogReader() {}

  /**
   * Reads the log and its visits.
   *
   * @param encounters an encounters table with the visit windows, or null when the log carries them
   * @param zone zone of timestamps without an offset
   */
  public static EventLog read(Path log, Path encounters, Columns c, ZoneId zone) {
    String display = log.toString();
    EventLog.Builder b = new EventLog.Builder();
    TableSource visitSource = null;
    if (encounters != null) {
      visitSource = readVisits(encounters, c, zone, b);
    }
    List<String> present = TableReader.columnNames(log);
    boolean visitColumns = present.contains(c.visitStart()) || present.contains(c.visitEnd());
    if (encounters == null && !visitColumns) {
      throw new BadInputException(display, 0, c.visitStart(), "no visit times: give an encounters table (encounter_id, "
          + c.visitStart() + ", " + c.visitEnd() + ") or add those columns to the log; the file has " + present);
    }
    boolean inlineVisits = encounters == null;
    List<TableReader.Column> cols = new ArrayList<>(List.of(
        new TableReader.Column(c.user(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.role(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.clinical(), TableReader.Kind.TEXT, false),
        new TableReader.Column(c.task(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.time(), TableReader.Kind.TIMESTAMP, true),
        new TableReader.Column(c.encounter(), TableReader.Kind.TEXT, true)));
    if (inlineVisits) {
      cols.add(new TableReader.Column(c.visitStart(), TableReader.Kind.TIMESTAMP, true));
      cols.add(new TableReader.Column(c.visitEnd(), TableReader.Kind.TIMESTAMP, true));
    }
    TableReader.Result r = TableReader.read(log, cols, zone, (row, v) -> {
      Boolean clinical = v[2] == null ? null : clinical(display, row, c.clinical(), (String) v[2]);
      String enc = (String) v[5];
      if (inlineVisits) {
        long start = (Long) v[6];
        long end = (Long) v[7];
        if (end < start) {
          throw new BadInputException(display, row, c.visitEnd(), c.visitEnd() + " is before " + c.visitStart());
        }
        try {
          b.visit(enc, start, end);
        } catch (IllegalArgumentException e) {
          throw new BadInputException(display, row, c.visitStart(), e.getMessage());
        }
      }
      b.event((String) v[0], (String) v[1], clinical, (String) v[3], (Long) v[4], enc);
    });
    Map<String, String> mapping = new LinkedHashMap<>();
    mapping.put("user", c.user());
    mapping.put("role", c.role());
    if (present.contains(c.clinical())) mapping.put("clinical", c.clinical());
    mapping.put("task", c.task());
    mapping.put("time", c.time());
    mapping.put("encounter", c.encounter());
    if (inlineVisits) {
      mapping.put("visit_start", c.visitStart());
      mapping.put("visit_end", c.visitEnd());
    }
    return b.build(new TableSource(r.path(), r.format(), r.sha256(), r.rows(), mapping), visitSource);
  }

  private static TableSource readVisits(Path file, Columns c, ZoneId zone, EventLog.Builder b) {
    String display = file.toString();
    TableReader.columnNames(file); // an empty file is reported as such, not as missing columns
    List<TableReader.Column> cols = List.of(
        new TableReader.Column(c.encounter(), TableReader.Kind.TEXT, true),
        new TableReader.Column(c.visitStart(), TableReader.Kind.TIMESTAMP, true),
        new TableReader.Column(c.visitEnd(), TableReader.Kind.TIMESTAMP, true));
    TableReader.Result r = TableReader.read(file, cols, zone, (row, v) -> {
      long start = (Long) v[1];
      long end = (Long) v[2];
      if (end < start) {
        throw new BadInputException(display, row, c.visitEnd(), c.visitEnd() + " is before " + c.visitStart());
      }
      try {
        b.visit((String) v[0], start, end);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(display, row, c.encounter(), e.getMessage());
      }
    });
    Map<String, String> mapping = new LinkedHashMap<>();
    mapping.put("encounter", c.encounter());
    mapping.put("visit_start", c.visitStart());
    mapping.put("visit_end", c.visitEnd());
    return new TableSource(r.path(), r.format(), r.sha256(), r.rows(), mapping);
  }

  /** yes/no, true/false, y/n, 1/0 in any case. */
  static Boolean clinical(String file, long row, String column, String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "yes", "y", "true", "1" -> Boolean.TRUE;
      case "no", "n", "false", "0" -> Boolean.FALSE;
      default -> throw new BadInputException(file, row, column, "must be yes or no (or true/false, 1/0), got '" + s + "'");
    };
  }
}
