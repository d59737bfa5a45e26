package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tollgate.ingest.Fixtures.mapping;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

/**
 * The reader takes a file already in (encounter, time) order as it stands and sorts only files that
 * are not; both must give the table worked out by hand below, as CSV and as Parquet.
 */
class FileOrderReadTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  private static final String HEADER = "patient_id,encounter_id,time,score,label,site";

  /** Sorted by (encounter, time), with two duplicate (E1, 10:00) rows and a duplicate (E2, 09:00) pair. */
  private static final String[] SORTED = {
      "P1,E1,2024-03-01T10:00:00Z,0.30,0,b",
      "P1,E1,2024-03-01T10:00:00Z,0.80,0,c",
      "P1,E1,2024-03-01T10:00:00Z,0.80,1,a",
      "P1,E1,2024-03-01T11:00:00Z,0.10,0,a",
      "P2,E2,2024-03-01T09:00:00Z,0.40,1,c",
      "P2,E2,2024-03-01T09:00:00Z,0.20,0,a",
      "P3,E3,2024-03-02T00:00:00Z,0.60,0,b",
  };

  private Path csv(String name, String... rows) {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.addAll(List.of(rows));
    return write(dir, name, lines.toArray(new String[0]));
  }

  private Path parquet(Path csv) {
    return Fixtures.parquet(dir.resolve(csv.getFileName() + ".parquet"),
        "SELECT * FROM read_csv(" + Fixtures.sqlPath(csv) + ", all_varchar = true)");
  }

  /**
   * By hand: E1 10:00 keeps 0.80 labelled 1 (equal scores: label 1 wins) at site a; E1 11:00 0.10; E2
   * 09:00 keeps 0.40 (label 1, site c); E3 0.60. Three duplicates dropped. Sites a, b, c are codes 0-2.
   */
  private static void assertHandWorked(ScoreTable t) {
    assertEquals(4, t.rows());
    assertEquals(3, t.input().duplicateRows());
    assertEquals(7, t.input().rows());
    assertArrayEquals(new double[] {0.80, 0.10, 0.40, 0.60}, t.scoreColumn());
    assertArrayEquals(new byte[] {1, 0, 1, 0}, t.labelColumn());
    assertEquals(List.of("E1", "E1", "E2", "E3"), List.of(id(t, 0), id(t, 1), id(t, 2), id(t, 3)));
    assertEquals(Instant.parse("2024-03-01T10:00:00Z").getEpochSecond(), t.epochSecond(0));
    assertEquals(Instant.parse("2024-03-01T11:00:00Z").getEpochSecond(), t.epochSecond(1));
    assertEquals(Instant.parse("2024-03-01T09:00:00Z").getEpochSecond(), t.epochSecond(2));
    assertEquals(Instant.parse("2024-03-02T00:00:00Z").getEpochSecond(), t.epochSecond(3));
    assertArrayEquals(new String[] {"a", "b", "c"}, t.attributeLevels(0));
    assertEquals(List.of("a", "a", "c", "b"), List.of(site(t, 0), site(t, 1), site(t, 2), site(t, 3)));
    assertEquals(3, t.patientCount());
    assertEquals(List.of(0, 1, 2), List.of(t.patient(0), t.patient(1), t.patient(2)));
  }

  private static String id(ScoreTable t, int row) {
    return t.encounterId(t.encounter(row));
  }

  private static String site(ScoreTable t, int row) {
    return t.attributeLevel(0, t.attributeCode(0, row));
  }

  /** Writes the rows as CSV and as Parquet and checks both read to the hand-worked table. */
  private void assertBothFormatsReadHandWorked(String name, String... rows) {
    Path f = csv(name, rows);
    assertHandWorked(reader.read(f, mapping("site"), Need.SCORE_AND_LABEL));
    assertHandWorked(reader.read(parquet(f), mapping("site"), Need.SCORE_AND_LABEL));
  }

  @Test
  void fileInEncounterTimeOrderReadsToTheHandWorkedTable() {
    assertBothFormatsReadHandWorked("sorted.csv", SORTED);
  }

  @Test
  void fileInReverseOrderReadsToTheSameTable() {
    String[] reversed = new String[SORTED.length];
    for (int i = 0; i < SORTED.length; i++) {
      reversed[i] = SORTED[SORTED.length - 1 - i];
    }
    assertBothFormatsReadHandWorked("reversed.csv", reversed);
  }

  @Test
  void fileOutOfOrderOnlyAtItsLastRowIsStillSorted() {
    // The E1 11:00 row moved to the end: every key before it rises, the last one falls.
    assertBothFormatsReadHandWorked("late.csv", SORTED[0], SORTED[1], SORTED[2], SORTED[4], SORTED[5], SORTED[6], SORTED[3]);
  }

  @Test
  void duplicatesSplitAcrossTheFileAreStillDropped() {
    assertBothFormatsReadHandWorked("split.csv", SORTED[1], SORTED[4], SORTED[6], SORTED[3], SORTED[0], SORTED[5], SORTED[2]);
  }

  @Test
  void rowsSwappedAcrossAChunkBoundaryAreStillSorted() {
    // 50 encounters x 100 quarter-hours = 5,000 rows in order, then file rows 2047 and 2048 (DuckDB
    // hands rows over in chunks of 2,048) swapped: no chunk sees the fall, the whole-table check must.
    List<String> rows = new ArrayList<>();
    for (int e = 0; e < 50; e++) {
      for (int i = 0; i < 100; i++) {
        rows.add(String.format("P%d,E%02d,%s,%s,%d,x", e, e, Instant.ofEpochSecond(1_700_000_000L + 900L * i),
            score(e * 100 + i), i == 99 ? 1 : 0));
      }
    }
    rows.set(2047, rows.set(2048, rows.get(2047)));
    Path f = csv("boundary.csv", rows.toArray(new String[0]));
    for (Path file : List.of(f, parquet(f))) {
      ScoreTable t = reader.read(file, mapping("site"), Need.SCORE_AND_LABEL);
      assertEquals(5000, t.rows());
      assertEquals(0, t.input().duplicateRows());
      for (int k = 0; k < 5000; k++) {
        assertEquals(String.format("E%02d", k / 100), id(t, k), "encounter of row " + k);
        assertEquals(1_700_000_000L + 900L * (k % 100), t.epochSecond(k), "time of row " + k);
        assertEquals(Double.parseDouble(score(k)), t.score(k), "score of row " + k);
      }
    }
  }

  private static String score(int k) {
    return "0." + String.format("%03d", (k * 37) % 1000);
  }

  @Test
  void attributeWithManyLevelsIsCodedInValueOrderLikeOneWithFew() {
    // 100 levels (more than the reader lists inline) next to 3; each row's code must name its own value.
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add("P1,E1," + Instant.ofEpochSecond(1_700_000_000L + 60L * i) + ",0.5,0,w" + (1000 + (i * 37) % 100) + ",s" + (i % 3));
    }
    List<String> lines = new ArrayList<>();
    lines.add("patient_id,encounter_id,time,score,label,ward,shift");
    lines.addAll(rows);
    Path f = write(dir, "levels.csv", lines.toArray(new String[0]));
    for (Path file : List.of(f, parquet(f))) {
      ScoreTable t = reader.read(file, mapping("ward", "shift"), Need.SCORE_AND_LABEL);
      assertEquals(300, t.rows());
      assertEquals(100, t.attributeLevels(0).length);
      assertEquals("w1000", t.attributeLevels(0)[0]);
      assertEquals("w1099", t.attributeLevels(0)[99]);
      assertArrayEquals(new String[] {"s0", "s1", "s2"}, t.attributeLevels(1));
      for (int i = 0; i < 300; i++) {
        assertEquals("w" + (1000 + (i * 37) % 100), t.attributeLevel(0, t.attributeCode(0, i)), "ward of row " + i);
        assertEquals("s" + (i % 3), t.attributeLevel(1, t.attributeCode(1, i)), "shift of row " + i);
      }
    }
  }

  @Test
  void attributesWithOneValuePerEncounterAreCodedLikeRowAttributes() {
    // age holds one value per encounter (E3's is missing on every row); sex is empty on E2's first row
    // and missing on its second, which read alike, "(missing)", though they differ in the file; unit
    // changes within E1. E1 10:00 is duplicated: the 0.9 row stays, with its unit "icu".
    String[] rows = {
        "patient_id,encounter_id,time,score,label,age,sex,unit",
        "P1,E1,2024-03-01T10:00:00Z,0.2,0,75+,F,ward",
        "P1,E1,2024-03-01T10:00:00Z,0.9,0,75+,F,icu",
        "P1,E1,2024-03-01T11:00:00Z,0.3,0,75+,F,ward",
        "P2,E2,2024-03-01T09:00:00Z,0.4,1,18-44,\"\",icu",
        "P2,E2,2024-03-01T10:00:00Z,0.5,1,18-44,,icu",
        "P3,E3,2024-03-02T00:00:00Z,0.6,0,,M,ward",
        "P3,E3,2024-03-02T01:00:00Z,0.7,0,,M,ward",
    };
    Path f = write(dir, "per-encounter.csv", rows);
    for (Path file : List.of(f, parquet(f))) {
      ScoreTable t = reader.read(file, mapping("age", "sex", "unit"), Need.SCORE_AND_LABEL);
      assertEquals(6, t.rows());
      assertArrayEquals(new double[] {0.9, 0.3, 0.4, 0.5, 0.6, 0.7}, t.scoreColumn());
      assertArrayEquals(new String[] {"(missing)", "18-44", "75+"}, t.attributeLevels(0));
      assertArrayEquals(new String[] {"(missing)", "F", "M"}, t.attributeLevels(1));
      assertArrayEquals(new String[] {"icu", "ward"}, t.attributeLevels(2));
      String[][] expected = {
          {"75+", "F", "icu"}, {"75+", "F", "ward"}, {"18-44", "(missing)", "icu"}, {"18-44", "(missing)", "icu"},
          {"(missing)", "M", "ward"}, {"(missing)", "M", "ward"}};
      for (int r = 0; r < 6; r++) {
        for (int a = 0; a < 3; a++) {
          assertEquals(expected[r][a], t.attributeLevel(a, t.attributeCode(a, r)), file + ": row " + r + ", attribute " + a);
        }
      }
    }
  }

  @Test
  void patientConflictInAnOrderedFileNamesTheRow() {
    Path f = csv("conflict.csv", SORTED[0], SORTED[3], "P9,E1,2024-03-01T12:00:00Z,0.1,0,a", SORTED[6]);
    String expected = ": row 3, column 'patient_id': differs from the patient id on an earlier row of the same encounter"
        + " (column 'encounter_id'); an encounter belongs to one patient";
    assertEquals(f + expected, assertThrows(BadInputException.class,
        () -> reader.read(f, ColumnMapping.defaults(), Need.SCORE_ONLY)).getMessage());
    Path p = parquet(f);
    assertEquals(p + expected, assertThrows(BadInputException.class,
        () -> reader.read(p, ColumnMapping.defaults(), Need.SCORE_ONLY)).getMessage());
  }
}
