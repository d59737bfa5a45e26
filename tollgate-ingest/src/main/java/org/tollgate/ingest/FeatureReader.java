package org.tollgate.ingest;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.fallback.BedsideInput;
import org.tollgate.fallback.FeatureTable;

/**
 * Reads a review's features table (CSV or Parquet) for the paper fallback: the encounter column, {@code time}
 * (when the row's values were known), and for each bedside input tollgate knows ({@link BedsideInput}) that the
 * file has, its value and, when present, its source time in {@code <input>_time}. Other columns are ignored
 * (they may serve the provenance check only). Rows of encounters without scores are dropped; a value that is
 * not a number, or an unparseable time, is bad input naming file, row and column.
 */
public final class FeatureReader {
  private FeatureReader() {}

  /** The bedside inputs the file has (none: the file holds no paper-rule inputs). */
  public static Set<BedsideInput> inputs(Path file) {
    Set<BedsideInput> in = EnumSet.noneOf(BedsideInput.class);
    for (String c : TableReader.columnNames(file)) {
      BedsideInput b = BedsideInput.ofColumn(c);
      if (b != null) in.add(b);
    }
    return in;
  }

  /**
   * @param encounterColumn the encounter column's name (the review's column mapping), or null for the default
   * @throws BadInputException on a missing encounter or time column, a bad value, or a file without any bedside input
   */
  public static FeatureTable read(Path file, ScoreTable scores, String encounterColumn, ZoneId zone) {
    String enc = encounterColumn == null ? ColumnMapping.DEFAULT_ENCOUNTER : encounterColumn;
    List<String> names = TableReader.columnNames(file);
    Set<BedsideInput> present = EnumSet.noneOf(BedsideInput.class);
    Set<BedsideInput> timed = EnumSet.noneOf(BedsideInput.class);
    for (BedsideInput b : BedsideInput.values()) {
      if (names.contains(b.column())) present.add(b);
      if (names.contains(b.column() + "_time")) timed.add(b);
    }
    if (present.isEmpty()) {
      throw new BadInputException(file.toString(), "the features table has none of the bedside inputs a paper rule can use: "
          + java.util.Arrays.stream(BedsideInput.values()).map(BedsideInput::column).toList());
    }
    List<TableReader.Column> cols = new ArrayList<>();
    cols.add(new TableReader.Column(enc, TableReader.Kind.TEXT, true));
    cols.add(new TableReader.Column("time", TableReader.Kind.TIMESTAMP, true));
    List<BedsideInput> order = new ArrayList<>(present);
    for (BedsideInput b : order) {
      cols.add(new TableReader.Column(b.column(), TableReader.Kind.NUMBER, false)); // present; empty where not yet charted
      cols.add(new TableReader.Column(b.column() + "_time", TableReader.Kind.TIMESTAMP, false));
    }
    Map<String, Integer> codes = new HashMap<>();
    for (int e = 0; e < scores.encounterCount(); e++) codes.put(scores.encounterId(e), e);
    FeatureTable.Builder b = new FeatureTable.Builder(scores.encounterCount(), present, timed);
    int n = BedsideInput.values().length;
    double[] values = new double[n];
    long[] sources = new long[n];
    TableReader.Result r = TableReader.read(file, cols, zone, (row, v) -> {
      Integer code = v[0] == null ? null : codes.get((String) v[0]);
      if (code == null) return;
      for (int i = 0; i < order.size(); i++) {
        int o = order.get(i).ordinal();
        values[o] = v[2 + 2 * i] == null ? Double.NaN : (Double) v[2 + 2 * i];
        sources[o] = v[3 + 2 * i] == null ? FeatureTable.NO_TIME : (Long) v[3 + 2 * i];
      }
      b.add(code, (Long) v[1], values, sources);
    });
    // the record's "score" names the first bedside input read (a mapping must name one); rows of encounters without scores are not kept
    ColumnMapping m = new ColumnMapping(null, enc, "time", order.get(0).column(), null, List.of(), ColumnMapping.ScoreScale.RAW, zone);
    return b.build(new InputRecord(r.path(), r.format(), r.sha256(), r.rows(), 0, m));
  }
}
