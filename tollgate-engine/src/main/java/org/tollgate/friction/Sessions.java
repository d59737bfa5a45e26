package org.tollgate.friction;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Per-session sufficient statistics of an interaction log: for each session its period, user, role,
 * first start and, for each step it contains, the number of occurrences and the sum of their
 * durations (a sparse row, CSR layout). Everything the audit and its bootstrap need; nothing after
 * this point looks at rows again, so a bootstrap replicate costs O(sessions × steps per session)
 * whatever the number of rows.
 *
 * <p>Sessions come from the log's session column or, without one, are rebuilt per user from idle
 * gaps (see {@link #of}). Built in O(rows): a counting sort by session (or by user, then by start
 * within a user when the log is not already in time order).
 */
final class Sessions {
  final int count;
  final boolean rebuilt;
  /** Per session: 0 pre, 1 post. */
  final byte[] period;
  final int[] user;
  final int[] role;
  final long[] firstStart;
  /** Per attribute, per session: the level code of the session's first row. */
  final short[][] attribute;
  /** Entries of session s are [entryStart[s], entryStart[s + 1]). */
  final int[] entryStart;
  final int[] entryStep;
  final long[] entryCount;
  final long[] entrySum;
  /** Per session: sum of its step durations, milliseconds (time on task). */
  final long[] total;

  private Sessions(int count, boolean rebuilt, int attributes, int entries) {
    this.count = count;
    this.rebuilt = rebuilt;
    period = new byte[count];
    user = new int[count];
    role = new int[count];
    firstStart = new long[count];
    attribute = new short[attributes][count];
    entryStart = new int[count + 1];
    entryStep = new int[entries];
    entryCount = new long[entries];
    entrySum = new long[entries];
    total = new long[count];
  }

  /**
   * Groups the log's rows into sessions.
   *
   * <p>With a session column, a session is the rows that share its id (the builder has checked that
   * they share a user and a period). Without one, each user's rows are taken in start order (ties in
   * file order) and a new session begins at a user's first row, whenever the period changes, and when
   * a row starts more than {@code gapMillis} after the latest end among the current session's rows
   * (a gap of exactly {@code gapMillis} continues the session). This is the inactivity rule of EHR
   * audit-log research, which splits a user's event stream at idle gaps of a few minutes; the
   * thresholds used are reviewed by Rule, Chiang &amp; Hribar, "Using electronic health record audit
   * logs to study clinical activity: a systematic review of aims, measures, and methods", JAMIA
   * 27(3):480–490, 2020, doi:10.1093/jamia/ocz196.
   *
   * <p>A session's role and attributes are those of its first row (file order with a session
   * column, start order without).
   */
  static Sessions of(InteractionLog log, long gapMillis) {
    int n = log.rows();
    int[] order;
    int[] bounds;
    int sessions;
    if (log.hasSessions()) {
      sessions = log.sessionCount();
      int[] sess = log.sessionColumn();
      bounds = new int[sessions + 1];
      for (int i = 0; i < n; i++) bounds[sess[i] + 1]++;
      for (int s = 0; s < sessions; s++) bounds[s + 1] += bounds[s];
      int[] next = Arrays.copyOf(bounds, sessions);
      order = new int[n];
      for (int i = 0; i < n; i++) order[next[sess[i]]++] = i;
    } else {
      order = byUserThenStart(log);
      long[] start = log.startColumn();
      long[] end = log.endColumn();
      byte[] per = log.periodColumn();
      int[] usr = log.userColumn();
      int[] b = new int[Math.max(16, n / 64)];
      int m = 0;
      long maxEnd = 0;
      for (int i = 0; i < n; i++) {
        int r = order[i];
        boolean fresh = i == 0 || usr[r] != usr[order[i - 1]] || per[r] != per[order[i - 1]] || start[r] - maxEnd > gapMillis;
        if (fresh) {
          if (m == b.length) b = Arrays.copyOf(b, b.length * 2);
          b[m++] = i;
          maxEnd = end[r];
        } else if (end[r] > maxEnd) {
          maxEnd = end[r];
        }
      }
      sessions = m;
      bounds = Arrays.copyOf(b, m + 1);
      bounds[m] = n;
    }
    return build(log, order, bounds, sessions, !log.hasSessions());
  }

  private static Sessions build(InteractionLog log, int[] order, int[] bounds, int sessions, boolean rebuilt) {
    int steps = log.stepCount();
    long maxEntries = Math.min((long) log.rows(), (long) sessions * steps);
    Sessions s = new Sessions(sessions, rebuilt, log.attributeNames().size(), (int) maxEntries);
    int[] stp = log.stepColumn();
    long[] start = log.startColumn();
    long[] end = log.endColumn();
    long[] cnt = new long[steps];
    long[] sum = new long[steps];
    int[] touched = new int[steps];
    int e = 0;
    for (int k = 0; k < sessions; k++) {
      int first = order[bounds[k]];
      s.period[k] = log.periodColumn()[first];
      s.user[k] = log.userColumn()[first];
      s.role[k] = log.roleColumn()[first];
      for (int a = 0; a < s.attribute.length; a++) s.attribute[a][k] = log.attributeColumn(a)[first];
      long minStart = Long.MAX_VALUE;
      long tot = 0;
      int nt = 0;
      for (int i = bounds[k]; i < bounds[k + 1]; i++) {
        int r = order[i];
        int st = stp[r];
        long d = end[r] - start[r];
        if (cnt[st] == 0) touched[nt++] = st;
        cnt[st]++;
        sum[st] += d;
        tot += d;
        if (start[r] < minStart) minStart = start[r];
      }
      s.firstStart[k] = minStart;
      s.total[k] = tot;
      s.entryStart[k] = e;
      Arrays.sort(touched, 0, nt); // entries in step order: output independent of row order
      for (int j = 0; j < nt; j++) {
        int st = touched[j];
        s.entryStep[e] = st;
        s.entryCount[e] = cnt[st];
        s.entrySum[e] = sum[st];
        e++;
        cnt[st] = 0;
        sum[st] = 0;
      }
    }
    s.entryStart[sessions] = e;
    return s;
  }

  /** Row indices grouped by user (users in code order), each user's rows by start, ties in file order. */
  static int[] byUserThenStart(InteractionLog log) {
    int n = log.rows();
    int users = log.userCount();
    int[] usr = log.userColumn();
    long[] start = log.startColumn();
    int[] bounds = new int[users + 1];
    for (int i = 0; i < n; i++) bounds[usr[i] + 1]++;
    for (int u = 0; u < users; u++) bounds[u + 1] += bounds[u];
    int[] next = Arrays.copyOf(bounds, users);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[next[usr[i]]++] = i;
    for (int u = 0; u < users; u++) {
      int from = bounds[u];
      int to = bounds[u + 1];
      boolean sorted = true;
      for (int i = from + 1; i < to && sorted; i++) sorted = start[order[i]] >= start[order[i - 1]];
      if (!sorted) sortByStart(order, from, to, start);
    }
    return order;
  }

  /**
   * Sorts order[from, to) by start, stably. Packs (start − min) and the position into one long when
   * both fit (start span under 2³⁹ ms, about 17 years, and under 2²⁴ rows), else sorts boxed indices.
   */
  private static void sortByStart(int[] order, int from, int to, long[] start) {
    int len = to - from;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, start[order[i]]);
      max = Math.max(max, start[order[i]]);
    }
    if (len < (1 << 24) && max - min >= 0 && max - min < (1L << 39)) {
      long[] packed = new long[len];
      for (int i = 0; i < len; i++) packed[i] = ((start[order[from + i]] - min) << 24) | i;
      Arrays.sort(packed);
      int[] copy = Arrays.copyOfRange(order, from, to);
      for (int i = 0; i < len; i++) order[from + i] = copy[(int) (packed[i] & 0xFFFFFF)];
    } else {
      Integer[] boxed = new Integer[len];
      for (int i = 0; i < len; i++) boxed[i] = order[from + i];
      Arrays.sort(boxed, Comparator.comparingLong((Integer r) -> start[r]).thenComparingInt(r -> r));
      for (int i = 0; i < len; i++) order[from + i] = boxed[i];
    }
  }
}
