package org.tollgate.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.BadInputException;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.ScoreCounts;

/**
 * Makes the {@link PeriodSummary per-period summaries} of a prediction log: the approved policy is replayed
 * on the scores by the review's own {@link Simulator} (so "what was approved" means exactly what the review
 * simulated), then rows, encounters and alerts are counted into the periods as {@link PeriodSummary} says.
 *
 * <p>Label delay: an encounter's outcome window closes at its last score + the outcome horizon + the
 * label delay; until the as-of time passes that point the encounter is pending and counts in no outcome
 * figure, whatever its events say. Scores must lie in [0, 1] (they are histogrammed on a grid of
 * 10⁻{@value PeriodSummary#SCORE_DECIMALS}).
 *
 * <p>Cost: one replay (single-threaded, as the simulator is when it reports each alert), one pass over
 * the score rows (a binary search among the period boundaries per row) and one over the encounters;
 * memory is the replay's alerts (16 bytes each) plus a 10,001-cell histogram per period and subgroup.
 */
public final class Summarizer {
  private static final int GRID = 10_000;

  private Summarizer() {}

  /**
   * @param policy the approved policy
   * @param outcome the outcome and its horizon
   * @param by breakdown attributes (subgroups), possibly empty
   * @param labelDelaySeconds how long after the horizon an outcome is known (coding, discharge); ≥ 0
   * @param matchToleranceSeconds a live and a replayed alert match when this close; ≥ 0
   * @param asOf when the data were extracted (epoch seconds): windows closing after it are pending
   */
  public record Settings(AlertPolicy policy, Outcome outcome, List<String> by, long labelDelaySeconds, long matchToleranceSeconds, long asOf)
      implements java.io.Serializable {
    public Settings {
      by = List.copyOf(by);
      if (labelDelaySeconds < 0) throw new IllegalArgumentException("label delay must be ≥ 0, got " + labelDelaySeconds);
      if (matchToleranceSeconds < 0) throw new IllegalArgumentException("match tolerance must be ≥ 0, got " + matchToleranceSeconds);
    }
  }

  /**
   * The live system's alert log: per alert the encounter code in the score table (−1 for an encounter the
   * scores do not have), the alert time, and whether it was acted on (1, 0, or −1 when the log does not say).
   */
  public record LiveAlerts(int[] encounter, long[] time, byte[] acted) {
    public LiveAlerts {
      if (encounter.length != time.length || time.length != acted.length) throw new IllegalArgumentException("live alert columns differ in length");
    }

    public int size() {
      return time.length;
    }
  }

  /**
   * The summaries of the periods [bounds[i], bounds[i+1]); rows and alerts outside [bounds[0], bounds[P]) are not counted.
   *
   * @param live the live alert log, or null
   */
  public static List<PeriodSummary> summarize(ScoreTable scores, EventTable events, LiveAlerts live, long[] bounds, Settings s) {
    int periods = bounds.length - 1;
    if (periods < 1) throw new IllegalArgumentException("need at least one period");
    for (int i = 0; i < periods; i++) if (bounds[i + 1] <= bounds[i]) throw new IllegalArgumentException("period bounds must ascend");
    String file = scores.input() == null ? "scores" : scores.input().path();
    int ne = scores.encounterCount();
    int rows = scores.rows();
    double[] score = scores.scoreColumn();
    int[] enc = scores.encounterColumn();
    int[] time = scores.timeColumn();
    long base = scores.timeBase();
    int[] byAttr = new int[s.by().size()];
    int[] groupBase = new int[byAttr.length];
    int groups = 0;
    for (int a = 0; a < byAttr.length; a++) {
      byAttr[a] = scores.attributeIndex(s.by().get(a));
      if (byAttr[a] < 0) throw new BadInputException(file, 0, s.by().get(a), "attribute not found; attributes read: " + scores.attributeNames());
      groupBase[a] = groups;
      groups += scores.attributeLevelCount(byAttr[a]);
    }

    // Encounter spans and first rows.
    long[] first = new long[ne];
    long[] last = new long[ne];
    int[] firstRow = new int[ne];
    Arrays.fill(first, Long.MAX_VALUE);
    Arrays.fill(last, Long.MIN_VALUE);
    for (int r = 0; r < rows; r++) {
      double v = score[r];
      if (!(v >= 0 && v <= 1)) throw new BadInputException(file, r + 1, "score", "monitoring needs scores in [0, 1], got " + v);
      int e = enc[r];
      long t = base + time[r];
      if (t < first[e]) {
        first[e] = t;
        firstRow[e] = r;
      }
      if (t > last[e]) last[e] = t;
    }
    int outcomeType = events.typeCode(s.outcome().type());
    long[] onset = new long[ne];
    Arrays.fill(onset, Long.MAX_VALUE);
    for (int e = 0; e < ne; e++) {
      for (int i = events.from(e); i < events.to(e); i++) if (events.type(i) == outcomeType) onset[e] = Math.min(onset[e], events.time(i));
    }

    // The replay, every alert kept (encounter order, then time).
    Alerts al = new Alerts();
    Simulator.run(scores, events, s.outcome(), List.of(s.policy()), List.of(), 0, al);
    long horizon = s.outcome().horizonMinutes() * 60L;
    boolean[] matured = new boolean[ne];
    for (int e = 0; e < ne; e++) matured[e] = first[e] != Long.MAX_VALUE && last[e] + horizon + s.labelDelaySeconds() <= s.asOf();
    int[] encAlerts = new int[ne];
    int[] encTimely = new int[ne];
    long[] firstTimely = new long[ne];
    Arrays.fill(firstTimely, Long.MAX_VALUE);
    long[] alerts = new long[periods];
    long[] falseAlerts = new long[periods];
    long[] pendingAlerts = new long[periods];
    for (int i = 0; i < al.n; i++) {
      int e = al.enc[i];
      encAlerts[e]++;
      if (al.kind[i] == 0) {
        encTimely[e]++;
        firstTimely[e] = Math.min(firstTimely[e], al.delivered[i]);
      }
      int p = period(bounds, al.fired[i]);
      if (p < 0) continue;
      alerts[p]++;
      if (!matured[e]) pendingAlerts[p]++;
      else if (al.kind[i] == 2) falseAlerts[p]++;
    }

    // Rows.
    long[] scoreRows = new long[periods];
    long[] flagged = new long[periods];
    long[][] grid = new long[periods][GRID + 1];
    long[][][] groupGrid = new long[periods][groups][];
    double thr = s.policy().threshold();
    for (int r = 0; r < rows; r++) {
      int p = period(bounds, base + time[r]);
      if (p < 0) continue;
      scoreRows[p]++;
      if (score[r] >= thr) flagged[p]++;
      int cell = (int) Math.round(score[r] * GRID);
      grid[p][cell]++;
      for (int a = 0; a < byAttr.length; a++) {
        int g = groupBase[a] + scores.attributeCode(byAttr[a], r);
        long[] h = groupGrid[p][g];
        if (h == null) h = groupGrid[p][g] = new long[GRID + 1];
        h[cell]++;
      }
    }

    // Encounters.
    long[] patientSeconds = new long[periods];
    long[] admitted = new long[periods];
    long[] maturedN = new long[periods];
    long[] pending = new long[periods];
    long[] outcomes = new long[periods];
    long[] detected = new long[periods];
    long[] perfAlerts = new long[periods];
    long[] perfTimely = new long[periods];
    long[][] leadGrid = new long[periods][s.outcome().horizonMinutes() + 1];
    long[][] admPos = new long[periods][GRID + 1];
    long[][] admNeg = new long[periods][GRID + 1];
    long[][] groupMatured = new long[periods][groups];
    long[][] groupOutcomes = new long[periods][groups];
    long[][] groupDetected = new long[periods][groups];
    for (int e = 0; e < ne; e++) {
      if (first[e] == Long.MAX_VALUE) continue;
      for (int p = Math.max(0, period(bounds, first[e])); p < periods && bounds[p] <= last[e]; p++) {
        long from = Math.max(first[e], bounds[p]);
        long to = Math.min(last[e], bounds[p + 1]);
        if (to > from) patientSeconds[p] += to - from;
      }
      int p = period(bounds, first[e]);
      if (p < 0) continue;
      admitted[p]++;
      if (!matured[e]) {
        pending[p]++;
        continue;
      }
      maturedN[p]++;
      boolean out = onset[e] != Long.MAX_VALUE;
      boolean det = firstTimely[e] != Long.MAX_VALUE;
      int fr = firstRow[e];
      int cell = (int) Math.round(score[fr] * GRID);
      if (out) {
        outcomes[p]++;
        admPos[p][cell]++;
      } else {
        admNeg[p][cell]++;
      }
      if (det) {
        detected[p]++;
        int lead = (int) Math.min(s.outcome().horizonMinutes(), Math.max(0, (onset[e] - firstTimely[e]) / 60));
        leadGrid[p][lead]++;
      }
      perfAlerts[p] += encAlerts[e];
      perfTimely[p] += encTimely[e];
      for (int a = 0; a < byAttr.length; a++) {
        int g = groupBase[a] + scores.attributeCode(byAttr[a], fr);
        groupMatured[p][g]++;
        if (out) groupOutcomes[p][g]++;
        if (det) groupDetected[p][g]++;
      }
    }

    PeriodSummary.Match[] match = live == null ? null : match(live, al, bounds, s.matchToleranceSeconds(), ne);

    List<PeriodSummary> out = new ArrayList<>(periods);
    for (int p = 0; p < periods; p++) {
      List<PeriodSummary.Subgroup> sub = new ArrayList<>();
      for (int a = 0; a < byAttr.length; a++) {
        for (int l = 0; l < scores.attributeLevelCount(byAttr[a]); l++) {
          int g = groupBase[a] + l;
          long[] h = groupGrid[p][g];
          sub.add(new PeriodSummary.Subgroup(s.by().get(a), scores.attributeLevel(byAttr[a], l), h == null ? Distribution.empty() : gridDistribution(h),
              groupMatured[p][g], groupOutcomes[p][g], groupDetected[p][g]));
        }
      }
      sub.removeIf(g -> g.scores().n() == 0 && g.matured() == 0);
      sub.sort(java.util.Comparator.comparing(PeriodSummary.Subgroup::attribute).thenComparing(PeriodSummary.Subgroup::level));
      out.add(new PeriodSummary(bounds[p], bounds[p + 1],
          new PeriodSummary.Volume(scoreRows[p], admitted[p], patientSeconds[p], alerts[p], falseAlerts[p], pendingAlerts[p]),
          new PeriodSummary.Scores(gridDistribution(grid[p]), flagged[p]),
          match == null ? null : match[p],
          new PeriodSummary.Performance(maturedN[p], pending[p], outcomes[p], detected[p], perfAlerts[p], perfTimely[p], leadDistribution(leadGrid[p]),
              admission(admPos[p], admNeg[p])),
          sub));
    }
    return out;
  }

  /** Index of the period holding {@code t}, or −1 outside them. */
  static int period(long[] bounds, long t) {
    if (t < bounds[0] || t >= bounds[bounds.length - 1]) return -1;
    int i = Arrays.binarySearch(bounds, t);
    return i >= 0 ? i : -i - 2;
  }

  private static PeriodSummary.Match[] match(LiveAlerts live, Alerts al, long[] bounds, long tol, int ne) {
    int periods = bounds.length - 1;
    long[] liveN = new long[periods];
    long[] matched = new long[periods];
    long[] liveOnly = new long[periods];
    long[] replayOnly = new long[periods];
    long[] known = new long[periods];
    long[] acted = new long[periods];
    Integer[] idx = new Integer[live.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> live.encounter()[a] != live.encounter()[b] ? Integer.compare(live.encounter()[a], live.encounter()[b])
        : Long.compare(live.time()[a], live.time()[b]));
    for (int k = 0; k < idx.length; k++) {
      int i = idx[k];
      int p = period(bounds, live.time()[i]);
      if (p < 0) continue;
      liveN[p]++;
      if (live.acted()[i] >= 0) {
        known[p]++;
        if (live.acted()[i] == 1) acted[p]++;
      }
    }
    int li = 0;
    // live alerts of unknown encounters (code −1) sort first and match nothing
    while (li < idx.length && live.encounter()[idx[li]] < 0) {
      int p = period(bounds, live.time()[idx[li++]]);
      if (p >= 0) liveOnly[p]++;
    }
    int ri = 0;
    while (li < idx.length || ri < al.n) {
      int e = Math.min(li < idx.length ? live.encounter()[idx[li]] : Integer.MAX_VALUE, ri < al.n ? al.enc[ri] : Integer.MAX_VALUE);
      int lEnd = li;
      while (lEnd < idx.length && live.encounter()[idx[lEnd]] == e) lEnd++;
      int rEnd = ri;
      while (rEnd < al.n && al.enc[rEnd] == e) rEnd++;
      int a = li;
      int b = ri;
      while (a < lEnd && b < rEnd) {
        long lt = live.time()[idx[a]];
        long rt = al.fired[b];
        if (Math.abs(lt - rt) <= tol) {
          int p = period(bounds, lt);
          if (p >= 0) matched[p]++;
          a++;
          b++;
        } else if (lt < rt) {
          int p = period(bounds, lt);
          if (p >= 0) liveOnly[p]++;
          a++;
        } else {
          int p = period(bounds, rt);
          if (p >= 0) replayOnly[p]++;
          b++;
        }
      }
      for (; a < lEnd; a++) {
        int p = period(bounds, live.time()[idx[a]]);
        if (p >= 0) liveOnly[p]++;
      }
      for (; b < rEnd; b++) {
        int p = period(bounds, al.fired[b]);
        if (p >= 0) replayOnly[p]++;
      }
      li = lEnd;
      ri = rEnd;
    }
    PeriodSummary.Match[] out = new PeriodSummary.Match[periods];
    for (int p = 0; p < periods; p++) out[p] = new PeriodSummary.Match(liveN[p], matched[p], liveOnly[p], replayOnly[p], known[p], acted[p]);
    return out;
  }

  private static Distribution gridDistribution(long[] h) {
    int d = 0;
    for (long c : h) if (c > 0) d++;
    double[] v = new double[d];
    long[] c = new long[d];
    int k = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i] > 0) {
        v[k] = i / (double) GRID;
        c[k++] = h[i];
      }
    }
    return Distribution.of(v, c);
  }

  private static Distribution leadDistribution(long[] h) {
    int d = 0;
    for (long c : h) if (c > 0) d++;
    double[] v = new double[d];
    long[] c = new long[d];
    int k = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i] > 0) {
        v[k] = i;
        c[k++] = h[i];
      }
    }
    return Distribution.of(v, c);
  }

  private static ScoreCounts admission(long[] pos, long[] neg) {
    int d = 0;
    for (int i = 0; i < pos.length; i++) if (pos[i] + neg[i] > 0) d++;
    double[] v = new double[d];
    long[] p = new long[d];
    long[] q = new long[d];
    int k = 0;
    for (int i = 0; i < pos.length; i++) {
      if (pos[i] + neg[i] > 0) {
        v[k] = i / (double) GRID;
        p[k] = pos[i];
        q[k++] = neg[i];
      }
    }
    return ScoreCounts.of(v, p, q);
  }

  /** The replay's alerts, in the order the simulator reports them (encounter, then time). */
  private static final class Alerts implements Simulator.AlertRecorder {
    int n;
    int[] enc = new int[1024];
    long[] fired = new long[1024];
    long[] delivered = new long[1024];
    byte[] kind = new byte[1024];

    @Override
    public void alert(int encounter, long firedAt, long deliveredAt, int k) {
      if (n == enc.length) {
        enc = Arrays.copyOf(enc, n * 2);
        fired = Arrays.copyOf(fired, n * 2);
        delivered = Arrays.copyOf(delivered, n * 2);
        kind = Arrays.copyOf(kind, n * 2);
      }
      enc[n] = encounter;
      fired[n] = firedAt;
      delivered[n] = deliveredAt;
      kind[n++] = (byte) k;
    }
  }
}
