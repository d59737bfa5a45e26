package org.tollgate.ingest;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;

/**
 * Reads an events table (one long table: encounter id, time, type, optional value, optional end
 * time) and joins it to a score table's encounters. Columns: {@code encounter_id}, {@code time},
 * {@code type}, {@code value}, {@code end_time}. An end time before its start time is bad input;
 * events whose encounter has no scores are counted and dropped.
 */
public final class EventReader {
  private EventReader() {}

  public static EventTable read(Path file, ScoreTable scores, String encounterColumn, ZoneId zone) {
    String enc = encounterColumn == null ? ColumnMapping.DEFAULT_ENCOUNTER : encounterColumn;
    EventTable.Builder b = new EventTable.Builder(scores);
    List<TableReader.Column> cols = List.of(
        new TableReader.Column(enc, TableReader.Kind.TEXT, true),
        new TableReader.Column("time", TableReader.Kind.TIMESTAMP, true),
        new TableReader.Column("type", TableReader.Kind.TEXT, true),
        new TableReader.Column("value", TableReader.Kind.NUMBER, false),
        new TableReader.Column("end_time", TableReader.Kind.TIMESTAMP, false));
    String[] display = new String[1];
    TableReader.Result r = TableReader.read(file, cols, zone, (row, v) -> {
      long t = (Long) v[1];
      long end = v[4] == null ? EventTable.NO_END : (Long) v[4];
      if (end != EventTable.NO_END && end < t) {
        throw new BadInputException(file.toString(), row, "end_time", "end_time is before time");
      }
      b.add((String) v[0], t, (String) v[2], v[3] == null ? Double.NaN : (Double) v[3], end, row);
    });
    ColumnMapping m = new ColumnMapping(null, enc, "time", "value", null, List.of(), ColumnMapping.ScoreScale.RAW, zone);
    return b.build(new InputRecord(r.path(), r.format(), r.sha256(), r.rows(), 0, m));
  }
}
