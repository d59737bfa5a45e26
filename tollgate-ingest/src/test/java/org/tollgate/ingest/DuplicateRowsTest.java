package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.ingest.Fixtures.mapping;
import static org.tollgate.ingest.Fixtures.riskAssessment;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

class DuplicateRowsTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  private Path csvWithDuplicates() {
    return write(dir, "dup.csv", "encounter_id,time,score,label,site",
        "E1,2024-03-01T10:00:00Z,0.30,0,a",
        "E1,2024-03-01T10:00:00Z,0.80,1,b",
        "E1,2024-03-01T10:00:00+00:00,0.50,0,c",
        "E1,2024-03-01T11:00:00Z,0.10,0,a",
        "E2,2024-03-01T10:00:00Z,0.20,0,a");
  }

  @Test
  void duplicateEncounterTimeRowsKeepTheHighestScoreWithItsLabelAndAttributes() {
    ScoreTable t = reader.read(csvWithDuplicates(), mapping("site"), Need.SCORE_AND_LABEL);

    assertEquals(3, t.rows());
    assertArrayEquals(new double[] {0.80, 0.10, 0.20}, t.scoreColumn());
    assertArrayEquals(new byte[] {1, 0, 0}, t.labelColumn());
    assertEquals("b", t.attributeLevel(0, t.attributeCode(0, 0)));
    assertEquals(5, t.input().rows(), "rows read counts every row");
    assertEquals(2, t.input().duplicateRows());
  }

  @Test
  void duplicatesAreReportedAsAWarningNotAnError() {
    ScoreTable t = reader.read(csvWithDuplicates(), ColumnMapping.defaults(), Need.SCORE_ONLY);
    assertEquals(List.of(t.input().path() + ": 2 duplicate (encounter, time) rows dropped;"
        + " the highest score of each (encounter, time) was kept"), PredictionReader.warnings(t.input()));
  }

  @Test
  void noDuplicatesNoWarning() throws Exception {
    ScoreTable t = reader.read(CsvReadTest.resource("predictions.csv"), ColumnMapping.defaults(), Need.SCORE_ONLY);
    assertEquals(List.of(), PredictionReader.warnings(t.input()));
  }

  @Test
  void parquetAndNdjsonDropTheSameDuplicates() {
    ScoreTable csv = reader.read(csvWithDuplicates(), ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
    Path pq = Fixtures.parquet(dir.resolve("dup.parquet"), "SELECT * FROM read_csv(" + Fixtures.sqlPath(csvWithDuplicates()) + ", all_varchar = true)");
    Path nd = write(dir, "dup.ndjson",
        riskAssessment("P1", "E1", "2024-03-01T10:00:00Z", "0.30", false),
        riskAssessment("P1", "E1", "2024-03-01T10:00:00Z", "0.80", true),
        riskAssessment("P1", "E1", "2024-03-01T10:00:00+00:00", "0.50", false),
        riskAssessment("P1", "E1", "2024-03-01T11:00:00Z", "0.10", false),
        riskAssessment("P2", "E2", "2024-03-01T10:00:00Z", "0.20", false));
    // The RiskAssessments hold 0-1 fractions (R4's unit is percent): said so, as a user must.
    ColumnMapping noPatients = new ColumnMapping(null, "encounter_id", "time", "score", "label", null, null, null,
        new ColumnMapping.Fhir(ColumnMapping.ProbabilityUnit.FRACTION, null));

    Fixtures.assertSameTable(csv, reader.read(pq, ColumnMapping.defaults(), Need.SCORE_AND_LABEL));
    ScoreTable fhir = reader.read(nd, noPatients, Need.SCORE_AND_LABEL);
    Fixtures.assertSameTable(csv, fhir);
    assertEquals(2, fhir.input().duplicateRows());
  }

  @Test
  void tiedScoresKeepTheRowLabelledPositive() {
    Path f = write(dir, "tie.csv", "encounter_id,time,score,label", "E1,2024-03-01T10:00:00Z,0.5,0", "E1,2024-03-01T10:00:00Z,0.5,1",
        "E1,2024-03-01T10:00:00Z,0.5,0");
    ScoreTable t = reader.read(f, ColumnMapping.defaults(), Need.SCORE_AND_LABEL);
    assertEquals(1, t.rows());
    assertEquals(1, t.label(0));
  }
}
