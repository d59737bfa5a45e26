package org.tollgate.monitor;

import java.util.Arrays;

/**
 * A mergeable histogram of exact values: the distinct values in ascending order and how often each
 * occurs. The drift statistics ({@link Drift}) are functions of two such tables, so a summary made
 * anywhere (this process, Spark) gives the same PSI and Kolmogorov–Smirnov statistic as the raw values.
 * Size is the number of distinct values: at most 1,001 for a score logged to three decimals. Values
 * are stored as given; callers that want a bounded size round first ({@link PeriodSummary} rounds scores
 * to {@value PeriodSummary#SCORE_DECIMALS} decimals).
 *
 * <p>Immutable; the arrays are never exposed for writing.
 */
public final class Distribution {
  private static final Distribution EMPTY = new Distribution(new double[0], new long[0]);

  private final double[] values;
  private final long[] counts;
  private final long n;

  private Distribution(double[] values, long[] counts) {
    this.values = values;
    this.counts = counts;
    long s = 0;
    for (long c : counts) s += c;
    this.n = s;
  }

  public static Distribution empty() {
    return EMPTY;
  }

  /**
   * From distinct ascending values and their counts (copied). Rejects NaN, unsorted or repeated values,
   * and counts below 1.
   */
  public static Distribution of(double[] distinct, long[] counts) {
    if (distinct.length != counts.length) throw new IllegalArgumentException("values and counts differ in length");
    for (int i = 0; i < distinct.length; i++) {
      if (Double.isNaN(distinct[i])) throw new IllegalArgumentException("NaN value at index " + i);
      if (i > 0 && !(distinct[i] > distinct[i - 1])) throw new IllegalArgumentException("values must be strictly ascending at index " + i);
      if (counts[i] < 1) throw new IllegalArgumentException("count below 1 at index " + i + ": " + counts[i]);
    }
    return new Distribution(distinct.clone(), counts.clone());
  }

  /** From raw values (the array is not modified); NaN values are refused. */
  public static Distribution ofValues(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    if (s.length > 0 && Double.isNaN(s[s.length - 1])) throw new IllegalArgumentException("NaN value");
    int d = 0;
    for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) d++;
    double[] v = new double[d];
    long[] c = new long[d];
    int k = -1;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) v[++k] = s[i];
      c[k]++;
    }
    return new Distribution(v, c);
  }

  /** The distribution of both tables' values together (exact: counts of equal values add). */
  public Distribution merge(Distribution o) {
    if (o.values.length == 0) return this;
    if (values.length == 0) return o;
    double[] v = new double[values.length + o.values.length];
    long[] c = new long[v.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < values.length || j < o.values.length) {
      if (j == o.values.length || (i < values.length && values[i] < o.values[j])) {
        v[k] = values[i];
        c[k++] = counts[i++];
      } else if (i == values.length || o.values[j] < values[i]) {
        v[k] = o.values[j];
        c[k++] = o.counts[j++];
      } else {
        v[k] = values[i];
        c[k++] = counts[i++] + o.counts[j++];
      }
    }
    return new Distribution(Arrays.copyOf(v, k), Arrays.copyOf(c, k));
  }

  /** Number of values counted. */
  public long n() {
    return n;
  }

  public int distinct() {
    return values.length;
  }

  public double value(int i) {
    return values[i];
  }

  public long count(int i) {
    return counts[i];
  }

  /** Σ value × count. */
  public double sum() {
    double s = 0;
    for (int i = 0; i < values.length; i++) s += values[i] * counts[i];
    return s;
  }

  /**
   * Quantile q ∈ [0, 1] by linear interpolation between order statistics (Hyndman &amp; Fan type 7, R's
   * and numpy's default, as {@link org.tollgate.evaluation.Stats#quantileSorted}): h = (n − 1)·q, the
   * value of order statistic ⌊h⌋ plus (h − ⌊h⌋) times the gap to the next. NaN when empty.
   */
  public double quantile(double q) {
    if (n == 0) return Double.NaN;
    double h = (n - 1) * q;
    long lo = (long) Math.floor(h);
    long hi = Math.min(n - 1, lo + 1);
    double a = orderStatistic(lo);
    return a + (h - lo) * (orderStatistic(hi) - a);
  }

  private double orderStatistic(long r) {
    long seen = 0;
    for (int i = 0; i < values.length; i++) {
      seen += counts[i];
      if (r < seen) return values[i];
    }
    return values[values.length - 1];
  }

  /**
   * Counts per bin for bin edges e₁ &lt; … &lt; e_k: bin 0 holds x &lt; e₁, bin j holds e_j ≤ x &lt; e_{j+1},
   * bin k holds x ≥ e_k (numpy's {@code searchsorted(edges, x, side='right')}).
   */
  public long[] binCounts(double[] edges) {
    long[] out = new long[edges.length + 1];
    int b = 0;
    for (int i = 0; i < values.length; i++) {
      while (b < edges.length && values[i] >= edges[b]) b++;
      out[b] += counts[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Distribution d && Arrays.equals(values, d.values) && Arrays.equals(counts, d.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Distribution[n=" + n + ", distinct=" + values.length + "]";
  }
}
