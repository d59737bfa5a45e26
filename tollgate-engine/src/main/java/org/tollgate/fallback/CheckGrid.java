package org.tollgate.fallback;

import java.util.Arrays;

/**
 * The checks a nurse makes with the paper rule, and what the chart shows at each: per encounter, check
 * times in order, and per bedside input the latest charted value at that time (NaN when none was
 * charted, or when it is older than the input's {@link BedsideInput#maxAgeHours()}, or its source time
 * is after the check). Checks at or after an encounter's outcome onset are left out (censored, as the
 * alert simulator censors scores).
 *
 * <p>Two kinds of grid: {@link #regular} checks every interval on the wall-clock grid (multiples of the
 * interval since the Unix epoch, UTC) across each encounter's span, the paper rule applied all along;
 * {@link #during} checks at the start of each outage window and every interval after it until the
 * window ends, as the downtime checklist tells staff to do ("check every patient now, then every N hours").
 */
final class CheckGrid {
  final int rows;
  final int encounters;
  final int[] encounter;
  final long[] time;
  /** By input ordinal; null for inputs the table lacks. */
  final double[][] value;
  final int[] from;
  final int[] to;

  private CheckGrid(int encounters, int[] encounter, long[] time, double[][] value) {
    this.rows = time.length;
    this.encounters = encounters;
    this.encounter = encounter;
    this.time = time;
    this.value = value;
    from = new int[encounters];
    to = new int[encounters];
    int r = 0;
    for (int e = 0; e < encounters; e++) {
      from[e] = r;
      while (r < rows && encounter[r] == e) r++;
      to[e] = r;
    }
  }

  /**
   * @param span per encounter {first, last} epoch second it is observed (Long.MAX_VALUE, Long.MIN_VALUE when never)
   * @param onset per encounter its outcome onset, or Long.MIN_VALUE when none
   */
  static CheckGrid regular(FeatureTable f, long[][] span, long[] onset, long interval) {
    Times times = (e, out) -> {
      long first = span[e][0];
      long last = span[e][1];
      if (first > last) return;
      for (long t = Math.floorDiv(first + interval - 1, interval) * interval; t <= last; t += interval) out.add(t);
    };
    return build(f, span, onset, times);
  }

  /** Checks at each window's start and every interval after it, inside the window and the encounter's span. */
  static CheckGrid during(FeatureTable f, long[][] span, long[] onset, long interval, long[][] windows) {
    Times times = (e, out) -> {
      long first = span[e][0];
      long last = span[e][1];
      for (long[] w : windows) {
        if (w[1] <= first || w[0] > last) continue;
        for (long t = w[0]; t < w[1]; t += interval) if (t >= first && t <= last) out.add(t);
      }
    };
    return build(f, span, onset, times);
  }

  private interface Times {
    void of(int encounter, LongList out);
  }

  private static CheckGrid build(FeatureTable f, long[][] span, long[] onset, Times times) {
    int encounters = span.length;
    BedsideInput[] inputs = BedsideInput.values();
    LongList t = new LongList();
    IntList enc = new IntList();
    LongList one = new LongList();
    for (int e = 0; e < encounters; e++) {
      one.clear();
      times.of(e, one);
      long stop = onset[e] == Long.MIN_VALUE ? Long.MAX_VALUE : onset[e];
      for (int i = 0; i < one.size; i++) {
        if (one.a[i] < stop) {
          t.add(one.a[i]);
          enc.add(e);
        }
      }
    }
    int rows = t.size;
    double[][] value = new double[inputs.length][];
    for (BedsideInput in : inputs) {
      if (!f.has(in)) continue;
      double[] v = new double[rows];
      Arrays.fill(v, Double.NaN);
      value[in.ordinal()] = v;
    }
    boolean encounterCodesMatch = f.encounters() == encounters;
    for (int e = 0, r = 0; e < encounters; e++) {
      int fr = encounterCodesMatch ? f.from(e) : 0;
      int fto = encounterCodesMatch ? f.to(e) : 0;
      int last = -1;
      for (; r < rows && enc.a[r] == e; r++) {
        long now = t.a[r];
        while (fr < fto && f.time(fr) <= now) last = fr++;
        if (last < 0) continue;
        for (BedsideInput in : inputs) {
          double[] v = value[in.ordinal()];
          if (v == null) continue;
          double x = f.value(in, last);
          long src = f.source(in, last);
          if (Double.isNaN(x) || src == FeatureTable.NO_TIME || src > now || now - src > in.maxAgeHours() * 3600L) continue;
          v[r] = x;
        }
      }
    }
    return new CheckGrid(encounters, Arrays.copyOf(enc.a, rows), Arrays.copyOf(t.a, rows), value);
  }

  /** Rows where a criterion is met, as a bitset. */
  long[] bits(Criterion c) {
    long[] b = new long[(rows + 63) >>> 6];
    double[] v = value[c.input().ordinal()];
    if (v == null) return b;
    for (int r = 0; r < rows; r++) if (c.test(v[r])) b[r >>> 6] |= 1L << r;
    return b;
  }

  static final class LongList {
    long[] a = new long[256];
    int size;

    void add(long x) {
      if (size == a.length) a = Arrays.copyOf(a, size * 2);
      a[size++] = x;
    }

    void clear() {
      size = 0;
    }
  }

  static final class IntList {
    int[] a = new int[256];
    int size;

    void add(int x) {
      if (size == a.length) a = Arrays.copyOf(a, size * 2);
      a[size++] = x;
    }
  }
}
