package org.tollgate.friction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.Interval;

/** Every figure of the friction audit against numbers worked out by hand in the comments. */
class FrictionAuditTest {
  static final long PRE_DAY = Instant.parse("2025-01-06T08:00:00Z").toEpochMilli();
  static final long POST_DAY = Instant.parse("2025-02-03T08:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;

  static FrictionSettings settings() {
    return FrictionSettings.defaults().withBootstrap(400, 7);
  }

  /**
   * The essay's radiology pilot: "slowed the radiologist's scroll speed by 0.4 seconds per image.
   * Over 200 scans, that's 80 extra seconds per session." Two radiologists, two days in each period,
   * five sessions a day each; a session opens a study (20 s), scrolls 200 images (1.0 s each before,
   * 1.4 s after) and signs (30 s).
   */
  static InteractionLog radiology() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    int session = 0;
    for (Period p : Period.values()) {
      long base = p == Period.PRE ? PRE_DAY : POST_DAY;
      long scroll = p == Period.PRE ? 1000 : 1400;
      for (int day = 0; day < 2; day++) {
        for (String user : List.of("dr-a", "dr-b")) {
          for (int k = 0; k < 5; k++) {
            String id = "S" + session++;
            long t = base + day * DAY + k * 3_600_000L + (user.equals("dr-b") ? 600_000 : 0);
            b.add(id, user, "radiologist", "open_study", t, t + 20_000, p);
            t += 20_000;
            for (int i = 0; i < 200; i++) {
              b.add(id, user, "radiologist", "scroll_image", t, t + scroll, p);
              t += scroll;
            }
            b.add(id, user, "radiologist", "sign", t, t + 30_000, p);
          }
        }
      }
    }
    return b.build(null);
  }

  @Test
  void essayRadiologyPilotCompoundsToEightySecondsPerSession() {
    FrictionReport r = FrictionAudit.run(radiology(), settings());
    FrictionReport.StepFriction scroll = r.steps().get(1);
    assertEquals("scroll_image", scroll.step());
    assertEquals(0.4, scroll.deltaSeconds().estimate(), 1e-12);
    assertEquals(200.0, scroll.post().perSession(), 0);
    assertEquals(80.0, scroll.extraSecondsPerSession().estimate(), 1e-9);
    assertEquals(80.0, r.compounding().extraSecondsPerSession().estimate(), 1e-9);
    // Every session is alike, so every replicate gives 80 s.
    assertEquals(80.0, r.compounding().extraSecondsPerSession().lower(), 1e-9);
    assertEquals(80.0, r.compounding().extraSecondsPerSession().upper(), 1e-9);
    assertEquals(0.0, r.steps().get(0).deltaSeconds().estimate(), 0);
    assertEquals(80.0, r.timeOnTask().deltaSeconds().estimate(), 1e-9);
    assertEquals(0.0, r.timeOnTask().fromStepCounts().estimate(), 1e-9);
    assertEquals(LoadVerdict.INCREASED, r.timeOnTask().verdict());
    assertNull(r.timeOnTask().power(), "power is only for inconclusive verdicts");
  }

  /**
   * Sessions per user per day from the data: 20 post sessions / 2 users / 2 calendar days = 5.
   * By hand: 80 s × 5 / 60 = 6.667 min per user per day; × 365 = 2,433.3 min a year;
   * FTE = 6.667 × 365 / 60 / 2,080 = 0.019498; both users: 13.333 min a day, 0.038996 FTE.
   */
  @Test
  void compoundingPerUserPerDayAndFteByHand() {
    FrictionReport r = FrictionAudit.run(radiology(), settings());
    assertEquals(20, r.post().sessions());
    assertEquals(2, r.post().users());
    assertEquals(2, r.post().days());
    FrictionReport.Compounding c = r.compounding();
    assertTrue(c.sessionsPerDayFromData());
    assertEquals(5.0, c.sessionsPerUserPerDay(), 0);
    assertEquals(80.0 * 5 / 60, c.minutesPerUserPerDay().estimate(), 1e-9);
    assertEquals(80.0 * 5 / 60 * 365, c.minutesPerUserPerYear().estimate(), 1e-9);
    assertEquals(0.019497863247863248, c.ftePerUser().estimate(), 1e-12);
    assertEquals(2, c.users());
    assertEquals(2 * 80.0 * 5 / 60, c.minutesPerDayAllUsers().estimate(), 1e-9);
    assertEquals(2 * 0.019497863247863248, c.fteAllUsers().estimate(), 1e-12);
  }

  /** With 30 sessions per user per day as a setting: 80 × 30 / 60 = 40 min a day; 40 × 365 / 60 / 2,080 = 0.11699 FTE. */
  @Test
  void sessionsPerDaySettingOverridesTheData() {
    FrictionReport r = FrictionAudit.run(radiology(), settings().withSessionsPerUserPerDay(30.0));
    assertFalse(r.compounding().sessionsPerDayFromData());
    assertEquals(40.0, r.compounding().minutesPerUserPerDay().estimate(), 1e-9);
    assertEquals(14_600.0, r.compounding().minutesPerUserPerYear().estimate(), 1e-9);
    assertEquals(0.11698717948717949, r.compounding().ftePerUser().estimate(), 1e-12);
    FrictionReport h = FrictionAudit.run(radiology(), settings().withSessionsPerUserPerDay(30.0).withHoursPerFte(1800));
    assertEquals(40.0 * 365 / 60 / 1800, h.compounding().ftePerUser().estimate(), 1e-12);
  }

  /**
   * Four sessions, worked by hand (durations in seconds):
   * <pre>
   * pre  S1 (a): A 2, A 4, B 10        total 16
   * pre  S2 (b): A 3, B 14             total 17
   * post S3 (a): A 5, B 9              total 14
   * post S4 (b): A 4, A 6, A 5, B 12   total 27
   * </pre>
   * A: pre 3 occurrences, mean 9/3 = 3, median 3, 1.5 per session; post 4, mean 20/4 = 5, median (5+5)/2 = 5,
   * 2 per session; δ = 2; extra per session 2 × 2 = 4.
   * B: pre mean 24/2 = 12, median 12; post mean 21/2 = 10.5, median 10.5; δ = −1.5; extra −1.5 × 1 = −1.5.
   * E = 2.5. Time on task 16.5 → 20.5: ΔT = 4 = E + W with W = 3 × (2 − 1.5) + 12 × (1 − 1) = 1.5.
   * SDs: pre √0.5, post √84.5; pooled σ² = (0.5 + 84.5)/2 = 42.5;
   * n = ⌈2 (1.959964 + 0.841621)² × 42.5 / 4²⌉ = ⌈41.697⌉ = 42 sessions per period: 40 more in each.
   */
  static InteractionLog handWorked() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    long t = PRE_DAY;
    Object[][] rows = {
      {"S1", "a", "A", 2}, {"S1", "a", "A", 4}, {"S1", "a", "B", 10},
      {"S2", "b", "A", 3}, {"S2", "b", "B", 14},
      {"S3", "a", "A", 5}, {"S3", "a", "B", 9},
      {"S4", "b", "A", 4}, {"S4", "b", "A", 6}, {"S4", "b", "A", 5}, {"S4", "b", "B", 12},
    };
    for (Object[] r : rows) {
      Period p = r[0].equals("S1") || r[0].equals("S2") ? Period.PRE : Period.POST;
      long base = p == Period.PRE ? PRE_DAY : POST_DAY;
      long d = ((Integer) r[3]) * 1000L;
      b.add((String) r[0], (String) r[1], "nurse", (String) r[2], base + t % DAY, base + t % DAY + d, p);
      t += 60_000;
    }
    return b.build(null);
  }

  @Test
  void handWorkedMeansMediansDeltasAndDecomposition() {
    FrictionReport r = FrictionAudit.run(handWorked(), settings());
    FrictionReport.StepFriction a = r.steps().get(0);
    FrictionReport.StepFriction b = r.steps().get(1);
    assertEquals(3, a.pre().occurrences());
    assertEquals(2, a.pre().sessionsWithStep());
    assertEquals(3.0, a.pre().meanSeconds(), 1e-12);
    assertEquals(3.0, a.pre().medianSeconds(), 0);
    assertEquals(1.5, a.pre().perSession(), 0);
    assertEquals(5.0, a.post().meanSeconds(), 1e-12);
    assertEquals(5.0, a.post().medianSeconds(), 0);
    assertEquals(2.0, a.post().perSession(), 0);
    assertEquals(2.0, a.deltaSeconds().estimate(), 1e-12);
    assertEquals(4.0, a.extraSecondsPerSession().estimate(), 1e-12);
    assertEquals(12.0, b.pre().medianSeconds(), 0);
    assertEquals(10.5, b.post().medianSeconds(), 0);
    assertEquals(-1.5, b.deltaSeconds().estimate(), 1e-12);
    assertEquals(-1.5, b.extraSecondsPerSession().estimate(), 1e-12);
    // Compounded is the net change in time on task (4.0 below), not the slower steps' part alone (2.5): one per-session figure.
    assertEquals(4.0, r.compounding().extraSecondsPerSession().estimate(), 1e-12);
    FrictionReport.TimeOnTask t = r.timeOnTask();
    assertEquals(16.5, t.preMeanSeconds(), 1e-12);
    assertEquals(20.5, t.postMeanSeconds(), 1e-12);
    assertEquals(Math.sqrt(0.5), t.preSdSeconds(), 1e-12);
    assertEquals(Math.sqrt(84.5), t.postSdSeconds(), 1e-12);
    assertEquals(4.0, t.deltaSeconds().estimate(), 1e-12);
    assertEquals(2.5, t.fromStepTimes().estimate(), 1e-12);
    assertEquals(1.5, t.fromStepCounts().estimate(), 1e-12);
    // Two sessions a period: resampled means range over 14…27 vs 16…17, so the interval spans 0.
    assertEquals(LoadVerdict.INCONCLUSIVE, t.verdict());
    assertTrue(t.deltaSeconds().lower() < 0 && t.deltaSeconds().upper() > 0, t.deltaSeconds().toString());
    assertEquals(Math.sqrt(42.5), t.power().pooledSdSeconds(), 1e-12);
    assertEquals(42L, t.power().sessionsPerPeriod());
    assertEquals(40L, t.power().morePreSessions());
    assertEquals(40L, t.power().morePostSessions());
  }

  /**
   * The bootstrap interval limits lie within the range of what resampling can give: the extra time
   * per session E of a replicate is bounded by the per-step extremes. For ΔT: post mean in [14, 27],
   * pre mean in [16, 17], so ΔT in [−3, 11]; P(ΔT = 11) = P(both post draws S4, both pre S1) = 1/16.
   */
  @Test
  void bootstrapLimitsStayWithinWhatResamplingCanGive() {
    Interval d = FrictionAudit.run(handWorked(), settings()).timeOnTask().deltaSeconds();
    assertTrue(d.lower() >= -3 && d.upper() <= 11, d.toString());
    assertEquals(11.0, d.upper(), 1e-9, "97.5% quantile lies in the top 1/16 of replicates");
  }

  @Test
  void bootstrapIsReproducibleForASeedAndChangesWithIt() {
    InteractionLog log = randomLog(new Random(3), 40, 5);
    FrictionReport a = FrictionAudit.run(log, settings());
    FrictionReport b = FrictionAudit.run(log, settings());
    FrictionReport c = FrictionAudit.run(log, settings().withBootstrap(400, 8));
    assertEquals(a.timeOnTask().deltaSeconds(), b.timeOnTask().deltaSeconds());
    assertEquals(a.steps(), b.steps());
    assertEquals(a.compounding(), b.compounding());
    assertNotEquals(a.timeOnTask().deltaSeconds().lower(), c.timeOnTask().deltaSeconds().lower());
    assertEquals(a.timeOnTask().deltaSeconds().estimate(), c.timeOnTask().deltaSeconds().estimate(), 0);
  }

  /**
   * The sufficient-statistics bootstrap against a deliberately naive one that resamples sessions
   * and recomputes everything from their rows, drawing with the same generator in the same order:
   * the intervals must agree to rounding.
   */
  @Test
  void bootstrapOverSufficientStatisticsEqualsNaiveRowLevelBootstrap() {
    InteractionLog log = randomLog(new Random(11), 30, 4);
    FrictionSettings s = settings();
    FrictionReport r = FrictionAudit.run(log, s);
    NaiveFriction naive = new NaiveFriction(log, s.bootstrap(), s.seed());
    assertInterval(naive.timeOnTask(), r.timeOnTask().deltaSeconds());
    assertInterval(naive.extra(), r.timeOnTask().fromStepTimes());
    assertInterval(naive.timeOnTask(), r.compounding().extraSecondsPerSession());
    for (int k = 0; k < log.stepCount(); k++) {
      assertInterval(naive.delta(k), r.steps().get(k).deltaSeconds());
    }
  }

  static void assertInterval(double[] expected, Interval actual) {
    assertEquals(expected[0], actual.estimate(), 1e-9, "estimate");
    assertEquals(expected[1], actual.lower(), 1e-9, "lower");
    assertEquals(expected[2], actual.upper(), 1e-9, "upper");
  }

  /** Sessions of a few steps with random durations; post sessions are slower by a random amount. */
  static InteractionLog randomLog(Random rnd, int sessionsPerPeriod, int steps) {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    int id = 0;
    for (Period p : Period.values()) {
      long base = p == Period.PRE ? PRE_DAY : POST_DAY;
      for (int s = 0; s < sessionsPerPeriod; s++) {
        String sid = "S" + id++;
        String user = "u" + (s % 4);
        String role = s % 3 == 0 ? "resident" : "attending";
        long t = base + s * 3_600_000L;
        int rowsInSession = 1 + rnd.nextInt(12);
        for (int i = 0; i < rowsInSession; i++) {
          int st = i == 0 ? 0 : rnd.nextInt(steps);
          long d = 200 + rnd.nextInt(5000) + (p == Period.POST ? rnd.nextInt(800) : 0);
          b.add(sid, user, role, "step" + st, t, t + d, p);
          t += d + rnd.nextInt(2000);
        }
      }
    }
    // Make sure every step has a pre row (the log must be auditable).
    for (int st = 0; st < steps; st++) {
      b.add("S0", "u0", "attending", "step" + st, PRE_DAY, PRE_DAY + 1000, Period.PRE);
    }
    return b.build(null);
  }

  @Test
  void aClearlySlowerToolIsIncreasedAndAClearlyFasterOneReduced() {
    Random rnd = new Random(5);
    for (int sign : new int[] {1, -1}) {
      InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
      for (int s = 0; s < 200; s++) {
        Period p = s < 100 ? Period.PRE : Period.POST;
        long t = (p == Period.PRE ? PRE_DAY : POST_DAY) + (s % 100) * 600_000L;
        long d = 60_000 + rnd.nextInt(10_000) + (p == Period.POST ? sign * 20_000 : 0);
        b.add("S" + s, "u" + (s % 7), "nurse", "document", t, t + d, p);
      }
      FrictionReport r = FrictionAudit.run(b.build(null), settings());
      assertEquals(sign > 0 ? LoadVerdict.INCREASED : LoadVerdict.REDUCED, r.timeOnTask().verdict());
      assertEquals(sign * 20.0, r.timeOnTask().deltaSeconds().estimate(), 2.0);
    }
  }

  /**
   * Load moved, not removed: physicians save 30 s a session, medical assistants lose 30 s; the
   * overall mean barely moves (inconclusive), but the assistants' increase is reported.
   */
  @Test
  void loadShiftedToAnotherRoleIsReportedAsRedistribution() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    Random rnd = new Random(9);
    int id = 0;
    for (Period p : Period.values()) {
      for (int s = 0; s < 120; s++) {
        boolean md = s % 2 == 0;
        long shift = (p == Period.POST ? 30_000 : 0) * (md ? -1 : 1);
        long t = (p == Period.PRE ? PRE_DAY : POST_DAY) + s * 600_000L;
        long d = 120_000 + rnd.nextInt(4000) + shift;
        b.add("S" + id++, (md ? "md" : "ma") + (s % 5), md ? "physician" : "medical_assistant", "order_review", t, t + d, p);
      }
    }
    FrictionReport r = FrictionAudit.run(b.build(null), settings());
    assertEquals(LoadVerdict.INCONCLUSIVE, r.timeOnTask().verdict());
    FrictionReport.RoleLoad md = r.roles().get(0);
    FrictionReport.RoleLoad ma = r.roles().get(1);
    assertEquals("physician", md.role());
    assertEquals(LoadVerdict.REDUCED, md.verdict());
    assertEquals(LoadVerdict.INCREASED, ma.verdict());
    assertEquals(60, ma.preSessions());
    assertEquals(List.of("medical_assistant"), r.redistributedTo());
  }

  @Test
  void aStepWithoutPreRowsIsRefusedByName() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    b.add("S1", "u", "r", "open", PRE_DAY, PRE_DAY + 1000, Period.PRE);
    b.add("S2", "u", "r", "open", POST_DAY, POST_DAY + 1000, Period.POST);
    b.add("S2", "u", "r", "ai_review", POST_DAY + 1000, POST_DAY + 5000, Period.POST);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrictionAudit.run(b.build(null), settings()));
    assertEquals("step 'ai_review' has no pre-period rows: its change cannot be measured", e.getMessage());
  }

  /** A step the tool removed: delta undefined, adds nothing to E, and its absence shows in W. */
  @Test
  void aStepRemovedAfterGoLiveAddsNothingToCompoundingButLowersTimeOnTask() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    b.add("S1", "u", "r", "open", PRE_DAY, PRE_DAY + 1000, Period.PRE);
    b.add("S1", "u", "r", "manual_check", PRE_DAY + 1000, PRE_DAY + 9000, Period.PRE);
    b.add("S2", "u", "r", "open", POST_DAY, POST_DAY + 1000, Period.POST);
    FrictionReport r = FrictionAudit.run(b.build(null), settings());
    FrictionReport.StepFriction removed = r.steps().get(1);
    assertFalse(removed.deltaSeconds().defined());
    assertEquals(0.0, removed.extraSecondsPerSession().estimate(), 0);
    assertEquals(0.0, r.timeOnTask().fromStepTimes().estimate(), 0);
    // The removed step saves 8 s a session: the compounding counts it (before, it compounded only slower steps: 0).
    assertEquals(-8.0, r.compounding().extraSecondsPerSession().estimate(), 1e-12);
    assertEquals(-8.0, r.timeOnTask().deltaSeconds().estimate(), 1e-12);
    assertEquals(-8.0, r.timeOnTask().fromStepCounts().estimate(), 1e-12);
  }

  @Test
  void aLogWithoutOnePeriodIsRefused() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    b.add("S1", "u", "r", "open", PRE_DAY, PRE_DAY + 1000, Period.PRE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrictionAudit.run(b.build(null), settings()));
    assertEquals("the log has no post-period rows; nothing to compare", e.getMessage());
  }

  @Test
  void powerFormulaByHand() {
    // σ = 10 s in both periods, δ = 2 s: 2 × 2.801585² × 100 / 4 = 392.44 → 393 per period.
    FrictionReport.Power p = FrictionAudit.power(10, 100, 10, 250, 2);
    assertEquals(10.0, p.pooledSdSeconds(), 1e-12);
    assertEquals(393L, p.sessionsPerPeriod());
    assertEquals(293L, p.morePreSessions());
    assertEquals(143L, p.morePostSessions());
    FrictionReport.Power zero = FrictionAudit.power(10, 100, 10, 250, 0);
    assertNull(zero.sessionsPerPeriod(), "no sample size detects a zero difference");
    assertEquals(0L, FrictionAudit.power(1, 1000, 1, 1000, 5).morePreSessions());
  }

  @Test
  void settingsAreValidatedWithTheBadValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings().withBootstrap(10, 1));
    assertEquals("bootstrap must be at least 100 replicates, got 10", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> settings().withSessionGapMillis(0));
    assertThrows(IllegalArgumentException.class, () -> settings().withHoursPerFte(-1));
    assertThrows(IllegalArgumentException.class, () -> settings().withSessionsPerUserPerDay(0.0));
  }
}
