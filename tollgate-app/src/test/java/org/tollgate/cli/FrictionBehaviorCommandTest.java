package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The friction, behavior and log-generating commands through the CLI: documented JSON keys, exit codes, privacy. */
class FrictionBehaviorCommandTest {
  @TempDir static Path dir;
  static Path radiology;
  static Path flat;
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The essay's radiology pilot as a CSV: 2 radiologists (ids that must never be printed), 2 days per
   * period, 5 sessions a day each; 200 scrolls a session at 1.000 s before and 1.400 s after go-live,
   * plus an open (20 s) and a sign (30 s). Extra time per session: 0.4 × 200 = 80 s.
   */
  @BeforeAll
  static void data() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("session_id,user_id,role,step,start_time,end_time,period,site");
    List<String> same = new ArrayList<>();
    same.add("user_id,role,step,start_time,end_time,period");
    int session = 0;
    for (String period : List.of("pre", "post")) {
      String date = period.equals("pre") ? "2025-01-0" : "2025-02-0";
      long scroll = period.equals("pre") ? 1000 : 1400;
      for (int day = 6; day <= 7; day++) {
        for (String user : List.of("SECRET-USER-A", "SECRET-USER-B")) {
          for (int k = 0; k < 5; k++) {
            String id = "SECRET-SESSION-" + session++;
            long t = ((8 + 2 * k) * 3600L + (user.endsWith("B") ? 3600 : 0)) * 1000;
            String d = date + day + "T";
            lines.add(row(id, user, "open_study", d, t, t + 20_000, period));
            t += 20_000;
            for (int i = 0; i < 200; i++) {
              lines.add(row(id, user, "scroll_image", d, t, t + scroll, period));
              t += scroll;
            }
            lines.add(row(id, user, "sign", d, t, t + 30_000, period));
          }
        }
      }
    }
    radiology = dir.resolve("radiology.csv");
    Files.write(radiology, lines, StandardCharsets.UTF_8);
    // The same sessions, all equally long before and after: no change at all.
    for (int s = 0; s < 40; s++) {
      String period = s < 20 ? "pre" : "post";
      String d = (s < 20 ? "2025-01-06T" : "2025-02-03T");
      long t = (8 * 3600L + (s % 20) * 900) * 1000;
      same.add(String.format(Locale.ROOT, "u%d,nurse,document,%s,%s,%s", s % 3, d + hms(t), d + hms(t + 60_000 + (s % 7) * 1000), period));
    }
    flat = dir.resolve("flat.csv");
    Files.write(flat, same, StandardCharsets.UTF_8);
  }

  private static String row(String session, String user, String step, String date, long startMs, long endMs, String period) {
    return String.join(",", session, user, "radiologist", step, date + hms(startMs), date + hms(endMs), period, "north");
  }

  private static String hms(long ms) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03dZ", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }

  static InspectCommandTest.Run run(String... args) {
    return InspectCommandTest.run(args);
  }

  @Test
  void frictionJsonHasTheDocumentedShapeAndTheEssaysEightySeconds() throws Exception {
    InspectCommandTest.Run r = run("friction", radiology.toString(), "--format", "json", "--bootstrap", "200");
    assertEquals(3, r.exit(), "time on task increased: the gate rejects\n" + r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("tollgate.friction/v2", doc.get("schema").asText());
    for (String k : List.of("schema", "input", "settings", "sessions", "periods", "steps", "compounding", "time_on_task", "roles", "gate")) {
      assertTrue(doc.has(k), "top-level key " + k);
    }
    assertEquals(64, doc.get("input").get("sha256").asText().length());
    assertEquals("from_column", doc.get("sessions").asText());
    assertEquals(20, doc.get("periods").get("post").get("sessions").asInt());
    JsonNode scroll = doc.get("steps").get(1);
    assertEquals("scroll_image", scroll.get("step").asText());
    for (String k : List.of("occurrences", "sessions_with_step", "mean_seconds", "median_seconds", "per_session")) {
      assertTrue(scroll.get("pre").has(k), k);
    }
    assertEquals(0.4, scroll.get("delta_seconds").get("estimate").asDouble(), 1e-9);
    assertEquals("bootstrap", scroll.get("delta_seconds").get("method").asText());
    assertEquals(80.0, scroll.get("extra_seconds_per_session").get("estimate").asDouble(), 1e-9);
    JsonNode c = doc.get("compounding");
    assertEquals(80.0, c.get("extra_seconds_per_session").get("estimate").asDouble(), 1e-9);
    assertEquals("data", c.get("sessions_per_user_per_day_source").asText());
    // 20 post sessions / 2 users / 2 days = 5 a day: 80 × 5 / 60 = 6.667 min; × 365 / 60 / 2,080 = 0.019498 FTE.
    assertEquals(5.0, c.get("sessions_per_user_per_day").asDouble(), 0);
    assertEquals(80.0 * 5 / 60, c.get("minutes_per_user_per_day").get("estimate").asDouble(), 1e-9);
    assertEquals(0.019497863247863248, c.get("fte_per_user").get("estimate").asDouble(), 1e-12);
    JsonNode gate = doc.get("gate");
    assertEquals(4, gate.get("item").asInt());
    assertEquals("increased", gate.get("verdict").asText());
    assertTrue(gate.get("rejects").asBoolean());
    assertTrue(gate.get("power").isNull());
    assertTrue(gate.get("finding").asText().startsWith("Time on task rose by 80.0 s per session"), gate.get("finding").asText());
    assertEquals(80.0, doc.get("time_on_task").get("delta_seconds").get("estimate").asDouble(), 1e-9);
    assertFalse(r.out().contains("SECRET"), "no user or session id in the output");
  }

  @Test
  void frictionTableShowsTheArithmeticAndUsesTheWorkflowAndSessionsPerDay() throws Exception {
    Path w = dir.resolve("workflow.yaml");
    Files.writeString(w, "minutes_per_alert: 1.8\nhourly_rate: 45\nhours_per_fte: 1800\n");
    InspectCommandTest.Run r = run("friction", radiology.toString(), "--workflow", w.toString(), "--sessions-per-day", "30", "--bootstrap", "100");
    assertEquals(3, r.exit(), r.err());
    // worked figures through Units.figure (trailing zeros dropped): 80 s × 30 / 60 = 40 min; 40 × 365 / 60 / 1,800 = 0.135
    assertTrue(r.out().contains("per user per day = 80 s × 30 sessions/day (as given) / 60 = 40 min"), r.out());
    assertTrue(r.out().contains("FTE per user = 40 min/day × 365 / 60 / 1,800 h per FTE-year = 0.135 FTE"), r.out());
    assertTrue(r.out().contains("Gate item 4, cognitive load reduced, not redistributed: INCREASED"), r.out());
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "hours_per_fet: 1800\n");
    InspectCommandTest.Run bad = run("friction", radiology.toString(), "--workflow", typo.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("unknown key 'hours_per_fet'"), bad.err());
  }

  @Test
  void frictionWithNoChangeIsInconclusiveExitsZeroAndSaysHowManySessionsWouldBeNeeded() throws Exception {
    Path out = dir.resolve("flat.json");
    InspectCommandTest.Run r = run("friction", flat.toString(), "-o", out.toString(), "--bootstrap", "200");
    assertEquals(0, r.exit(), r.err());
    JsonNode doc = JSON.readTree(out.toFile());
    assertEquals("rebuilt_from_idle_gaps", doc.get("sessions").asText());
    assertEquals(20, doc.get("periods").get("pre").get("sessions").asInt());
    JsonNode gate = doc.get("gate");
    assertEquals("inconclusive", gate.get("verdict").asText());
    assertFalse(gate.get("rejects").asBoolean());
    assertTrue(gate.get("power").has("sessions_per_period"));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void frictionBadInputExitsTwoNamingFileRowAndColumnAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "user_id,role,step,start_time,end_time,period\n"
        + "u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre\n"
        + "u,r,a,2025-02-03T08:00:02Z,2025-02-03T08:00:01Z,post\n");
    Path out = dir.resolve("never.json");
    InspectCommandTest.Run r = run("friction", bad.toString(), "-o", out.toString());
    assertEquals(2, r.exit());
    assertEquals("tollgate: " + bad + ": row 2, column 'end_time': end_time is before start_time (by 1 s)", r.err().strip());
    assertFalse(Files.exists(out), "nothing written");

    Path noPre = dir.resolve("nopre.csv");
    Files.writeString(noPre, "user_id,role,step,start_time,end_time,period\n"
        + "u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre\n"
        + "u,r,ai_check,2025-02-03T08:00:00Z,2025-02-03T08:00:01Z,post\n");
    InspectCommandTest.Run s = run("friction", noPre.toString());
    assertEquals(2, s.exit());
    assertTrue(s.err().startsWith("tollgate: " + noPre + ": row 2, column 'step': step 'ai_check' has no 'pre' rows"), s.err());

    Path period = dir.resolve("period.csv");
    Files.writeString(period, "user_id,role,step,start_time,end_time,period\nu,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,baseline\n");
    InspectCommandTest.Run p = run("friction", period.toString());
    assertEquals(2, p.exit());
    assertEquals("tollgate: " + period + ": row 1, column 'period': period must be 'pre' or 'post', got 'baseline'", p.err().strip());

    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    InspectCommandTest.Run e = run("friction", empty.toString());
    assertEquals(2, e.exit());
    assertEquals("tollgate: " + empty + ": empty file: no header and no data rows", e.err().strip());

    InspectCommandTest.Run few = run("friction", radiology.toString(), "--bootstrap", "10");
    assertEquals(2, few.exit());
    assertEquals("tollgate: --bootstrap must be at least 100 replicates, got 10", few.err().strip());
  }

  /**
   * The essay's diabetes pilot as CSV: 100 visits with one risk assessment each, 12 before (nurse),
   * 20 during (physician), 68 after: 18 by the nurse, 50 by care coordinators (no clinical credential).
   */
  private static Path diabetes(boolean inlineVisits) throws Exception {
    List<String> ev = new ArrayList<>();
    List<String> enc = new ArrayList<>();
    ev.add("user_id,role,clinical,task,time,encounter_id" + (inlineVisits ? ",visit_start,visit_end" : ""));
    enc.add("encounter_id,visit_start,visit_end");
    for (int k = 0; k < 100; k++) {
      String day = String.format(Locale.ROOT, "2025-03-%02d", 1 + k % 28);
      String id = String.format(Locale.ROOT, "ENC-SECRET-%03d", k);
      String visit = day + "T09:00:00Z," + day + "T09:30:00Z";
      enc.add(id + "," + visit);
      String who;
      String time;
      if (k < 12) {
        who = "rn-SECRET,nurse,yes";
        time = day + "T08:00:00Z";
      } else if (k < 32) {
        who = "md-SECRET,physician,yes";
        time = day + "T09:10:00Z";
      } else if (k < 50) {
        who = "rn-SECRET,nurse,yes";
        time = day + "T12:00:00Z";
      } else {
        who = "cc-SECRET,care_coordinator,no";
        time = day + "T17:00:00Z";
      }
      ev.add(who + ",risk_assessment," + time + "," + id + (inlineVisits ? "," + visit : ""));
    }
    Path events = dir.resolve(inlineVisits ? "events-inline.csv" : "events.csv");
    Files.write(events, ev, StandardCharsets.UTF_8);
    Files.write(dir.resolve("encounters.csv"), enc, StandardCharsets.UTF_8);
    return events;
  }

  @Test
  void behaviorJsonRecoversSixtyEightPercentWithTheDocumentedShape() throws Exception {
    Path events = diabetes(false);
    InspectCommandTest.Run r = run("behavior", events.toString(), "--encounters", dir.resolve("encounters.csv").toString(),
        "--task", "risk_assessment", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("tollgate.behavior/v1", doc.get("schema").asText());
    for (String k : List.of("schema", "inputs", "settings", "events_read", "unmatched_events", "encounters", "clinical_source", "tasks")) {
      assertTrue(doc.has(k), "top-level key " + k);
    }
    assertEquals("column", doc.get("clinical_source").asText());
    JsonNode t = doc.get("tasks").get(0);
    assertEquals(68, t.get("timing").get("after").get("count").asInt());
    assertEquals(0.68, t.get("timing").get("after").get("share").get("estimate").asDouble(), 1e-12);
    assertEquals("wilson", t.get("timing").get("after").get("share").get("method").asText());
    assertEquals(50, t.get("after_visit_non_clinical").get("count").asInt());
    // One percent formatter (Units, one decimal); Wilson 68/100 = 58.3% to 76.3%, 50/68 = 73.5% (62.0% to 82.6%).
    assertEquals("68.0% of risk_assessment events (95% CI 58.3% to 76.3%) were done after the visit; 73.5% of those (95% CI 62.0% to 82.6%)"
        + " by staff without clinical credentials.", t.get("finding").asText());
    for (String k : List.of("events", "timing", "after_visit_hours", "clinical", "non_clinical", "unknown_clinical", "after_visit_non_clinical", "roles")) {
      assertTrue(t.has(k), "task key " + k);
    }
    assertFalse(r.out().contains("SECRET"), "no user or encounter id in the output");
  }

  @Test
  void behaviorWithVisitColumnsAndARoleListWithholdsSmallCells() throws Exception {
    Path events = diabetes(true);
    InspectCommandTest.Run r = run("behavior", events.toString(), "--clinical-roles", "physician", "--min-cell", "13", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode t = JSON.readTree(r.out()).get("tasks").get(0);
    // Before: 12 < 13, withheld; during (20) is withheld too, or 100 − 68 would give it back.
    assertTrue(t.get("timing").get("before").get("suppressed").asBoolean());
    assertTrue(t.get("timing").get("before").get("count").isNull());
    assertTrue(t.get("timing").get("before").get("share").isNull());
    assertTrue(t.get("timing").get("during").get("suppressed").asBoolean());
    assertEquals(68, t.get("timing").get("after").get("count").asInt());
    assertEquals(68, t.get("after_visit_non_clinical").get("count").asInt(), "the nurse counts as non-clinical under the role list");
    InspectCommandTest.Run table = run("behavior", events.toString(), "--clinical-roles", "physician", "--min-cell", "13");
    assertTrue(table.out().contains("<13"), table.out());
  }

  @Test
  void behaviorBadInputExitsTwo() throws Exception {
    Path events = diabetes(false);
    InspectCommandTest.Run noVisits = run("behavior", events.toString());
    assertEquals(2, noVisits.exit());
    assertTrue(noVisits.err().contains("no visit times: give an encounters table"), noVisits.err());
    InspectCommandTest.Run task = run("behavior", events.toString(), "--encounters", dir.resolve("encounters.csv").toString(), "--task", "a1c");
    assertEquals(2, task.exit());
    assertEquals("tollgate: " + events + ": column 'task': task 'a1c' does not occur; tasks are [risk_assessment]", task.err().strip());
  }

  @Test
  void generatedLogsFeedTheAudits() throws Exception {
    Path rad = dir.resolve("gen-rad");
    InspectCommandTest.Run g = run("generate", "radiology", "--sessions", "120", "--out", rad.toString(), "--format", "csv");
    assertEquals(0, g.exit(), g.err());
    assertTrue(g.out().startsWith("Wrote radiology log: 120 sessions, seed 1, to "), g.out());
    assertTrue(Files.exists(rad.resolve("interactions.csv")) && Files.exists(rad.resolve("log.json")));
    InspectCommandTest.Run f = run("friction", rad.resolve("interactions.csv").toString(), "--format", "json", "--bootstrap", "100");
    assertEquals(3, f.exit(), f.err());
    assertEquals(0.4, JSON.readTree(f.out()).get("steps").get(1).get("delta_seconds").get("estimate").asDouble(), 0.03);

    Path dia = dir.resolve("gen-dia");
    InspectCommandTest.Run d = run("generate", "diabetes-audit", "--visits", "500", "--out", dia.toString());
    assertEquals(0, d.exit(), d.err());
    InspectCommandTest.Run b = run("behavior", dia.resolve("events.parquet").toString(), "--encounters", dia.resolve("encounters.parquet").toString(),
        "--task", "risk_assessment", "--format", "json");
    assertEquals(0, b.exit(), b.err());
    assertEquals(0.68, JSON.readTree(b.out()).get("tasks").get(0).get("timing").get("after").get("share").get("estimate").asDouble(), 0.06);

    InspectCommandTest.Run again = run("generate", "diabetes-audit", "--visits", "500", "--out", dia.toString());
    assertEquals(2, again.exit(), "an existing directory is not replaced without --force");
    InspectCommandTest.Run badOpt = run("generate", "radiology", "--sessions", "1", "--out", dir.resolve("x").toString());
    assertEquals(2, badOpt.exit());
    assertTrue(badOpt.err().contains("--sessions must be between 2 and 5000000, got 1"), badOpt.err());
  }
}
