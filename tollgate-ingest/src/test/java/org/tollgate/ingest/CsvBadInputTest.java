package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.tollgate.ingest.Fixtures.mapping;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;

/** Every kind of bad CSV input, with the exact message a user sees. Rows are data rows, header not counted. */
class CsvBadInputTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  private String message(Path file, ColumnMapping mapping, Need need) {
    return assertThrows(BadInputException.class, () -> reader.read(file, mapping, need)).getMessage();
  }

  private String message(Path file) {
    return message(file, ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
  }

  @Test
  void missingNeededColumnIsNamedWithTheColumnsPresent() {
    Path f = write(dir, "p.csv", "patient_id,encounter_id,time,score", "P1,E1,2024-01-01T00:00:00Z,0.5");
    assertEquals(f + ": column 'label': missing; columns present: patient_id, encounter_id, time, score", message(f));
  }

  @Test
  void missingAttributeColumnIsAnErrorEvenWhenTheCommandNeedsOnlyScores() {
    Path f = write(dir, "p.csv", "score,sex", "0.5,F");
    assertEquals(f + ": column 'age_band': missing; columns present: score, sex",
        message(f, mapping("age_band"), Need.SCORE_ONLY));
  }

  /** Issue 19 item 13: a 3 MB field was "malformed CSV"; the message says the limit and the line's size (6 + 2 quotes + 3,000,000 bytes). */
  @Test
  void aLineOverTheLineSizeLimitSaysSoInsteadOfMalformed() throws Exception {
    Path f = dir.resolve("big.csv");
    Files.writeString(f, "score,label,note\n0.5,1,ok\n0.5,1,\"" + "x".repeat(3_000_000) + "\"\n");
    String m = message(f);
    assertTrue(m.startsWith(f + ": line "), m);
    assertTrue(m.endsWith(": the line is 3,000,008 bytes, longer than the limit of 2,000,000 bytes per CSV line"
        + " (a value this long is not a prediction log field; is a quote left open?)"), m);
  }

  /** Issue 19 item 13: a UTF-16 file was reported as missing column 'score' while listing it. */
  @Test
  void aUtf16FileIsRefusedSayingItsEncoding() throws Exception {
    Path f = dir.resolve("utf16.csv");
    byte[] body = "score,label\n0.5,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    Files.write(f, bytes);
    assertEquals(f + ": the file is UTF-16 text (it starts with the byte-order mark FF FE); save it as UTF-8", message(f));
    Path noBom = dir.resolve("utf16-nobom.csv");
    Files.write(noBom, body);
    assertEquals(noBom + ": the header holds NUL bytes: the file is not UTF-8 text (UTF-16 without a byte-order mark?); save it as UTF-8",
        message(noBom));
  }

  @Test
  void nonNumericScoreNamesRowAndColumn() {
    Path f = write(dir, "p.csv", "score,label", "0.5,1", "high,0");
    assertEquals(f + ": row 2, column 'score': 'high' is not a number", message(f));
  }

  @Test
  void nanScoreIsRejected() {
    Path f = write(dir, "p.csv", "score,label", "0.5,1", "0.1,0", "NaN,0");
    assertEquals(f + ": row 3, column 'score': NaN is not a score", message(f));
  }

  @Test
  void scoreOutsideUnitIntervalIsRejectedForProbabilities() {
    Path f = write(dir, "p.csv", "score,label", "1.5,1");
    assertEquals(f + ": row 1, column 'score': 1.5 is outside [0, 1]; scores that are not probabilities need score scale RAW (--score-scale raw)",
        message(f));
  }

  @Test
  void infiniteScoreIsRejectedEvenOnTheRawScale() {
    Path f = write(dir, "p.csv", "score", "2", "inf");
    ColumnMapping raw = new ColumnMapping(null, null, null, "score", null, null, ColumnMapping.ScoreScale.RAW, null);
    assertEquals(f + ": row 2, column 'score': 'inf' is not a finite number", message(f, raw, Need.SCORE_ONLY));
  }

  @Test
  void emptyScoreIsAMissingValue() {
    Path f = write(dir, "p.csv", "score,label", "0.5,1", "0.5,1", ",0");
    assertEquals(f + ": row 3, column 'score': missing value", message(f));
  }

  @Test
  void labelOutsideZeroOneTrueFalseIsRejected() {
    Path f = write(dir, "p.csv", "score,label", "0.5,1", "0.5,yes");
    assertEquals(f + ": row 2, column 'label': 'yes' is not a label (expected 0, 1, true or false)", message(f));
  }

  @Test
  void emptyLabelIsAMissingValue() {
    Path f = write(dir, "p.csv", "score,label", "0.5,");
    assertEquals(f + ": row 1, column 'label': missing value", message(f));
  }

  @Test
  void unparseableTimestampIsRejected() {
    Path f = write(dir, "p.csv", "encounter_id,time,score", "E1,2024-03-01T10:00:00,0.5", "E1,03/01/2024 10:15,0.5");
    assertEquals(f + ": row 2, column 'time': '03/01/2024 10:15' is not an ISO-8601 timestamp",
        message(f, ColumnMapping.defaults(), Need.SCORE_STREAM));
  }

  @Test
  void impossibleDateIsRejected() {
    Path f = write(dir, "p.csv", "time,score", "2024-02-30T10:00:00Z,0.5");
    assertEquals(f + ": row 1, column 'time': '2024-02-30T10:00:00Z' is not an ISO-8601 timestamp",
        message(f, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void emptyEncounterIsAMissingValue() {
    Path f = write(dir, "p.csv", "encounter_id,time,score", "E1,2024-03-01T10:00:00Z,0.5", ",2024-03-01T10:00:00Z,0.5");
    assertEquals(f + ": row 2, column 'encounter_id': missing value", message(f, ColumnMapping.defaults(), Need.SCORE_STREAM));
  }

  @Test
  void whenOneRowHasSeveralProblemsTheFirstColumnInFileOrderIsReported() {
    Path f = write(dir, "p.csv", "label,score", "0,0.5", "maybe,2.0");
    assertEquals(f + ": row 2, column 'label': 'maybe' is not a label (expected 0, 1, true or false)", message(f));
  }

  @Test
  void theFirstBadRowInFileOrderIsReportedInALargeFile() {
    // Large enough that DuckDB reads it in parallel chunks; the report must still be the earliest row.
    List<String> lines = new ArrayList<>();
    lines.add("score,label,note");
    for (int i = 1; i <= 600_000; i++) {
      lines.add((i == 423_457 || i == 450_000 || i == 599_999 ? "x" + i : "0.5") + ",1,padding-padding-padding");
    }
    Path f = write(dir, "big.csv", lines.toArray(new String[0]));
    assertEquals(f + ": row 423457, column 'score': 'x423457' is not a number", message(f));
  }

  @Test
  void anEncounterWithTwoPatientsIsRejectedAtTheConflictingRow() {
    Path f = write(dir, "p.csv", "patient_id,encounter_id,time,score",
        "P1,E1,2024-03-01T10:00:00Z,0.1", "P2,E2,2024-03-01T10:00:00Z,0.2", "P3,E1,2024-03-01T11:00:00Z,0.3");
    assertEquals(f + ": row 3, column 'patient_id': differs from the patient id on an earlier row of the same encounter"
        + " (column 'encounter_id'); an encounter belongs to one patient", message(f, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    Path f = dir.resolve("empty.csv");
    Files.createFile(f);
    assertEquals(f + ": empty file: no header and no data rows", message(f));
  }

  @Test
  void headerWithoutDataRowsIsRejected() {
    Path f = write(dir, "p.csv", "score,label");
    assertEquals(f + ": no data rows (only a header)", message(f));
  }

  @Test
  void rowWithTooManyFieldsNamesTheLine() {
    Path f = write(dir, "p.csv", "score,label", "0.5,1", "0.5,1,extra");
    assertEquals(f + ": line 3: expected 2 fields (as in the header), found 3", message(f));
  }

  @Test
  void unterminatedQuoteNamesTheLine() {
    Path f = write(dir, "p.csv", "score,label", "0.5,1", "\"0.5,1", "0.5,1");
    assertEquals(f + ": line 3: a quoted value is not closed", message(f));
  }

  @Test
  void duplicateHeaderNameIsRejected() {
    Path f = write(dir, "p.csv", "score,label,score", "0.5,1,0.5");
    assertEquals(f + ": column 'score': appears twice in the header", message(f));
  }

  @Test
  void aDataColumnNamedRowidDoesNotConfuseRowNumbers() {
    Path f = write(dir, "p.csv", "rowid,score,label", "9,0.5,1", "9,0.5,1", "9,0.5,2");
    assertEquals(f + ": row 3, column 'label': '2' is not a label (expected 0, 1, true or false)", message(f));
  }

  @Test
  void fileNotFound() {
    Path f = dir.resolve("nope.csv");
    assertEquals(f + ": file not found", message(f));
  }

  @Test
  void unreadableFile() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file");
    Path f = write(dir, "p.csv", "score", "0.5");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("-w-------"));
    assertEquals(f + ": cannot read (permission denied)", message(f));
  }

  @Test
  void neededRoleWithNoColumnMappedIsRejected() {
    Path f = write(dir, "p.csv", "score", "0.5");
    ColumnMapping noLabel = new ColumnMapping(null, null, null, "score", null, null, null, null);
    assertEquals(f + ": a label column is needed but the column mapping names none", message(f, noLabel, Need.SCORE_AND_LABEL));
  }

  @Test
  void attributeWithTooManyLevelsIsRejectedUnlessLenient() {
    List<String> lines = new ArrayList<>();
    lines.add("score,note");
    for (int i = 0; i < 33_000; i++) {
      lines.add("0.5,n" + i);
    }
    Path f = write(dir, "wide.csv", lines.toArray(new String[0]));
    assertEquals(f + ": column 'note': 33000 distinct values; an attribute can have at most 32767 (is it an identifier or a measurement?)",
        message(f, mapping("note"), Need.SCORE_ONLY));
    assertTrue(reader.read(f, mapping("note"), Need.SCORE_ONLY.withLenientAttributes()).attributeNames().isEmpty());
  }

  @Test
  void scoreColumnOfWrongTypeInParquetIsRejectedByType() {
    Path f = Fixtures.parquet(dir.resolve("p.parquet"), "SELECT true AS score");
    assertEquals(f + ": column 'score': has type BOOLEAN; expected numbers", message(f, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void timestampsSpanningMoreThan68YearsAreRejected() {
    Path f = write(dir, "p.csv", "time,score", "1950-01-01T00:00:00Z,0.5", "2030-01-01T00:00:00Z,0.5");
    assertEquals(f + ": column 'time': timestamps span more than 68 years (1950-01-01T00:00:00Z to 2030-01-01T00:00:00Z)",
        message(f, ColumnMapping.defaults(), Need.SCORE_ONLY));
    Path naive = write(dir, "n.csv", "time,score", "1950-01-01T00:00:00,0.5", "2030-01-01T00:00:00,0.5");
    ColumnMapping paris = new ColumnMapping(null, null, "time", "score", null, null, null, java.time.ZoneId.of("Europe/Paris"));
    assertEquals(naive + ": column 'time': timestamps span more than 68 years (1949-12-31T23:00:00Z to 2029-12-31T23:00:00Z)",
        message(naive, paris, Need.SCORE_ONLY));
  }
}
