package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Simulator;
import org.tollgate.alerts.Workflow;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

class SummarizerTest {
  static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final Outcome SEPSIS = new Outcome("sepsis_onset", 720);
  static final AlertPolicy AT_HALF = AlertPolicy.threshold("half", 0.5);

  /**
   * Three encounters with an outcome, each alerted 5.5 h before onset. A's window (last score + 12 h horizon)
   * closed a day before the as-of time; B's closes exactly at it (counted); C's last score is an hour before it, so
   * its window is open: it counts in no outcome figure although its onset event is already in the data, and its
   * alert is pending, neither false nor timely.
   */
  @Test
  void anEncounterWhoseWindowHasNotClosedIsNeverCounted() {
    long asOf = T0 + 10 * 86_400;
    ScoreTable.Builder sb = new ScoreTable.Builder(true, true, true, true, List.of("sex"));
    long[] starts = {T0, asOf - 12 * 3600 - 5 * 3600, asOf - 6 * 3600};
    String[] ids = {"A", "B", "C"};
    for (int e = 0; e < 3; e++) for (int h = 0; h <= 5; h++) sb.add(ids[e], "P" + e, starts[e] + h * 3600L, 0.9, 1, "F");
    ScoreTable s = sb.build(null);
    EventTable.Builder eb = new EventTable.Builder(s);
    for (int e = 0; e < 3; e++) eb.add(ids[e], starts[e] + 5 * 3600 + 1800, "sepsis_onset", Double.NaN, EventTable.NO_END);
    EventTable ev = eb.build(null);
    List<PeriodSummary> p = Summarizer.summarize(s, ev, null, new long[] {T0, T0 + 14 * 86_400},
        new Summarizer.Settings(AT_HALF, SEPSIS, List.of("sex"), 0, 3600, asOf));
    PeriodSummary.Performance perf = p.get(0).performance();
    assertEquals(2, perf.matured());
    assertEquals(1, perf.pending());
    assertEquals(2, perf.outcomes());
    assertEquals(2, perf.detected());
    assertEquals(2, perf.admission().n());
    assertEquals(2, p.get(0).subgroups().get(0).outcomes(), "subgroups count matured encounters only");
    assertEquals(3, p.get(0).volume().alerts(), "volume counts every alert");
    assertEquals(1, p.get(0).volume().pendingAlerts());
    assertEquals(0, p.get(0).volume().falseAlerts());
    // A label delay of a minute leaves B's window open too.
    List<PeriodSummary> delayed = Summarizer.summarize(s, ev, null, new long[] {T0, T0 + 14 * 86_400},
        new Summarizer.Settings(AT_HALF, SEPSIS, List.of(), 60, 3600, asOf));
    assertEquals(1, delayed.get(0).performance().matured());
    assertEquals(2, delayed.get(0).performance().pending());
  }

  /** Periods split the patient-days of a stay that crosses their boundary, and count rows by their own time. */
  @Test
  void aStayAcrossTwoPeriodsSplitsItsPatientDays() {
    ScoreTable.Builder sb = new ScoreTable.Builder(true, true, true, true, List.of());
    for (int h = 0; h <= 48; h++) sb.add("A", "P", T0 + 12 * 3600 + h * 3600L, 0.1, 0);
    ScoreTable s = sb.build(null);
    EventTable ev = new EventTable.Builder(s).declareTypes(List.of("sepsis_onset")).build(null);
    List<PeriodSummary> p = Summarizer.summarize(s, ev, null, new long[] {T0, T0 + 86_400, T0 + 2 * 86_400, T0 + 3 * 86_400},
        new Summarizer.Settings(AT_HALF, SEPSIS, List.of(), 0, 0, T0 + 30 * 86_400));
    assertEquals(0.5, p.get(0).volume().patientDays(), 1e-12);
    assertEquals(1.0, p.get(1).volume().patientDays(), 1e-12);
    assertEquals(0.5, p.get(2).volume().patientDays(), 1e-12);
    assertEquals(12, p.get(0).volume().scoreRows());
    assertEquals(24, p.get(1).volume().scoreRows());
    assertEquals(13, p.get(2).volume().scoreRows());
    assertEquals(1, p.get(0).volume().admitted() + p.get(1).volume().admitted() + p.get(2).volume().admitted());
  }

  /**
   * The live system runs threshold 0.15 where the committee approved 0.3 with persistence 2 and a 12-hour re-fire:
   * its alert log disagrees with the replay of the approved policy and the policy-match guardrail names it. The
   * log of the approved policy itself agrees on every alert.
   */
  @Test
  void aDeployedPolicyThatDiffersFromTheApprovedOneIsDetected() {
    Cohort c = cohort(1000, 7);
    AlertPolicy approved = new AlertPolicy("approved", 0.3, 2, null, List.of(), 720, null, null);
    AlertPolicy deployed = new AlertPolicy("deployed", 0.15, 1, null, List.of(), 720, null, null);
    long[] bounds = {T0, T0 + 7 * 86_400L, T0 + 14 * 86_400L, T0 + 21 * 86_400L, T0 + 28 * 86_400L};
    Summarizer.Settings set = new Summarizer.Settings(approved, SEPSIS, List.of(), 0, 3600, T0 + 60 * 86_400L);
    MonitorSettings ms = MonitorSettings.defaults();
    Baseline b = Baseline.of(Summarizer.summarize(c.scores, c.events, null, bounds, set), 28, null, 5000, Double.NaN);
    for (AlertPolicy live : List.of(approved, deployed)) {
      Summarizer.LiveAlerts log = liveLog(c, live);
      List<Monitor.PeriodResult> r = Monitor.judge(b, Summarizer.summarize(c.scores, c.events, log, bounds, set), ms);
      Monitor.Finding f = r.get(1).finding(Guardrail.POLICY_MATCH);
      if (live == approved) {
        assertEquals(Monitor.Status.OK, f.status(), f.sentence());
        assertEquals(1.0, f.value(), 1e-12);
      } else {
        assertEquals(Monitor.Status.BREACH, f.status(), f.sentence());
        assertTrue(f.sentence().contains("the deployed policy is not the approved one"), f.sentence());
        assertTrue(f.value() < 0.8, f.sentence());
      }
    }
  }

  /** Summaries of two halves of the encounters merge into the summary of all of them, exactly. */
  @Test
  void summariesOfPartsMergeIntoTheSummaryOfTheWhole() {
    SepsisCohort sc = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(300).withSeed(3).withStart(java.time.Instant.ofEpochSecond(T0))
        .withPeriodDays(28).withScoreIntervalMinutes(60));
    Cohort all = cohort(sc, 0, 300);
    Cohort lo = cohort(sc, 0, 150);
    Cohort hi = cohort(sc, 150, 300);
    long[] bounds = {T0, T0 + 7 * 86_400L, T0 + 14 * 86_400L, T0 + 21 * 86_400L, T0 + 35 * 86_400L};
    Summarizer.Settings set = new Summarizer.Settings(new AlertPolicy("p", 0.4, 2, null, List.of(), 720, null, null), SEPSIS, List.of("sex", "age_band"),
        0, 3600, T0 + 30 * 86_400L);
    List<PeriodSummary> whole = Summarizer.summarize(all.scores, all.events, liveLog(all, set.policy()), bounds, set);
    List<PeriodSummary> a = Summarizer.summarize(lo.scores, lo.events, liveLog(lo, set.policy()), bounds, set);
    List<PeriodSummary> b = Summarizer.summarize(hi.scores, hi.events, liveLog(hi, set.policy()), bounds, set);
    for (int p = 0; p < whole.size(); p++) assertEquals(whole.get(p), a.get(p).merge(b.get(p)), "period " + p);
    assertTrue(whole.get(1).volume().alerts() > 0 && whole.get(1).performance().outcomes() > 0, "the test has something to merge");
  }

  /**
   * Splitting the encounters into ranges summarised on their own threads changes nothing: seven ranges give the
   * summaries of one pass, live alert log included (with alerts of an unknown encounter, alerts the replay does not
   * make and replayed alerts the log lacks, so every matching counter is exercised across the ranges' edges).
   */
  @Test
  void encountersSplitAcrossThreadsGiveTheSummariesOfOnePass() {
    Cohort c = cohort(400, 11);
    AlertPolicy approved = new AlertPolicy("approved", 0.3, 2, null, List.of(), 720, null, null);
    Summarizer.LiveAlerts log = liveLog(c, new AlertPolicy("deployed", 0.25, 1, null, List.of(), 720, null, null));
    int n = log.size();
    int[] enc = java.util.Arrays.copyOf(log.encounter(), n + 3);
    long[] t = java.util.Arrays.copyOf(log.time(), n + 3);
    byte[] acted = java.util.Arrays.copyOf(log.acted(), n + 3);
    for (int i = 0; i < 3; i++) {
      enc[n + i] = -1;
      t[n + i] = T0 + (i + 1) * 86_400L;
      acted[n + i] = -1;
    }
    Summarizer.LiveAlerts live = new Summarizer.LiveAlerts(enc, t, acted);
    long[] bounds = {T0, T0 + 7 * 86_400L, T0 + 14 * 86_400L, T0 + 21 * 86_400L, T0 + 35 * 86_400L};
    Summarizer.Settings set = new Summarizer.Settings(approved, SEPSIS, List.of("sex", "age_band"), 86_400, 3600, T0 + 30 * 86_400L);
    List<PeriodSummary> one = Summarizer.summarize(c.scores, c.events, live, bounds, set, 1);
    List<PeriodSummary> seven = Summarizer.summarize(c.scores, c.events, live, bounds, set, 7);
    assertEquals(one, seven);
    PeriodSummary all = PeriodSummary.mergeAll(one);
    assertTrue(all.match().liveOnly() > 3 && all.match().replayOnly() > 0 && all.match().matched() > 0, "the test exercises every matching counter: " + all.match());
    assertTrue(all.performance().pending() > 0 && all.performance().detected() > 0, "and pending and detected encounters");
  }

  record Cohort(ScoreTable scores, EventTable events) {}

  static Cohort cohort(int encounters, long seed) {
    SepsisCohort sc = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(encounters).withSeed(seed)
        .withStart(java.time.Instant.ofEpochSecond(T0)).withPeriodDays(28).withScoreIntervalMinutes(60));
    return cohort(sc, 0, encounters);
  }

  static Cohort cohort(SepsisCohort sc, int from, int to) {
    ScoreTable.Builder sb = new ScoreTable.Builder(true, true, true, true, SepsisCohort.ATTRIBUTES);
    String[] values = new String[SepsisCohort.ATTRIBUTES.size()];
    sc.generate(from, to, e -> e.attributes().toArray(values), (e, t, v) -> sb.add(e.encounterId(), e.patientId(), t, v, e.label(), values), null);
    ScoreTable s = sb.build(null);
    EventTable.Builder eb = new EventTable.Builder(s).declareTypes(List.of("sepsis_onset", "lactate", "procedure"));
    sc.generate(from, to, null, null, (e, t, type, v, end) -> eb.add(e.encounterId(), t, type, v, end));
    return new Cohort(s, eb.build(null));
  }

  /** What a live system running {@code p} would log: its replay, every alert, acted on or not by turns. */
  static Summarizer.LiveAlerts liveLog(Cohort c, AlertPolicy p) {
    List<long[]> a = new ArrayList<>();
    Simulator.run(c.scores, c.events, SEPSIS, List.of(p), List.of(), 0, (e, fired, delivered, kind) -> a.add(new long[] {e, fired}));
    int[] enc = new int[a.size()];
    long[] t = new long[a.size()];
    byte[] acted = new byte[a.size()];
    for (int i = 0; i < enc.length; i++) {
      enc[i] = (int) a.get(i)[0];
      t[i] = a.get(i)[1];
      acted[i] = (byte) (i % 2);
    }
    return new Summarizer.LiveAlerts(enc, t, acted);
  }

  static Workflow nurse() {
    return Workflow.of("nurse", 1.8, 55, 120.0);
  }
}
