package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.ingest.Fixtures.riskAssessment;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

class FhirNdjsonReadTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  /** The CSV fixture's rows as RiskAssessments (same order, same instants). */
  static String[] fixtureLines() {
    return new String[] {
      riskAssessment("P2", "E3", "2024-03-01T10:00:00Z", "0.20", false),
      riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "0.10", false),
      riskAssessment("P1", "E1", "2024-03-01T08:15:00Z", "0.35", true),
      riskAssessment("P1", "E2", "2024-03-02T09:00:00+01:00", "0.90", true),
      riskAssessment("P2", "E3", "2024-03-01T09:45:00Z", "0.05", false),
      riskAssessment("P3", "E4", "2024-03-03T12:00:00Z", "0.50", false),
    };
  }

  private String message(Path file, Need need) {
    return assertThrows(BadInputException.class, () -> reader.read(file, ColumnMapping.defaults(), need)).getMessage();
  }

  @Test
  void riskAssessmentsReadToTheSameTableAsTheCsv() throws Exception {
    Path nd = write(dir, "risk.ndjson", fixtureLines());
    ScoreTable csv = reader.read(CsvReadTest.resource("predictions.csv"), ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
    ScoreTable fhir = reader.read(nd, ColumnMapping.defaults(), Need.SCORE_AND_LABEL);

    Fixtures.assertSameTable(csv, fhir);
    assertEquals("fhir-ndjson", fhir.input().format());
    assertEquals("prediction[0].probabilityDecimal", fhir.input().mapping().score());
  }

  @Test
  void gzipCompressedNdjsonReadsLikeThePlainFile() {
    ScoreTable plain = reader.read(write(dir, "r.ndjson", fixtureLines()), ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
    ScoreTable gz = reader.read(Fixtures.gzip(dir, "r.ndjson.gz", fixtureLines()), ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
    Fixtures.assertSameTable(plain, gz);
  }

  @Test
  void lineThatIsNotARiskAssessmentIsNamed() {
    Path f = write(dir, "risk.ndjson",
        riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "0.1", null),
        riskAssessment("P1", "E1", "2024-03-01T09:00:00Z", "0.2", null),
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}");
    assertEquals(f + ": line 3: not a RiskAssessment (resourceType Observation)", message(f, Need.SCORE_ONLY));
  }

  @Test
  void missingProbabilityNamesLineAndField() {
    Path f = write(dir, "risk.ndjson",
        riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "0.1", null),
        "",
        riskAssessment("P1", "E1", "2024-03-01T09:00:00Z", "0.2", null),
        riskAssessment("P1", "E1", "2024-03-01T10:00:00Z", "0.3", null),
        riskAssessment("P1", "E1", "2024-03-01T11:00:00Z", null, null));
    assertEquals(f + ": line 5, column 'prediction[0].probabilityDecimal': missing", message(f, Need.SCORE_ONLY));
  }

  @Test
  void probabilityOutsideUnitIntervalIsRejected() {
    Path f = write(dir, "risk.ndjson", riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "1.2", null));
    assertEquals(f + ": line 1, column 'prediction[0].probabilityDecimal': 1.2 is outside [0, 1];"
        + " scores that are not probabilities need score scale RAW (--score-scale raw)", message(f, Need.SCORE_ONLY));
  }

  @Test
  void invalidJsonIsRejectedWithItsLine() {
    Path f = write(dir, "risk.ndjson", riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "0.1", null), "{\"resourceType\": \"RiskAss");
    String m = message(f, Need.SCORE_ONLY);
    assertTrue(m.startsWith(f + ": line 2: not a FHIR R4 JSON resource ("), m);
  }

  @Test
  void unparseableOccurrenceIsRejected() {
    Path f = write(dir, "risk.ndjson", riskAssessment("P1", "E1", "yesterday", "0.1", null));
    assertEquals(f + ": line 1, column 'occurrenceDateTime': not valid FHIR: Invalid attribute value \"yesterday\":"
        + " Invalid date/time format: \"yesterday\"", message(f, Need.SCORE_ONLY));
  }

  @Test
  void partialDateValidInFhirButWithoutADayIsRejectedAsATime() {
    Path f = write(dir, "risk.ndjson", riskAssessment("P1", "E1", "2024-03", "0.1", null));
    assertEquals(f + ": line 1, column 'occurrenceDateTime': '2024-03' is not an ISO-8601 timestamp with at least a date",
        message(f, Need.SCORE_ONLY));
  }

  @Test
  void timeMissingOnSomeLinesIsRejectedAtTheFirstSuchLine() {
    Path f = write(dir, "risk.ndjson",
        riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "0.1", null),
        riskAssessment("P1", "E1", null, "0.2", null));
    assertEquals(f + ": line 2, column 'occurrenceDateTime': missing (other lines have one)", message(f, Need.SCORE_ONLY));
  }

  @Test
  void subjectThatIsNotAPatientIsRejected() {
    Path f = write(dir, "risk.ndjson",
        "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"Group/g1\"},"
            + "\"prediction\":[{\"probabilityDecimal\":0.3}]}");
    assertEquals(f + ": line 1, column 'subject.reference': refers to a Group, expected a Patient", message(f, Need.SCORE_ONLY));
  }

  /** Issue 19 item 16: a misspelled element (occurenceDateTime) was silently dropped; it is refused naming it. */
  @Test
  void aMisspelledElementIsRefusedNamingIt() {
    Path f = write(dir, "risk.ndjson",
        "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p1\"},"
            + "\"occurenceDateTime\":\"2024-03-01T08:00:00Z\",\"prediction\":[{\"probabilityDecimal\":0.3}]}");
    assertEquals(f + ": line 1, column 'occurenceDateTime': unknown element: FHIR R4 has no such element here (misspelled?)",
        message(f, Need.SCORE_ONLY));
  }

  /** Issue 19 item 16: an unknown modifierExtension was ignored; R4 says a reader that does not know it must not use the resource. */
  @Test
  void anUnknownModifierExtensionIsRefused() {
    Path f = write(dir, "risk.ndjson",
        "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p1\"},"
            + "\"modifierExtension\":[{\"url\":\"https://example.org/not-this-patient\",\"valueBoolean\":true}],"
            + "\"prediction\":[{\"probabilityDecimal\":0.3}]}");
    assertEquals(f + ": line 1, column 'modifierExtension': unknown modifier extension 'https://example.org/not-this-patient': it may change"
        + " what the resource means, so it is not read", message(f, Need.SCORE_ONLY));
  }

  @Test
  void labelIsAbsentWithoutTheOutcomeExtensionAndEvaluationSaysSo() {
    Path f = write(dir, "risk.ndjson", riskAssessment("P1", "E1", "2024-03-01T08:00:00Z", "0.1", null));
    assertFalse(reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY).hasLabels());
    assertEquals(f + ": line 1, column 'extension[observed-outcome].valueBoolean': missing", message(f, Need.SCORE_AND_LABEL));
  }

  @Test
  void withoutEncountersEachPatientIsOneEncounterWithOpaqueIds() {
    Path f = write(dir, "risk.ndjson",
        riskAssessment("zed", null, "2024-03-01T09:00:00Z", "0.3", null),
        riskAssessment("amy", null, "2024-03-01T08:00:00Z", "0.1", null),
        riskAssessment("zed", null, "2024-03-01T08:00:00Z", "0.2", null));
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_STREAM);

    assertEquals(2, t.encounterCount());
    assertEquals("patient#0", t.encounterId(0));
    assertEquals("patient#1", t.encounterId(1));
    assertArrayEquals(new int[] {0, 1, 1}, t.encounterColumn());
    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, t.scoreColumn());
  }

  @Test
  void absoluteAndVersionedReferencesYieldTheBareId() {
    Path f = write(dir, "risk.ndjson",
        "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"https://ehr.example/fhir/Patient/P1/_history/3\"},"
            + "\"encounter\":{\"reference\":\"Encounter/E1\"},\"occurrenceDateTime\":\"2024-03-01T08:00:00Z\","
            + "\"prediction\":[{\"probabilityDecimal\":0.3}]}",
        riskAssessment("P1", "E1", "2024-03-01T09:00:00Z", "0.4", null));
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY);
    assertEquals(1, t.patientCount(), "both lines are patient P1");
  }

  @Test
  void fileWithOnlyBlankLinesHasNoDataRows() {
    Path f = write(dir, "risk.ndjson", "", "  ");
    assertEquals(f + ": no data rows (no RiskAssessment lines)", message(f, Need.SCORE_ONLY));
  }

  @Test
  void attributesCannotBeNamedForFhirInput() {
    Path f = write(dir, "risk.ndjson", fixtureLines());
    BadInputException e = assertThrows(BadInputException.class,
        () -> reader.read(f, Fixtures.mapping("sex"), Need.SCORE_ONLY));
    assertEquals(f + ": column 'sex': missing; FHIR RiskAssessment input has no attribute columns", e.getMessage());
  }

  @Test
  void ndjsonIsRecognisedByItsFirstByteWhateverItsName() {
    Path f = write(dir, "export.json", fixtureLines());
    assertEquals(InputFormat.FHIR_NDJSON, reader.format(f));
  }
}
