package org.tollgate.friction;

import org.tollgate.evaluation.Replicates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;

/**
 * The friction audit: time deltas at every interaction point, pre vs post go-live, compounded per
 * session, and the net change in cognitive load that launch checklist item 4 asks about.
 *
 * <h2>Definitions</h2>
 * Sessions come from the log (see {@link Sessions#of}); n_p is the number of sessions of period p.
 * For step k and period p, with C_pk the step's occurrences and D_pk the sum of their durations:
 * <ul>
 *   <li>mean duration m_pk = D_pk / C_pk (the mean over occurrences); median: R type 7 over occurrences;
 *   <li>occurrences per session o_pk = C_pk / n_p;
 *   <li>delta δ_k = m_post,k − m_pre,k;
 *   <li>extra time per session from step k: e_k = δ_k · o_post,k (0 when the step never occurs after go-live);
 *   <li><b>compounding</b>: extra time per session E = Σ_k e_k. The essay's radiology pilot: 0.4 s more per
 *       image × 200 images per session = 80 s per session;
 *   <li>per user per day: ΔT (below, the net change in time on task, the one per-session figure every report
 *       prints) × sessions per user per calendar day / 60 minutes; per year × 365; FTE = minutes per day × 365 /
 *       60 / hours per FTE-year (2,080 by default), the convention of {@link org.tollgate.alerts.Burden}. ΔT, not E:
 *       the staff time a tool costs or saves includes steps it adds or removes. Sessions per user per day are the
 *       post period's sessions / its users / its calendar days, or a setting; they are taken as fixed, so these
 *       intervals are ΔT's interval scaled;
 *   <li><b>time on task</b> of a session: the sum of its step durations; T_p its mean over period p's
 *       sessions. ΔT = T_post − T_pre = E + W with W = Σ_k m_pre,k (o_post,k − o_pre,k): E is the change
 *       from steps taking longer, W from steps happening more or less often (exact: both sides equal
 *       Σ_k (D_post,k / n_post − D_pre,k / n_pre));
 *   <li><b>verdict</b> ({@link LoadVerdict}): reduced iff the interval of ΔT lies below 0, increased iff
 *       above 0 (the gate rejects), inconclusive otherwise. When inconclusive, {@link FrictionReport.Power}
 *       gives the sessions per period a two-sample normal-approximation test would need to detect the
 *       observed ΔT with 80% power at two-sided α = 0.05: n = ⌈2 (z₀.₉₇₅ + z₀.₈)² σ² / ΔT²⌉, with σ² the
 *       pooled variance ((n_pre − 1) s²_pre + (n_post − 1) s²_post) / (n_pre + n_post − 2) of time on task per
 *       session (Chow, Shao &amp; Wang, Sample Size Calculations in Clinical Research, 2nd ed. 2008, ch. 3, two-sample parallel design with equal allocation).
 * </ul>
 *
 * <h2>Intervals</h2>
 * 95% percentile bootstrap over sessions (Efron &amp; Tibshirani 1993, ch. 13): each replicate draws
 * n_pre sessions with replacement from the pre sessions and n_post from the post sessions, and
 * recomputes every figure above from the drawn sessions' sufficient statistics (per session and
 * step: count and sum of durations), so a replicate costs O(sessions × steps per session), never
 * O(rows). Interval limits are the 2.5% and 97.5% quantiles (R type 7) of the replicates where the
 * figure is defined (a step absent from one period's draw leaves its delta undefined in that
 * replicate; {@link FrictionReport.StepFriction#undefinedReplicates()} counts them). Replicate r uses its
 * its own generator keyed by (seed, r) (see {@code Replicates}), so results do not depend on the thread count.
 * The point estimate is always the one from the data, not the replicates' mean.
 *
 * <p>Pure and stateless; safe to call from several threads.
 */
public final class FrictionAudit {
  private static final int PRE = 0;
  private static final int POST = 1;

  private FrictionAudit() {}

  /**
   * Runs the audit.
   *
   * @throws IllegalArgumentException when a period has no sessions, or a step occurs after go-live but never before
   *     (its change cannot be measured; the message names the step)
   */
  public static FrictionReport run(InteractionLog log, FrictionSettings settings) {
    Sessions ss = Sessions.of(log, settings.sessionGapMillis());
    int k = log.stepCount();
    int roles = log.roleCount();
    int[][] idx = sessionsByPeriod(ss);
    if (idx[PRE].length == 0) throw new IllegalArgumentException("the log has no pre-period rows; nothing to compare against");
    if (idx[POST].length == 0) throw new IllegalArgumentException("the log has no post-period rows; nothing to compare");
    Accum all = new Accum(k, roles);
    for (int p = 0; p < 2; p++) {
      for (int s : idx[p]) all.add(ss, s, p);
    }
    for (int st = 0; st < k; st++) {
      if (all.count[PRE][st] == 0) {
        throw new IllegalArgumentException("step '" + log.stepName(st) + "' has no pre-period rows: its change cannot be measured");
      }
    }
    int nPre = idx[PRE].length;
    int nPost = idx[POST].length;
    Layout lay = new Layout(k, roles);
    double[] point = new double[lay.size];
    compute(all, nPre, nPost, lay, point);

    int b = settings.bootstrap();
    double[][] reps = new double[lay.size][b];
    long seed = settings.seed();
    IntStream.range(0, b).parallel().forEach(r -> {
      UniformRandomProvider rng = Replicates.stream(seed, r);
      Accum a = new Accum(k, roles);
      for (int p = 0; p < 2; p++) {
        int[] from = idx[p];
        int n = from.length;
        for (int j = 0; j < n; j++) a.add(ss, from[rng.nextInt(n)], p);
      }
      double[] v = new double[lay.size];
      compute(a, nPre, nPost, lay, v);
      for (int m = 0; m < lay.size; m++) reps[m][r] = v[m];
    });
    Interval[] iv = new Interval[lay.size];
    int[] undefined = new int[lay.size];
    for (int m = 0; m < lay.size; m++) {
      iv[m] = percentile(point[m], reps[m], undefined, m);
    }

    // Per step, per period: sizes, means, medians.
    double[][] medians = medians(log, k);
    int[][] sessionsWithStep = new int[2][k];
    for (int s = 0; s < ss.count; s++) {
      for (int e = ss.entryStart[s]; e < ss.entryStart[s + 1]; e++) sessionsWithStep[ss.period[s]][ss.entryStep[e]]++;
    }
    List<FrictionReport.StepFriction> steps = new ArrayList<>();
    for (int st = 0; st < k; st++) {
      FrictionReport.StepPeriod[] sp = new FrictionReport.StepPeriod[2];
      for (int p = 0; p < 2; p++) {
        long c = all.count[p][st];
        sp[p] = new FrictionReport.StepPeriod(c, sessionsWithStep[p][st], c == 0 ? Double.NaN : all.sum[p][st] / 1000.0 / c,
            medians[p][st] / 1000.0, (double) c / idx[p].length);
      }
      steps.add(new FrictionReport.StepFriction(log.stepName(st), sp[PRE], sp[POST], seconds(iv[lay.delta(st)]),
          seconds(iv[lay.contrib(st)]), all.count[POST][st] == 0 ? 0 : undefined[lay.delta(st)]));
    }

    // Periods.
    FrictionReport.PeriodSummary[] periods = new FrictionReport.PeriodSummary[2];
    long[] rows = new long[2];
    byte[] per = log.periodColumn();
    for (int i = 0; i < log.rows(); i++) rows[per[i]]++;
    for (int p = 0; p < 2; p++) {
      int users = distinctUsers(ss, idx[p], log.userCount());
      int days = calendarDays(ss, idx[p], settings.zone());
      periods[p] = new FrictionReport.PeriodSummary(p == PRE ? Period.PRE : Period.POST, rows[p], idx[p].length, users, days,
          (double) idx[p].length / users / days);
    }

    // Compounding: the net change in time on task per session, over a day, a year and the staff.
    Interval extra = seconds(iv[lay.extra]);
    Interval delta = seconds(iv[lay.timeOnTask]);
    boolean fromData = settings.sessionsPerUserPerDay() == null;
    double perDay = fromData ? periods[POST].sessionsPerUserPerDay() : settings.sessionsPerUserPerDay();
    double hours = settings.hoursPerFte();
    Interval minutesPerDay = scale(delta, perDay / 60);
    int postUsers = periods[POST].users();
    FrictionReport.Compounding comp = new FrictionReport.Compounding(delta, perDay, fromData, minutesPerDay,
        scale(minutesPerDay, 365), scale(minutesPerDay, 365 / 60.0 / hours), postUsers,
        scale(minutesPerDay, postUsers), scale(minutesPerDay, postUsers * 365 / 60.0 / hours), hours);

    // Time on task.
    double[] mean = new double[2];
    double[] sd = new double[2];
    for (int p = 0; p < 2; p++) {
      double[] ms = meanSd(ss, idx[p]);
      mean[p] = ms[0];
      sd[p] = ms[1];
    }
    LoadVerdict verdict = LoadVerdict.of(delta);
    FrictionReport.Power power = verdict == LoadVerdict.INCONCLUSIVE ? power(sd[PRE], nPre, sd[POST], nPost, delta.estimate()) : null;
    FrictionReport.TimeOnTask tot = new FrictionReport.TimeOnTask(mean[PRE], sd[PRE], mean[POST], sd[POST], delta, extra,
        seconds(iv[lay.fromCounts]), verdict, power);

    // Roles.
    List<FrictionReport.RoleLoad> roleLoads = new ArrayList<>();
    List<String> redistributed = new ArrayList<>();
    for (int r = 0; r < roles; r++) {
      long n0 = all.roleSessions[PRE][r];
      long n1 = all.roleSessions[POST][r];
      Interval d = n0 == 0 || n1 == 0 ? Interval.UNDEFINED : seconds(iv[lay.role(r)]);
      LoadVerdict v = LoadVerdict.of(d);
      roleLoads.add(new FrictionReport.RoleLoad(log.roleName(r), (int) n0, (int) n1,
          n0 == 0 ? Double.NaN : all.roleTotal[PRE][r] / 1000.0 / n0, n1 == 0 ? Double.NaN : all.roleTotal[POST][r] / 1000.0 / n1, d, v));
      if (v == LoadVerdict.INCREASED && verdict != LoadVerdict.INCREASED) redistributed.add(log.roleName(r));
    }
    return new FrictionReport(settings, log.source(), ss.rebuilt, periods[PRE], periods[POST], steps, comp, tot, roleLoads, redistributed);
  }

  /**
   * Sessions per period a two-sample normal-approximation test needs: n = ⌈2 (z₀.₉₇₅ + z₀.₈)² σ² / δ²⌉
   * with σ² pooled from the two periods' standard deviations.
   *
   * @param sdPre standard deviation of time on task per session, pre (any unit, the same as delta)
   * @param delta the difference to detect
   */
  public static FrictionReport.Power power(double sdPre, int nPre, double sdPost, int nPost, double delta) {
    double pooled = Double.NaN;
    if (nPre + nPost > 2) {
      double a = nPre > 1 ? (nPre - 1) * sdPre * sdPre : 0;
      double b = nPost > 1 ? (nPost - 1) * sdPost * sdPost : 0;
      pooled = Math.sqrt((a + b) / (nPre + nPost - 2));
    }
    if (Double.isNaN(pooled) || Double.isNaN(delta) || delta == 0) {
      return new FrictionReport.Power(pooled, null, null, null);
    }
    double z = Stats.Z95 + Stats.Z80;
    double n = Math.ceil(2 * z * z * pooled * pooled / (delta * delta));
    long need = n >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) n;
    return new FrictionReport.Power(pooled, need, Math.max(0, need - nPre), Math.max(0, need - nPost));
  }

  /** Where each figure sits in a replicate's vector. */
  private static final class Layout {
    final int steps;
    final int extra;
    final int timeOnTask;
    final int fromCounts;
    final int size;

    Layout(int steps, int roles) {
      this.steps = steps;
      extra = 2 * steps;
      timeOnTask = extra + 1;
      fromCounts = extra + 2;
      size = extra + 3 + roles;
    }

    int delta(int step) {
      return step;
    }

    int contrib(int step) {
      return steps + step;
    }

    int role(int r) {
      return fromCounts + 1 + r;
    }
  }

  /** Sums over (possibly repeated) sessions, per period. */
  private static final class Accum {
    final long[][] count;
    final long[][] sum;
    final long[] total = new long[2];
    final long[][] roleSessions;
    final long[][] roleTotal;

    Accum(int steps, int roles) {
      count = new long[2][steps];
      sum = new long[2][steps];
      roleSessions = new long[2][roles];
      roleTotal = new long[2][roles];
    }

    void add(Sessions ss, int s, int p) {
      long[] c = count[p];
      long[] d = sum[p];
      for (int e = ss.entryStart[s], end = ss.entryStart[s + 1]; e < end; e++) {
        int st = ss.entryStep[e];
        c[st] += ss.entryCount[e];
        d[st] += ss.entrySum[e];
      }
      total[p] += ss.total[s];
      roleSessions[p][ss.role[s]]++;
      roleTotal[p][ss.role[s]] += ss.total[s];
    }
  }

  /** Every figure of one (original or resampled) set of sessions, in milliseconds. NaN where undefined. */
  private static void compute(Accum a, int nPre, int nPost, Layout lay, double[] out) {
    double e = 0;
    double w = 0;
    for (int st = 0; st < lay.steps; st++) {
      long c0 = a.count[PRE][st];
      long c1 = a.count[POST][st];
      double m0 = c0 == 0 ? Double.NaN : (double) a.sum[PRE][st] / c0;
      double m1 = c1 == 0 ? Double.NaN : (double) a.sum[POST][st] / c1;
      double o0 = (double) c0 / nPre;
      double o1 = (double) c1 / nPost;
      out[lay.delta(st)] = m1 - m0;
      double contrib = c1 == 0 ? 0 : (m1 - m0) * o1;
      out[lay.contrib(st)] = contrib;
      e += contrib;
      w += c0 == 0 ? (c1 == 0 ? 0 : Double.NaN) : m0 * (o1 - o0);
    }
    out[lay.extra] = e;
    out[lay.timeOnTask] = (double) a.total[POST] / nPost - (double) a.total[PRE] / nPre;
    out[lay.fromCounts] = w;
    for (int r = 0; r < a.roleSessions[0].length; r++) {
      long n0 = a.roleSessions[PRE][r];
      long n1 = a.roleSessions[POST][r];
      out[lay.role(r)] = n0 == 0 || n1 == 0 ? Double.NaN : (double) a.roleTotal[POST][r] / n1 - (double) a.roleTotal[PRE][r] / n0;
    }
  }

  /** 2.5% and 97.5% quantiles (R type 7) of the finite replicates; counts the others into undefined[m]. */
  private static Interval percentile(double estimate, double[] reps, int[] undefined, int m) {
    double[] v = new double[reps.length];
    int n = 0;
    for (double x : reps) {
      if (Double.isFinite(x)) v[n++] = x;
    }
    undefined[m] = reps.length - n;
    if (n == 0 || !Double.isFinite(estimate)) {
      return Double.isFinite(estimate) ? Interval.point(estimate) : Interval.UNDEFINED;
    }
    Arrays.sort(v, 0, n);
    return new Interval(estimate, Stats.quantileSorted(v, n, 0.025), Stats.quantileSorted(v, n, 0.975), Interval.Method.BOOTSTRAP);
  }

  private static Interval seconds(Interval ms) {
    return scale(ms, 1e-3);
  }

  /** The interval times a positive factor. */
  private static Interval scale(Interval i, double f) {
    if (!i.defined()) return i;
    return new Interval(i.estimate() * f, i.lower() * f, i.upper() * f, i.method());
  }

  private static int[][] sessionsByPeriod(Sessions ss) {
    int[] n = new int[2];
    for (int s = 0; s < ss.count; s++) n[ss.period[s]]++;
    int[][] idx = {new int[n[0]], new int[n[1]]};
    int[] at = new int[2];
    for (int s = 0; s < ss.count; s++) idx[ss.period[s]][at[ss.period[s]]++] = s;
    return idx;
  }

  private static int distinctUsers(Sessions ss, int[] sessions, int userCount) {
    boolean[] seen = new boolean[userCount];
    int n = 0;
    for (int s : sessions) {
      if (!seen[ss.user[s]]) {
        seen[ss.user[s]] = true;
        n++;
      }
    }
    return n;
  }

  /** Calendar days from the first session's start to the last session's start, inclusive. */
  private static int calendarDays(Sessions ss, int[] sessions, ZoneId zone) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int s : sessions) {
      min = Math.min(min, ss.firstStart[s]);
      max = Math.max(max, ss.firstStart[s]);
    }
    LocalDate a = Instant.ofEpochMilli(min).atZone(zone).toLocalDate();
    LocalDate b = Instant.ofEpochMilli(max).atZone(zone).toLocalDate();
    return (int) ChronoUnit.DAYS.between(a, b) + 1;
  }

  /** Mean and sample standard deviation (n − 1) of time on task per session, in seconds; sd NaN when n &lt; 2. */
  private static double[] meanSd(Sessions ss, int[] sessions) {
    int n = sessions.length;
    double sum = 0;
    for (int s : sessions) sum += ss.total[s];
    double mean = sum / n;
    double sq = 0;
    for (int s : sessions) {
      double d = ss.total[s] - mean;
      sq += d * d;
    }
    return new double[] {mean / 1000.0, n < 2 ? Double.NaN : Math.sqrt(sq / (n - 1)) / 1000.0};
  }

  /** Median duration (ms) per period and step, R type 7, NaN for an empty cell. */
  private static double[][] medians(InteractionLog log, int steps) {
    int n = log.rows();
    int[] stp = log.stepColumn();
    byte[] per = log.periodColumn();
    long[] start = log.startColumn();
    long[] end = log.endColumn();
    int groups = 2 * steps;
    int[] bounds = new int[groups + 1];
    for (int i = 0; i < n; i++) bounds[per[i] * steps + stp[i] + 1]++;
    for (int g = 0; g < groups; g++) bounds[g + 1] += bounds[g];
    int[] next = Arrays.copyOf(bounds, groups);
    long[] dur = new long[n];
    for (int i = 0; i < n; i++) dur[next[per[i] * steps + stp[i]]++] = end[i] - start[i];
    double[][] out = new double[2][steps];
    for (int g = 0; g < groups; g++) {
      out[g / steps][g % steps] = Select.median(dur, bounds[g], bounds[g + 1]);
    }
    return out;
  }
}
