package org.tollgate.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tollgate.data.BadInputException;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

class SimulatorTest {
  /** 2025-01-01T00:00:00Z, a multiple of every digest used here. */
  static final long T0 = 1_735_689_600L;
  static final Outcome SEPSIS = new Outcome("sepsis_onset", 720);

  /** Scores every 15 minutes for one encounter "E1", starting at T0. */
  static ScoreTable scores(double... s) {
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, false, List.of());
    for (int i = 0; i < s.length; i++) b.add("E1", null, T0 + 900L * i, s[i], 0);
    return b.build(null);
  }

  static EventTable events(ScoreTable t, Object[]... rows) {
    EventTable.Builder b = new EventTable.Builder(t);
    b.add("E1", T0 + 100 * 86400L, "sepsis_onset", Double.NaN, EventTable.NO_END); // far away unless overridden
    for (Object[] r : rows) {
      b.add((String) r[0], (Long) r[1], (String) r[2], r.length > 3 ? (Double) r[3] : Double.NaN, r.length > 4 ? (Long) r[4] : EventTable.NO_END);
    }
    return b.build(null);
  }

  static PolicyCounts one(ScoreTable t, EventTable e, AlertPolicy p) {
    return Simulator.run(t, e, SEPSIS, List.of(p), List.of()).overall()[0];
  }

  static AlertPolicy policy(double thr, int k, AlertPolicy.Confirm c, List<String> sup, Integer refire, Integer max, Integer digest) {
    return new AlertPolicy("p", thr, k, c, sup, refire, max, digest);
  }

  @Test
  void scoreEqualToThresholdFires() {
    ScoreTable t = scores(0.6);
    assertEquals(1, one(t, events(t), AlertPolicy.threshold("p", 0.6)).alerts());
    assertEquals(0, one(t, events(t), AlertPolicy.threshold("p", 0.6000001)).alerts());
  }

  @Test
  void withoutRefireAnEncounterAlertsOnce() {
    ScoreTable t = scores(0.9, 0.9, 0.9);
    assertEquals(1, one(t, events(t), AlertPolicy.threshold("p", 0.5)).alerts());
  }

  @Test
  void persistenceNeedsKConsecutiveScoresAtOrAboveThreshold() {
    ScoreTable t = scores(0.9, 0.1, 0.9, 0.9);
    // k = 2: fires at the 4th score (index 3), not the 1st or 3rd.
    EventTable e = events(t);
    Simulator.Run r = Simulator.run(t, e, SEPSIS, List.of(policy(0.5, 2, null, List.of(), null, null, null)), List.of());
    assertEquals(1, r.overall()[0].alerts());
    ScoreTable early = scores(0.9, 0.1, 0.9);
    assertEquals(0, one(early, events(early), policy(0.5, 2, null, List.of(), null, null, null)).alerts());
  }

  @Test
  void refireWindowBlocksSecondAlertUntilItEnds() {
    // Scores every 15 min, all high; refire 30 min: alerts at 0, 30, 60 min → 3 alerts over 5 scores (0..60).
    ScoreTable t = scores(0.9, 0.9, 0.9, 0.9, 0.9);
    assertEquals(3, one(t, events(t), policy(0.5, 1, null, List.of(), 30, null, null)).alerts());
    // refire 31 min: 0, 45 → 2 alerts (30 < 31, 45 ≥ 31).
    assertEquals(2, one(t, events(t), policy(0.5, 1, null, List.of(), 31, null, null)).alerts());
  }

  @Test
  void maxAlertsPerEncounterCaps() {
    ScoreTable t = scores(0.9, 0.9, 0.9, 0.9, 0.9);
    assertEquals(2, one(t, events(t), policy(0.5, 1, null, List.of(), 15, 2, null)).alerts());
  }

  @Test
  void confirmWindowIncludesBothEnds() {
    ScoreTable t = scores(0.1, 0.1, 0.9); // high score at T0 + 30 min
    long at = T0 + 1800;
    AlertPolicy p = policy(0.5, 1, new AlertPolicy.Confirm("lactate", 2.0, 60), List.of(), null, null, null);
    // Lactate exactly 60 min before: counts.
    assertEquals(1, one(t, events(t, new Object[] {"E1", at - 3600, "lactate", 2.0}), p).alerts());
    // 60 min + 1 s before: too old.
    assertEquals(0, one(t, events(t, new Object[] {"E1", at - 3601, "lactate", 2.0}), p).alerts());
    // At the same second: counts. One second later: not yet.
    assertEquals(1, one(t, events(t, new Object[] {"E1", at, "lactate", 2.5}), p).alerts());
    assertEquals(0, one(t, events(t, new Object[] {"E1", at + 1, "lactate", 2.5}), p).alerts());
    // Value below at_least: does not confirm.
    assertEquals(0, one(t, events(t, new Object[] {"E1", at, "lactate", 1.99}), p).alerts());
  }

  @Test
  void suppressionWindowIsHalfOpen() {
    ScoreTable t = scores(0.9); // at T0
    AlertPolicy p = policy(0.5, 1, null, List.of("procedure"), null, null, null);
    assertEquals(0, one(t, events(t, new Object[] {"E1", T0, "procedure", Double.NaN, T0 + 600}), p).alerts(), "start is inside");
    assertEquals(1, one(t, events(t, new Object[] {"E1", T0 - 600, "procedure", Double.NaN, T0}), p).alerts(), "end is outside");
  }

  @Test
  void digestDeliversAtNextMultipleAndExactMultipleStays() {
    // onset at T0 + 70 min; horizon 720. Score at T0 (exact multiple of 60 min) → delivered at T0: timely, lead 70 min.
    ScoreTable t = scores(0.9);
    EventTable e = new EventTable.Builder(t).add("E1", T0 + 4200, "sepsis_onset", Double.NaN, EventTable.NO_END).build(null);
    PolicyCounts c = Simulator.run(t, e, SEPSIS, List.of(policy(0.5, 1, null, List.of(), null, null, 60)), List.of()).overall()[0];
    assertEquals(1, c.timely());
    assertEquals(70.0, c.leadMinutes()[0], 0);
    // Score at T0 + 15 min with 60-min digest → delivered at T0 + 60 min: still before onset at +70, lead 10.
    ScoreTable t2 = scores(0.1, 0.9);
    EventTable e2 = new EventTable.Builder(t2).add("E1", T0 + 4200, "sepsis_onset", Double.NaN, EventTable.NO_END).build(null);
    PolicyCounts c2 = Simulator.run(t2, e2, SEPSIS, List.of(policy(0.5, 1, null, List.of(), null, null, 60)), List.of()).overall()[0];
    assertEquals(10.0, c2.leadMinutes()[0], 0);
  }

  @Test
  void digestPastOnsetMakesTheAlertLate() {
    ScoreTable t = scores(0.1, 0.9); // high at +15 min
    EventTable e = new EventTable.Builder(t).add("E1", T0 + 1800, "sepsis_onset", Double.NaN, EventTable.NO_END).build(null);
    PolicyCounts c = Simulator.run(t, e, SEPSIS, List.of(policy(0.5, 1, null, List.of(), null, null, 60)), List.of()).overall()[0];
    assertEquals(1, c.late());
    assertEquals(0, c.detected());
    assertEquals(1, c.outcomeEncounters());
  }

  @Test
  void scoresAtOrAfterOnsetAreCensored() {
    ScoreTable t = scores(0.1, 0.9); // high at +15 min exactly at onset
    EventTable e = new EventTable.Builder(t).add("E1", T0 + 900, "sepsis_onset", Double.NaN, EventTable.NO_END).build(null);
    assertEquals(0, Simulator.run(t, e, SEPSIS, List.of(AlertPolicy.threshold("p", 0.5)), List.of()).overall()[0].alerts());
  }

  @Test
  void alertEarlierThanHorizonIsFalse() {
    ScoreTable t = scores(0.9); // at T0; onset 12 h + 1 s later
    EventTable e = new EventTable.Builder(t).add("E1", T0 + 720 * 60 + 1, "sepsis_onset", Double.NaN, EventTable.NO_END).build(null);
    PolicyCounts c = Simulator.run(t, e, SEPSIS, List.of(AlertPolicy.threshold("p", 0.5)), List.of()).overall()[0];
    assertEquals(1, c.falseAlerts());
    ScoreTable t2 = scores(0.9);
    EventTable e2 = new EventTable.Builder(t2).add("E1", T0 + 720 * 60, "sepsis_onset", Double.NaN, EventTable.NO_END).build(null);
    assertEquals(1, Simulator.run(t2, e2, SEPSIS, List.of(AlertPolicy.threshold("p", 0.5)), List.of()).overall()[0].timely(), "exactly at the horizon is timely");
  }

  @Test
  void unknownEventTypesAreBadInputNamingThePolicy() {
    ScoreTable t = scores(0.9);
    EventTable e = events(t);
    BadInputException ex = assertThrows(BadInputException.class, () -> Simulator.run(t, e, SEPSIS,
        List.of(policy(0.5, 1, new AlertPolicy.Confirm("lactate", 2, 60), List.of(), null, null, null)), List.of()));
    assertEquals("events: column 'type': policy 'p' confirms with event type 'lactate', which does not occur; event types are [sepsis_onset]", ex.getMessage());
    BadInputException ex2 = assertThrows(BadInputException.class, () -> Simulator.run(t, e, new Outcome("death", 60), List.of(AlertPolicy.threshold("p", 0.5)), List.of()));
    assertTrue(ex2.getMessage().contains("outcome type 'death' does not occur"));
  }

  @Test
  void contextTypeUsedAsOutcomeIsRefused() {
    ScoreTable t = scores(0.9);
    EventTable e = events(t, new Object[] {"E1", T0, "procedure", Double.NaN, T0 + 600});
    BadInputException ex = assertThrows(BadInputException.class, () -> Simulator.run(t, e, new Outcome("procedure", 60), List.of(AlertPolicy.threshold("p", 0.5)), List.of()));
    assertTrue(ex.getMessage().contains("it is a context window, not an outcome"), ex.getMessage());
  }

  /**
   * Property: on random encounters, policies and events the simulator equals the naive reference, overall and per group
   * of an encounter attribute (each group's counts equal the naive replay of that group's encounters alone).
   */
  @Test
  void agreesWithNaiveReferenceOnRandomDataOverallAndPerGroup() {
    Random r = new Random(11);
    long alertsSeen = 0;
    for (int trial = 0; trial < 150; trial++) {
      List<NaiveSimulator.Score> ss = new ArrayList<>();
      List<NaiveSimulator.Event> es = new ArrayList<>();
      int encs = 1 + r.nextInt(6);
      java.util.Map<String, String> groupOf = new java.util.HashMap<>();
      for (int e = 0; e < encs; e++) {
        String id = "E" + e;
        groupOf.put(id, e == 0 ? "A" : List.of("A", "B", "C").get(r.nextInt(3)));
        int n = 1 + r.nextInt(30);
        long start = T0 + r.nextInt(100) * 300L;
        for (int i = 0; i < n; i++) ss.add(new NaiveSimulator.Score(id, start + 900L * i + (r.nextInt(4) == 0 ? 0 : r.nextInt(60)), r.nextInt(11) / 10.0));
        if (r.nextBoolean()) es.add(new NaiveSimulator.Event(id, start + r.nextInt(n + 1) * 900L, "sepsis_onset", Double.NaN, null));
        for (int j = 0; j < r.nextInt(4); j++) es.add(new NaiveSimulator.Event(id, start + r.nextInt(n * 900 + 1), "lactate", r.nextInt(5) * 1.0, null));
        for (int j = 0; j < r.nextInt(3); j++) {
          long s0 = start + r.nextInt(n * 900 + 1);
          es.add(new NaiveSimulator.Event(id, s0, "procedure", Double.NaN, s0 + 60 + r.nextInt(7200)));
        }
      }
      // Make sure every type exists somewhere.
      es.add(new NaiveSimulator.Event("E0", T0 - 86400, "lactate", 0.0, null));
      es.add(new NaiveSimulator.Event("E0", T0 - 86400, "procedure", Double.NaN, T0 - 86000));
      es.add(new NaiveSimulator.Event("E0", T0 + 999 * 86400L, "sepsis_onset", Double.NaN, null));
      java.util.Collections.shuffle(ss, r);
      ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, false, List.of());
      for (NaiveSimulator.Score s : ss) b.add(s.enc(), null, s.t(), s.s(), 0);
      ScoreTable t = b.build(null);
      EventTable.Builder eb = new EventTable.Builder(t);
      for (NaiveSimulator.Event ev : es) eb.add(ev.enc(), ev.t(), ev.type(), ev.value(), ev.end() == null ? EventTable.NO_END : ev.end());
      EventTable et = eb.build(null);
      AlertPolicy p = new AlertPolicy("rand", r.nextInt(11) / 10.0, 1 + r.nextInt(3),
          r.nextBoolean() ? new AlertPolicy.Confirm("lactate", r.nextInt(4), 30 + r.nextInt(300)) : null,
          r.nextBoolean() ? List.of("procedure") : List.of(),
          r.nextBoolean() ? 15 + r.nextInt(120) : null,
          r.nextBoolean() ? 1 + r.nextInt(3) : null,
          r.nextBoolean() ? 15 * (1 + r.nextInt(8)) : null);
      Outcome o = new Outcome("sepsis_onset", 60 + r.nextInt(600));
      // A second policy shares rules 1–4 with the first (same candidate scan), a third is unrelated:
      // all three run in one pass and each must equal the naive replay of it alone.
      AlertPolicy p2 = new AlertPolicy("same-candidates", p.threshold(), p.persistence(), p.confirm(), p.suppressDuring(),
          r.nextBoolean() ? 15 + r.nextInt(120) : null, r.nextBoolean() ? 1 + r.nextInt(3) : null, r.nextBoolean() ? 30 : null);
      AlertPolicy p3 = AlertPolicy.threshold("plain", r.nextInt(11) / 10.0);
      // Duplicate (encounter, time) score rows are dropped as ingest does (max kept); the naive model needs unique times.
      ScoreTable table = dedupedTable(ss, groupOf);
      Simulator.Run run = Simulator.run(table, rebuild(es, table), o, List.of(p, p2, p3), List.of("grp"));
      List<AlertPolicy> all = List.of(p, p2, p3);
      for (int i = 0; i < all.size(); i++) {
        long[] naive = NaiveSimulator.run(dedupe(ss), es, o, all.get(i));
        PolicyCounts c = run.overall()[i];
        assertArrayEquals(naive, counts(c), "trial " + trial + " policy " + all.get(i) + " outcome " + o);
        alertsSeen += c.alerts();
        for (java.util.Map.Entry<String, PolicyCounts[]> level : run.byStratum().get("grp")) {
          String g = level.getKey();
          List<NaiveSimulator.Score> mine = dedupe(ss).stream().filter(x -> groupOf.get(x.enc()).equals(g)).toList();
          assertArrayEquals(NaiveSimulator.run(mine, es, o, all.get(i)), counts(level.getValue()[i]),
              "trial " + trial + " policy " + all.get(i) + " group " + g);
        }
      }
    }
    assertTrue(alertsSeen > 500, "the random trials must exercise alerts, saw " + alertsSeen);
  }

  /** The counters in {@link NaiveSimulator#run}'s order. */
  private static long[] counts(PolicyCounts c) {
    long lead = 0;
    for (double m : c.leadMinutes()) lead += Math.round(m * 60);
    return new long[] {c.alerts(), c.timely(), c.late(), c.falseAlerts(), c.encounters(), c.outcomeEncounters(), c.detected(), lead, c.flagged()};
  }

  private static List<NaiveSimulator.Score> dedupe(List<NaiveSimulator.Score> ss) {
    java.util.Map<String, NaiveSimulator.Score> m = new java.util.TreeMap<>();
    for (NaiveSimulator.Score s : ss) {
      String k = s.enc() + "@" + s.t();
      NaiveSimulator.Score old = m.get(k);
      if (old == null || s.s() > old.s()) m.put(k, s);
    }
    return new ArrayList<>(m.values());
  }

  private static ScoreTable dedupedTable(List<NaiveSimulator.Score> ss, java.util.Map<String, String> groupOf) {
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, false, List.of("grp"));
    for (NaiveSimulator.Score s : dedupe(ss)) b.add(s.enc(), null, s.t(), s.s(), 0, groupOf.get(s.enc()));
    return b.build(null);
  }

  private static EventTable rebuild(List<NaiveSimulator.Event> es, ScoreTable t) {
    EventTable.Builder eb = new EventTable.Builder(t);
    for (NaiveSimulator.Event ev : es) eb.add(ev.enc(), ev.t(), ev.type(), ev.value(), ev.end() == null ? EventTable.NO_END : ev.end());
    return eb.build(null);
  }
}
