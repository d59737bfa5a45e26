package org.tollgate.fallback;

/**
 * When a paper rule alerts at its checks, with the alert simulator's semantics (persistence 1, no
 * confirmation or suppression): at a check where the rule is met, an alert is raised unless an earlier
 * paper alert of the encounter blocks it (re-fire: none after the first when {@code refireSeconds < 0},
 * else none before the last alert + refire) or the encounter has had {@code maxAlerts} alerts. An alert is
 * timely iff the encounter has an onset, the check is before it and no more than the horizon before it;
 * false otherwise (checks at or after onset are not in the grid). An encounter is detected when it has a
 * timely alert; its lead time is onset − its first timely alert.
 *
 * <p>The checks where the rule is met are given as bitsets over the grid's rows so that a rule and a
 * rule with one more criterion are both a few word operations away ({@link #levels}): the rows met are
 * {@code high | (cand & low)}; only those rows are visited.
 */
final class PaperAlerts {
  private PaperAlerts() {}

  /** What a rule did over a grid. */
  static final class Counts {
    int detected;
    int replicated;
    long alerts;
    long timely;
    long falseAlerts;
    /** Per encounter: first timely alert, or Long.MIN_VALUE (only when asked for). */
    long[] firstTimely;
  }

  /** The empty bitset marker: no row. */
  static final long[] NONE = new long[0];

  /**
   * @param high rows met regardless of the candidate, or null for none
   * @param cand a candidate criterion's rows, or null for none
   * @param low rows where the candidate's points complete the rule, null for all rows
   * @param target per encounter, whether the policy under review detected it in time (replicated counts these), or null
   * @param keepFirst whether to record each encounter's first timely alert
   */
  static Counts run(CheckGrid g, long[] high, long[] cand, long[] low, long[] onset, long horizon,
      long refireSeconds, int maxAlerts, boolean[] target, boolean keepFirst) {
    Counts c = new Counts();
    if (keepFirst) {
      c.firstTimely = new long[g.encounters];
      java.util.Arrays.fill(c.firstTimely, Long.MIN_VALUE);
    }
    int[] enc = g.encounter;
    long[] time = g.time;
    int words = (g.rows + 63) >>> 6;
    if (high == NONE) high = null;
    if (cand == NONE || low == NONE) cand = null;
    int cur = -1;
    int alerts = 0;
    long last = Long.MIN_VALUE;
    boolean found = false;
    boolean full = false;
    long on = Long.MIN_VALUE;
    for (int w = 0; w < words; w++) {
      long m = (high == null ? 0 : high[w]) | (cand == null ? 0 : low == null ? cand[w] : cand[w] & low[w]);
      while (m != 0) {
        int r = (w << 6) + Long.numberOfTrailingZeros(m);
        m &= m - 1;
        int e = enc[r];
        if (e != cur) {
          if (found) {
            c.detected++;
            if (target != null && target[cur]) c.replicated++;
          }
          cur = e;
          alerts = 0;
          last = Long.MIN_VALUE;
          found = false;
          full = false;
          on = onset[e];
        }
        if (full) continue;
        long t = time[r];
        if (alerts > 0 && (refireSeconds < 0 || t < last + refireSeconds)) continue;
        if (maxAlerts > 0 && alerts >= maxAlerts) {
          full = true;
          continue;
        }
        alerts++;
        c.alerts++;
        last = t;
        if (on != Long.MIN_VALUE && t < on && on - t <= horizon) {
          c.timely++;
          if (!found) {
            found = true;
            if (keepFirst) c.firstTimely[e] = t;
          }
        } else {
          c.falseAlerts++;
        }
      }
    }
    if (found) {
      c.detected++;
      if (target != null && target[cur]) c.replicated++;
    }
    return c;
  }

  /** Per check row, the points of a rule's criteria met there. */
  static byte[] sums(CheckGrid g, PaperRule rule) {
    byte[] s = new byte[g.rows];
    for (int i = 0; i < rule.criteria().size(); i++) add(s, g.bits(rule.criteria().get(i)), rule.points().get(i));
    return s;
  }

  static void add(byte[] sums, long[] bits, int points) {
    for (int w = 0; w < bits.length; w++) {
      long m = bits[w];
      while (m != 0) {
        sums[(w << 6) + Long.numberOfTrailingZeros(m)] += (byte) points;
        m &= m - 1;
      }
    }
  }

  /**
   * Bitsets of the rows whose points reach each level: {@code levels[L]} for L = 1..max; use {@link #at}.
   */
  static long[][] levels(byte[] sums, int max) {
    int words = (sums.length + 63) >>> 6;
    long[][] ge = new long[max + 1][];
    for (int l = 1; l <= max; l++) ge[l] = new long[words];
    for (int r = 0; r < sums.length; r++) {
      int s = Math.min(sums[r], max);
      for (int l = 1; l <= s; l++) ge[l][r >>> 6] |= 1L << r;
    }
    return ge;
  }

  /** Rows at or above level L: null (all rows) for L ≤ 0, {@link #NONE} above the top level. */
  static long[] at(long[][] levels, int l) {
    if (l <= 0) return null;
    if (l >= levels.length) return NONE;
    return levels[l];
  }

  /** A whole rule's rows: {@code run(g, fires(g, rule), null, null, …)}. */
  static long[] fires(CheckGrid g, PaperRule rule) {
    long[] f = at(levels(sums(g, rule), rule.cutOff()), rule.cutOff());
    return f == null ? null : f;
  }
}
