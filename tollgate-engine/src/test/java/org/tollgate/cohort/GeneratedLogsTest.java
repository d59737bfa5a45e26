package org.tollgate.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.behavior.BehaviorReport;
import org.tollgate.behavior.BehaviorSettings;
import org.tollgate.behavior.BehavioralMap;
import org.tollgate.behavior.EventLog;
import org.tollgate.evaluation.Interval;
import org.tollgate.friction.FrictionAudit;
import org.tollgate.friction.FrictionReport;
import org.tollgate.friction.FrictionSettings;
import org.tollgate.friction.InteractionLog;
import org.tollgate.friction.LoadVerdict;
import org.tollgate.friction.Period;

/** The radiology and diabetes-clinic generators: deterministic, splittable, and the audits find what was put in. */
class GeneratedLogsTest {

  static InteractionLog toLog(RadiologyReadingLog gen, boolean withSessions) {
    InteractionLog.Builder b = new InteractionLog.Builder(withSessions, List.of("site", "shift"));
    gen.generate((s, step, start, end) -> b.add(withSessions ? s.sessionId() : null, s.userId(), s.role(), step, start, end,
        Period.parse(s.period()), s.site(), s.shift()));
    return b.build(null);
  }

  static EventLog toLog(DiabetesAuditLog gen) {
    EventLog.Builder b = new EventLog.Builder();
    gen.generate(b::visit, b::event);
    return b.build(null, null);
  }

  @Test
  void radiologyAuditRecoversTheScrollPenaltyAndTheEightySeconds() {
    RadiologyReadingLog gen = new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(400));
    FrictionReport r = FrictionAudit.run(toLog(gen, true), FrictionSettings.defaults().withBootstrap(300, 1));
    FrictionReport.StepFriction scroll = r.steps().get(1);
    assertEquals("scroll_image", scroll.step());
    assertContains(scroll.deltaSeconds(), 0.4);
    assertEquals(0.4, scroll.deltaSeconds().estimate(), 0.02);
    assertEquals(200, scroll.post().perSession(), 5);
    // Every scroll is slower by exactly 0.4 s, so the step's extra time is 0.4 × images per post session.
    assertEquals(0.4 * scroll.post().perSession(), scroll.extraSecondsPerSession().estimate(), 4);
    assertEquals(80, r.timeOnTask().fromStepTimes().estimate(), 8);
    assertEquals(LoadVerdict.INCREASED, r.timeOnTask().verdict());
    assertEquals(24.0, r.post().sessionsPerUserPerDay(), 24.0 * 0.35, "24 a day, the last day partly filled");
  }

  @Test
  void radiologySessionsCanBeRebuiltFromIdleGaps() {
    RadiologyReadingLog gen = new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(300));
    FrictionSettings s = FrictionSettings.defaults().withBootstrap(100, 1);
    FrictionReport given = FrictionAudit.run(toLog(gen, true), s);
    FrictionReport rebuilt = FrictionAudit.run(toLog(gen, false), s);
    assertTrue(rebuilt.sessionsRebuilt());
    assertEquals(given.pre().sessions(), rebuilt.pre().sessions());
    assertEquals(given.post().sessions(), rebuilt.post().sessions());
    assertEquals(given.timeOnTask().deltaSeconds().estimate(), rebuilt.timeOnTask().deltaSeconds().estimate(), 1e-9);
  }

  @Test
  void radiologyIsDeterministicAndSplittable() {
    RadiologyReadingLog gen = new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(50));
    List<String> all = new ArrayList<>();
    gen.generate((s, step, a, b) -> all.add(s.sessionId() + s.userId() + step + a + "-" + b));
    List<String> again = new ArrayList<>();
    new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(50))
        .generate((s, step, a, b) -> again.add(s.sessionId() + s.userId() + step + a + "-" + b));
    assertEquals(all, again);
    List<String> parts = new ArrayList<>();
    gen.generate(0, 20, (s, step, a, b) -> parts.add(s.sessionId() + s.userId() + step + a + "-" + b));
    gen.generate(20, 50, (s, step, a, b) -> parts.add(s.sessionId() + s.userId() + step + a + "-" + b));
    assertEquals(all, parts);
    assertEquals(50 * 205, all.size(), 50 * 8);
    List<String> other = new ArrayList<>();
    new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(50).withSeed(2))
        .generate((s, step, a, b) -> other.add(s.sessionId() + s.userId() + step + a + "-" + b));
    assertTrue(!all.equals(other));
    assertThrows(IllegalArgumentException.class, () -> RadiologyReadingLog.Settings.defaults().withSessions(1));
  }

  @Test
  void diabetesAuditFindsSixtyEightPercentAfterTheVisitMostlyByNonClinicalStaff() {
    DiabetesAuditLog gen = new DiabetesAuditLog(DiabetesAuditLog.Settings.defaults().withVisits(3000));
    BehaviorReport r = BehavioralMap.run(toLog(gen),
        BehaviorSettings.defaults().withTask(DiabetesAuditLog.RISK_ASSESSMENT).withClinicalRoles(DiabetesAuditLog.CLINICAL_ROLES));
    BehaviorReport.TaskMap t = r.tasks().get(0);
    assertEquals(3000 * 0.92, t.events().count(), 3000 * 0.92 * 0.05);
    assertContains(t.timing().after().share(), 0.68);
    assertContains(t.timing().during().share(), 0.22);
    assertContains(t.timing().before().share(), 0.10);
    assertContains(t.afterVisitNonClinical().share(), 0.75);
    assertEquals(0, r.unmatchedEvents());
  }

  @Test
  void diabetesIsDeterministicWhicheverSinksAreAsked() {
    DiabetesAuditLog gen = new DiabetesAuditLog(DiabetesAuditLog.Settings.defaults().withVisits(100));
    List<String> visits = new ArrayList<>();
    List<String> events = new ArrayList<>();
    gen.generate((e, a, b) -> visits.add(e + a + b), (u, role, c, task, t, e) -> events.add(u + role + c + task + t + e));
    List<String> visitsOnly = new ArrayList<>();
    gen.generate((e, a, b) -> visitsOnly.add(e + a + b), null);
    List<String> eventsOnly = new ArrayList<>();
    gen.generate(null, (u, role, c, task, t, e) -> eventsOnly.add(u + role + c + task + t + e));
    assertEquals(visits, visitsOnly);
    assertEquals(events, eventsOnly);
    List<String> tail = new ArrayList<>();
    gen.generate(40, 100, null, (u, role, c, task, t, e) -> tail.add(u + role + c + task + t + e));
    assertEquals(events.subList(events.size() - tail.size(), events.size()), tail);
  }

  static void assertContains(Interval i, double v) {
    assertTrue(i.lower() <= v && v <= i.upper(), v + " in " + i);
  }
}
