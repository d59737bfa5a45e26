package org.tollgate.fallback;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.tollgate.data.InputRecord;

/**
 * The features table in memory: per encounter (codes of the score table it was read against), chart
 * rows in time order, each with the latest value of every bedside input known at its time and that
 * value's source time. Columns the file lacks are absent ({@link #has}); a missing value is NaN.
 */
public final class FeatureTable {
  /** The source time of a value that has none. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final int encounters;
  private final int[] encounter;
  private final long[] time;
  private final double[][] value;
  private final long[][] source;
  private final int[] from;
  private final int[] to;
  private final Set<BedsideInput> present;
  private final InputRecord input;

  private FeatureTable(int encounters, int[] encounter, long[] time, double[][] value, long[][] source, Set<BedsideInput> present, InputRecord input) {
    this.encounters = encounters;
    this.encounter = encounter;
    this.time = time;
    this.value = value;
    this.source = source;
    this.present = present;
    this.input = input;
    this.from = new int[encounters];
    this.to = new int[encounters];
    Arrays.fill(from, 0);
    int r = 0;
    for (int e = 0; e < encounters; e++) {
      from[e] = r;
      while (r < encounter.length && encounter[r] == e) r++;
      to[e] = r;
    }
  }

  public int rows() {
    return time.length;
  }

  public int encounters() {
    return encounters;
  }

  public int encounter(int row) {
    return encounter[row];
  }

  public long time(int row) {
    return time[row];
  }

  /** The value of {@code in} on a row, NaN when missing. */
  public double value(BedsideInput in, int row) {
    return value[in.ordinal()][row];
  }

  /** When the value was measured (or drawn), or {@link #NO_TIME}; the row's time when the file gives none. */
  public long source(BedsideInput in, int row) {
    long[] s = source[in.ordinal()];
    return s == null ? time[row] : s[row];
  }

  /** First row of an encounter. */
  public int from(int encounterCode) {
    return from[encounterCode];
  }

  /** One past the last row of an encounter. */
  public int to(int encounterCode) {
    return to[encounterCode];
  }

  /** Whether the file has this input's column. */
  public boolean has(BedsideInput in) {
    return present.contains(in);
  }

  public Set<BedsideInput> inputs() {
    return present.isEmpty() ? Set.of() : EnumSet.copyOf(present);
  }

  /** The file it was read from (path, SHA-256, rows), or null. */
  public InputRecord input() {
    return input;
  }

  /** Collects rows in any order; {@link #build} sorts them by encounter and time. */
  public static final class Builder {
    private final int encounters;
    private final Set<BedsideInput> present;
    private final boolean[] withSource = new boolean[BedsideInput.values().length];
    private int n;
    private int[] enc = new int[1024];
    private long[] t = new long[1024];
    private double[][] v = new double[BedsideInput.values().length][];
    private long[][] s = new long[BedsideInput.values().length][];

    /**
     * @param encounters the number of encounter codes
     * @param present the inputs the file has
     * @param withSourceTimes the inputs that have a source-time column
     */
    public Builder(int encounters, Set<BedsideInput> present, Set<BedsideInput> withSourceTimes) {
      this.encounters = encounters;
      this.present = present.isEmpty() ? EnumSet.noneOf(BedsideInput.class) : EnumSet.copyOf(present);
      for (BedsideInput in : this.present) {
        v[in.ordinal()] = new double[1024];
        if (withSourceTimes.contains(in)) {
          withSource[in.ordinal()] = true;
          s[in.ordinal()] = new long[1024];
        }
      }
    }

    /**
     * @param values by {@link BedsideInput#ordinal()}, NaN when missing (entries of absent inputs ignored)
     * @param sources by ordinal, {@link #NO_TIME} when unknown (ignored for inputs without a source-time column)
     */
    public Builder add(int encounterCode, long epochSecond, double[] values, long[] sources) {
      if (encounterCode < 0 || encounterCode >= encounters) throw new IllegalArgumentException("encounter code " + encounterCode + " out of range");
      if (n == t.length) grow();
      enc[n] = encounterCode;
      t[n] = epochSecond;
      for (BedsideInput in : present) {
        int i = in.ordinal();
        v[i][n] = values[i];
        if (withSource[i]) s[i][n] = sources[i];
      }
      n++;
      return this;
    }

    private void grow() {
      int m = t.length * 2;
      enc = Arrays.copyOf(enc, m);
      t = Arrays.copyOf(t, m);
      for (int i = 0; i < v.length; i++) {
        if (v[i] != null) v[i] = Arrays.copyOf(v[i], m);
        if (s[i] != null) s[i] = Arrays.copyOf(s[i], m);
      }
    }

    public FeatureTable build(InputRecord input) {
      boolean sorted = true;
      for (int r = 1; r < n && sorted; r++) sorted = enc[r - 1] < enc[r] || (enc[r - 1] == enc[r] && t[r - 1] <= t[r]);
      int[] order = null;
      if (!sorted) {
        Integer[] o = new Integer[n];
        for (int r = 0; r < n; r++) o[r] = r;
        Arrays.sort(o, (a, b) -> enc[a] != enc[b] ? Integer.compare(enc[a], enc[b]) : Long.compare(t[a], t[b]));
        order = new int[n];
        for (int r = 0; r < n; r++) order[r] = o[r];
      }
      int[] e2 = pick(enc, order);
      long[] t2 = pick(t, order);
      double[][] v2 = new double[v.length][];
      long[][] s2 = new long[s.length][];
      for (int i = 0; i < v.length; i++) {
        if (v[i] != null) v2[i] = pick(v[i], order);
        if (s[i] != null) s2[i] = pick(s[i], order);
      }
      return new FeatureTable(encounters, e2, t2, v2, s2, present, input);
    }

    private int[] pick(int[] a, int[] order) {
      int[] out = new int[n];
      for (int r = 0; r < n; r++) out[r] = a[order == null ? r : order[r]];
      return out;
    }

    private long[] pick(long[] a, int[] order) {
      long[] out = new long[n];
      for (int r = 0; r < n; r++) out[r] = a[order == null ? r : order[r]];
      return out;
    }

    private double[] pick(double[] a, int[] order) {
      double[] out = new double[n];
      for (int r = 0; r < n; r++) out[r] = a[order == null ? r : order[r]];
      return out;
    }
  }
}
