package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.EvaluationSettings;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.gate.ItemResult.Status;

/**
 * The subgroup rule for a use case with no alert policy (a referral or triage score: its threshold is its one operating
 * point): the evaluation's groups are withheld cell by cell, with the same evidence shape as the policy's groups.
 */
class StratifiedEvaluationRuleTest {

  /**
   * By sex (TP, FN, FP, TN): F 50, 20, 0, 100; M 5, 35, 30, 130; X 30, 12, 20, 60 (the fixture of EvaluatorTest's
   * cell-by-cell test, values in reference/evaluation_by_group/cell_by_cell.py). F's zero false positives are shown; M's 5
   * true positives withhold M's confusion matrix and X's, not their cases, positives or flagged cases. M, the reference,
   * withholds what F's PPV is compared with, so F is compared with M and X pooled: 50 of 50 against 35 of 85, 0.59 higher.
   */
  @Test
  void withoutAPolicyTheGroupsAreWithheldCellByCellAndAGroupIsComparedWithTheOthersPooled() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of("sex"));
    int[][] cells = {{50, 20, 0, 100}, {5, 35, 30, 130}, {30, 12, 20, 60}};
    String[] sex = {"F", "M", "X"};
    double[] score = {0.9, 0.1, 0.9, 0.1};
    int[] label = {1, 1, 0, 0};
    for (int g = 0; g < 3; g++) for (int k = 0; k < 4; k++) for (int i = 0; i < cells[g][k]; i++) b.add(null, null, 0, score[k], label[k], sex[g]);
    var e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults().withBy(List.of("sex"), false));
    ItemResult i = GateTest.item(Gate.review(GateTest.with(f -> {
      f.set(2, e);
      f.set(4, GateTest.NULL);
      f.set(5, GateTest.NULL);
      f.set(13, List.of("sex"));
      return f;
    })), "stratified_performance");
    assertEquals(Status.FAIL, i.status(), i.reason());
    assertTrue(i.reason().startsWith("PPV in sex F is 0.59 higher than in all other sex groups pooled (95% CI "), i.reason());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) i.evidence().get("groups");
    Map<String, Object> f = groups.get(0);
    Map<String, Object> m = groups.get(1);
    assertEquals("sex F", f.get("group"));
    assertEquals(0L, f.get("fp"), "a zero is shown");
    assertEquals(50L, f.get("tp"));
    assertEquals(false, f.get("withheld"));
    assertEquals("sex M", m.get("group"));
    assertEquals(true, m.get("reference"));
    assertEquals(true, m.get("withheld"));
    for (String k : List.of("tp", "fp", "tn", "fn")) assertNull(m.get(k), k);
    assertEquals(200L, m.get("cases"));
    assertEquals(40L, m.get("positives"));
    assertEquals(35L, m.get("flagged"), "5 true positives withhold the matrix, not the flagged cases");
  }
}
