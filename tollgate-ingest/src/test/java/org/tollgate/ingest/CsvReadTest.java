package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.ingest.Fixtures.mapping;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

class CsvReadTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  static Path resource(String name) throws Exception {
    return Path.of(CsvReadTest.class.getResource(name).toURI());
  }

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  @Test
  void readsFixtureSortedByEncounterThenTimeWithCodesInIdOrder() throws Exception {
    ScoreTable t = reader.read(resource("predictions.csv"), mapping("age_band", "sex"), Need.SCORE_AND_LABEL);

    assertEquals(6, t.rows());
    assertEquals(4, t.encounterCount());
    assertEquals(List.of("E1", "E2", "E3", "E4"), List.of(t.encounterId(0), t.encounterId(1), t.encounterId(2), t.encounterId(3)));
    assertEquals(3, t.patientCount());
    // P1 -> 0 (E1, E2), P2 -> 1 (E3), P3 -> 2 (E4)
    assertArrayEquals(new int[] {0, 0, 1, 2}, new int[] {t.patient(0), t.patient(1), t.patient(2), t.patient(3)});
    assertArrayEquals(new int[] {0, 0, 1, 2, 2, 3}, t.encounterColumn());
    long[] times = new long[6];
    for (int r = 0; r < 6; r++) {
      times[r] = t.epochSecond(r);
    }
    assertArrayEquals(new long[] {
      epoch("2024-03-01T08:00:00Z"), epoch("2024-03-01T08:15:00Z"), epoch("2024-03-02T08:00:00Z"),
      epoch("2024-03-01T09:45:00Z"), epoch("2024-03-01T10:00:00Z"), epoch("2024-03-03T12:00:00Z")}, times);
    assertEquals(epoch("2024-03-01T08:00:00Z"), t.timeBase());
    assertArrayEquals(new double[] {0.10, 0.35, 0.90, 0.05, 0.20, 0.50}, t.scoreColumn());
    assertArrayEquals(new byte[] {0, 1, 1, 0, 0, 0}, t.labelColumn());
    assertEquals(List.of("age_band", "sex"), t.attributeNames());
    assertArrayEquals(new String[] {"(missing)", "45-64", "65-79"}, t.attributeLevels(0));
    assertArrayEquals(new String[] {"F", "M"}, t.attributeLevels(1));
    assertArrayEquals(new short[] {1, 1, 1, 2, 2, 0}, t.attributeColumn(0));
    assertArrayEquals(new short[] {1, 1, 1, 0, 0, 0}, t.attributeColumn(1));
  }

  @Test
  void provenanceRecordsPathFormatSha256RowsAndMappingUsed() throws Exception {
    Path file = resource("predictions.csv");
    ScoreTable t = reader.read(file, mapping("age_band"), Need.SCORE_ONLY);

    assertEquals(file.toString(), t.input().path());
    assertEquals("csv", t.input().format());
    // Computed with: sha256sum tollgate-ingest/src/test/resources/org/tollgate/ingest/predictions.csv
    assertEquals("901ac21721b7c1806cd4a2815aa23f9050338ac71def0c79bfa39db9d951ba08", t.input().sha256());
    assertEquals(6, t.input().rows());
    assertEquals(0, t.input().duplicateRows());
    assertEquals(List.of("age_band"), t.input().mapping().attributes());
    assertEquals("label", t.input().mapping().label());
  }

  @Test
  void columnsTheCommandDoesNotNeedMayBeAbsent() {
    Path f = write(dir, "scores.csv", "score", "0.2", "0.7");
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY);

    assertEquals(2, t.rows());
    assertFalse(t.hasLabels());
    assertFalse(t.hasTime());
    assertFalse(t.hasEncounters());
    assertFalse(t.hasPatients());
    assertNull(t.input().mapping().label(), "the mapping recorded says the label was not read");
    assertArrayEquals(new double[] {0.2, 0.7}, t.scoreColumn());
  }

  @Test
  void columnsPresentButNotNeededAreStillRead() {
    Path f = write(dir, "scores.csv", "score,label", "0.2,1", "0.7,0");
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY);

    assertTrue(t.hasLabels());
    assertArrayEquals(new byte[] {1, 0}, t.labelColumn());
  }

  @Test
  void withoutTimeRowsKeepFileOrderAndPatientsAreCodedPerRow() {
    Path f = write(dir, "p.csv", "patient_id,score", "b,0.1", "a,0.2", "b,0.3");
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY);

    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, t.scoreColumn());
    assertEquals(2, t.patientCount());
    assertArrayEquals(new int[] {1, 0, 1}, new int[] {t.patient(0), t.patient(1), t.patient(2)});
  }

  @Test
  void labelsAcceptZeroOneTrueFalseInAnyCase() {
    Path f = write(dir, "l.csv", "score,label", "0.1,TRUE", "0.2,false", "0.3, 1 ", "0.4,0", "0.5,True");
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_AND_LABEL);

    assertArrayEquals(new byte[] {1, 0, 1, 0, 1}, t.labelColumn());
  }

  @Test
  void emptyAttributeValueBecomesTheMissingLevel() {
    Path f = write(dir, "a.csv", "score,site", "0.1,north", "0.2,", "0.3,\"\"");
    ScoreTable t = reader.read(f, mapping("site"), Need.SCORE_ONLY);

    assertArrayEquals(new String[] {"(missing)", "north"}, t.attributeLevels(0));
    assertArrayEquals(new short[] {1, 0, 0}, t.attributeColumn(0));
  }

  @Test
  void rawScoreScaleAcceptsAnyFiniteScore() {
    Path f = write(dir, "raw.csv", "score", "-3.5", "12", "1e3");
    ColumnMapping raw = new ColumnMapping("patient_id", "encounter_id", "time", "score", "label", List.of(),
        ColumnMapping.ScoreScale.RAW, null);
    ScoreTable t = reader.read(f, raw, Need.SCORE_ONLY);

    assertArrayEquals(new double[] {-3.5, 12, 1000}, t.scoreColumn());
  }

  @Test
  void semicolonAndTabSeparatedFilesAreRecognisedFromTheHeader() {
    Path semi = write(dir, "semi.csv", "score;label", "0.25;1");
    Path tab = write(dir, "tab.csv", "score\tlabel", "0.75\t0");

    assertEquals(0.25, reader.read(semi, ColumnMapping.defaults(), Need.SCORE_AND_LABEL).score(0));
    assertEquals(0.75, reader.read(tab, ColumnMapping.defaults(), Need.SCORE_AND_LABEL).score(0));
  }

  @Test
  void quotedFieldsWithDelimitersAndNewlinesAndAByteOrderMarkAreRead() {
    Path f = write(dir, "q.csv", "\uFEFF\"score\",\"note, with comma\"", "0.5,\"two", "lines\"", "0.6,plain");
    ScoreTable t = reader.read(f, mapping("note, with comma"), Need.SCORE_ONLY);

    assertArrayEquals(new double[] {0.5, 0.6}, t.scoreColumn());
    assertArrayEquals(new String[] {"plain", "two\nlines"}, t.attributeLevels(0));
  }

  @Test
  void gzipCompressedCsvReadsLikeThePlainFile() throws Exception {
    Path gz = Fixtures.gzip(dir, "p.csv.gz", java.nio.file.Files.readAllLines(resource("predictions.csv")).toArray(new String[0]));
    ScoreTable plain = reader.read(resource("predictions.csv"), mapping("age_band", "sex"), Need.SCORE_AND_LABEL);
    ScoreTable zipped = reader.read(gz, mapping("age_band", "sex"), Need.SCORE_AND_LABEL);

    Fixtures.assertSameTable(plain, zipped);
    assertEquals("csv", zipped.input().format());
  }

  @Test
  void crlfLineEndsAreRead() {
    Path f = write(dir, "crlf.csv", "score,label\r", "0.5,1\r", "0.25,0\r");
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_AND_LABEL);

    assertArrayEquals(new double[] {0.5, 0.25}, t.scoreColumn());
    assertArrayEquals(new byte[] {1, 0}, t.labelColumn());
  }

  @Test
  void unknownExtensionIsSniffedAsCsv() {
    Path f = write(dir, "export.txt", "score,label", "0.5,1");
    assertEquals(InputFormat.CSV, reader.format(f));
    assertEquals(1, reader.read(f, ColumnMapping.defaults(), Need.SCORE_AND_LABEL).rows());
  }

  @Test
  void columnsListsHeaderInFileOrder() throws Exception {
    assertEquals(List.of("patient_id", "encounter_id", "time", "score", "label", "age_band", "sex"),
        reader.columns(resource("predictions.csv")));
  }
}
