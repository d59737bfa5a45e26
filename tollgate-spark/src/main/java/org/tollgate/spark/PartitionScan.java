package org.tollgate.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

/**
 * One partition of the score-and-event relation the alert jobs build (repartitioned by encounter, sorted by
 * encounter, events before scores, time, score descending, attributes descending; see {@link SimulateJob}): one
 * scan drops duplicate (encounter, time) score rows as the command line's reader does, collects whole
 * encounters into batches of about {@code batchRows} score rows, and hands each batch, as the engine's own
 * tables, to an engine call that adds into the partition's part ({@link SimulateJob}: the simulator;
 * {@link MonitorJob}: the monitor's summarizer).
 *
 * @param <P> what a partition accumulates
 */
final class PartitionScan<P> implements FlatMapFunction<Iterator<Row>, P> {
  private static final long serialVersionUID = 1L;

  /** A new, empty part. */
  interface Empty<P> extends Serializable {
    P get();
  }

  /** Adds one batch of whole encounters into a part. */
  interface Engine<P> extends Serializable {
    void add(P part, ScoreTable scores, EventTable events);
  }

  /** Adds the scan's row counts into a part. */
  interface Counter<P> extends Serializable {
    void count(P part, long rows, long duplicates, long eventRows);
  }

  private final String display;
  private final String eventsDisplay;
  private final String encCol;
  private final String timeCol;
  private final String scoreCol;
  private final boolean probability;
  private final List<String> by;
  private final String[][] levels;
  private final List<String> types;
  private final int batchRows;
  private final Empty<P> empty;
  private final Engine<P> engine;
  private final Counter<P> counter;

  PartitionScan(String display, String eventsDisplay, ColumnMapping m, String[][] levels, List<String> types, int batchRows, Empty<P> empty,
      Engine<P> engine, Counter<P> counter) {
    this.batchRows = batchRows;
    this.display = display;
    this.eventsDisplay = eventsDisplay;
    this.encCol = m.encounter();
    this.timeCol = m.time();
    this.scoreCol = m.score();
    this.probability = m.scoreScale() == ColumnMapping.ScoreScale.PROBABILITY;
    this.by = List.copyOf(m.attributes());
    this.levels = levels;
    this.types = List.copyOf(types);
    this.empty = empty;
    this.engine = engine;
    this.counter = counter;
  }

  @Override
  public Iterator<P> call(Iterator<Row> it) {
    P part = empty.get();
    Batch b = new Batch(by.size());
    List<Map<String, Integer>> codes = new ArrayList<>();
    for (String[] l : levels) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < l.length; i++) m.put(l[i], i);
      codes.add(m);
    }
    String enc = null;
    boolean encHasScores = false;
    long prevTime = 0;
    long rows = 0;
    long duplicates = 0;
    long eventRows = 0;
    short[] a = new short[by.size()]; // one row's attribute codes; Batch.score copies them
    while (it.hasNext()) {
      Row r = it.next();
      String e = r.getString(0);
      if (e == null) throw new BadInputException(r.getInt(1) == 0 ? eventsDisplay : display, 0, encCol, "missing encounter id");
      if (!e.equals(enc)) {
        if (b.rows >= batchRows) b.flush(this, part);
        enc = e;
        encHasScores = false;
      }
      if (r.getInt(1) == 0) {
        long t = SparkInput.time(r, 2, eventsDisplay, "time");
        if (r.isNullAt(4)) throw new BadInputException(eventsDisplay, 0, "type", "missing event type");
        long end = r.isNullAt(6) ? EventTable.NO_END : r.getLong(6);
        if (end != EventTable.NO_END && end < t) throw new BadInputException(eventsDisplay, 0, "end_time", "end_time is before time");
        b.event(e, t, r.getString(4), r.isNullAt(5) ? Double.NaN : r.getDouble(5), end);
        eventRows++;
        continue;
      }
      rows++;
      long t = SparkInput.time(r, 2, display, timeCol);
      double s = SparkInput.score(r, 3, display, scoreCol, probability);
      if (encHasScores && t == prevTime) {
        duplicates++;
        continue;
      }
      if (!encHasScores) {
        b.encounter(e);
        encHasScores = true;
      }
      for (int i = 0; i < a.length; i++) a[i] = (short) (int) codes.get(i).get(r.getString(7 + i));
      b.score(t, s, a);
      prevTime = t;
    }
    b.flush(this, part);
    counter.count(part, rows, duplicates, eventRows);
    return List.of(part).iterator();
  }

  /** Whole encounters' score and event rows, until there are enough to hand to the engine. */
  private static final class Batch {
    final int na;
    int rows;
    int[] enc = new int[4096];
    long[] time = new long[4096];
    double[] score = new double[4096];
    short[][] codes;
    final List<String> encIds = new ArrayList<>();
    final List<Object[]> events = new ArrayList<>();

    Batch(int attributes) {
      na = attributes;
      codes = new short[attributes][4096];
    }

    void encounter(String id) {
      encIds.add(id);
    }

    void event(String e, long t, String type, double value, long end) {
      events.add(new Object[] {e, t, type, value, end});
    }

    void score(long t, double s, short[] a) {
      if (rows == score.length) {
        int n = rows * 2;
        enc = Arrays.copyOf(enc, n);
        time = Arrays.copyOf(time, n);
        score = Arrays.copyOf(score, n);
        for (int i = 0; i < na; i++) codes[i] = Arrays.copyOf(codes[i], n);
      }
      enc[rows] = encIds.size() - 1;
      time[rows] = t;
      score[rows] = s;
      for (int i = 0; i < na; i++) codes[i][rows] = a[i];
      rows++;
    }

    <P> void flush(PartitionScan<P> s, P part) {
      if (rows > 0) {
        long base = Long.MAX_VALUE;
        for (int r = 0; r < rows; r++) base = Math.min(base, time[r]);
        int[] off = new int[rows];
        for (int r = 0; r < rows; r++) {
          long o = time[r] - base;
          if (o > Integer.MAX_VALUE) throw new BadInputException(s.display, 0, s.timeCol, "timestamps span more than 68 years");
          off[r] = (int) o;
        }
        short[][] c = new short[na][];
        for (int i = 0; i < na; i++) c[i] = Arrays.copyOf(codes[i], rows);
        ScoreTable t = new ScoreTable(rows, Arrays.copyOf(enc, rows), encIds.toArray(new String[0]), null, 0, base, off,
            Arrays.copyOf(score, rows), null, s.by, s.levels, c, null);
        EventTable.Builder eb = new EventTable.Builder(t).declareTypes(s.types);
        for (Object[] e : events) eb.add((String) e[0], (Long) e[1], (String) e[2], (Double) e[3], (Long) e[4]);
        s.engine.add(part, t, eb.build(null));
      }
      rows = 0;
      encIds.clear();
      events.clear();
    }
  }
}
