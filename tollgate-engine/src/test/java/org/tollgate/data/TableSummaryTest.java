package org.tollgate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.data.TableSummary.LevelCount;

class TableSummaryTest {

  /** Rows per level: "a" x n1, "b" x n2, ... (one encounter per row, patients "patient-secret-i"). */
  private static ScoreTable withLevels(int... perLevel) {
    ScoreTable.Builder b = new ScoreTable.Builder(true, true, true, true, List.of("site"));
    int row = 0;
    for (int level = 0; level < perLevel.length; level++) {
      for (int i = 0; i < perLevel[level]; i++, row++) {
        b.add("E" + row, "patient-secret-" + (row / 2), 1_700_000_000L + row, 0.5, row % 2, String.valueOf((char) ('a' + level)));
      }
    }
    return b.build(null);
  }

  private static List<LevelCount> levels(ScoreTable t) {
    return TableSummary.of(t).attributes().get(0).levels();
  }

  @Test
  void countsFromOneToTenAreSuppressedElevenIsShown() {
    List<LevelCount> l = levels(withLevels(10, 11, 30, 9));

    assertEquals(new LevelCount("a", null, true), l.get(0));
    assertEquals(new LevelCount("b", 11L, false), l.get(1));
    assertEquals(new LevelCount("c", 30L, false), l.get(2));
    assertEquals(new LevelCount("d", null, true), l.get(3));
  }

  @Test
  void aSingleSuppressedLevelHidesTheNextSmallestSoItCannotBeSubtracted() {
    List<LevelCount> l = levels(withLevels(40, 3, 25, 60));

    assertTrue(l.get(1).suppressed(), "3 is small");
    assertTrue(l.get(2).suppressed(), "25 is the smallest other level, hidden so 3 = total - rest fails");
    assertEquals(40L, l.get(0).count());
    assertEquals(60L, l.get(3).count());
  }

  @Test
  void noSuppressionWhenEveryLevelIsLarge() {
    List<LevelCount> l = levels(withLevels(11, 12));
    assertFalse(l.get(0).suppressed());
    assertFalse(l.get(1).suppressed());
  }

  @Test
  void prevalenceCountsAnEncounterPositiveWhenAnyOfItsRowsIs() {
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, true, List.of());
    // 30 encounters with 3 rows each; encounters 0..11 have one positive row (the last).
    for (int e = 0; e < 30; e++) {
      for (int k = 0; k < 3; k++) {
        b.add("E" + e, null, 1_700_000_000L + 60L * k, 0.1 * k, e < 12 && k == 2 ? 1 : 0);
      }
    }
    TableSummary.Prevalence p = TableSummary.of(b.build(null)).prevalence();

    assertEquals("encounter", p.unit());
    assertEquals(30, p.total());
    assertEquals(12L, p.positives());
    assertEquals(0.4, p.value(), 1e-15);
  }

  @Test
  void prevalenceIsPerRowWithoutEncounters() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of());
    for (int r = 0; r < 50; r++) {
      b.add(null, null, 0, 0.5, r < 20 ? 1 : 0);
    }
    TableSummary.Prevalence p = TableSummary.of(b.build(null)).prevalence();
    assertEquals(new TableSummary.Prevalence("row", 50, 20L, 0.4, false), p);
  }

  @Test
  void prevalenceIsSuppressedWhenPositivesAreFew() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of());
    for (int r = 0; r < 500; r++) {
      b.add(null, null, 0, 0.5, r < 4 ? 1 : 0);
    }
    TableSummary.Prevalence p = TableSummary.of(b.build(null)).prevalence();
    assertEquals(new TableSummary.Prevalence("row", 500, null, null, true), p);
  }

  @Test
  void noLabelsNoPrevalence() {
    ScoreTable t = new ScoreTable.Builder(false, false, false, false, List.of()).add(null, null, 0, 0.5, 0).build(null);
    assertNull(TableSummary.of(t).prevalence());
  }

  @Test
  void timeSpanIsGivenAsIsoInstants() {
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, false, List.of());
    b.add("E1", null, Instant.parse("2024-03-01T10:00:00Z").getEpochSecond(), 0.5, 0);
    b.add("E1", null, Instant.parse("2024-02-01T08:30:00Z").getEpochSecond(), 0.5, 0);
    TableSummary s = TableSummary.of(b.build(null));

    assertEquals("2024-02-01T08:30:00Z", s.first());
    assertEquals("2024-03-01T10:00:00Z", s.last());
  }

  @Test
  void scoreStatisticsSkipMissingScores() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, false, List.of());
    for (double v : new double[] {0.2, Double.NaN, 0.6, 0.1}) {
      b.add(null, null, 0, v, 0);
    }
    TableSummary.ScoreStats s = TableSummary.of(b.build(null)).score();
    assertEquals(new TableSummary.ScoreStats(0.1, 0.6, 0.3, 1), new TableSummary.ScoreStats(s.min(), s.max(),
        Math.round(s.mean() * 1e12) / 1e12, s.missing()));
  }

  @Test
  void patientsAreCountedButTheirIdsAppearNowhereInTheSummary() {
    ScoreTable t = withLevels(20, 20);
    TableSummary s = TableSummary.of(t);

    assertEquals(20, s.patients());
    assertEquals(40, s.encounters());
    assertFalse(s.toString().contains("patient-secret"), s.toString());
  }
}
