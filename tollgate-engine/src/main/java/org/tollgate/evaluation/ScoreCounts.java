package org.tollgate.evaluation;

import java.util.Arrays;

/**
 * The sufficient statistic of one stratum: its distinct scores in ascending order, and for each the
 * number of positive and negative cases with exactly that score. Every metric tollgate reports for a
 * stratum (confusion counts at any threshold, AUROC and its DeLong variance, average precision,
 * Brier score, calibration) is a function of this table alone, so a review can be computed from a
 * summary made anywhere (this process, DuckDB, Spark) and summaries {@link #merge merge} exactly.
 *
 * <p>Size is the number of distinct scores, which is small for quantised model outputs (a score
 * reported to 3 decimals has at most 1,001 values) and at most the number of cases otherwise.
 *
 * <p>Immutable; arrays are never exposed for writing.
 */
public final class ScoreCounts {
  private static final ScoreCounts EMPTY = new ScoreCounts(new double[0], new long[0], new long[0]);

  private final double[] score;
  private final long[] pos;
  private final long[] neg;
  private final long positives;
  private final long negatives;

  private ScoreCounts(double[] score, long[] pos, long[] neg) {
    this.score = score;
    this.pos = pos;
    this.neg = neg;
    long p = 0;
    long q = 0;
    for (int i = 0; i < score.length; i++) {
      p += pos[i];
      q += neg[i];
    }
    this.positives = p;
    this.negatives = q;
  }

  /** Wraps arrays without copying or checking (bootstrap replicates; zero counts allowed). */
  static ScoreCounts wrap(double[] distinctScores, long[] positives, long[] negatives) {
    return new ScoreCounts(distinctScores, positives, negatives);
  }

  public static ScoreCounts empty() {
    return EMPTY;
  }

  /**
   * Builds from parallel arrays of distinct ascending scores and counts (copied). Rejects unsorted or
   * duplicate scores, NaN, and negative counts.
   */
  public static ScoreCounts of(double[] distinctScores, long[] positives, long[] negatives) {
    if (distinctScores.length != positives.length || distinctScores.length != negatives.length) {
      throw new IllegalArgumentException("score and count arrays differ in length");
    }
    for (int i = 0; i < distinctScores.length; i++) {
      if (Double.isNaN(distinctScores[i])) {
        throw new IllegalArgumentException("NaN score at index " + i);
      }
      if (i > 0 && !(distinctScores[i] > distinctScores[i - 1])) {
        throw new IllegalArgumentException("scores must be strictly ascending at index " + i);
      }
      if (positives[i] < 0 || negatives[i] < 0) {
        throw new IllegalArgumentException("negative count at index " + i);
      }
    }
    return new ScoreCounts(distinctScores.clone(), positives.clone(), negatives.clone());
  }

  /** Builds from one score and one 0/1 label per case (the arrays are not modified). */
  public static ScoreCounts fromCases(double[] scores, byte[] labels, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return EMPTY;
    }
    // Sort (score, label) pairs: label in the lowest bit of a sortable long would lose precision, so
    // sort scores of each class separately and merge-count.
    double[] p = new double[n];
    double[] q = new double[n];
    int np = 0;
    int nq = 0;
    for (int i = from; i < to; i++) {
      double s = scores[i];
      if (Double.isNaN(s)) {
        throw new IllegalArgumentException("NaN score in case " + i);
      }
      if (labels[i] == 1) {
        p[np++] = s;
      } else {
        q[nq++] = s;
      }
    }
    Arrays.sort(p, 0, np);
    Arrays.sort(q, 0, nq);
    return fromSorted(p, np, q, nq);
  }

  /** Builds from the sorted scores of positives and of negatives. */
  static ScoreCounts fromSorted(double[] p, int np, double[] q, int nq) {
    double[] s = new double[np + nq];
    long[] cp = new long[np + nq];
    long[] cq = new long[np + nq];
    int i = 0;
    int j = 0;
    int k = -1;
    while (i < np || j < nq) {
      double v = (j >= nq || (i < np && p[i] <= q[j])) ? p[i] : q[j];
      if (k < 0 || s[k] != v) {
        k++;
        s[k] = v;
      }
      while (i < np && p[i] == v) {
        cp[k]++;
        i++;
      }
      while (j < nq && q[j] == v) {
        cq[k]++;
        j++;
      }
    }
    int len = k + 1;
    return new ScoreCounts(Arrays.copyOf(s, len), Arrays.copyOf(cp, len), Arrays.copyOf(cq, len));
  }

  /** The summary of the union of the two strata's cases. Exact; commutative and associative. */
  public ScoreCounts merge(ScoreCounts o) {
    if (o.score.length == 0) {
      return this;
    }
    if (score.length == 0) {
      return o;
    }
    double[] s = new double[score.length + o.score.length];
    long[] cp = new long[s.length];
    long[] cq = new long[s.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < score.length || j < o.score.length) {
      if (j >= o.score.length || (i < score.length && score[i] < o.score[j])) {
        s[k] = score[i];
        cp[k] = pos[i];
        cq[k++] = neg[i++];
      } else if (i >= score.length || o.score[j] < score[i]) {
        s[k] = o.score[j];
        cp[k] = o.pos[j];
        cq[k++] = o.neg[j++];
      } else {
        s[k] = score[i];
        cp[k] = pos[i] + o.pos[j];
        cq[k++] = neg[i++] + o.neg[j++];
      }
    }
    return new ScoreCounts(Arrays.copyOf(s, k), Arrays.copyOf(cp, k), Arrays.copyOf(cq, k));
  }

  public int distinct() {
    return score.length;
  }

  public double score(int i) {
    return score[i];
  }

  public long positivesAt(int i) {
    return pos[i];
  }

  public long negativesAt(int i) {
    return neg[i];
  }

  public long n() {
    return positives + negatives;
  }

  public long positives() {
    return positives;
  }

  public long negatives() {
    return negatives;
  }

  /** Index of the first distinct score ≥ t (= distinct() when none). */
  public int firstAtOrAbove(double t) {
    int i = Arrays.binarySearch(score, t);
    if (i >= 0) {
      return i;
    }
    return -i - 1;
  }

  /** Confusion counts for "predicted positive iff score ≥ threshold". */
  public Confusion confusion(double threshold) {
    int first = firstAtOrAbove(threshold);
    long tp = 0;
    long fp = 0;
    for (int i = first; i < score.length; i++) {
      tp += pos[i];
      fp += neg[i];
    }
    return new Confusion(tp, fp, negatives - fp, positives - tp);
  }

  double[] scores() {
    return score;
  }

  long[] pos() {
    return pos;
  }

  long[] neg() {
    return neg;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreCounts c
        && Arrays.equals(score, c.score)
        && Arrays.equals(pos, c.pos)
        && Arrays.equals(neg, c.neg);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(score) * 31 + Arrays.hashCode(pos) * 17 + Arrays.hashCode(neg);
  }

  @Override
  public String toString() {
    return "ScoreCounts[n=" + n() + ", positives=" + positives + ", distinct=" + score.length + "]";
  }
}
