package org.tollgate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.monitor.Summarizer;

/**
 * One partition of the score-and-event relation the alert jobs build ({@link #relation}: repartitioned by encounter,
 * sorted by encounter, events before scores before live alerts, time, score descending, attributes descending): one
 * scan drops duplicate (encounter, time) score rows as the command line's reader does, collects whole
 * encounters into batches of about {@code batchRows} score rows, and hands each batch, as the engine's own
 * tables, to an engine call that adds into the partition's part ({@link SimulateJob}: the simulator;
 * {@link MonitorJob}: the monitor's summarizer, with the batch's rows of the live alert log). As the command line's
 * event reader does, live alerts of an encounter without score rows are dropped.
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
    /** @param alerts the batch's live alerts, or null when the relation has no live alert log */
    void add(P part, ScoreTable scores, EventTable events, Summarizer.LiveAlerts alerts);
  }

  /** Row kinds in the relation, in their sort order within an encounter. */
  static final int EVENT = 0;
  static final int SCORE = 1;
  static final int LIVE_ALERT = 2;

  /**
   * The relation a scan reads: the typed score rows ({@code _e, _t, _s, _a0…}), event rows ({@code _e, _t, _y, _v, _x})
   * and, for the monitor, the rows of type {@value Summarizer.LiveAlerts#TYPE} of a live alert log (events, or null)
   * as one relation ({@code _e, _k, _t, _s, _y, _v, _x, _a0…}; {@code _k} the row's kind), repartitioned by encounter
   * ({@code partitions} of them, or Spark's default when 0) and sorted within partitions by (encounter, kind, time,
   * score descending, attributes descending): a secondary sort, so no encounter is ever gathered into memory.
   */
  static Dataset<Row> relation(Dataset<Row> scores, Dataset<Row> events, Dataset<Row> alerts, int attributes, int partitions) {
    List<Column> sc = new ArrayList<>(List.of(col("_e"), lit(SCORE).as("_k"), col("_t"), col("_s"), lit(null).cast(DataTypes.StringType).as("_y"),
        lit(null).cast(DataTypes.DoubleType).as("_v"), lit(null).cast(DataTypes.LongType).as("_x")));
    List<Column> ev = new ArrayList<>(List.of(col("_e"), lit(EVENT).as("_k"), col("_t"), lit(null).cast(DataTypes.DoubleType).as("_s"), col("_y"),
        col("_v"), col("_x")));
    List<Column> al = new ArrayList<>(List.of(col("_e"), lit(LIVE_ALERT).as("_k"), col("_t"), lit(null).cast(DataTypes.DoubleType).as("_s"), col("_y"),
        col("_v"), lit(null).cast(DataTypes.LongType).as("_x")));
    List<Column> order = new ArrayList<>(List.of(col("_e"), col("_k"), col("_t"), col("_s").desc()));
    for (int i = 0; i < attributes; i++) {
      sc.add(col("_a" + i));
      ev.add(lit(null).cast(DataTypes.StringType).as("_a" + i));
      al.add(lit(null).cast(DataTypes.StringType).as("_a" + i));
      order.add(col("_a" + i).desc());
    }
    Dataset<Row> both = scores.select(sc.toArray(new Column[0])).union(events.select(ev.toArray(new Column[0])));
    if (alerts != null) both = both.union(alerts.filter(col("_y").equalTo(Summarizer.LiveAlerts.TYPE)).select(al.toArray(new Column[0])));
    return (partitions > 0 ? both.repartition(partitions, col("_e")) : both.repartition(col("_e"))).sortWithinPartitions(order.toArray(new Column[0]));
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
  private final String alertsDisplay;

  PartitionScan(String display, String eventsDisplay, ColumnMapping m, String[][] levels, List<String> types, int batchRows, Empty<P> empty,
      Engine<P> engine, Counter<P> counter) {
    this(display, eventsDisplay, null, m, levels, types, batchRows, empty, engine, counter);
  }

  /** @param alertsDisplay the live alert log as messages name it, or null when the relation has none */
  PartitionScan(String display, String eventsDisplay, String alertsDisplay, ColumnMapping m, String[][] levels, List<String> types, int batchRows,
      Empty<P> empty, Engine<P> engine, Counter<P> counter) {
    this.alertsDisplay = alertsDisplay;
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
      if (r.getInt(1) == LIVE_ALERT) {
        long t = SparkInput.time(r, 2, alertsDisplay, "time");
        double v = r.isNullAt(5) ? Double.NaN : r.getDouble(5);
        if (!Double.isNaN(v) && v != 0 && v != 1) throw new BadInputException(alertsDisplay, 0, "value", "acted on must be 1, 0 or empty, got " + v);
        if (encHasScores) b.alert(e, t, v);
        continue;
      }
      if (r.getInt(1) == EVENT) {
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
    final List<Object[]> alerts = new ArrayList<>();

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

    void alert(String e, long t, double acted) {
      alerts.add(new Object[] {e, t, acted});
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
        Summarizer.LiveAlerts live = null;
        if (s.alertsDisplay != null) {
          EventTable.Builder ab = new EventTable.Builder(t).declareTypes(List.of(Summarizer.LiveAlerts.TYPE));
          for (Object[] a : alerts) ab.add((String) a[0], (Long) a[1], Summarizer.LiveAlerts.TYPE, (Double) a[2], EventTable.NO_END);
          live = Summarizer.LiveAlerts.of(ab.build(null), s.alertsDisplay);
        }
        s.engine.add(part, t, eb.build(null), live);
      }
      rows = 0;
      encIds.clear();
      events.clear();
      alerts.clear();
    }
  }
}
