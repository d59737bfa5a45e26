package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  /** Exit code, stdout and stderr of one CLI run. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * 60 encounters of 2 rows; patient ids look like medical record numbers so a leak would be
   * visible. Sites: north 30 encounters, south 26, east 4 (small). 15 positive encounters.
   */
  private Path cohort() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("patient_id,encounter_id,time,score,label,site,note");
    for (int e = 0; e < 60; e++) {
      String site = e < 30 ? "north" : e < 56 ? "south" : "east";
      for (int k = 0; k < 2; k++) {
        lines.add(String.format("MRN-%06d,ENC%03d,2024-03-01T%02d:%02d:00Z,%.2f,%d,%s,free text %d",
            900_000 + e / 2, e, 8 + k, e % 60, (e % 10) / 10.0, e < 15 && k == 1 ? 1 : 0, site, e));
      }
    }
    Path f = dir.resolve("cohort.csv");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  private static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void inspectPrintsTheSummaryAndSha256AndExitsZero() throws Exception {
    Path f = cohort();
    Run r = run("inspect", f.toString(), "--attributes", "site");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("sha256       " + sha256(f)), r.out());
    assertTrue(r.out().contains("rows         120"), r.out());
    assertTrue(r.out().contains("patients     30"), r.out());
    assertTrue(r.out().contains("encounters   60"), r.out());
    assertTrue(r.out().contains("prevalence   25.0% (15 of 60 encounters positive)"), r.out());
    assertTrue(r.out().matches("(?s).*site\\s+east\\s+withheld.*"), r.out());
    assertFalse(r.out().contains("<11"), "a withheld level is not called small: complementary withholding withholds large ones too");
    assertEquals("", r.err());
  }

  @Test
  void jsonOutputFollowsTheInspectSchemaWithSuppressedCellsAsNull() throws Exception {
    Path f = cohort();
    Run r = run("inspect", f.toString(), "--attributes", "site", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());

    assertEquals("tollgate.inspect/v1", j.get("schema").asText());
    assertEquals(sha256(f), j.at("/input/sha256").asText());
    assertEquals(120, j.get("rows").asLong());
    assertEquals(60, j.get("encounters").asLong());
    assertEquals(0.25, j.at("/prevalence/value").asDouble(), 1e-12);
    JsonNode levels = j.at("/attributes/0/levels");
    assertEquals("east", levels.get(0).get("level").asText());
    assertTrue(levels.get(0).get("count").isNull());
    assertTrue(levels.get(0).get("suppressed").asBoolean());
    // East (8 rows) is the only small cell, so the next smallest (south, 52 rows) is hidden too.
    assertTrue(levels.get(2).get("suppressed").asBoolean());
    assertEquals(60, levels.get(1).get("count").asLong());
    assertEquals("2024-03-01T08:00:00Z", j.at("/time/first").asText());
  }

  @Test
  void withoutAttributesEveryOtherColumnIsSummarised() throws Exception {
    Run r = run("inspect", cohort().toString(), "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());

    assertEquals("site", j.at("/attributes/0/name").asText());
    assertEquals("note", j.at("/attributes/1/name").asText());
    assertEquals(60, j.at("/attributes/1/levels").size());
  }

  @Test
  void noPatientIdAppearsInAnyOutput() throws Exception {
    Path f = cohort();
    for (String format : new String[] {"table", "json"}) {
      Run r = run("inspect", f.toString(), "--format", format);
      assertEquals(0, r.exit());
      assertFalse(r.out().contains("MRN-"), format + " output shows a patient id:\n" + r.out());
      assertFalse(r.err().contains("MRN-"), r.err());
    }
  }

  @Test
  void badInputExitsTwoWithTheIngestMessageAndNoStackTrace() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "score,label\n0.5,1\nhigh,0\n");
    Run r = run("inspect", f.toString());

    assertEquals(2, r.exit());
    assertEquals("tollgate: " + f + ": row 2, column 'score': 'high' is not a number" + System.lineSeparator(), r.err());
    assertEquals("", r.out());
  }

  @Test
  void missingFileExitsTwo() {
    Path f = dir.resolve("nope.parquet");
    Run r = run("inspect", f.toString());
    assertEquals(2, r.exit());
    assertEquals("tollgate: " + f + ": file not found" + System.lineSeparator(), r.err());
  }

  @Test
  void missingMappedAttributeExitsTwoListingTheColumns() throws Exception {
    Run r = run("inspect", cohort().toString(), "--attributes", "age_band");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("column 'age_band': missing; columns present: patient_id, encounter_id, time, score, label, site, note"), r.err());
  }

  @Test
  void duplicateRowsAreAWarningOnStderrAndTheCommandSucceeds() throws Exception {
    Path f = dir.resolve("dup.csv");
    Files.writeString(f, "encounter_id,time,score\nE1,2024-03-01T10:00:00Z,0.2\nE1,2024-03-01T10:00:00Z,0.4\n");
    Run r = run("inspect", f.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals("tollgate: warning: " + f + ": 1 duplicate (encounter, time) row dropped;"
        + " the highest score of each (encounter, time) was kept" + System.lineSeparator(), r.err());
    assertTrue(r.out().contains("rows         1 (2 read, 1 duplicate dropped)"), r.out());
  }

  @Test
  void rawScoreScaleAndZoneFlagsReachTheReader() throws Exception {
    Path f = dir.resolve("raw.csv");
    Files.writeString(f, "time,score\n2024-03-01T10:00:00,-2.5\n2024-03-01T11:00:00,4\n");
    Run r = run("inspect", f.toString(), "--score-scale", "raw", "--zone", "America/New_York", "--format", "json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(-2.5, j.at("/score/min").asDouble());
    assertEquals("2024-03-01T15:00:00Z", j.at("/time/first").asText());
    assertEquals("America/New_York", j.at("/input/mapping/zone").asText());
  }

  @Test
  void inspectReadsFhirRiskAssessmentNdjson() throws Exception {
    Path f = dir.resolve("risk.ndjson");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add("{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/MRN-77" + i
          + "\"},\"encounter\":{\"reference\":\"Encounter/V" + i + "\"},\"occurrenceDateTime\":\"2024-03-0" + (i + 1)
          + "T10:00:00Z\",\"prediction\":[{\"probabilityDecimal\":0." + (i + 2) + "}]}");
    }
    Files.write(f, lines, StandardCharsets.UTF_8);
    // The file writes 0-1, as many systems do; R4's unit is percent, so the unit is said.
    Run r = run("inspect", f.toString(), "--format", "json", "--fhir-probability", "fraction");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("fhir-ndjson", j.at("/input/format").asText());
    assertEquals(3, j.get("encounters").asLong());
    assertTrue(j.get("prevalence").isNull(), "RiskAssessments carry no outcome");
    assertEquals(0.4, j.at("/score/max").asDouble(), 1e-12);
    assertFalse(r.out().contains("MRN-"), r.out());
  }

  /** Issue 19 item 16, through the CLI: the RiskAssessment options every command that reads predictions shares. */
  @Test
  void fhirProbabilityUnitAndOutcomeCodeAreCommandLineOptionsAndAMissingUnitIsNamed() throws Exception {
    Path f = dir.resolve("risk-options.ndjson");
    Files.write(f, List.of(
        "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/MRN-1\"},"
            + "\"prediction\":[{\"outcome\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"419620001\"}]},\"probabilityDecimal\":0.12},"
            + "{\"outcome\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"91302008\"}]},\"probabilityDecimal\":0.4}]}",
        "{\"resourceType\":\"RiskAssessment\",\"status\":\"entered-in-error\",\"subject\":{\"reference\":\"Patient/MRN-2\"},"
            + "\"prediction\":[{\"probabilityDecimal\":0.99}]}"), StandardCharsets.UTF_8);
    Run noUnit = run("inspect", f.toString(), "--fhir-outcome-code", "http://snomed.info/sct|91302008");
    assertEquals(2, noUnit.exit(), noUnit.err());
    assertTrue(noUnit.err().contains(f + ": line 1, column 'prediction[1].probabilityDecimal': 0.4 is the largest probabilityDecimal")
        && noUnit.err().contains("Say which with --fhir-probability percent|fraction"), noUnit.err());

    Run ok = run("inspect", f.toString(), "--format", "json", "--fhir-probability", "fraction", "--fhir-outcome-code", "http://snomed.info/sct|91302008");
    assertEquals(0, ok.exit(), ok.err());
    assertEquals(0.4, new ObjectMapper().readTree(ok.out()).at("/score/max").asDouble(), 0.0);
    assertTrue(ok.err().contains("1 RiskAssessment skipped, not read as scores: 1 with status entered-in-error"), ok.err());
    assertFalse(ok.err().contains("MRN-") || ok.out().contains("MRN-"), ok.err());

    Run bad = run("inspect", f.toString(), "--fhir-probability", "percentage");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("'percentage' is not a probability unit (expected percent or fraction)"), bad.err());
  }

  @Test
  void unknownScoreScaleOrZoneIsAUsageErrorWithExitTwo() throws Exception {
    Path f = cohort();
    Run scale = run("inspect", f.toString(), "--score-scale", "logit");
    Run zone = run("inspect", f.toString(), "--zone", "Mars/Olympus");

    assertEquals(2, scale.exit());
    assertTrue(scale.err().contains("'logit' is not a score scale (expected probability or raw)"), scale.err());
    assertEquals(2, zone.exit());
    assertTrue(zone.err().contains("'Mars/Olympus' is not a time zone"), zone.err());
  }
}
