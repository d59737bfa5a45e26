package org.tollgate.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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

    /** The event type of a row of the live alert log (an events file: value 1 acted on, 0 not, empty unknown). */
    public static final String TYPE = "alert";

    public int size() {
      return time.length;
    }

    /**
     * The rows of type {@value #TYPE} of an alert log read as an events table (possibly none; other types are ignored).
     *
     * @throws BadInputException naming {@code file}, the row and the value column when a value is not 1, 0 or empty
     */
    public static LiveAlerts of(EventTable log, String file) {
      int type = log.typeCode(TYPE);
      int n = 0;
      for (int i = 0; i < log.rows(); i++) if (log.type(i) == type) n++;
      int[] enc = new int[n];
      long[] t = new long[n];
      byte[] acted = new byte[n];
      int k = 0;
      for (int i = 0; i < log.rows() && type >= 0; i++) {
        if (log.type(i) != type) continue;
        double v = log.value(i);
        if (!Double.isNaN(v) && v != 0 && v != 1) throw new BadInputException(file, i + 1, "value", "acted on must be 1, 0 or empty, got " + v);
        enc[k] = log.encounter(i);
        t[k] = log.time(i);
        acted[k++] = Double.isNaN(v) ? (byte) -1 : (byte) v;
      }
      return new LiveAlerts(enc, t, acted);
    }
  }

  /**
   * The summaries of the periods [bounds[i], bounds[i+1]); rows and alerts outside [bounds[0], bounds[P]) are not counted.
   * The encounters are split into one contiguous range per processor (balanced by score rows), each range is
   * summarised on its own thread, and the ranges' summaries are {@link PeriodSummary#merge merged} (exact).
   *
   * @param live the live alert log, or null
   */
  public static List<PeriodSummary> summarize(ScoreTable scores, EventTable events, LiveAlerts live, long[] bounds, Settings s) {
    return summarize(scores, events, live, bounds, s, Math.min(Runtime.getRuntime().availableProcessors(), scores.encounterCount() / 1000 + 1));
  }

  /** As {@link #summarize(ScoreTable, EventTable, LiveAlerts, long[], Settings)} with the encounters split into at most {@code parts} ranges. */
  static List<PeriodSummary> summarize(ScoreTable scores, EventTable events, LiveAlerts live, long[] bounds, Settings s, int parts) {
    int periods = bounds.length - 1;
    if (periods < 1) throw new IllegalArgumentException("need at least one period");
    for (int i = 0; i < periods; i++) if (bounds[i + 1] <= bounds[i]) throw new IllegalArgumentException("period bounds must ascend");
    String file = scores.input() == null ? "scores" : scores.input().path();
    int[] byAttr = new int[s.by().size()];
    for (int a = 0; a < byAttr.length; a++) {
      byAttr[a] = scores.attributeIndex(s.by().get(a));
      if (byAttr[a] < 0) throw new BadInputException(file, 0, s.by().get(a), "attribute not found; attributes read: " + scores.attributeNames());
    }
    Simulator.Replay replay = Simulator.replay(scores, events, s.outcome(), s.policy());
    int ne = scores.encounterCount();
    int[] liveOrder = live == null ? null : liveOrder(live);
    int n = Math.max(1, Math.min(parts, ne));
    // Part k holds encounters [cut[k], cut[k+1]): the first encounter whose rows start at or after k/n of the rows.
    int[] cut = new int[n + 1];
    cut[n] = ne;
    for (int k = 1; k < n; k++) {
      long want = (long) scores.rows() * k / n;
      int lo = cut[k - 1];
      int hi = ne;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (replay.from(mid) < want) lo = mid + 1;
        else hi = mid;
      }
      cut[k] = lo;
    }
    Part[] part = new Part[n];
    IntStream.range(0, n).parallel().forEach(k -> {
      Part p = new Part(scores, events, live, liveOrder, bounds, s, byAttr, k == 0 ? replay : replay.forThread());
      p.run(cut[k], cut[k + 1], k == 0);
      part[k] = p;
    });
    long bad = Long.MAX_VALUE;
    for (Part p : part) bad = Math.min(bad, p.badRow);
    if (bad != Long.MAX_VALUE) throw new BadInputException(file, bad + 1, "score", "monitoring needs scores in [0, 1], got " + scores.scoreColumn()[(int) bad]);
    List<PeriodSummary> out = part[0].summaries();
    for (int k = 1; k < n; k++) {
      List<PeriodSummary> o = part[k].summaries();
      for (int p = 0; p < periods; p++) out.set(p, out.get(p).merge(o.get(p)));
    }
    return out;
  }

  /**
   * The summaries with each period's features added ({@link PeriodSummary.Feature}): a features table's rows counted
   * by their own time into the periods of the summaries (rows outside them are not counted); per input, in name
   * order, rows, rows where it is missing (NaN), and its other values rounded to
   * {@value PeriodSummary#FEATURE_DECIMALS} decimals. Every input appears in every period, with zero rows where none fell.
   */
  public static List<PeriodSummary> withFeatures(List<PeriodSummary> periods, FeatureLog log) {
    int np = periods.size();
    long[] bounds = new long[np + 1];
    for (int p = 0; p < np; p++) {
      bounds[p] = periods.get(p).start();
      bounds[p + 1] = periods.get(p).end();
      if (p > 0 && periods.get(p - 1).end() != bounds[p]) throw new IllegalArgumentException("periods must be adjacent");
    }
    int[] period = new int[log.rows()];
    for (int r = 0; r < period.length; r++) period[r] = period(bounds, log.time()[r]);
    Integer[] byName = new Integer[log.names().size()];
    for (int f = 0; f < byName.length; f++) byName[f] = f;
    java.util.Arrays.sort(byName, java.util.Comparator.comparing(f -> log.names().get(f)));
    List<List<PeriodSummary.Feature>> out = new ArrayList<>();
    for (int p = 0; p < np; p++) out.add(new ArrayList<>());
    double scale = Math.pow(10, PeriodSummary.FEATURE_DECIMALS);
    for (int f : byName) {
      double[] v = log.values()[f];
      long[] rows = new long[np];
      long[] missing = new long[np];
      for (int r = 0; r < v.length; r++) {
        int p = period[r];
        if (p < 0) continue;
        rows[p]++;
        if (Double.isNaN(v[r])) missing[p]++;
      }
      double[][] values = new double[np][];
      for (int p = 0; p < np; p++) values[p] = new double[(int) (rows[p] - missing[p])];
      int[] k = new int[np];
      for (int r = 0; r < v.length; r++) {
        int p = period[r];
        if (p >= 0 && !Double.isNaN(v[r])) values[p][k[p]++] = Math.rint(v[r] * scale) / scale;
      }
      for (int p = 0; p < np; p++) {
        out.get(p).add(new PeriodSummary.Feature(log.names().get(f), rows[p], missing[p], Distribution.ofValues(values[p])));
      }
    }
    List<PeriodSummary> with = new ArrayList<>(np);
    for (int p = 0; p < np; p++) with.add(periods.get(p).withFeatures(out.get(p)));
    return with;
  }

  /** Index of the period holding {@code t}, or −1 outside them. */
  static int period(long[] bounds, long t) {
    if (t < bounds[0] || t >= bounds[bounds.length - 1]) return -1;
    int i = Arrays.binarySearch(bounds, t);
    return i >= 0 ? i : -i - 2;
  }

  /** The live alerts' indices in (encounter, time) order; alerts of unknown encounters (code −1) first. */
  private static int[] liveOrder(LiveAlerts live) {
    Integer[] idx = new Integer[live.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> live.encounter()[a] != live.encounter()[b] ? Integer.compare(live.encounter()[a], live.encounter()[b])
        : Long.compare(live.time()[a], live.time()[b]));
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) out[i] = idx[i];
    return out;
  }

  /**
   * The counters of one range of encounters, filled encounter by encounter in one pass over its rows (in
   * (encounter, time) order), its replayed alerts and its live alerts.
   */
  private static final class Part implements Simulator.AlertRecorder {
    final ScoreTable scores;
    final EventTable events;
    final LiveAlerts live;
    final int[] liveOrder;
    final long[] bounds;
    final Settings s;
    final int[] byAttr;
    final int[] groupBase;
    final int groups;
    final Simulator.Replay replay;
    final int periods;
    long badRow = Long.MAX_VALUE;
    // one encounter's replayed alerts
    int na;
    long[] fired = new long[16];
    long[] delivered = new long[16];
    byte[] kind = new byte[16];

    final long[] scoreRows;
    final long[] flagged;
    final long[][] grid;
    final long[][][] groupGrid;
    final long[] alerts;
    final long[] falseAlerts;
    final long[] pendingAlerts;
    final long[] patientSeconds;
    final long[] admitted;
    final long[] maturedN;
    final long[] pending;
    final long[] outcomes;
    final long[] detected;
    final long[] perfAlerts;
    final long[] perfTimely;
    final long[][] leadGrid;
    final long[][] admPos;
    final long[][] admNeg;
    final long[][] groupMatured;
    final long[][] groupOutcomes;
    final long[][] groupDetected;
    final long[] liveN;
    final long[] matched;
    final long[] liveOnly;
    final long[] replayOnly;
    final long[] known;
    final long[] acted;

    Part(ScoreTable scores, EventTable events, LiveAlerts live, int[] liveOrder, long[] bounds, Settings s, int[] byAttr, Simulator.Replay replay) {
      this.scores = scores;
      this.events = events;
      this.live = live;
      this.liveOrder = liveOrder;
      this.bounds = bounds;
      this.s = s;
      this.byAttr = byAttr;
      this.replay = replay;
      periods = bounds.length - 1;
      groupBase = new int[byAttr.length];
      int g = 0;
      for (int a = 0; a < byAttr.length; a++) {
        groupBase[a] = g;
        g += scores.attributeLevelCount(byAttr[a]);
      }
      groups = g;
      scoreRows = new long[periods];
      flagged = new long[periods];
      grid = new long[periods][GRID + 1];
      groupGrid = new long[periods][groups][];
      alerts = new long[periods];
      falseAlerts = new long[periods];
      pendingAlerts = new long[periods];
      patientSeconds = new long[periods];
      admitted = new long[periods];
      maturedN = new long[periods];
      pending = new long[periods];
      outcomes = new long[periods];
      detected = new long[periods];
      perfAlerts = new long[periods];
      perfTimely = new long[periods];
      leadGrid = new long[periods][s.outcome().horizonMinutes() + 1];
      admPos = new long[periods][GRID + 1];
      admNeg = new long[periods][GRID + 1];
      groupMatured = new long[periods][groups];
      groupOutcomes = new long[periods][groups];
      groupDetected = new long[periods][groups];
      liveN = new long[periods];
      matched = new long[periods];
      liveOnly = new long[periods];
      replayOnly = new long[periods];
      known = new long[periods];
      acted = new long[periods];
    }

    @Override
    public void alert(int encounter, long firedAt, long deliveredAt, int k) {
      if (na == fired.length) {
        fired = Arrays.copyOf(fired, na * 2);
        delivered = Arrays.copyOf(delivered, na * 2);
        kind = Arrays.copyOf(kind, na * 2);
      }
      fired[na] = firedAt;
      delivered[na] = deliveredAt;
      kind[na++] = (byte) k;
    }

    /** Encounters [from, to); the first part also counts the live alerts of encounters the scores do not have. */
    void run(int from, int to, boolean first) {
      double[] score = scores.scoreColumn();
      int[] time = scores.timeColumn();
      long base = scores.timeBase();
      double thr = s.policy().threshold();
      int outcomeType = events.typeCode(s.outcome().type());
      long horizon = s.outcome().horizonMinutes() * 60L;
      int li = 0;
      if (liveOrder != null) {
        // the first live alert of encounter `from` (or later); unknown encounters (−1) sort first
        int lo = 0;
        int hi = liveOrder.length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (live.encounter()[liveOrder[mid]] < from) lo = mid + 1;
          else hi = mid;
        }
        if (first) {
          for (int k = 0; k < lo; k++) {
            int p = countLive(liveOrder[k]);
            if (p >= 0) liveOnly[p]++;
          }
        }
        li = lo;
      }
      for (int e = from; e < to; e++) {
        int rs = replay.from(e);
        int re = replay.from(e + 1);
        int lEnd = li;
        if (liveOrder != null) while (lEnd < liveOrder.length && live.encounter()[liveOrder[lEnd]] == e) lEnd++;
        na = 0;
        if (rs < re) {
          // Rows, in time order: the period moves forward only.
          int p = -1;
          long pLo = Long.MAX_VALUE;
          long pHi = Long.MIN_VALUE;
          for (int i = rs; i < re; i++) {
            int r = replay.row(i);
            double v = score[r];
            if (!(v >= 0 && v <= 1)) {
              badRow = Math.min(badRow, r);
              continue;
            }
            long t = base + time[r];
            if (t < pLo || t >= pHi) {
              p = period(bounds, t);
              pLo = p < 0 ? Long.MIN_VALUE : bounds[p];
              pHi = p < 0 ? Long.MIN_VALUE : bounds[p + 1];
            }
            if (p < 0) continue;
            scoreRows[p]++;
            if (v >= thr) flagged[p]++;
            int cell = (int) Math.round(v * GRID);
            grid[p][cell]++;
            for (int a = 0; a < byAttr.length; a++) {
              int g = groupBase[a] + scores.attributeCode(byAttr[a], r);
              long[] h = groupGrid[p][g];
              if (h == null) h = groupGrid[p][g] = new long[GRID + 1];
              h[cell]++;
            }
          }
          if (badRow != Long.MAX_VALUE) {
            li = lEnd;
            continue;
          }
          encounter(e, replay.row(rs), base + time[replay.row(rs)], base + time[replay.row(re - 1)], outcomeType, horizon);
        }
        if (liveOrder != null) match(li, lEnd);
        li = lEnd;
      }
    }

    /** One encounter with score rows: its replay, its patient-days, and its outcome figures when matured. */
    private void encounter(int e, int firstRow, long first, long last, int outcomeType, long horizon) {
      long onset = Long.MAX_VALUE;
      for (int i = events.from(e); i < events.to(e); i++) if (events.type(i) == outcomeType) onset = Math.min(onset, events.time(i));
      replay.encounter(e, this);
      boolean isMatured = last + horizon + s.labelDelaySeconds() <= s.asOf();
      int encTimely = 0;
      long firstTimely = Long.MAX_VALUE;
      for (int i = 0; i < na; i++) {
        if (kind[i] == 0) {
          encTimely++;
          firstTimely = Math.min(firstTimely, delivered[i]);
        }
        int p = period(bounds, fired[i]);
        if (p < 0) continue;
        alerts[p]++;
        if (!isMatured) pendingAlerts[p]++;
        else if (kind[i] == 2) falseAlerts[p]++;
      }
      for (int p = Math.max(0, period(bounds, first)); p < periods && bounds[p] <= last; p++) {
        long from = Math.max(first, bounds[p]);
        long to = Math.min(last, bounds[p + 1]);
        if (to > from) patientSeconds[p] += to - from;
      }
      int p = period(bounds, first);
      if (p < 0) return;
      admitted[p]++;
      if (!isMatured) {
        pending[p]++;
        return;
      }
      maturedN[p]++;
      boolean out = onset != Long.MAX_VALUE;
      boolean det = firstTimely != Long.MAX_VALUE;
      int cell = (int) Math.round(scores.scoreColumn()[firstRow] * GRID);
      if (out) {
        outcomes[p]++;
        admPos[p][cell]++;
      } else {
        admNeg[p][cell]++;
      }
      if (det) {
        detected[p]++;
        int lead = (int) Math.min(s.outcome().horizonMinutes(), Math.max(0, (onset - firstTimely) / 60));
        leadGrid[p][lead]++;
      }
      perfAlerts[p] += na;
      perfTimely[p] += encTimely;
      for (int a = 0; a < byAttr.length; a++) {
        int g = groupBase[a] + scores.attributeCode(byAttr[a], firstRow);
        groupMatured[p][g]++;
        if (out) groupOutcomes[p][g]++;
        if (det) groupDetected[p][g]++;
      }
    }

    /** Counts live alert {@code i} in its period (and whether it was acted on); its period, or −1. */
    private int countLive(int i) {
      int p = period(bounds, live.time()[i]);
      if (p < 0) return p;
      liveN[p]++;
      if (live.acted()[i] >= 0) {
        known[p]++;
        if (live.acted()[i] == 1) acted[p]++;
      }
      return p;
    }

    /** The live alerts at liveOrder[a, lEnd) (one encounter's, in time order) against its replayed alerts, greedily in time order. */
    private void match(int a, int lEnd) {
      long tol = s.matchToleranceSeconds();
      for (int k = a; k < lEnd; k++) countLive(liveOrder[k]);
      int b = 0;
      while (a < lEnd && b < na) {
        long lt = live.time()[liveOrder[a]];
        long rt = fired[b];
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
        int p = period(bounds, live.time()[liveOrder[a]]);
        if (p >= 0) liveOnly[p]++;
      }
      for (; b < na; b++) {
        int p = period(bounds, fired[b]);
        if (p >= 0) replayOnly[p]++;
      }
    }

    List<PeriodSummary> summaries() {
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
            live == null ? null : new PeriodSummary.Match(liveN[p], matched[p], liveOnly[p], replayOnly[p], known[p], acted[p]),
            new PeriodSummary.Performance(maturedN[p], pending[p], outcomes[p], detected[p], perfAlerts[p], perfTimely[p], leadDistribution(leadGrid[p]),
                admission(admPos[p], admNeg[p])),
            sub));
      }
      return out;
    }
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
}
