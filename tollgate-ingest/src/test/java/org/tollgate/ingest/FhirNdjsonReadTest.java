package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.ingest.Fixtures.riskAssessment;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ColumnMapping.ProbabilityUnit;
import org.tollgate.data.ScoreTable;

class FhirNdjsonReadTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  /** The fixtures write 0-1 as many systems do: read them as fractions (R4's percent is the default). */
  static final ColumnMapping FRACTION = ColumnMapping.defaults().withFhir(new ColumnMapping.Fhir(ProbabilityUnit.FRACTION, null));
  static final ColumnMapping PERCENT = ColumnMapping.defaults().withFhir(new ColumnMapping.Fhir(ProbabilityUnit.PERCENT, null));

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
    return message(file, FRACTION, need);
  }

  private String message(Path file, ColumnMapping m, Need need) {
    return assertThrows(BadInputException.class, () -> reader.read(file, m, need)).getMessage();
  }

  @Test
  void riskAssessmentsReadToTheSameTableAsTheCsv() throws Exception {
    Path nd = write(dir, "risk.ndjson", fixtureLines());
    ScoreTable csv = reader.read(CsvReadTest.resource("predictions.csv"), ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
    ScoreTable fhir = reader.read(nd, FRACTION, Need.SCORE_AND_LABEL);

    Fixtures.assertSameTable(csv, fhir);
    assertEquals("fhir-ndjson", fhir.input().format());
    assertEquals("prediction[0].probabilityDecimal", fhir.input().mapping().score());
  }

  @Test
  void gzipCompressedNdjsonReadsLikeThePlainFile() {
    ScoreTable plain = reader.read(write(dir, "r.ndjson", fixtureLines()), FRACTION, Need.SCORE_AND_LABEL);
    ScoreTable gz = reader.read(Fixtures.gzip(dir, "r.ndjson.gz", fixtureLines()), FRACTION, Need.SCORE_AND_LABEL);
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
    assertFalse(reader.read(f, FRACTION, Need.SCORE_ONLY).hasLabels());
    assertEquals(f + ": line 1, column 'extension[observed-outcome].valueBoolean': missing", message(f, Need.SCORE_AND_LABEL));
  }

  @Test
  void withoutEncountersEachPatientIsOneEncounterWithOpaqueIds() {
    Path f = write(dir, "risk.ndjson",
        riskAssessment("zed", null, "2024-03-01T09:00:00Z", "0.3", null),
        riskAssessment("amy", null, "2024-03-01T08:00:00Z", "0.1", null),
        riskAssessment("zed", null, "2024-03-01T08:00:00Z", "0.2", null));
    ScoreTable t = reader.read(f, FRACTION, Need.SCORE_STREAM);

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
    ScoreTable t = reader.read(f, FRACTION, Need.SCORE_ONLY);
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

  // ---- issue 19 item 16: RiskAssessment ingest follows R4 ---------------------------------------------------------

  private static String ra(String status, String encounter, String time, String probability) {
    return "{\"resourceType\":\"RiskAssessment\",\"status\":\"" + status + "\",\"subject\":{\"reference\":\"Patient/P1\"},"
        + "\"encounter\":{\"reference\":\"Encounter/" + encounter + "\"},\"occurrenceDateTime\":\"" + time + "\","
        + "\"prediction\":[{\"probabilityDecimal\":" + probability + "}]}";
  }

  private static ColumnMapping mapping(ProbabilityUnit unit, String outcome) {
    return ColumnMapping.defaults().withFhir(new ColumnMapping.Fhir(unit, outcome));
  }

  /** R4 (ras-2): probabilityDecimal is a percentage. Without a unit given, 35 is read as 0.35, and the unit is recorded. */
  @Test
  void withoutAUnitGivenValuesAreReadAsR4PercentagesAndTheUnitIsRecorded() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "35"), ra("final", "E1", "2024-03-01T09:00:00Z", "5"),
        ra("final", "E1", "2024-03-01T10:00:00Z", "90"));
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY);
    assertArrayEquals(new double[] {0.35, 0.05, 0.9}, t.scoreColumn(), 0.0);
    assertEquals(ProbabilityUnit.PERCENT, t.input().mapping().fhir().probability());
  }

  /** Percentages are divided by 100 exactly: 12.5 is 0.125 and 0.5 (half a percent) is 0.005, the doubles nearest them. */
  @Test
  void statedPercentagesBelowOneAreReadAsPercentages() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "0.5"), ra("final", "E1", "2024-03-01T09:00:00Z", "12.5"));
    assertArrayEquals(new double[] {0.005, 0.125}, reader.read(f, PERCENT, Need.SCORE_ONLY).scoreColumn(), 0.0);
  }

  /** Never guess: values all within [0, 1] fit both units, so without a unit the file is refused naming its largest value and the setting. */
  @Test
  void valuesThatFitBothUnitsAreRefusedWithoutAUnitNamingTheLargestValueAndTheSetting() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "0.2"), ra("final", "E1", "2024-03-01T09:00:00Z", "0.93"),
        ra("final", "E1", "2024-03-01T10:00:00Z", "0.5"));
    assertEquals(f + ": line 2, column 'prediction[0].probabilityDecimal': 0.93 is the largest probabilityDecimal and every value"
        + " lies within [0, 1], so the unit cannot be told: as FHIR R4 percentages (ras-2) these are risks of at most 1%,"
        + " as fractions up to 100%. Say which with --fhir-probability percent|fraction (review.yaml: data.fhir.probability)",
        message(f, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  /** A percentage read as a fraction (35 with fraction): the message names the line, the value and the option to use. */
  @Test
  void aPercentageReadAsAFractionIsRefusedNamingLineValueAndTheOption() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "0.2"), ra("final", "E1", "2024-03-01T09:00:00Z", "35"));
    assertEquals(f + ": line 2, column 'prediction[0].probabilityDecimal': 35 is above 1, the largest fraction (--fhir-probability fraction);"
        + " FHIR R4 defines probabilityDecimal as a percentage (ras-2: at most 100): if the file follows R4, read it with"
        + " --fhir-probability percent (review.yaml: data.fhir.probability: percent)", message(f, FRACTION, Need.SCORE_ONLY));
  }

  /** ras-2: at most 100. Above it no unit fits; the message says so and names the setting. */
  @Test
  void aValueAbove100IsRefusedInEitherUnit() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "120"));
    assertEquals(f + ": line 1, column 'prediction[0].probabilityDecimal': 120 is above 100, so it is a probability in neither unit"
        + " (a FHIR R4 percentage is at most 100, ras-2; a fraction at most 1); the unit is set with --fhir-probability percent|fraction"
        + " (review.yaml: data.fhir.probability)", message(f, ColumnMapping.defaults(), Need.SCORE_ONLY));
    assertEquals(f + ": line 1, column 'prediction[0].probabilityDecimal': 120 is above 100, the largest percentage"
        + " (--fhir-probability percent; FHIR R4 ras-2: probabilityDecimal at most 100)", message(f, PERCENT, Need.SCORE_ONLY));
  }

  @Test
  void aNegativeProbabilityIsRefused() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "-0.2"));
    assertEquals(f + ": line 1, column 'prediction[0].probabilityDecimal': -0.2 is below 0, so it is not a probability in either unit",
        message(f, FRACTION, Need.SCORE_ONLY));
  }

  @Test
  void rawScoreScaleDoesNotApplyToFhirInput() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "35"));
    ColumnMapping raw = new ColumnMapping("patient_id", "encounter_id", "time", "score", "label", List.of(), ColumnMapping.ScoreScale.RAW, null);
    assertEquals(f + ": --score-scale raw (review.yaml: data.score_scale: raw) does not apply to FHIR RiskAssessment input: probabilityDecimal"
        + " is a probability; say its unit with --fhir-probability percent|fraction (review.yaml: data.fhir.probability)", message(f, raw, Need.SCORE_ONLY));
  }

  /**
   * The attack: an entered-in-error 0.99 at the same encounter and time as the real 0.10 became the encounter's
   * score (the highest of duplicates is kept). Entered-in-error and cancelled resources are skipped and counted, with no
   * patient id in the warning.
   */
  @Test
  void enteredInErrorAndCancelledRiskAssessmentsAreSkippedAndCounted() {
    Path f = write(dir, "risk.ndjson", ra("final", "E1", "2024-03-01T08:00:00Z", "0.10"), ra("entered-in-error", "E1", "2024-03-01T08:00:00Z", "0.99"),
        ra("cancelled", "E1", "2024-03-01T09:00:00Z", "0.80"), ra("final", "E1", "2024-03-01T09:00:00Z", "0.20"));
    ScoreTable t = reader.read(f, FRACTION, Need.SCORE_ONLY);
    assertArrayEquals(new double[] {0.10, 0.20}, t.scoreColumn(), 0.0);
    assertEquals(0, t.input().duplicateRows());
    assertEquals(2, t.input().rows());
    assertEquals(java.util.Map.of("status entered-in-error", 1L, "status cancelled", 1L), t.input().skipped());
    assertEquals(List.of(f + ": 2 RiskAssessments skipped, not read as scores: 1 with status entered-in-error, 1 with status cancelled"),
        PredictionReader.warnings(t.input()));
  }

  @Test
  void aFileWhoseRiskAssessmentsAreAllSkippedHasNoDataRowsAndSaysWhy() {
    Path f = write(dir, "risk.ndjson", ra("entered-in-error", "E1", "2024-03-01T08:00:00Z", "0.99"));
    assertEquals(f + ": no data rows: every RiskAssessment was skipped (1 with status entered-in-error)", message(f, FRACTION, Need.SCORE_ONLY));
  }

  private static final String RA1 = ra("final", "E1", "2024-03-01T08:00:00Z", "0.1");
  private static final String RA2 = ra("final", "E2", "2024-03-01T09:00:00Z", "0.7");
  private static final String RA3 = ra("final", "E3", "2024-03-02T09:00:00Z", "0.4");

  /** A searchset on an NDJSON line: its matches are read; an included Patient and an informational outcome are not data. */
  @Test
  void aSearchsetBundleOnAnNdjsonLineIsUnwrapped() {
    Path bundled = write(dir, "bundled.ndjson",
        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":2,\"entry\":["
            + "{\"fullUrl\":\"https://ehr.example/fhir/RiskAssessment/r1\",\"resource\":" + RA1 + ",\"search\":{\"mode\":\"match\"}},"
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"P1\"},\"search\":{\"mode\":\"include\"}},"
            + "{\"resource\":" + RA2 + ",\"search\":{\"mode\":\"match\"}},"
            + "{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"information\",\"code\":\"informational\","
            + "\"diagnostics\":\"page 1 of 1\"}]},\"search\":{\"mode\":\"outcome\"}}]}",
        RA3);
    Path plain = write(dir, "plain.ndjson", RA1, RA2, RA3);
    Fixtures.assertSameTable(reader.read(plain, FRACTION, Need.SCORE_ONLY), reader.read(bundled, FRACTION, Need.SCORE_ONLY));
  }

  /** A pretty-printed collection Bundle in a .json file (its entries before its type) reads as the same resources one per line. */
  @Test
  void aCollectionBundleInAPrettyPrintedJsonFileIsUnwrapped() {
    Path json = write(dir, "export.json",
        "{",
        "  \"resourceType\": \"Bundle\",",
        "  \"entry\": [",
        "    {\"resource\": " + RA1 + "},",
        "    {\"resource\": " + RA2 + "},",
        "    {\"resource\": " + RA3 + "}",
        "  ],",
        "  \"type\": \"collection\"",
        "}");
    Path plain = write(dir, "plain.ndjson", RA1, RA2, RA3);
    Fixtures.assertSameTable(reader.read(plain, FRACTION, Need.SCORE_ONLY), reader.read(json, FRACTION, Need.SCORE_ONLY));
  }

  /** A single RiskAssessment pretty-printed in a .json file is read like its one-line form. */
  @Test
  void aPrettyPrintedRiskAssessmentInAJsonFileIsRead() {
    Path json = write(dir, "one.json",
        "{",
        "  \"resourceType\": \"RiskAssessment\",",
        "  \"status\": \"final\",",
        "  \"subject\": {\"reference\": \"Patient/P1\"},",
        "  \"encounter\": {\"reference\": \"Encounter/E1\"},",
        "  \"occurrenceDateTime\": \"2024-03-01T08:00:00Z\",",
        "  \"prediction\": [{\"probabilityDecimal\": 0.1}]",
        "}");
    Fixtures.assertSameTable(reader.read(write(dir, "one.ndjson", RA1), FRACTION, Need.SCORE_ONLY), reader.read(json, FRACTION, Need.SCORE_ONLY));
  }

  /** Inside a pretty-printed Bundle a misspelled element is named with its entry and its own line. */
  @Test
  void aMisspelledElementInABundleEntryNamesTheEntryAndItsLine() {
    Path json = write(dir, "export.json",
        "{",
        "  \"resourceType\": \"Bundle\",",
        "  \"type\": \"searchset\",",
        "  \"entry\": [",
        "    {\"resource\": " + RA1 + "},",
        "    {",
        "      \"resource\": {",
        "        \"resourceType\": \"RiskAssessment\", \"status\": \"final\",",
        "        \"subject\": {\"reference\": \"Patient/P1\"},",
        "        \"occurenceDateTime\": \"2024-03-01T09:00:00Z\",",
        "        \"prediction\": [{\"probabilityDecimal\": 0.7}]",
        "      }",
        "    }",
        "  ]",
        "}");
    assertEquals(json + ": line 10, column 'entry[1].resource.occurenceDateTime': unknown element: FHIR R4 has no such element here (misspelled?)",
        message(json, FRACTION, Need.SCORE_ONLY));
  }

  @Test
  void aTransactionBundleIsRefused() {
    Path f = write(dir, "risk.ndjson", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + RA1
        + ",\"request\":{\"method\":\"POST\",\"url\":\"RiskAssessment\"}}]}");
    assertEquals(f + ": line 1, column 'type': a Bundle of type transaction is not read; only searchset and collection Bundles hold"
        + " RiskAssessments to read", message(f, FRACTION, Need.SCORE_ONLY));
  }

  /** A searchset whose server reports an error may be incomplete: refused rather than read as if whole. */
  @Test
  void aSearchsetReportingAnErrorIsRefused() {
    Path f = write(dir, "risk.ndjson", "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":" + RA1
        + ",\"search\":{\"mode\":\"match\"}},{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
        + "\"code\":\"too-costly\",\"diagnostics\":\"result set truncated at 1000\"}]},\"search\":{\"mode\":\"outcome\"}}]}");
    assertEquals(f + ": line 1, column 'entry[1].resource': the server reported an error with this search (result set truncated at 1000):"
        + " its results may be incomplete", message(f, FRACTION, Need.SCORE_ONLY));
  }

  /** Death at 12 % and sepsis at 40 % in one RiskAssessment (SNOMED CT 419620001, 91302008). */
  private static final String TWO_OUTCOMES = "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/P1\"},"
      + "\"prediction\":[{\"outcome\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"419620001\",\"display\":\"Death\"}]},"
      + "\"probabilityDecimal\":12},{\"outcome\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"91302008\",\"display\":\"Sepsis\"}]},"
      + "\"probabilityDecimal\":40}]}";

  @Test
  void thePredictionIsChosenByItsOutcomeCode() {
    Path f = write(dir, "risk.ndjson", TWO_OUTCOMES);
    ScoreTable t = reader.read(f, mapping(ProbabilityUnit.PERCENT, "http://snomed.info/sct|91302008"), Need.SCORE_ONLY);
    assertArrayEquals(new double[] {0.4}, t.scoreColumn(), 0.0);
    assertEquals("prediction[outcome=http://snomed.info/sct|91302008].probabilityDecimal", t.input().mapping().score());
    // The code alone matches any system.
    assertArrayEquals(new double[] {0.12}, reader.read(f, mapping(ProbabilityUnit.PERCENT, "419620001"), Need.SCORE_ONLY).scoreColumn(), 0.0);
  }

  /** No more prediction[0] by default: with several predictions and no outcome chosen, tollgate asks which. */
  @Test
  void severalPredictionsWithoutAnOutcomeChosenAreRefusedNamingTheOption() {
    Path f = write(dir, "risk.ndjson", TWO_OUTCOMES);
    assertEquals(f + ": line 1, column 'prediction': 2 predictions (outcomes http://snomed.info/sct|419620001, http://snomed.info/sct|91302008):"
        + " choose the one to read by its outcome with --fhir-outcome-code SYSTEM|CODE (review.yaml: data.fhir.outcome_code)",
        message(f, PERCENT, Need.SCORE_ONLY));
  }

  @Test
  void anOutcomeCodeNoPredictionHasIsRefusedListingTheOutcomes() {
    Path f = write(dir, "risk.ndjson", TWO_OUTCOMES);
    assertEquals(f + ": line 1, column 'prediction': no prediction has the outcome http://snomed.info/sct|1234 (--fhir-outcome-code);"
        + " the outcomes here: http://snomed.info/sct|419620001, http://snomed.info/sct|91302008",
        message(f, mapping(ProbabilityUnit.PERCENT, "http://snomed.info/sct|1234"), Need.SCORE_ONLY));
  }
}
