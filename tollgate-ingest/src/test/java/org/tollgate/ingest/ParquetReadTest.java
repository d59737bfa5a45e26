package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tollgate.ingest.Fixtures.mapping;
import static org.tollgate.ingest.Fixtures.parquet;
import static org.tollgate.ingest.Fixtures.sqlPath;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

class ParquetReadTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  private static Path fixture() throws Exception {
    return CsvReadTest.resource("predictions.csv");
  }

  private String message(Path file, ColumnMapping mapping, Need need) {
    return assertThrows(BadInputException.class, () -> reader.read(file, mapping, need)).getMessage();
  }

  /** The fixture as Parquet with native types: TIMESTAMPTZ, DECIMAL score, BOOLEAN label. */
  private Path typedParquet(Path out) throws Exception {
    return parquet(out, "SELECT patient_id, encounter_id, CAST(time AS TIMESTAMPTZ) AS time,"
        + " CAST(score AS DECIMAL(5, 2)) AS score, CAST(label AS BOOLEAN) AS label, age_band, sex"
        + " FROM read_csv(" + sqlPath(fixture()) + ", all_varchar = true)");
  }

  @Test
  void parquetWithNativeTypesReadsToTheSameTableAsCsv() throws Exception {
    ScoreTable csv = reader.read(fixture(), mapping("age_band", "sex"), Need.SCORE_AND_LABEL);
    ScoreTable pq = reader.read(typedParquet(dir.resolve("p.parquet")), mapping("age_band", "sex"), Need.SCORE_AND_LABEL);

    Fixtures.assertSameTable(csv, pq);
    assertEquals("parquet", pq.input().format());
  }

  @Test
  void parquetWithTextColumnsReadsToTheSameTableAsCsv() throws Exception {
    Path p = parquet(dir.resolve("text.parquet"), "SELECT * FROM read_csv(" + sqlPath(fixture()) + ", all_varchar = true)");
    Fixtures.assertSameTable(
        reader.read(fixture(), mapping("age_band", "sex"), Need.SCORE_AND_LABEL),
        reader.read(p, mapping("age_band", "sex"), Need.SCORE_AND_LABEL));
  }

  @Test
  void naiveParquetTimestampIsTakenInTheMappingZone() {
    Path p = parquet(dir.resolve("naive.parquet"),
        "SELECT TIMESTAMP '2024-07-01 10:00:00' AS time, 0.5 AS score UNION ALL SELECT TIMESTAMP '2024-01-15 10:00:00', 0.5");
    ColumnMapping ny = new ColumnMapping(null, null, "time", "score", null, null, null, ZoneId.of("America/New_York"));
    ScoreTable t = reader.read(p, ny, Need.SCORE_ONLY);

    // Rows without encounters keep file order. Summer is EDT (-4), winter EST (-5).
    assertEquals(Instant.parse("2024-07-01T14:00:00Z").getEpochSecond(), t.epochSecond(0));
    assertEquals(Instant.parse("2024-01-15T15:00:00Z").getEpochSecond(), t.epochSecond(1));
  }

  @Test
  void directoryOfParquetFilesReadsInNameOrderLikeOneFile() throws Exception {
    Path csvView = fixture();
    Path parts = Files.createDirectory(dir.resolve("parts"));
    String src = "read_csv(" + sqlPath(csvView) + ", all_varchar = true)";
    parquet(parts.resolve("part-1.parquet"), "SELECT * FROM " + src + " WHERE encounter_id IN ('E1', 'E3')");
    parquet(parts.resolve("part-2.parquet"), "SELECT * FROM " + src + " WHERE encounter_id NOT IN ('E1', 'E3')");
    Files.writeString(parts.resolve("_SUCCESS"), "");

    ScoreTable whole = reader.read(csvView, mapping("age_band", "sex"), Need.SCORE_AND_LABEL);
    ScoreTable fromDir = reader.read(parts, mapping("age_band", "sex"), Need.SCORE_AND_LABEL);
    ScoreTable fromGlob = reader.read(parts.resolve("part-*.parquet"), mapping("age_band", "sex"), Need.SCORE_AND_LABEL);

    Fixtures.assertSameTable(whole, fromDir);
    Fixtures.assertSameTable(whole, fromGlob);
    // SHA-256 of a directory: the files' bytes concatenated in name order.
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(Files.readAllBytes(parts.resolve("part-1.parquet")));
    md.update(Files.readAllBytes(parts.resolve("part-2.parquet")));
    assertEquals(HexFormat.of().formatHex(md.digest()), fromDir.input().sha256());
    assertEquals(fromDir.input().sha256(), fromGlob.input().sha256());
  }

  @Test
  void badValueInTheSecondFileOfADirectoryNamesThatFileAndItsRow() throws Exception {
    Path parts = Files.createDirectory(dir.resolve("parts"));
    parquet(parts.resolve("a.parquet"), "SELECT 0.5 AS score FROM range(5)");
    parquet(parts.resolve("b.parquet"), "SELECT CASE WHEN i = 3 THEN 7.0 ELSE 0.5 END AS score FROM range(5) t(i)");
    assertEquals(parts.resolve("b.parquet") + ": row 4, column 'score': 7.0 is outside [0, 1];"
        + " scores that are not probabilities need score scale RAW (--score-scale raw)",
        message(parts, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void aDataColumnNamedFilenameIsReadLikeAnyOther() {
    Path p = parquet(dir.resolve("p.parquet"), "SELECT 'x.csv' AS filename, 0.5 AS score, 'n' AS site FROM range(3)");
    ScoreTable t = reader.read(p, mapping("filename"), Need.SCORE_ONLY);
    assertArrayEquals(new String[] {"x.csv"}, t.attributeLevels(0));
  }

  @Test
  void nullScoreInParquetIsAMissingValue() {
    Path p = parquet(dir.resolve("p.parquet"), "SELECT CASE WHEN i = 2 THEN NULL ELSE 0.5 END AS score FROM range(4) t(i)");
    assertEquals(p + ": row 3, column 'score': missing value", message(p, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  /**
   * A sorted 5,000-row log with typed columns, one value spoiled at file row 4,001 (0-based i = 4000),
   * read in one part and cut into three: the reader checks score, label and time while it pulls the
   * rows, and each way must name the same row and column.
   */
  private void assertSpoiledRow(String score, String label, String time, ColumnMapping mapping, String expected) {
    Path p = parquet(dir.resolve("spoiled-" + Math.abs((score + label + time + mapping).hashCode()) + ".parquet"),
        "SELECT 'P' || (i // 50) AS patient_id, 'E' || lpad(CAST(i // 50 AS VARCHAR), 4, '0') AS encounter_id,"
        + " CASE WHEN i = 4000 THEN " + time + " ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_minutes(i % 50) END AS time,"
        + " CAST(CASE WHEN i = 4000 THEN " + score + " ELSE 0.25 END AS DOUBLE) AS score,"
        + " CASE WHEN i = 4000 THEN " + label + " ELSE 0 END AS label FROM range(5000) t(i) ORDER BY i");
    for (int parts : new int[] {0, 3}) {
      DuckDbReader.forcedParts = parts;
      try {
        assertEquals(p + ": row 4001, column " + expected, message(p, mapping, Need.SCORE_AND_LABEL), parts + " parts");
      } finally {
        DuckDbReader.forcedParts = 0;
      }
    }
  }

  @Test
  void badScoreLabelOrTimeDeepInASortedFileIsNamedByRowAndColumn() {
    ColumnMapping probability = ColumnMapping.defaults();
    ColumnMapping raw = new ColumnMapping(probability.id(), probability.encounter(), probability.time(), probability.score(),
        probability.label(), List.of(), ColumnMapping.ScoreScale.RAW, probability.zone());
    String ok = "TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_minutes(i % 50)";
    assertSpoiledRow("CAST('NaN' AS DOUBLE)", "0", ok, probability, "'score': NaN is not a score");
    assertSpoiledRow("CAST('NaN' AS DOUBLE)", "0", ok, raw, "'score': NaN is not a score");
    assertSpoiledRow("CAST('Infinity' AS DOUBLE)", "0", ok, raw, "'score': 'inf' is not a finite number");
    assertSpoiledRow("1.5", "0", ok, probability,
        "'score': 1.5 is outside [0, 1]; scores that are not probabilities need score scale RAW (--score-scale raw)");
    assertSpoiledRow("-0.5", "0", ok, probability,
        "'score': -0.5 is outside [0, 1]; scores that are not probabilities need score scale RAW (--score-scale raw)");
    assertSpoiledRow("NULL", "0", ok, probability, "'score': missing value");
    assertSpoiledRow("0.5", "NULL", ok, probability, "'label': missing value");
    assertSpoiledRow("0.5", "3", ok, probability, "'label': '3' is not a label (expected 0, 1, true or false)");
    assertSpoiledRow("0.5", "0", "NULL", probability, "'time': missing value");
  }

  /**
   * With three attribute columns the diagnosis once quoted an attribute's value for the score (issue 19 item 11):
   * a NULL score on row 5 read "'1-2' is not a number", a score of 1.5 "White is outside [0, 1]".
   */
  @Test
  void aBadScoreBesideThreeAttributeColumnsQuotesTheScoreItself() {
    String rows = "SELECT 'P' || i AS patient_id, 'E' || i AS encounter_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_minutes(i) AS time,"
        + " CASE WHEN i = 5 THEN %s ELSE 0.5 END AS score, i %% 2 AS label, '1-2' AS visits, 'White' AS race, 'north' AS site"
        + " FROM range(1, 9) t(i) ORDER BY i";
    ColumnMapping m = mapping("visits", "race", "site");
    Path nullScore = parquet(dir.resolve("null.parquet"), String.format(rows, "CAST(NULL AS DOUBLE)"));
    assertEquals(nullScore + ": row 5, column 'score': missing value", message(nullScore, m, Need.SCORE_AND_LABEL));
    Path high = parquet(dir.resolve("high.parquet"), String.format(rows, "1.5"));
    assertEquals(high + ": row 5, column 'score': 1.5 is outside [0, 1]; scores that are not probabilities need score scale RAW"
        + " (--score-scale raw)", message(high, m, Need.SCORE_AND_LABEL));
  }

  @Test
  void integerLabelOtherThanZeroOrOneIsRejected() {
    Path p = parquet(dir.resolve("p.parquet"), "SELECT 0.5 AS score, CAST(i AS INTEGER) AS label FROM range(3) t(i)");
    assertEquals(p + ": row 3, column 'label': '2' is not a label (expected 0, 1, true or false)",
        message(p, ColumnMapping.defaults(), Need.SCORE_AND_LABEL));
  }

  @Test
  void numericTimeColumnIsRejectedByType() {
    Path p = parquet(dir.resolve("p.parquet"), "SELECT 0.5 AS score, 1700000000 AS time");
    assertEquals(p + ": column 'time': has type INTEGER; expected timestamps or ISO-8601 text",
        message(p, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void directoryWithoutParquetFilesIsRejected() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "hello");
    assertEquals(empty + ": directory has no .parquet files", message(empty, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void globMatchingNothingIsRejected() {
    Path g = dir.resolve("part-*.parquet");
    assertEquals(g + ": no files match", message(g, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void corruptParquetFileIsRejectedWithoutAStackTrace() throws Exception {
    Path p = dir.resolve("bad.parquet");
    Files.writeString(p, "this is not a parquet file at all, just some text that is long enough");
    String m = message(p, ColumnMapping.defaults(), Need.SCORE_ONLY);
    assertEquals(p + ": not a readable Parquet file: No magic bytes found at end of file '" + p + "'", m);
  }

  @Test
  void truncatedParquetFileIsRejected() throws Exception {
    Path good = parquet(dir.resolve("good.parquet"), "SELECT 0.5 AS score FROM range(1000)");
    byte[] bytes = Files.readAllBytes(good);
    ByteArrayOutputStream half = new ByteArrayOutputStream();
    half.write(bytes, 0, bytes.length / 2);
    Path p = Files.write(dir.resolve("truncated.parquet"), half.toByteArray());
    assertEquals(p + ": not a readable Parquet file: No magic bytes found at end of file '" + p + "'",
        message(p, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void parquetWithNoRowsIsRejected() {
    Path p = parquet(dir.resolve("p.parquet"), "SELECT 0.5 AS score WHERE false");
    assertEquals(p + ": no data rows", message(p, ColumnMapping.defaults(), Need.SCORE_ONLY));
  }

  @Test
  void parquetIsRecognisedByItsMagicBytesWhateverItsName() {
    Path p = parquet(dir.resolve("export.bin"), "SELECT 0.25 AS score");
    assertEquals(InputFormat.PARQUET, reader.format(p));
    assertArrayEquals(new double[] {0.25}, reader.read(p, ColumnMapping.defaults(), Need.SCORE_ONLY).scoreColumn());
  }

  @Test
  void columnsListsParquetSchemaInOrder() {
    Path p = parquet(dir.resolve("p.parquet"), "SELECT 0.25 AS score, 'F' AS sex, 1 AS label");
    assertEquals(List.of("score", "sex", "label"), reader.columns(p));
  }
}
