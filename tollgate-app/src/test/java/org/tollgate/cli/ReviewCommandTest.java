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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {
  @TempDir Path dir;

  /** A review folder whose feature file leaks: 12 lactate values were recorded 2 h after their prediction. */
  private Path leakyReview() throws Exception {
    Path r = dir.resolve("leaky");
    Files.createDirectories(r);
    List<String> s = new ArrayList<>();
    List<String> f = new ArrayList<>();
    s.add("patient_id,encounter_id,time,score,label,sex");
    f.add("encounter_id,time,lactate_time,heart_rate_time");
    for (int k = 0; k < 200; k++) {
      int y = k % 5 == 0 ? 1 : 0;
      double v = y == 1 ? (k % 15 == 0 ? 0.3 : 0.8) : (k % 7 == 0 ? 0.7 : 0.2);
      s.add(String.format("P%04d,E%04d,2025-06-01T10:00:00Z,%.2f,%d,%s", k, k, v, y, k % 2 == 0 ? "F" : "M"));
      String lact = k < 12 ? "2025-06-01T12:00:00Z" : "2025-06-01T09:00:00Z";
      f.add(String.format("E%04d,2025-06-01T10:00:00Z,%s,2025-06-01T09:55:00Z", k, lact));
    }
    Files.write(r.resolve("scores.csv"), s, StandardCharsets.UTF_8);
    Files.write(r.resolve("features.csv"), f, StandardCharsets.UTF_8);
    Files.writeString(r.resolve("review.yaml"), """
        use_case:
          id: leaky
          title: A leaky model
          owner: PM
          intended_use: test
          outputs: [risk score]
        data:
          predictions: scores.csv
          features: features.csv
        evaluation:
          by: [sex]
        provenance:
          approved_systems: [EHR, LIS]
          inputs:
            - {name: lactate_last, source_system: LIS, source_field: LACT, timestamp_column: lactate_time}
            - {name: heart_rate, source_system: EHR, source_field: HR, timestamp_column: heart_rate_time}
        """);
    return r;
  }

  @Test
  void leakageIsTheFatalFlawAndTheReviewHaltsWithExitThree() throws Exception {
    Path r = leakyReview();
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString());
    assertEquals(3, run.exit(), run.err());
    assertTrue(run.out().contains("VERDICT: NO-GO"), run.out());
    assertTrue(run.out().contains("Fatal flaw: The model sees the future: 12 values of 'lactate_last' were recorded after the prediction they fed (up to 2.0 h later)"), run.out());
    JsonNode d = new ObjectMapper().readTree(r.resolve("out").resolve("dossier.json").toFile());
    assertEquals("tollgate.dossier/v3", d.get("schema").asText());
    assertEquals("NO-GO", d.get("verdict").asText());
    JsonNode item1 = d.get("items").get(0);
    assertEquals("1", item1.get("id").asText());
    assertEquals("fail", item1.get("status").asText());
    assertEquals("lactate_last", item1.get("evidence").get("feature").asText());
    assertEquals(12, item1.get("evidence").get("future_values").asInt());
    assertEquals(64, item1.get("evidence").get("data_sha256").asText().length());
    for (JsonNode i : d.get("items")) {
      for (String k : List.of("id", "status", "reason", "evidence")) assertTrue(i.has(k), k);
    }
    assertFalse(Files.readString(r.resolve("out").resolve("dossier.json")).contains("P0001"), "no patient id in the dossier");
  }

  /** The essay's radiology pilot: +0.4 s per image over ~200 images → item 4 fails, the tool adds work. */
  @Test
  void radiologyFrictionFailsItemFourThroughTheReview() throws Exception {
    Path r = dir.resolve("radiology");
    InspectCommandTest.Run gen = InspectCommandTest.run("generate", "radiology", "--sessions", "300", "--out", r.resolve("log").toString());
    assertEquals(0, gen.exit(), gen.err());
    Files.writeString(r.resolve("review.yaml"), """
        use_case: {id: radiology-ai, title: Radiology AI, owner: PM, intended_use: flag findings}
        data: {interactions: log/interactions.parquet}
        """);
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString());
    assertEquals(3, run.exit(), run.err());
    JsonNode d = new ObjectMapper().readTree(r.resolve("out").resolve("dossier.json").toFile());
    JsonNode item4 = d.get("items").get(3);
    assertEquals("4", item4.get("id").asText());
    assertEquals("fail", item4.get("status").asText(), item4.toString());
    double delta = item4.get("evidence").get("delta_seconds_per_session").asDouble();
    assertTrue(delta > 60 && delta < 100, "about 80 s per session, got " + delta);
    assertEquals("NO-GO", d.get("verdict").asText());
    assertTrue(d.get("fatal_flaw").asText().startsWith("The tool adds work instead of removing it: every session takes "), d.get("fatal_flaw").asText());
  }

  @Test
  void reviewFileErrorsNameTheLineAndKey() throws Exception {
    Path r = dir.resolve("bad");
    Files.createDirectories(r);
    Files.writeString(r.resolve("review.yaml"), "use_case:\n  id: x\n  title: t\n  owner: o\n  intended_use: u\n  decision_role: decides\n");
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString());
    assertEquals(2, run.exit());
    assertEquals("tollgate: " + r.resolve("review.yaml") + ": line 6, column 'use_case.decision_role': must be informs, augments or replaces, got 'decides'",
        run.err().strip());
    Files.writeString(r.resolve("review.yaml"), "use_case:\n  id: x\n  title: t\n  owner: o\n  intended_use: u\ndata:\n  predictions: nowhere.csv\n");
    InspectCommandTest.Run missing = InspectCommandTest.run("review", r.toString());
    assertEquals(2, missing.exit());
    assertEquals("tollgate: " + r.resolve("review.yaml") + ": line 7, column 'data.predictions': file not found: nowhere.csv (paths are relative to the review folder)",
        missing.err().strip());
    Files.writeString(r.resolve("review.yaml"), "use_case:\n  id: x\n  title: t\n  owner: o\n  intended_use: u\nrisks:\n  - {failure_mode: a, harm: b, severity: 11, occurrence: 1, detection: 1}\n");
    InspectCommandTest.Run sev = InspectCommandTest.run("review", r.toString());
    assertEquals(2, sev.exit());
    assertTrue(sev.err().contains(": line 7, column 'risks[0].severity': must be between 1 and 10, got 11"), sev.err());
  }

  @Test
  void aFolderWithoutReviewYamlPointsToInit() {
    InspectCommandTest.Run run = InspectCommandTest.run("review", dir.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("no review.yaml here; `tollgate init"), run.err());
  }

  @Test
  void initWritesATemplateThatParsesAndRefusesToOverwrite() throws Exception {
    Path r = dir.resolve("new");
    InspectCommandTest.Run run = InspectCommandTest.run("init", r.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.readString(r.resolve("review.yaml")).contains("decision_role: informs"));
    assertEquals(2, InspectCommandTest.run("init", r.toString()).exit());
    // The template names data files that are not there yet: the review says which.
    InspectCommandTest.Run review = InspectCommandTest.run("review", r.toString());
    assertEquals(2, review.exit());
    assertTrue(review.err().contains("column 'data.predictions': file not found: scores.parquet"), review.err());
  }

  @Test
  void portfolioRanksByDefensibility() throws Exception {
    Path leaky = leakyReview();
    Path clean = dir.resolve("clean");
    Files.createDirectories(clean);
    Files.copy(leaky.resolve("scores.csv"), clean.resolve("scores.csv"));
    Files.writeString(clean.resolve("review.yaml"), """
        use_case: {id: clean, title: Clean, owner: PM, intended_use: test, decision_role: informs}
        data: {predictions: scores.csv}
        attestations:
          - {item: paper_fallback, by: Dr A, role: clinician, date: 2026-10-01}
        """);
    InspectCommandTest.Run run = InspectCommandTest.run("portfolio", leaky.toString(), clean.toString(), "--format", "json");
    assertEquals(0, run.exit(), run.err());
    JsonNode u = new ObjectMapper().readTree(run.out()).get("use_cases");
    assertEquals("clean", u.get(0).get("id").asText(), "no leakage and a fallback rank higher");
    assertEquals("leaky", u.get(1).get("id").asText());
    assertEquals(1, u.get(1).get("data_provenance_clarity").asInt());
  }
}
