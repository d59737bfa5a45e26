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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillCommandTest {
  @TempDir static Path dir;
  static Path scores;
  static Path events;
  static Path policy;
  static Path features;

  /**
   * 30 encounters scored hourly 00:00–09:00; E000–E014 positive (onset 05:00) and high only at 03:00. Their
   * charts: every encounter normal at 00:00 (respiratory rate 16/min, systolic 120 mmHg); at 02:00 the
   * positive ones breathe 25/min at 95 mmHg, the others 17/min at 125 mmHg.
   */
  @BeforeAll
  static void data() throws Exception {
    List<String> s = new ArrayList<>();
    List<String> e = new ArrayList<>();
    s.add("encounter_id,time,score");
    e.add("encounter_id,time,type,value,end_time");
    for (int k = 0; k < 30; k++) {
      for (int h = 0; h < 10; h++) {
        double v = k < 15 ? (h == 3 ? 0.9 : 0.1) : (h == 7 ? 0.8 : 0.2);
        s.add(String.format("E%03d,2025-05-01T%02d:00:00Z,%.1f", k, h, v));
      }
      if (k < 15) e.add(String.format("E%03d,2025-05-01T05:00:00Z,sepsis_onset,,", k));
    }
    List<String> f = new ArrayList<>();
    f.add("encounter_id,time,resp_rate,resp_rate_time,systolic_bp,systolic_bp_time");
    for (int k = 0; k < 30; k++) {
      f.add(String.format("E%03d,2025-05-01T00:00:00Z,16,2025-05-01T00:00:00Z,120,2025-05-01T00:00:00Z", k));
      f.add(String.format("E%03d,2025-05-01T02:00:00Z,%d,2025-05-01T02:00:00Z,%d,2025-05-01T02:00:00Z", k, k < 15 ? 25 : 17, k < 15 ? 95 : 125));
    }
    features = dir.resolve("features.csv");
    Files.write(features, f, StandardCharsets.UTF_8);
    scores = dir.resolve("scores.csv");
    events = dir.resolve("events.csv");
    policy = dir.resolve("policy.yaml");
    Files.write(scores, s, StandardCharsets.UTF_8);
    Files.write(events, e, StandardCharsets.UTF_8);
    Files.writeString(policy, "policies:\n  - name: \"<b>plain</b>\"\n    threshold: 0.5\n    refire_after_minutes: 720\noutcome: {type: sepsis_onset}\n");
  }

  private static Path outages(String... rows) throws Exception {
    Path p = Files.createTempFile(dir, "outages", ".csv");
    List<String> l = new ArrayList<>();
    l.add("start,end,system");
    l.addAll(List.of(rows));
    Files.write(p, l, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void anOutageOverTheOnlyTimelyAlertIsMissedCareThePaperRuleCatchesAndThePdfIsOnePage() throws Exception {
    Path o = outages("2025-05-01T02:30:00Z,2025-05-01T03:30:00Z,ehr");
    Path out = dir.resolve("chk");
    InspectCommandTest.Run r = InspectCommandTest.run("drill", "--scores", scores.toString(), "--events", events.toString(),
        "--outages", o.toString(), "--policy", policy.toString(), "--notify", "the charge nurse", "--checklist-dir", out.toString(),
        "--features", features.toString(), "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode d = new ObjectMapper().readTree(r.out());
    assertEquals("tollgate.drill/v1", d.get("schema").asText());
    assertEquals(15, d.get("baseline_detected_encounters").asLong());
    assertEquals(0, d.get("drill_detected_encounters").asLong());
    assertEquals(15, d.get("missed_care_encounters").asLong());
    assertEquals("pass", d.get("item5").get("status").asText());
    // the downtime check at 02:30 sees the 02:00 chart: all 15 caught, none missed with the paper rule in force
    assertEquals(15, d.get("paper_procedure").get("missed_care_without").asLong());
    assertEquals(0, d.get("paper_procedure").get("missed_care_with").asLong());
    assertTrue(d.get("item5").get("reason").asText().endsWith("missed care: 15 outcome encounters with nothing, 0 outcome encounters with the paper procedure"),
        d.get("item5").get("reason").asText());
    String html = Files.readString(out.resolve("checklist.html"));
    assertTrue(html.contains("&lt;b&gt;plain&lt;/b&gt;"), "policy names are escaped");
    assertFalse(html.contains("<b>plain</b>"));
    try (PDDocument pdf = Loader.loadPDF(out.resolve("checklist.pdf").toFile())) {
      assertEquals(1, pdf.getNumberOfPages());
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains("respiratory rate ≥"), text);
      assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("score"), "bedside criteria only, never the model's score: " + text);
      assertTrue(text.contains("notify the charge nurse now"), text);
      assertTrue(pdf.getPage(0).getResources().getFontNames().iterator().hasNext(), "fonts embedded");
    }
  }

  /**
   * Five of the 15 positive encounters alert at 03:00, the other ten at 04:00; an outage from 02:30 to 03:30 takes the
   * five's only alert: missed care 5 (a small cell), detected with the outages 10 (a small cell). Both are withheld in the
   * JSON and the table, the 15 detected with no outage is shown (15 = 10 + 5 with both parts withheld gives nothing back).
   */
  @Test
  void missedCareOfOneToTenIsWithheldInTheJsonAndTheTable() throws Exception {
    List<String> s = new ArrayList<>();
    s.add("encounter_id,time,score");
    for (int k = 0; k < 30; k++) {
      for (int h = 0; h < 10; h++) {
        int at = k < 5 ? 3 : 4;
        s.add(String.format("E%03d,2025-05-01T%02d:00:00Z,%.1f", k, h, k < 15 && h == at ? 0.9 : 0.1));
      }
    }
    Path few = dir.resolve("few-scores.csv");
    Files.write(few, s, StandardCharsets.UTF_8);
    Path o = outages("2025-05-01T02:30:00Z,2025-05-01T03:30:00Z,ehr");
    InspectCommandTest.Run json = InspectCommandTest.run("drill", "--scores", few.toString(), "--events", events.toString(),
        "--outages", o.toString(), "--policy", policy.toString(), "--format", "json");
    assertEquals(0, json.exit(), json.err());
    JsonNode d = new ObjectMapper().readTree(json.out());
    assertEquals(15, d.get("baseline_detected_encounters").asLong());
    assertTrue(d.get("drill_detected_encounters").isNull());
    assertTrue(d.get("drill_detected_encounters_suppressed").asBoolean());
    assertTrue(d.get("missed_care_encounters").isNull());
    assertTrue(d.get("missed_care_encounters_suppressed").asBoolean());
    // alert counts too: 15 alerts with no outage (shown), 10 with the outages (withheld), 10 in the hour after recovery (withheld)
    assertEquals(15, d.get("baseline_alerts").asLong());
    assertTrue(d.get("drill_alerts").isNull() && d.get("drill_alerts_suppressed").asBoolean(), d.toString());
    assertTrue(d.get("storms").get(0).get("alerts_after_recovery").isNull(), d.get("storms").toString());
    assertTrue(d.get("item5").get("reason").asText().endsWith("missed care: a number of outcome encounters withheld by the small-cell rule"
        + " without a paper procedure (no bedside inputs to measure one with)"), d.get("item5").get("reason").asText());
    InspectCommandTest.Run table = InspectCommandTest.run("drill", "--scores", few.toString(), "--events", events.toString(),
        "--outages", o.toString(), "--policy", policy.toString());
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().contains("Detected encounters: 15 with no outage, withheld with the outages replayed. Missed care (outcome encounters that"
        + " lost their only timely alert): withheld."), table.out());
    assertTrue(table.out().contains(": 1 to 10 alerts in the hour after recovery"), table.out());
  }

  @Test
  void invertedOutageNamesTheRow() throws Exception {
    Path o = outages("2025-05-01T02:00:00Z,2025-05-01T03:00:00Z,ehr", "2025-05-01T05:00:00Z,2025-05-01T04:00:00Z,ehr");
    InspectCommandTest.Run r = InspectCommandTest.run("drill", "--scores", scores.toString(), "--events", events.toString(),
        "--outages", o.toString(), "--policy", policy.toString());
    assertEquals(2, r.exit());
    assertEquals("tollgate: " + o + ": row 2, column 'end': the outage ends at or before it starts", r.err().strip());
  }

  @Test
  void overlappingOutagesOfOneSystemAreRefused() throws Exception {
    Path o = outages("2025-05-01T02:00:00Z,2025-05-01T04:00:00Z,ehr", "2025-05-01T03:00:00Z,2025-05-01T05:00:00Z,ehr",
        "2025-05-01T03:00:00Z,2025-05-01T05:00:00Z,lab");
    InspectCommandTest.Run r = InspectCommandTest.run("drill", "--scores", scores.toString(), "--events", events.toString(),
        "--outages", o.toString(), "--policy", policy.toString());
    assertEquals(2, r.exit());
    assertEquals("tollgate: " + o + ": row 2, column 'start': this ehr outage overlaps the one on row 1; merge them into one window", r.err().strip());
  }

  @Test
  void withoutAReplayedOutageItem5IsMissing() throws Exception {
    Path o = outages("2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,ehr");
    InspectCommandTest.Run r = InspectCommandTest.run("drill", "--scores", scores.toString(), "--events", events.toString(),
        "--outages", o.toString(), "--policy", policy.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Checklist item 5 (downtime edge cases): MISSING — no real outage window"), r.out());
  }
}
