package org.tollgate.friction;

/**
 * Median of a range of a {@code long[]} in expected linear time: quickselect (Hoare 1961, "Algorithm
 * 65: FIND", CACM 4(7):321, doi:10.1145/366622.366647) with three-way partitioning, so the many
 * equal durations a log holds (whole seconds, repeated values) cost nothing extra. Reorders the range.
 */
final class Select {
  private Select() {}

  /**
   * Median of a[from, to) by R type 7: the middle value, or the mean of the two middle values for an
   * even count. NaN for an empty range.
   */
  static double median(long[] a, int from, int to) {
    int n = to - from;
    if (n == 0) return Double.NaN;
    int k = from + (n - 1) / 2;
    long lo = select(a, from, to, k);
    if (n % 2 == 1) return lo;
    // After selection every value right of k is ≥ a[k]; the upper middle value is their minimum.
    long hi = Long.MAX_VALUE;
    for (int i = k + 1; i < to; i++) hi = Math.min(hi, a[i]);
    return lo + (hi - lo) / 2.0;
  }

  /** Places the k-th smallest of a[from, to) at k (smaller left, larger or equal right) and returns it. */
  static long select(long[] a, int from, int to, int k) {
    int lo = from;
    int hi = to - 1;
    while (lo < hi) {
      long pivot = medianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
      // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        long v = a[i];
        if (v < pivot) {
          a[i++] = a[lt];
          a[lt++] = v;
        } else if (v > pivot) {
          a[i] = a[gt];
          a[gt--] = v;
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return pivot;
      }
    }
    return a[k];
  }

  private static long medianOfThree(long x, long y, long z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }
}
