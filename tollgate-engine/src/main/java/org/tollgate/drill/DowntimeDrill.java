package org.tollgate.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.fallback.Fallback;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.fallback.Replication;
import org.tollgate.format.Units;

/**
 * Replays outage windows through one alert policy.
 *
 * <ol>
 *   <li>Baseline: the policy over the full score stream ({@link Simulator} semantics).
 *   <li>Drill: the same, after removing every score whose time falls in an outage window of an affected
 *       system ({@code DROP}), or moving it to the window's end ({@code QUEUE}: delivered at recovery; a
 *       queued score that then shares a time with another keeps the higher score, as ingest does).
 *   <li>Missed care: outcome encounters detected in the baseline but not in the drill.
 *   <li>Storm factor of an outage: alerts delivered in [end, end + window) ÷ (normal hourly rate × window
 *       hours), where the normal hourly rate is the drill's alerts delivered outside every outage and
 *       recovery window divided by the hours outside them.
 *   <li>An outage causes a storm when its factor exceeds the limit and the burst is more than chance:
 *       P(X ≥ alerts after recovery) &lt; 0.05 for X ~ Poisson(normal hourly rate × window hours). Two
 *       alerts where 0.4 were expected is a factor of 5 but no evidence of a storm.
 *   <li>With a paper fallback ({@link Fallback.Result}): the paper rule in force during each replayed
 *       outage, checked at the window's start and every checklist interval after it
 *       ({@link Fallback#inOutages}); missed care with the paper procedure = the missed-care encounters it
 *       does not catch in time, against missed care with nothing = all of them.
 *   <li>Item 5 passes only when at least one outage window overlapping the data was replayed and no
 *       outage causes a storm; with no replayed outage it is {@code missing}. Its reason states missed
 *       care with and without the paper procedure.
 * </ol>
 */
public final class DowntimeDrill {
  private DowntimeDrill() {}

  /** Without a paper fallback (no features table): no checklist, missed care with nothing only. */
  public static DrillResult run(ScoreTable scores, EventTable events, Outcome outcome, AlertPolicy policy,
      List<OutageWindow> outages, DrillSettings s, String notifyRole) {
    return run(scores, events, outcome, policy, outages, s, null, null);
  }

  /**
   * @param fallback the review's paper fallback, or null (then no paper rule is in force during outages)
   * @param checklist its checklist ({@link PaperChecklist#of}), or null
   */
  public static DrillResult run(ScoreTable scores, EventTable events, Outcome outcome, AlertPolicy policy,
      List<OutageWindow> outages, DrillSettings s, Fallback.Result fallback, PaperChecklist checklist) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int r = 0; r < scores.rows(); r++) {
      long t = scores.epochSecond(r);
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    List<OutageWindow> replayed = new ArrayList<>();
    for (OutageWindow o : outages) {
      if ((s.systems().isEmpty() || s.systems().contains(o.system())) && o.end() > first && o.start() <= last) {
        replayed.add(o);
      }
    }
    replayed.sort(Comparator.comparingLong(OutageWindow::start));
    long[][] merged = merge(replayed);

    long[] baselineFirstTimely = new long[scores.encounterCount()];
    java.util.Arrays.fill(baselineFirstTimely, Long.MIN_VALUE);
    long[] baseAlerts = new long[1];
    Simulator.run(scores, events, outcome, List.of(policy), List.of(), 0, (e, fired, delivered, kind) -> {
      baseAlerts[0]++;
      if (kind == 0 && baselineFirstTimely[e] == Long.MIN_VALUE) baselineFirstTimely[e] = delivered;
    });

    ScoreTable drilled = replay(scores, merged, s.mode());
    boolean[] drillDetected = new boolean[scores.encounterCount()];
    List<Long> deliveries = new ArrayList<>();
    Simulator.run(drilled, events, outcome, List.of(policy), List.of(), 0, (e, fired, delivered, kind) -> {
      deliveries.add(delivered);
      if (kind == 0) drillDetected[e] = true;
    });
    long baseDetected = 0;
    long drillDet = 0;
    long missed = 0;
    boolean[] missedSet = new boolean[drillDetected.length];
    for (int e = 0; e < drillDetected.length; e++) {
      boolean b = baselineFirstTimely[e] != Long.MIN_VALUE;
      if (b) baseDetected++;
      if (drillDetected[e]) drillDet++;
      if (b && !drillDetected[e]) {
        missed++;
        missedSet[e] = true;
      }
    }
    Replication.Outage paper = fallback == null || fallback.rule() == null || merged.length == 0 ? null
        : Fallback.inOutages(fallback, merged, missedSet);
    // Normal rate: outside outages and recovery windows, within [first, last].
    long window = s.stormWindowMinutes() * 60L;
    long excluded = 0;
    long[][] quiet = new long[merged.length][];
    for (int i = 0; i < merged.length; i++) {
      quiet[i] = new long[] {Math.max(first, merged[i][0]), Math.min(last, merged[i][1] + window)};
    }
    long[][] quietMerged = mergeRanges(quiet);
    for (long[] q : quietMerged) excluded += Math.max(0, q[1] - q[0]);
    double normalHours = Math.max(0, (last - first) - excluded) / 3600.0;
    long normalAlerts = 0;
    for (long d : deliveries) {
      boolean inside = false;
      for (long[] q : quietMerged) {
        if (q[0] <= d && d < q[1]) {
          inside = true;
          break;
        }
      }
      if (!inside && d >= first && d <= last) normalAlerts++;
    }
    double normalRate = normalHours > 0 && normalAlerts > 0 ? normalAlerts / normalHours : Double.NaN;
    List<DrillResult.Storm> storms = new ArrayList<>();
    double maxFactor = Double.NaN;
    int stormCount = 0;
    for (OutageWindow o : replayed) {
      long after = 0;
      for (long d : deliveries) if (d >= o.end() && d < o.end() + window) after++;
      double expected = normalRate * window / 3600.0;
      double factor = Double.isNaN(normalRate) ? Double.NaN : after / expected;
      double p = Double.isNaN(normalRate) || after == 0 ? 1
          : org.apache.commons.statistics.distribution.PoissonDistribution.of(expected).survivalProbability((int) Math.min(Integer.MAX_VALUE, after - 1));
      boolean storm = !Double.isNaN(factor) && factor > s.stormLimit() && p < 0.05;
      storms.add(new DrillResult.Storm(o, after, factor, p, storm));
      if (storm) stormCount++;
      if (!Double.isNaN(factor)) maxFactor = Double.isNaN(maxFactor) ? factor : Math.max(maxFactor, factor);
    }
    double downtime = 0;
    double longest = 0;
    for (long[] m : merged) downtime += (m[1] - m[0]) / 3600.0;
    for (OutageWindow o : replayed) longest = Math.max(longest, o.seconds() / 3600.0);
    double exposure = exposureHours(scores, merged);
    // The counts in item 5's sentence are the ones every writer prints: withheld together (ShownDrill).
    ShownDrill shown = ShownDrill.of(new DrillResult(replayed, downtime, longest, exposure, baseDetected, drillDet, missed, baseAlerts[0],
        deliveries.size(), normalRate, storms, maxFactor, checklist, s, null, paper), s.minCell());
    String care = paper == null
        ? "missed care: " + encounters(shown.missedCare(), s.minCell()) + " without a paper procedure (no bedside inputs to measure one with)"
        : "missed care: " + encounters(shown.missedCare(), s.minCell()) + " with nothing, " + encounters(shown.paper().missedWith(), s.minCell())
            + " with the paper procedure";
    DrillResult.Item5 item5;
    if (replayed.isEmpty()) {
      item5 = new DrillResult.Item5(DrillResult.Item5.Status.MISSING, "no real outage window overlapping the score data was replayed; supply the downtime log of the period");
    } else if (stormCount > 0) {
      // judged on the real counts; the factor printed as every writer prints it (withheld with its count of alerts)
      Double worst = shown.worstStormFactor();
      item5 = new DrillResult.Item5(DrillResult.Item5.Status.FAIL, "after recovery the alert rate "
          + (worst == null ? "rose above the limit (" + Units.factor(s.stormLimit()) + "; its factor is " + ShownDrill.FACTOR_WITHHELD + ")"
              : "reached " + Units.factor(worst) + " normal (limit " + Units.factor(s.stormLimit()) + ")")
          + " in " + Units.count(stormCount, "outage") + ": an alert storm; stagger or digest alerts queued during downtime; " + care);
    } else {
      item5 = new DrillResult.Item5(DrillResult.Item5.Status.PASS, Units.count(replayed.size(), "outage window") + " replayed (" + Units.hours(downtime)
          + "); highest storm factor " + (Double.isNaN(maxFactor) ? "not measurable (no alerts outside outages)" : ShownDrill.factor(shown.maxStormFactor())) + " (limit "
          + Units.factor(s.stormLimit()) + (maxFactor > s.stormLimit()
              ? "; above it, but too few alerts in the hour after recovery to tell from chance: Poisson p ≥ 0.05 against the normal rate, so no storm"
              : ", none beyond chance") + "); " + care);
    }
    return new DrillResult(replayed, downtime, longest, exposure, baseDetected, drillDet, missed, baseAlerts[0], deliveries.size(),
        normalRate, storms, maxFactor, checklist, s, item5, paper);
  }

  /**
   * "12 outcome encounters", or "a number of outcome encounters withheld by the small-cell rule" for a count the engine
   * withholds (1 to minCell − 1, or a larger one that would give a small one back).
   */
  private static String encounters(Long shown, int minCell) {
    if (shown == null) return "a number of outcome encounters withheld by the small-cell rule";
    return SmallCells.phrase(shown, minCell, "outcome encounter");
  }

  /** The score table with outage rows dropped or moved to the window's end. */
  static ScoreTable replay(ScoreTable t, long[][] merged, DrillSettings.Mode mode) {
    if (merged.length == 0) return t;
    int n = t.rows();
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, t.hasLabels(), List.of());
    // Keep every encounter's code, even one whose scores all fall in an outage: the event table and the
    // baseline are indexed by the original codes.
    for (int e = 0; e < t.encounterCount(); e++) b.encounter(t.encounterId(e));
    // Keep rows in encounter order; the simulator sorts by (encounter, time) itself.
    java.util.Map<Long, Integer> seen = new java.util.HashMap<>();
    for (int r = 0; r < n; r++) {
      long time = t.epochSecond(r);
      int w = find(merged, time);
      if (w >= 0) {
        if (mode == DrillSettings.Mode.DROP) continue;
        time = merged[w][1];
      }
      b.add(t.encounterId(t.encounter(r)), null, time, t.score(r), t.hasLabels() ? t.label(r) : 0);
    }
    ScoreTable raw = b.build(t.input());
    if (mode == DrillSettings.Mode.DROP) {
      return raw;
    }
    // Queued scores may now share (encounter, time): keep the highest, as ingest does for duplicates.
    return dedupe(raw);
  }

  private static ScoreTable dedupe(ScoreTable t) {
    java.util.Map<String, double[]> best = new java.util.LinkedHashMap<>();
    for (int r = 0; r < t.rows(); r++) {
      String key = t.encounter(r) + "@" + t.epochSecond(r);
      double[] v = best.get(key);
      if (v == null) best.put(key, new double[] {r, t.score(r)});
      else if (t.score(r) > v[1]) {
        v[0] = r;
        v[1] = t.score(r);
      }
    }
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, t.hasLabels(), List.of());
    for (int e = 0; e < t.encounterCount(); e++) b.encounter(t.encounterId(e));
    for (double[] v : best.values()) {
      int r = (int) v[0];
      b.add(t.encounterId(t.encounter(r)), null, t.epochSecond(r), t.score(r), t.hasLabels() ? t.label(r) : 0);
    }
    return b.build(t.input());
  }

  private static int find(long[][] merged, long t) {
    int lo = 0;
    int hi = merged.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (t < merged[mid][0]) hi = mid - 1;
      else if (t >= merged[mid][1]) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  static long[][] merge(List<OutageWindow> sorted) {
    long[][] ranges = new long[sorted.size()][];
    for (int i = 0; i < ranges.length; i++) ranges[i] = new long[] {sorted.get(i).start(), sorted.get(i).end()};
    return mergeRanges(ranges);
  }

  private static long[][] mergeRanges(long[][] ranges) {
    long[][] r = ranges.clone();
    java.util.Arrays.sort(r, Comparator.comparingLong(x -> x[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] x : r) {
      if (x[1] <= x[0]) continue;
      if (!out.isEmpty() && x[0] <= out.get(out.size() - 1)[1]) {
        out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], x[1]);
      } else {
        out.add(new long[] {x[0], x[1]});
      }
    }
    return out.toArray(new long[0][]);
  }

  /** Σ over encounters of hours of [first score, last score] inside downtime. */
  private static double exposureHours(ScoreTable t, long[][] merged) {
    if (merged.length == 0) return 0;
    long[] lo = new long[t.encounterCount()];
    long[] hi = new long[t.encounterCount()];
    java.util.Arrays.fill(lo, Long.MAX_VALUE);
    java.util.Arrays.fill(hi, Long.MIN_VALUE);
    for (int r = 0; r < t.rows(); r++) {
      int e = t.encounter(r);
      long time = t.epochSecond(r);
      lo[e] = Math.min(lo[e], time);
      hi[e] = Math.max(hi[e], time);
    }
    double sec = 0;
    for (int e = 0; e < lo.length; e++) {
      if (lo[e] > hi[e]) continue;
      for (long[] m : merged) {
        long a = Math.max(lo[e], m[0]);
        long b = Math.min(hi[e], m[1]);
        if (b > a) sec += b - a;
      }
    }
    return sec / 3600.0;
  }
}
