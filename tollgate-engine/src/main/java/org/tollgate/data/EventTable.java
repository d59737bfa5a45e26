package org.tollgate.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clinical events in one long table, joined to a {@link ScoreTable}'s encounters: outcomes (e.g.
 * {@code sepsis_onset}), second signals with a value (e.g. {@code lactate}) and context windows with an
 * end time (e.g. {@code procedure}). Rows are grouped by encounter code and sorted by time within an
 * encounter; {@link #from(int)} and {@link #to(int)} give an encounter's range.
 *
 * <p>Per row: encounter code (int), time and end time in epoch seconds (long; end {@link #NO_END} when
 * absent), type code (int), value (double, NaN when absent).
 */
public final class EventTable {
  public static final long NO_END = Long.MIN_VALUE;

  private final int rows;
  private final int[] encounter;
  private final long[] time;
  private final long[] end;
  private final int[] type;
  private final double[] value;
  private final String[] types;
  private final int[] start;
  private final long unmatched;
  private final InputRecord input;
  private final Map<Integer, Long> firstRowWithEnd;

  private EventTable(int rows, int[] encounter, long[] time, long[] end, int[] type, double[] value, String[] types,
      int encounters, long unmatched, InputRecord input, Map<Integer, Long> firstRowWithEnd) {
    this.firstRowWithEnd = firstRowWithEnd;
    this.rows = rows;
    this.encounter = encounter;
    this.time = time;
    this.end = end;
    this.type = type;
    this.value = value;
    this.types = types;
    this.unmatched = unmatched;
    this.input = input;
    this.start = new int[encounters + 1];
    for (int i = 0; i < rows; i++) start[encounter[i] + 1]++;
    for (int e = 0; e < encounters; e++) start[e + 1] += start[e];
  }

  public int rows() {
    return rows;
  }

  public int encounter(int i) {
    return encounter[i];
  }

  public long time(int i) {
    return time[i];
  }

  /** End time in epoch seconds, or {@link #NO_END}. */
  public long end(int i) {
    return end[i];
  }

  public int type(int i) {
    return type[i];
  }

  /** Value, NaN when absent. */
  public double value(int i) {
    return value[i];
  }

  public String typeName(int code) {
    return types[code];
  }

  /** Type code of a name, or -1 when no event has it. */
  public int typeCode(String name) {
    for (int i = 0; i < types.length; i++) if (types[i].equals(name)) return i;
    return -1;
  }

  public List<String> typeNames() {
    return List.of(types);
  }

  /** First row of an encounter. */
  public int from(int encounterCode) {
    return start[encounterCode];
  }

  /** One past the last row of an encounter. */
  public int to(int encounterCode) {
    return start[encounterCode + 1];
  }

  /** Event rows whose encounter id had no scores (dropped). */
  public long unmatchedRows() {
    return unmatched;
  }

  public InputRecord input() {
    return input;
  }

  /**
   * The 1-based file row of the first event of type {@code typeCode} that has an end time, as the reader
   * reported it ({@link Builder#add(String, long, String, double, long, long)}), or 0 when not known.
   */
  public long firstRowWithEnd(int typeCode) {
    return firstRowWithEnd.getOrDefault(typeCode, 0L);
  }

  /** An empty table for a score table with {@code encounters} encounters. */
  public static EventTable empty(int encounters) {
    return new EventTable(0, new int[0], new long[0], new long[0], new int[0], new double[0], new String[0], encounters, 0, null, Map.of());
  }

  /**
   * Collects events by encounter id and joins them to a score table's encounters. Events of encounters
   * the score table lacks are counted in {@link #unmatchedRows()} and dropped.
   */
  public static final class Builder {
    private final ScoreTable scores;
    private final Map<String, Integer> encounterCode = new HashMap<>();
    private final Map<String, Integer> typeCode = new HashMap<>();
    private final List<String> typeNames = new ArrayList<>();
    private int rows;
    private int[] enc = new int[16];
    private long[] time = new long[16];
    private long[] end = new long[16];
    private int[] type = new int[16];
    private double[] value = new double[16];
    private long unmatched;
    private final Map<Integer, Long> firstRowWithEnd = new HashMap<>();

    public Builder(ScoreTable scores) {
      this.scores = scores;
      for (int e = 0; e < scores.encounterCount(); e++) encounterCode.put(scores.encounterId(e), e);
    }

    /**
     * Makes event types known even if no row of this table has them, so that a table holding a part
     * of the events (a Spark partition's encounters) accepts every policy the whole table accepts.
     */
    public Builder declareTypes(java.util.Collection<String> names) {
      for (String n : names) {
        typeCode.computeIfAbsent(n, k -> {
          typeNames.add(k);
          return typeNames.size() - 1;
        });
      }
      return this;
    }

    /**
     * As {@link #add(String, long, String, double, long)}, for an event read from row {@code fileRow} (1-based) of
     * a file, so that a later refusal of an end time on this type can name the first such row.
     */
    public Builder add(String encounterId, long epochSecond, String typeName, double valueOrNaN, long endOrNoEnd, long fileRow) {
      int before = rows;
      add(encounterId, epochSecond, typeName, valueOrNaN, endOrNoEnd);
      if (rows > before && endOrNoEnd != NO_END) {
        firstRowWithEnd.putIfAbsent(type[before], fileRow);
      }
      return this;
    }

    /** Adds an event; {@code valueOrNaN} NaN when absent, {@code endOrNoEnd} {@link #NO_END} when absent. */
    public Builder add(String encounterId, long epochSecond, String typeName, double valueOrNaN, long endOrNoEnd) {
      Integer e = encounterCode.get(encounterId);
      if (e == null) {
        unmatched++;
        return this;
      }
      if (rows == enc.length) {
        int n = rows * 2;
        enc = Arrays.copyOf(enc, n);
        time = Arrays.copyOf(time, n);
        end = Arrays.copyOf(end, n);
        type = Arrays.copyOf(type, n);
        value = Arrays.copyOf(value, n);
      }
      enc[rows] = e;
      time[rows] = epochSecond;
      end[rows] = endOrNoEnd;
      type[rows] = typeCode.computeIfAbsent(typeName, k -> {
        typeNames.add(k);
        return typeNames.size() - 1;
      });
      value[rows] = valueOrNaN;
      rows++;
      return this;
    }

    public EventTable build(InputRecord input) {
      // Sort by (encounter, time) with an index sort over primitive keys.
      Integer[] idx = new Integer[rows];
      for (int i = 0; i < rows; i++) idx[i] = i;
      Arrays.sort(idx, (a, b) -> enc[a] != enc[b] ? Integer.compare(enc[a], enc[b]) : Long.compare(time[a], time[b]));
      int[] e2 = new int[rows];
      long[] t2 = new long[rows];
      long[] x2 = new long[rows];
      int[] y2 = new int[rows];
      double[] v2 = new double[rows];
      for (int i = 0; i < rows; i++) {
        int j = idx[i];
        e2[i] = enc[j];
        t2[i] = time[j];
        x2[i] = end[j];
        y2[i] = type[j];
        v2[i] = value[j];
      }
      return new EventTable(rows, e2, t2, x2, y2, v2, typeNames.toArray(new String[0]), scores.encounterCount(), unmatched, input,
          Map.copyOf(firstRowWithEnd));
    }
  }
}
