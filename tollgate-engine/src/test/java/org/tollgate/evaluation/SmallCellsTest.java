package org.tollgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.data.ScoreTable;

/** The CMS cell-size rule: counts of 1 to 10 withheld, a zero shown, complementary withholding where cells add up. */
class SmallCellsTest {
  @Test
  void countsOfOneToTenAreWithheldAndZeroAndElevenAreShown() {
    assertFalse(SmallCells.withheld(0, 11));
    assertTrue(SmallCells.withheld(1, 11));
    assertTrue(SmallCells.withheld(10, 11));
    assertFalse(SmallCells.withheld(11, 11));
    assertEquals(0L, SmallCells.shown(0, 11));
    assertNull(SmallCells.shown(7, 11));
    assertTrue(SmallCells.anyWithheld(11, 0, 50, 3));
    assertFalse(SmallCells.anyWithheld(11, 0, 50, 11));
  }

  @Test
  void aLoneWithheldSiblingWithholdsTheSmallestOtherNonEmptyOne() {
    boolean[] w = {false, true, false, false};
    SmallCells.complement(w, new long[] {500, 8, 0, 40});
    assertArrayEquals(new boolean[] {false, true, false, true}, w, "the empty sibling is never picked");
    boolean[] two = {true, true, false};
    SmallCells.complement(two, new long[] {5, 6, 100});
    assertArrayEquals(new boolean[] {true, true, false}, two, "two withheld already hide each other");
  }

  /**
   * A stratum with no false positives shows its confusion matrix with FP = 0 (before the CMS rule a zero withheld it whole);
   * M's 5 false positives are withheld, and X, the smallest other group, with it (the groups add up to the overall counts).
   */
  @Test
  void aStratumWithNoFalsePositivesIsShownWithAZero() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of("sex"));
    int[][] cells = {{50, 20, 0, 100}, {40, 15, 5, 90}, {30, 12, 20, 60}};
    String[] sex = {"F", "M", "X"};
    for (int g = 0; g < 3; g++) {
      double[] score = {0.9, 0.1, 0.9, 0.1};
      int[] label = {1, 1, 0, 0};
      for (int k = 0; k < 4; k++) for (int i = 0; i < cells[g][k]; i++) b.add(null, null, 0, score[k], label[k], sex[g]);
    }
    Evaluation e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults().withBy(List.of("sex"), false));
    StratumResult f = e.strata().get(0);
    assertEquals("F", f.by().get("sex"));
    assertNull(f.suppression());
    assertEquals(0L, f.fp());
    assertEquals(50L, f.tp());
    assertEquals(1.0, f.metrics().get("ppv").estimate(), 0);
    assertEquals("counts", e.strata().get(1).suppression());
    assertEquals("counts", e.strata().get(2).suppression());
  }

  /**
   * Hand-worked: alerts 67 = timely 60 + late 0 + false 7, not timely 7 = late + false. The 7 false alerts are withheld, and
   * so is the smallest other non-empty part of the shown total (timely, 60: alerts − timely would give 7 back); the zero is shown.
   */
  @Test
  void aLoneSmallPartOfAShownTotalWithholdsTheSmallestOtherNonEmptyPart() {
    long[] cells = {67, 60, 0, 7, 7};
    int[][] sums = {{0, 1, 2, 3}, {0, 1, 4}, {4, 2, 3}};
    assertArrayEquals(new boolean[] {false, true, false, true, true}, SmallCells.withhold(cells, sums, 11));
  }

  /** Two small parts whose sum is small too (late 3 + false 4 = 7): the sum would be the total minus the shown part, so that part goes. */
  @Test
  void withheldPartsWhoseSumIsSmallWithholdOneMorePart() {
    long[] cells = {407, 400, 3, 4};
    assertArrayEquals(new boolean[] {false, true, true, true}, SmallCells.withhold(cells, new int[][] {{0, 1, 2, 3}}, 11));
    // 300 + 5 + 200: the withheld 5 and the smallest other (200) add up to 205, not a small cell; nothing more.
    assertArrayEquals(new boolean[] {false, false, true, true}, SmallCells.withhold(new long[] {505, 300, 5, 200}, new int[][] {{0, 1, 2, 3}}, 11));
  }

  /**
   * A total withheld as a complement (encounters 25 = with the outcome 20 + without 5: the 5 goes, then the 20) whose own
   * parts are all shown (20 = detected 20 + missed 0) would be their sum: the non-empty part is withheld too.
   */
  @Test
  void aTotalWithheldAsAComplementWhosePartsAreAllShownWithholdsAPart() {
    long[] cells = {20, 20, 0, 25, 5};
    int[][] sums = {{3, 0, 4}, {0, 1, 2}};
    assertArrayEquals(new boolean[] {true, true, false, false, true}, SmallCells.withhold(cells, sums, 11));
  }

  @Test
  void aCountInASentenceSaysOneToTenWhenWithheldAndShowsZero() {
    assertEquals("1 to 10 values", SmallCells.phrase(3, 11, "value"));
    assertEquals("1 to 10 values", SmallCells.phrase(10, 11, "value"));
    assertEquals("11 values", SmallCells.phrase(11, 11, "value"));
    assertEquals("0 values", SmallCells.phrase(0, 11, "value"));
    assertEquals("1,234 outcome encounters", SmallCells.phrase(1234, 11, "outcome encounter"));
    assertEquals("1 value", SmallCells.phrase(1, 0, "value"), "minCell 0 shows every count");
  }
}
