package org.tollgate.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tollgate.data.BadInputException;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

/**
 * Replays score streams through alert policies. The semantics, exactly (tests and README state the same):
 *
 * <p>For each encounter, scores in time order; scores at or after the encounter's outcome onset (its
 * first event of the outcome type) are censored. A score at time t fires an alert iff all hold:
 * <ol>
 *   <li>score ≥ threshold;
 *   <li>persistence k: the k most recent uncensored scores of the encounter up to and including this one are all ≥ threshold;
 *   <li>confirm (if set): the encounter has an event of that type with value ≥ at_least and time in [t − within, t];
 *   <li>not suppressed: t is not inside [time, end_time) of any context event of a listed type;
 *   <li>re-fire: no earlier alert for the encounter, or t ≥ last alert's firing time + refire_after
 *       (refire_after unset: at most one alert per encounter);
 *   <li>fewer than max_alerts_per_encounter alerts so far.
 * </ol>
 * Delivery d = t, or with digest D minutes the first multiple of D minutes since the Unix epoch (UTC) ≥ t.
 * An alert is timely iff the encounter has an onset, d &lt; onset and onset − d ≤ horizon; late iff it
 * has an onset and d ≥ onset; false otherwise. An encounter is detected when it has ≥ 1 timely alert;
 * its lead time is onset − its first timely delivery.
 *
 * <p>Cost: one pass over the encounter-sorted score columns for all policies together (per encounter,
 * the outcome onset, confirming-event times and suppression windows are extracted once and shared by
 * every policy); no allocation per score. Encounters are split across threads; counters merge.
 */
public final class Simulator {
  private Simulator() {}

  /** Receives every alert of one policy, in encounter then time order (used by the downtime drill). */
  @FunctionalInterface
  public interface AlertRecorder {
    /**
     * @param encounter encounter code
     * @param fired firing time t (epoch seconds)
     * @param delivered delivery time d (epoch seconds)
     * @param kind 0 timely, 1 late, 2 false
     */
    void alert(int encounter, long fired, long delivered, int kind);
  }

  /** The result of one replay. */
  public record Run(List<AlertPolicy> policies, PolicyCounts[] overall, Map<String, List<Map.Entry<String, PolicyCounts[]>>> byStratum,
      double days, double patientDays) {}

  /**
   * Runs every policy over the scores.
   *
   * @param by encounter attributes to break results down by (marginal groups); may be empty
   * @throws BadInputException when a policy or the outcome names an event type that is absent, or the outcome type is a context window
   */
  public static Run run(ScoreTable scores, EventTable events, Outcome outcome, List<AlertPolicy> policies, List<String> by) {
    return run(scores, events, outcome, policies, by, -1, null);
  }

  /**
   * As {@link #run(ScoreTable, EventTable, Outcome, List, List)}, and reports every alert of policy
   * {@code recordPolicy} to {@code recorder} (single-threaded, so in encounter order).
   */
  public static Run run(ScoreTable scores, EventTable events, Outcome outcome, List<AlertPolicy> policies, List<String> by,
      int recordPolicy, AlertRecorder recorder) {
    check(scores, events, outcome, policies);
    int outcomeType = events.typeCode(outcome.type());
    int np = policies.size();
    int[] confirmType = new int[np];
    int[][] suppressTypes = new int[np][];
    eventTypes(events, policies, confirmType, suppressTypes);
    int[] byAttr = new int[by.size()];
    for (int i = 0; i < byAttr.length; i++) {
      byAttr[i] = scores.attributeIndex(by.get(i));
      if (byAttr[i] < 0) {
        throw new BadInputException(scores.input() == null ? null : scores.input().path(), 0, by.get(i), "attribute not found; attributes read: " + scores.attributeNames());
      }
    }
    int[] order = encounterTimeOrder(scores);
    int ne = scores.encounterCount();
    int[] rowStart = rowStarts(scores, order);

    int threads = recorder != null ? 1 : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), ne / 1000 + 1));
    int groupsTotal = 0;
    int[] groupBase = new int[byAttr.length];
    for (int a = 0; a < byAttr.length; a++) {
      groupBase[a] = groupsTotal;
      groupsTotal += scores.attributeLevelCount(byAttr[a]);
    }
    final int groups = groupsTotal;
    PolicyCounts[][] partial = new PolicyCounts[threads][];
    PolicyCounts[][][] partialGroups = new PolicyCounts[threads][][];
    double[] patientSeconds = new double[threads];
    IntStream.range(0, threads).parallel().forEach(th -> {
      int from = (int) ((long) ne * th / threads);
      int to = (int) ((long) ne * (th + 1) / threads);
      Worker w = new Worker(scores, events, order, outcome, policies, outcomeType, confirmType, suppressTypes);
      w.recordPolicy = recordPolicy;
      w.recorder = recorder;
      PolicyCounts[] mine = new PolicyCounts[np];
      PolicyCounts[][] mineGroups = new PolicyCounts[groups][np];
      for (int p = 0; p < np; p++) mine[p] = new PolicyCounts();
      for (int g = 0; g < groups; g++) for (int p = 0; p < np; p++) mineGroups[g][p] = new PolicyCounts();
      for (int e = from; e < to; e++) {
        int rs = rowStart[e];
        int re = rowStart[e + 1];
        if (rs == re) continue;
        w.encounter(e, rs, re, mine);
        patientSeconds[th] += w.lastSpan;
        if (groups > 0) {
          int firstRow = order == null ? rs : order[rs];
          for (int a = 0; a < byAttr.length; a++) {
            int g = groupBase[a] + scores.attributeCode(byAttr[a], firstRow);
            w.replayInto(mineGroups[g]);
          }
        }
      }
      partial[th] = mine;
      partialGroups[th] = mineGroups;
    });
    PolicyCounts[] overall = new PolicyCounts[np];
    for (int p = 0; p < np; p++) {
      overall[p] = new PolicyCounts();
      for (int th = 0; th < threads; th++) partial[th][p].addInto(overall[p]);
    }
    Map<String, List<Map.Entry<String, PolicyCounts[]>>> strata = new LinkedHashMap<>();
    for (int a = 0; a < byAttr.length; a++) {
      List<Map.Entry<String, PolicyCounts[]>> levels = new ArrayList<>();
      for (int l = 0; l < scores.attributeLevelCount(byAttr[a]); l++) {
        PolicyCounts[] pc = new PolicyCounts[np];
        for (int p = 0; p < np; p++) {
          pc[p] = new PolicyCounts();
          for (int th = 0; th < threads; th++) partialGroups[th][groupBase[a] + l][p].addInto(pc[p]);
        }
        levels.add(Map.entry(scores.attributeLevel(byAttr[a], l), pc));
      }
      strata.put(by.get(a), levels);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int[] t = scores.timeColumn();
    for (int r = 0; r < scores.rows(); r++) {
      min = Math.min(min, t[r]);
      max = Math.max(max, t[r]);
    }
    double days = scores.rows() == 0 ? 0 : (max - min) / 86400.0;
    double ps = 0;
    for (double v : patientSeconds) ps += v;
    return new Run(List.copyOf(policies), overall, strata, days, ps / 86400.0);
  }

  /**
   * Replays one policy encounter by encounter and reports each encounter's alerts, for a caller that splits the
   * encounters across threads itself and needs every alert (the monitor's summarizer): {@link #replay} checks the
   * inputs as {@link #run} does and orders the rows once; each thread then takes its own {@link Replay#forThread copy}.
   * The alerts are exactly those {@link #run} counts, under the semantics above.
   */
  public static final class Replay {
    private final int[] order;
    private final int[] rowStart;
    private final Worker worker;
    private final PolicyCounts[] sink = {new PolicyCounts()};

    private Replay(int[] order, int[] rowStart, Worker worker) {
      this.order = order;
      this.rowStart = rowStart;
      this.worker = worker;
      worker.recordPolicy = 0;
    }

    /** A replay of the same inputs with its own scratch state, for another thread. */
    public Replay forThread() {
      Worker w = worker;
      return new Replay(order, rowStart, new Worker(w.scores, w.events, order, w.outcome, w.policies, w.outcomeType, w.confirmType, w.suppressTypes));
    }

    /** Position of encounter {@code e}'s first row in (encounter, time) order; its rows are positions [from(e), from(e + 1)). */
    public int from(int e) {
      return rowStart[e];
    }

    /** The score-table row at position {@code i} of the (encounter, time) order. */
    public int row(int i) {
      return order == null ? i : order[i];
    }

    /** Replays encounter {@code e} and reports its alerts, in time order, to {@code r}. Not thread-safe: one copy per thread. */
    public void encounter(int e, AlertRecorder r) {
      if (rowStart[e] == rowStart[e + 1]) return;
      worker.recorder = r;
      worker.encounter(e, rowStart[e], rowStart[e + 1], sink);
    }
  }

  /**
   * Prepares a {@link Replay} of {@code policy}: the same checks as {@link #run} (encounter and time columns,
   * event types, an outcome without end times) and the (encounter, time) order.
   */
  public static Replay replay(ScoreTable scores, EventTable events, Outcome outcome, AlertPolicy policy) {
    List<AlertPolicy> policies = List.of(policy);
    check(scores, events, outcome, policies);
    int[] confirmType = new int[1];
    int[][] suppressTypes = new int[1][];
    eventTypes(events, policies, confirmType, suppressTypes);
    int[] order = encounterTimeOrder(scores);
    return new Replay(order, rowStarts(scores, order),
        new Worker(scores, events, order, outcome, policies, events.typeCode(outcome.type()), confirmType, suppressTypes));
  }

  private static void check(ScoreTable scores, EventTable events, Outcome outcome, List<AlertPolicy> policies) {
    String eventsFile = events.input() == null ? "events" : events.input().path();
    if (!scores.hasEncounters() || !scores.hasTime()) {
      throw new BadInputException(scores.input() == null ? null : scores.input().path(),
          "the alert simulation needs an encounter column and a time column in the scores");
    }
    int outcomeType = events.typeCode(outcome.type());
    // An outcome type with end times is refused first; a type that does not occur (outcome -1 above,
    // which matches no event) is refused by checkTypes below.
    for (int i = 0; i < events.rows(); i++) {
      if (events.type(i) == outcomeType && events.end(i) != EventTable.NO_END) {
        throw new BadInputException(eventsFile, events.firstRowWithEnd(outcomeType), "end_time", "an event of outcome type '" + outcome.type()
            + "' has an end_time: it is a context window, not an outcome (an outcome happens at a moment; leave its end_time empty)");
      }
    }
    checkTypes(eventsFile, events.typeNames(), outcome, policies);
  }

  private static void eventTypes(EventTable events, List<AlertPolicy> policies, int[] confirmType, int[][] suppressTypes) {
    for (int p = 0; p < policies.size(); p++) {
      AlertPolicy pol = policies.get(p);
      confirmType[p] = pol.confirm() != null ? events.typeCode(pol.confirm().type()) : -1;
      suppressTypes[p] = new int[pol.suppressDuring().size()];
      for (int j = 0; j < suppressTypes[p].length; j++) {
        suppressTypes[p][j] = events.typeCode(pol.suppressDuring().get(j));
      }
    }
  }

  /** Per encounter, the position of its first row in (encounter, time) order; entry ne is the row count. */
  private static int[] rowStarts(ScoreTable scores, int[] order) {
    int ne = scores.encounterCount();
    int[] rowStart = new int[ne + 1];
    for (int r = 0; r < scores.rows(); r++) rowStart[scores.encounter(order == null ? r : order[r]) + 1]++;
    for (int e = 0; e < ne; e++) rowStart[e + 1] += rowStart[e];
    return rowStart;
  }

  /** Row order sorted by (encounter, time), or null when the table already is. */
  static int[] encounterTimeOrder(ScoreTable s) {
    int[] enc = s.encounterColumn();
    int[] time = s.timeColumn();
    boolean sorted = true;
    for (int r = 1; r < s.rows() && sorted; r++) {
      sorted = enc[r] > enc[r - 1] || (enc[r] == enc[r - 1] && time[r] >= time[r - 1]);
    }
    if (sorted) return null;
    long[] key = new long[s.rows()];
    for (int r = 0; r < s.rows(); r++) {
      // time offsets are ≥ 0 and < 2^31; encounter codes < 2^31: (enc << 31 | time) sorts by both, row kept apart.
      key[r] = ((long) enc[r] << 31) | time[r];
    }
    Integer[] idx = new Integer[s.rows()];
    for (int r = 0; r < idx.length; r++) idx[r] = r;
    java.util.Arrays.sort(idx, (a, b) -> Long.compare(key[a], key[b]));
    int[] order = new int[idx.length];
    for (int r = 0; r < idx.length; r++) order[r] = idx[r];
    return order;
  }

  /** Per-thread state: replays one encounter for every policy without allocating per score. */
  static final class Worker {
    final ScoreTable scores;
    final EventTable events;
    final int[] order;
    final Outcome outcome;
    final List<AlertPolicy> policies;
    final int outcomeType;
    final int[] confirmType;
    final int[][] suppressTypes;
    final long base;
    final int[] time;
    final double[] score;
    long lastSpan;
    // Last encounter's per-policy results, to add into strata.
    final long[] eAlerts;
    final long[] eTimely;
    final long[] eLate;
    final long[] eFalse;
    final long[] eLead;
    boolean eHasOnset;
    long[] confirmTimes = new long[64];
    long[] candidates = new long[64];
    int recordPolicy = -1;
    AlertRecorder recorder;
    final int[] groupLeader;
    final int[][] groupMembers;
    long[] winStart = new long[64];
    long[] winEnd = new long[64];

    Worker(ScoreTable scores, EventTable events, int[] order, Outcome outcome, List<AlertPolicy> policies, int outcomeType,
        int[] confirmType, int[][] suppressTypes) {
      this.scores = scores;
      this.events = events;
      this.order = order;
      this.outcome = outcome;
      this.policies = policies;
      this.outcomeType = outcomeType;
      this.confirmType = confirmType;
      this.suppressTypes = suppressTypes;
      this.base = scores.timeBase();
      this.time = scores.timeColumn();
      this.score = scores.scoreColumn();
      int np = policies.size();
      eAlerts = new long[np];
      eTimely = new long[np];
      eLate = new long[np];
      eFalse = new long[np];
      eLead = new long[np];
      // Group policies whose rules 1–4 coincide.
      java.util.Map<String, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
      for (int p = 0; p < np; p++) {
        AlertPolicy q = policies.get(p);
        String key = Double.doubleToLongBits(q.threshold()) + "|" + q.persistence() + "|" + q.confirm() + "|"
            + java.util.Arrays.toString(suppressTypes[p]);
        groups.computeIfAbsent(key, x -> new java.util.ArrayList<>()).add(p);
      }
      groupLeader = new int[groups.size()];
      groupMembers = new int[groups.size()][];
      int g = 0;
      for (java.util.List<Integer> members : groups.values()) {
        groupLeader[g] = members.get(0);
        groupMembers[g++] = members.stream().mapToInt(Integer::intValue).toArray();
      }
    }

    private int row(int i) {
      return order == null ? i : order[i];
    }

    /**
     * Replays one encounter. Policies are grouped by the conditions that depend on the scores and
     * events (threshold, persistence, confirm, suppression: rules 1–4); each group scans the scores
     * once and collects candidate firing times, and every policy of the group applies rules 5–6, the
     * digest and the timely/late/false classification to those candidates only.
     */
    void encounter(int e, int rs, int re, PolicyCounts[] into) {
      int ef = events.from(e);
      int et = events.to(e);
      long onset = Long.MAX_VALUE;
      for (int i = ef; i < et; i++) {
        if (events.type(i) == outcomeType) {
          onset = events.time(i);
          break;
        }
      }
      eHasOnset = onset != Long.MAX_VALUE;
      lastSpan = (long) time[row(re - 1)] - time[row(rs)];
      long horizon = outcome.horizonMinutes() * 60L;
      for (int g = 0; g < groupLeader.length; g++) {
        AlertPolicy pol = policies.get(groupLeader[g]);
        int leader = groupLeader[g];
        int nConfirm = 0;
        if (pol.confirm() != null) {
          for (int i = ef; i < et; i++) {
            if (events.type(i) == confirmType[leader] && events.value(i) >= pol.confirm().atLeast()) {
              if (nConfirm == confirmTimes.length) confirmTimes = java.util.Arrays.copyOf(confirmTimes, nConfirm * 2);
              confirmTimes[nConfirm++] = events.time(i);
            }
          }
        }
        int nWin = 0;
        for (int i = ef; i < et; i++) {
          int ty = events.type(i);
          for (int st : suppressTypes[leader]) {
            if (ty == st && events.end(i) != EventTable.NO_END) {
              if (nWin == winStart.length) {
                winStart = java.util.Arrays.copyOf(winStart, nWin * 2);
                winEnd = java.util.Arrays.copyOf(winEnd, nWin * 2);
              }
              winStart[nWin] = events.time(i);
              winEnd[nWin++] = events.end(i);
            }
          }
        }
        double thr = pol.threshold();
        int k = pol.persistence();
        long within = pol.confirm() == null ? 0 : pol.confirm().withinMinutes() * 60L;
        int run = 0;
        int confirmPtr = 0;
        int nCand = 0;
        for (int i = rs; i < re; i++) {
          int r = row(i);
          long t = base + time[r];
          if (t >= onset) break;
          if (score[r] >= thr) run++;
          else {
            run = 0;
            continue;
          }
          if (run < k) continue;
          if (pol.confirm() != null) {
            while (confirmPtr < nConfirm && confirmTimes[confirmPtr] <= t) confirmPtr++;
            if (confirmPtr == 0 || confirmTimes[confirmPtr - 1] < t - within) continue;
          }
          boolean suppressed = false;
          for (int j = 0; j < nWin && !suppressed; j++) {
            suppressed = winStart[j] <= t && t < winEnd[j];
          }
          if (suppressed) continue;
          if (nCand == candidates.length) candidates = java.util.Arrays.copyOf(candidates, nCand * 2);
          candidates[nCand++] = t;
        }
        for (int p : groupMembers[g]) {
          AlertPolicy q = policies.get(p);
          long refire = q.refireAfterMinutes() == null ? -1 : q.refireAfterMinutes() * 60L;
          int maxAlerts = q.maxAlertsPerEncounter() == null ? Integer.MAX_VALUE : q.maxAlertsPerEncounter();
          long digest = q.digestMinutes() == null ? 0 : q.digestMinutes() * 60L;
          int alerts = 0;
          long lastAlert = 0;
          long timelyN = 0;
          long lateN = 0;
          long falseN = 0;
          long firstTimely = Long.MIN_VALUE;
          for (int c = 0; c < nCand && alerts < maxAlerts; c++) {
            long t = candidates[c];
            if (alerts > 0 && (refire < 0 || t < lastAlert + refire)) {
              if (refire < 0) break;
              continue;
            }
            alerts++;
            lastAlert = t;
            long d = digest == 0 ? t : Math.floorDiv(t + digest - 1, digest) * digest;
            int kind;
            if (onset != Long.MAX_VALUE && d < onset && onset - d <= horizon) {
              timelyN++;
              kind = 0;
              if (firstTimely == Long.MIN_VALUE) firstTimely = d;
            } else if (onset != Long.MAX_VALUE && d >= onset) {
              lateN++;
              kind = 1;
            } else {
              falseN++;
              kind = 2;
            }
            if (p == recordPolicy) recorder.alert(e, t, d, kind);
          }
          PolicyCounts pc = into[p];
          pc.alerts += alerts;
          pc.timely += timelyN;
          pc.late += lateN;
          pc.falseAlerts += falseN;
          pc.encounters++;
          pc.encounterAlerts(alerts, timelyN);
          if (alerts > 0) pc.flagged++;
          if (eHasOnset) pc.outcomeEncounters++;
          if (firstTimely != Long.MIN_VALUE) {
            pc.detected++;
            pc.lead(onset - firstTimely);
          }
          eAlerts[p] = alerts;
          eTimely[p] = timelyN;
          eLate[p] = lateN;
          eFalse[p] = falseN;
          eLead[p] = firstTimely == Long.MIN_VALUE ? Long.MIN_VALUE : onset - firstTimely;
        }
      }
    }

    /** Adds the last encounter's results into a stratum's counters. */
    void replayInto(PolicyCounts[] into) {
      for (int p = 0; p < into.length; p++) {
        PolicyCounts c = into[p];
        c.alerts += eAlerts[p];
        c.timely += eTimely[p];
        c.late += eLate[p];
        c.falseAlerts += eFalse[p];
        c.encounters++;
        c.encounterAlerts(eAlerts[p], eTimely[p]);
        if (eAlerts[p] > 0) c.flagged++;
        if (eHasOnset) c.outcomeEncounters++;
        if (eLead[p] != Long.MIN_VALUE) {
          c.detected++;
          c.lead(eLead[p]);
        }
      }
    }
  }

  /**
   * Refuses an outcome, confirm or suppress-during event type that does not occur among {@code types}, naming
   * the events file. The simulator checks its events table with this; a distributed run checks the whole
   * table's types once, where each part sees only some of them.
   */
  public static void checkTypes(String eventsFile, List<String> types, Outcome outcome, List<AlertPolicy> policies) {
    if (!types.contains(outcome.type())) {
      throw new BadInputException(eventsFile, 0, "type", "outcome type '" + outcome.type() + "' does not occur; event types are " + types);
    }
    for (AlertPolicy p : policies) {
      if (p.confirm() != null && !types.contains(p.confirm().type())) {
        throw new BadInputException(eventsFile, 0, "type", "policy '" + p.name() + "' confirms with event type '" + p.confirm().type()
            + "', which does not occur; event types are " + types);
      }
      for (String t : p.suppressDuring()) {
        if (!types.contains(t)) {
          throw new BadInputException(eventsFile, 0, "type", "policy '" + p.name() + "' is suppressed during event type '" + t
              + "', which does not occur; event types are " + types);
        }
      }
    }
  }
}
