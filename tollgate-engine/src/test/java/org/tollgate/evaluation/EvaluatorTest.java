package org.tollgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ScoreTable;

class EvaluatorTest {

  /** n rows; sex F has a weaker model than M; one patient per two encounters. */
  static ScoreTable table(int n, long seed) {
    Random r = new Random(seed);
    ScoreTable.Builder b = new ScoreTable.Builder(true, true, true, true, List.of("sex", "age_band"));
    for (int i = 0; i < n; i++) {
      boolean f = r.nextDouble() < 0.4;
      int y = r.nextDouble() < 0.2 ? 1 : 0;
      double signal = f ? 0.5 : 2.0;
      double z = r.nextGaussian() + (y == 1 ? signal : 0);
      double s = Math.round(1000 / (1 + Math.exp(-(z - 1.5)))) / 1000.0;
      String age = r.nextDouble() < 0.004 ? "18-44" : (r.nextBoolean() ? "45-64" : "65+");
      b.add("E" + i, "P" + (i / 2), 1_700_000_000L + 900L * i, s, y, f ? "F" : "M", age);
    }
    return b.build(null);
  }

  @Test
  void overallCountsMatchDirectCounting() {
    ScoreTable t = table(3000, 1);
    Evaluation e = Evaluator.evaluate(t, EvaluationSettings.defaults());
    long tp = 0, fp = 0, tn = 0, fn = 0;
    for (int i = 0; i < t.rows(); i++) {
      boolean flag = t.score(i) >= 0.5;
      if (t.label(i) == 1) { if (flag) tp++; else fn++; } else { if (flag) fp++; else tn++; }
    }
    assertEquals(tp, e.overall().tp());
    assertEquals(fp, e.overall().fp());
    assertEquals(tn, e.overall().tn());
    assertEquals(fn, e.overall().fn());
    assertEquals(Cases.Per.ENCOUNTER, e.per());
  }

  @Test
  void smallStrataAreWithheldWhole() {
    Evaluation e = Evaluator.evaluate(table(3000, 2), EvaluationSettings.defaults().withBy(List.of("age_band"), false));
    StratumResult young = e.strata().stream().filter(s -> "18-44".equals(s.by().get("age_band"))).findFirst().orElseThrow();
    assertEquals("stratum", young.suppression());
    assertNull(young.n());
    assertNull(young.tp());
    assertFalse(young.metrics().get("sensitivity").defined());
    assertFalse(young.metrics().get("auroc").defined());
  }

  /** With sex M withheld and sex F shown, M = overall − F: so F must be withheld too. */
  @Test
  void aLoneWithheldGroupTakesItsSmallestSiblingWithIt() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of("sex", "site"));
    // F: 200 cases (40 pos); M: 8 cases (2 pos) → M withheld; site A 150, B 40, C 18 (all ≥ 11, C has 2 positives → withheld)
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 208; i++) {
      boolean m = i >= 200;
      int y = m ? (i < 202 ? 1 : 0) : (i % 5 == 0 ? 1 : 0);
      String site = i < 150 ? "A" : i < 190 ? "B" : "C";
      b.add(null, null, 0, y == 1 ? 0.6 + 0.4 * r.nextDouble() : 0.5 * r.nextDouble(), y, m ? "M" : "F", site);
    }
    Evaluation e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults().withBy(List.of("sex", "site"), false));
    StratumResult f = e.strata().stream().filter(s -> "F".equals(s.by().get("sex"))).findFirst().orElseThrow();
    StratumResult m = e.strata().stream().filter(s -> "M".equals(s.by().get("sex"))).findFirst().orElseThrow();
    assertEquals("stratum", m.suppression());
    assertEquals("stratum", f.suppression(), "F is withheld too, else M = overall − F");
    long withheldSites = e.strata().stream().filter(s -> s.by().containsKey("site") && "stratum".equals(s.suppression())).count();
    assertTrue(withheldSites == 0 || withheldSites >= 2, "never exactly one withheld site");
  }

  @Test
  void smallConfusionCellsAreWithheldTogetherWithTheirRates() {
    // 40 positives, 60 negatives; only 5 flagged negatives → FP = 5 < 11.
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of());
    for (int i = 0; i < 40; i++) b.add(null, null, 0, i < 30 ? 0.9 : 0.1, 1);
    for (int i = 0; i < 60; i++) b.add(null, null, 0, i < 5 ? 0.8 : 0.2, 0);
    Evaluation e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults());
    StratumResult o = e.overall();
    assertEquals("counts", o.suppression());
    assertEquals(100L, o.n());
    assertEquals(40L, o.positives());
    assertNull(o.tp());
    assertNull(o.fp());
    assertNull(o.tn());
    assertNull(o.fn());
    assertFalse(o.metrics().get("sensitivity").defined());
    assertFalse(o.metrics().get("ppv").defined());
    assertTrue(o.metrics().get("auroc").defined());
  }

  /**
   * Small cells cell by cell (a score with no alert policy): M's 5 true positives withhold M's confusion matrix (any one
   * cell and the shown margins give the others) and, over the levels, X's (the smallest other true positives), but not
   * their cases, positives or flag rates; F's zero false positives are shown. M, the reference, withholds what F's
   * sensitivity, specificity, PPV and NPV would be compared with, so F is compared with M and X pooled (the overall minus
   * F). Expected values: src/test/resources/reference/evaluation_by_group/cell_by_cell.py (Wilson, Newcombe written out;
   * pooled z from scipy.stats.norm, checked against scipy's chi-squared), its output cell_by_cell.json.
   */
  @Test
  void smallCellsAreWithheldCellByCellAndAGroupWhoseReferenceWithholdsThemIsComparedWithTheOthersPooled() throws java.io.IOException {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of("sex"));
    // TP, FN, FP, TN per level
    int[][] cells = {{50, 20, 0, 100}, {5, 35, 30, 130}, {30, 12, 20, 60}};
    String[] sex = {"F", "M", "X"};
    double[] score = {0.9, 0.1, 0.9, 0.1};
    int[] label = {1, 1, 0, 0};
    for (int g = 0; g < 3; g++) for (int k = 0; k < 4; k++) for (int i = 0; i < cells[g][k]; i++) b.add(null, null, 0, score[k], label[k], sex[g]);
    Evaluation e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults().withBy(List.of("sex"), false));
    StratumResult f = e.strata().get(0);
    StratumResult m = e.strata().get(1);
    StratumResult x = e.strata().get(2);
    assertNull(f.suppression());
    assertEquals(List.of(50L, 0L, 100L, 20L), java.util.Arrays.asList(f.tp(), f.fp(), f.tn(), f.fn()), "a zero is shown");
    for (StratumResult w : List.of(m, x)) {
      assertEquals("counts", w.suppression());
      assertNull(w.tp());
      assertNull(w.fp());
      assertNull(w.tn());
      assertNull(w.fn());
      assertFalse(w.metrics().get("sensitivity").defined());
      assertFalse(w.metrics().get("ppv").defined());
      assertFalse(w.metrics().get("accuracy").defined());
    }
    assertEquals(200L, m.n());
    assertEquals(40L, m.positives());
    assertEquals(35.0 / 200, m.metrics().get("flag_rate").estimate(), 1e-15, "M's flagged cases are shown: 5 + 30, both withheld");
    assertEquals(122L, x.n());
    assertEquals(50.0 / 122, x.metrics().get("flag_rate").estimate(), 1e-15);
    com.fasterxml.jackson.databind.JsonNode ref;
    try (java.io.InputStream in = EvaluatorTest.class.getResourceAsStream("/reference/evaluation_by_group/cell_by_cell.json")) {
      ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
    Map<String, String> pooled = Map.of("sex", Comparisons.POOLED);
    for (String metric : List.of("sensitivity", "specificity", "ppv", "npv")) {
      assertComparison(ref.get("F_" + metric + "_vs_pooled"), disparity(e, "F", metric), pooled);
    }
    assertEquals("all other sex groups pooled", Evaluator.label(pooled));
    assertComparison(ref.get("F_flag_rate_vs_M"), disparity(e, "F", "flag_rate"), Map.of("sex", "M"));
    assertComparison(ref.get("X_flag_rate_vs_M"), disparity(e, "X", "flag_rate"), Map.of("sex", "M"));
    assertEquals(Disparity.Status.SUPPRESSED, disparity(e, "X", "sensitivity").status(), "X's own counts are withheld");
  }

  private static Disparity disparity(Evaluation e, String level, String metric) {
    return e.disparities().stream().filter(d -> d.metric().equals(metric) && d.group().equals(Map.of("sex", level))).findFirst().orElseThrow();
  }

  private static void assertComparison(com.fasterxml.jackson.databind.JsonNode want, Disparity got, Map<String, String> reference) {
    assertEquals(reference, got.reference(), got.statement());
    assertEquals(want.get("difference").asDouble(), got.difference().estimate(), 1e-12, got.statement());
    assertEquals(want.get("lower").asDouble(), got.difference().lower(), 1e-9, got.statement());
    assertEquals(want.get("upper").asDouble(), got.difference().upper(), 1e-9, got.statement());
    assertEquals(want.get("p").asDouble(), got.p(), 1e-9 * want.get("p").asDouble(), got.statement());
  }

  /**
   * The minimum detectable difference of a group depends on its positives, the reference's positives and the
   * reference's sensitivity: printed while the reference's confusion matrix is withheld, it would give the withheld
   * true-positive count back. F (the reference, 600 cases): 30 positives of which 5 flagged (TP 5 is withheld);
   * M (400 cases): 40 positives, 28 flagged; 50 of 360 negatives flagged; X (300 cases) withheld with F.
   */
  @Test
  void noPowerFigureIsPrintedThatDependsOnAWithheldReference() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of("sex"));
    for (int i = 0; i < 30; i++) b.add(null, null, 0, i < 5 ? 0.9 : 0.1, 1, "F");
    for (int i = 0; i < 570; i++) b.add(null, null, 0, i < 100 ? 0.9 : 0.1, 0, "F");
    for (int i = 0; i < 40; i++) b.add(null, null, 0, i < 28 ? 0.9 : 0.1, 1, "M");
    for (int i = 0; i < 360; i++) b.add(null, null, 0, i < 50 ? 0.9 : 0.1, 0, "M");
    // A third, smaller group: complementary suppression withholds it with F (one withheld group alone could be derived).
    for (int i = 0; i < 30; i++) b.add(null, null, 0, i < 20 ? 0.9 : 0.1, 1, "X");
    for (int i = 0; i < 270; i++) b.add(null, null, 0, i < 40 ? 0.9 : 0.1, 0, "X");
    Evaluation e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults().withBy(List.of("sex"), false));
    StratumResult f = e.strata().stream().filter(x -> "F".equals(x.by().get("sex"))).findFirst().orElseThrow();
    StratumResult m = e.strata().stream().filter(x -> "M".equals(x.by().get("sex"))).findFirst().orElseThrow();
    assertEquals("reference", f.power());
    assertEquals("counts", f.suppression());
    assertNull(m.suppression());
    assertTrue(Double.isNaN(m.minDetectableSensitivityDifference()), "withheld: " + m.minDetectableSensitivityDifference());
    assertEquals("withheld", m.power());
  }

  /**
   * Net benefit is defined at threshold probability 0 (dcurves reports it there): a false positive costs nothing,
   * so NB = TP/n and treat-all = π. By hand: TP 30, FP 20, TN 40, FN 10 → NB(0) = 0.30, treat-all(0) = 40/100; at 1 undefined.
   */
  @Test
  void netBenefitAtThresholdZeroIsTheTruePositiveShareAndTreatAllIsThePrevalence() {
    Confusion c = new Confusion(30, 20, 40, 10);
    assertEquals(0.30, c.netBenefit(0), 1e-12);
    assertEquals(0.40, c.treatAllNetBenefit(0), 1e-12);
    assertTrue(Double.isNaN(c.netBenefit(1)));
    assertTrue(Double.isNaN(c.treatAllNetBenefit(1)));
  }

  /** The essay's trap: 89% accuracy at 7% prevalence is worse than always saying "no sepsis" (93%). */
  @Test
  void accuracyAtOrBelowNoInformationRateIsCalledOut() {
    ScoreTable.Builder b = new ScoreTable.Builder(false, false, false, true, List.of());
    // 1000 cases, 70 positives; flag 100 negatives and 30 positives → accuracy (30 + 830)/1000 = 0.86
    for (int i = 0; i < 70; i++) b.add(null, null, 0, i < 30 ? 0.9 : 0.1, 1);
    for (int i = 0; i < 930; i++) b.add(null, null, 0, i < 100 ? 0.9 : 0.1, 0);
    Evaluation e = Evaluator.evaluate(b.build(null), EvaluationSettings.defaults());
    assertTrue(e.overall().accuracyParadox());
    assertEquals(0.93, e.overall().noInformationRate(), 1e-12);
    assertEquals(1, e.warnings().size());
    assertTrue(e.warnings().get(0).startsWith("Overall: accuracy 0.860 is not above the no-information rate 0.930"), e.warnings().get(0));
  }

  @Test
  void weakerSubgroupIsReportedAsADifferenceWithAdjustedP() {
    Evaluation e = Evaluator.evaluate(table(20000, 3), EvaluationSettings.defaults().withBy(List.of("sex"), false));
    Disparity auroc = e.disparities().stream()
        .filter(d -> d.metric().equals("auroc") && "F".equals(d.group().get("sex"))).findFirst().orElseThrow();
    assertEquals(Map.of("sex", "M"), auroc.reference(), "largest group is the default reference");
    assertEquals(Disparity.Status.DIFFERENCE, auroc.status());
    assertTrue(auroc.difference().estimate() < 0);
    assertTrue(auroc.pAdjusted() >= auroc.p());
    assertTrue(auroc.statement().matches("AUROC in sex F is 0\\.\\d\\d lower than in sex M \\(95% CI 0\\.\\d\\d to 0\\.\\d\\d; adjusted p < 0\\.001\\)\\."), auroc.statement());
  }

  @Test
  void namedReferenceGroupIsUsed() {
    EvaluationSettings s = new EvaluationSettings(List.of("sex"), false, 0.5, 0, 1, 11, Map.of("sex", "F"), null, null, 0.01, null, null, null, 0.1);
    Evaluation e = Evaluator.evaluate(table(5000, 4), s);
    assertTrue(e.disparities().stream().allMatch(d -> d.reference().equals(Map.of("sex", "F"))));
  }

  @Test
  void unknownReferenceLevelIsBadInput() {
    EvaluationSettings s = new EvaluationSettings(List.of("sex"), false, 0.5, 0, 1, 11, Map.of("sex", "X"), null, null, 0.01, null, null, null, 0.1);
    BadInputException ex = assertThrows(BadInputException.class, () -> Evaluator.evaluate(table(500, 4), s));
    assertEquals("column 'sex': reference group 'X' does not occur; levels are [M, F]", ex.getMessage().replace("[F, M]", "[M, F]"));
  }

  @Test
  void intersectionsCoverEveryCombination() {
    Evaluation e = Evaluator.evaluate(table(5000, 5), EvaluationSettings.defaults().withBy(List.of("sex", "age_band"), true));
    long twoWay = e.strata().stream().filter(s -> s.by().size() == 2).count();
    assertEquals(6, twoWay);
    assertEquals(2 + 3 + 6, e.strata().size());
  }

  @Test
  void bootstrapIsReproducibleForASeedAndBracketsTheEstimate() {
    EvaluationSettings s = EvaluationSettings.defaults().withBy(List.of("sex"), false).withBootstrap(200, 42);
    Evaluation a = Evaluator.evaluate(table(4000, 6), s);
    Evaluation b = Evaluator.evaluate(table(4000, 6), s);
    Interval ia = a.overall().metrics().get("auprc");
    assertEquals(ia, b.overall().metrics().get("auprc"));
    assertEquals(Interval.Method.BOOTSTRAP, ia.method());
    assertTrue(ia.lower() < ia.estimate() && ia.estimate() < ia.upper(), ia.toString());
    Evaluation c = Evaluator.evaluate(table(4000, 6), s.withBootstrap(200, 43));
    assertFalse(ia.equals(c.overall().metrics().get("auprc")));
  }

  @Test
  void evaluationOfMergedSummariesEqualsEvaluationOfTheUnion() {
    ScoreTable t = table(6000, 7);
    EvaluationSettings s = EvaluationSettings.defaults().withBy(List.of("sex", "age_band"), true);
    Cases all = Cases.from(t, s.by(), null, null);
    // Split by patient: first half of patients vs second half.
    int half = all.patients / 2;
    int na = 0;
    for (int i = 0; i < all.n; i++) if (all.patient[i] < half) na++;
    double[][] sc = {new double[na], new double[all.n - na]};
    byte[][] lb = {new byte[na], new byte[all.n - na]};
    int[][] ce = {new int[na], new int[all.n - na]};
    int[][] pa = {new int[na], new int[all.n - na]};
    int[] k = new int[2];
    for (int i = 0; i < all.n; i++) {
      int part = all.patient[i] < half ? 0 : 1;
      sc[part][k[part]] = all.score[i];
      lb[part][k[part]] = all.label[i];
      ce[part][k[part]] = all.cell[i];
      pa[part][k[part]++] = all.patient[i];
    }
    EvaluationSummary merged = EvaluationSummary.of(Cases.of(sc[0], lb[0], ce[0], pa[0], all.cells))
        .merge(EvaluationSummary.of(Cases.of(sc[1], lb[1], ce[1], pa[1], all.cells)));
    EvaluationSummary whole = EvaluationSummary.of(all);
    for (int c = 0; c < all.cells.count(); c++) {
      assertEquals(whole.cell(c), merged.cell(c));
    }
    assertEquals(whole.clusters(), merged.clusters());
    // Canonical form: the same summary whichever way round the halves are merged, so the bootstrap
    // (one weight per cluster, in cluster order) gives the same intervals.
    EvaluationSummary reversed = EvaluationSummary.of(Cases.of(sc[1], lb[1], ce[1], pa[1], all.cells))
        .merge(EvaluationSummary.of(Cases.of(sc[0], lb[0], ce[0], pa[0], all.cells)));
    assertEquals(whole, merged);
    assertEquals(whole, reversed);
    EvaluationSettings boot = s.withBootstrap(100, 5);
    assertEquals(Evaluator.evaluate(whole, boot, null, Cases.Per.ENCOUNTER, Cases.Combine.MAX, Double.NaN).overall(),
        Evaluator.evaluate(reversed, boot, null, Cases.Per.ENCOUNTER, Cases.Combine.MAX, Double.NaN).overall());
    Evaluation a = Evaluator.evaluate(whole, s, null, Cases.Per.ENCOUNTER, Cases.Combine.MAX, Double.NaN);
    Evaluation b = Evaluator.evaluate(merged, s, null, Cases.Per.ENCOUNTER, Cases.Combine.MAX, Double.NaN);
    assertEquals(a.overall(), b.overall());
    assertEquals(a.strata(), b.strata());
    assertEquals(a.disparities(), b.disparities());
  }

  @Test
  void encounterCombineRulesPickTheRightScore() {
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, true, List.of());
    b.add("E1", null, 100, 0.2, 0).add("E1", null, 300, 0.9, 0).add("E1", null, 200, 0.4, 0);
    ScoreTable t = b.build(null);
    assertEquals(0.9, Cases.from(t, List.of(), null, Cases.Combine.MAX).score[0], 0);
    assertEquals(0.2, Cases.from(t, List.of(), null, Cases.Combine.FIRST).score[0], 0);
    assertEquals(0.9, Cases.from(t, List.of(), null, Cases.Combine.LAST).score[0], 0);
    assertEquals(0.5, Cases.from(t, List.of(), null, Cases.Combine.MEAN).score[0], 1e-15);
    assertEquals(3, Cases.from(t, List.of(), Cases.Per.ROW, null).n);
  }

  @Test
  void sweepCoversTheGridAndSuppressesExtremes() {
    Evaluation e = Evaluator.evaluate(table(3000, 8), EvaluationSettings.defaults());
    assertEquals(101, e.sweep().size());
    assertEquals(0.57, e.sweep().get(57).threshold(), 0);
    // CMS cell-size rule: at threshold 1.0 nothing is flagged, and a zero is shown (it was withheld before).
    SweepPoint top = e.sweep().get(100);
    assertEquals(0L, top.tp());
    assertEquals(0L, top.fp());
    // Every shown point has no count of 1 to 10.
    Confusion overall = e.rawOverall();
    for (SweepPoint p : e.sweep()) {
      if (p.tp() != null) {
        for (long c : new long[] {p.tp(), p.fp(), p.tn(), p.fn()}) assertTrue(c == 0 || c >= 11, p.threshold() + ": " + c);
        assertEquals(overall.n(), p.tp() + p.fp() + p.tn() + p.fn());
      }
    }
  }

  @Test
  void operatingPointForTargetSensitivityIsTheHighestThresholdReachingIt() {
    EvaluationSettings s = new EvaluationSettings(List.of(), false, 0.5, 0, 1, 11, Map.of(), null, null, 0.01, 0.8, 0.1, null, 0.1);
    ScoreTable t = table(3000, 9);
    Evaluation e = Evaluator.evaluate(t, s);
    OperatingPoint op = e.operatingPoints().get(0);
    assertTrue(op.at().sensitivity() >= 0.8);
    // One step higher (next distinct score) falls below target.
    ScoreCounts sc = EvaluationSummary.of(Cases.from(t, List.of(), null, null)).cell(0);
    int i = sc.firstAtOrAbove(op.threshold());
    assertTrue(sc.confusion(sc.score(i + 1)).sensitivity() < 0.8);
    assertTrue(e.operatingPoints().get(1).at().flagRate() <= 0.1);
  }

  /** A statement's interval prints a negative bound with the minus sign and never "−0.00" (issue 16: one formatter per unit). */
  @Test
  void comparisonStatementsPrintDifferencesThroughTheOneFormatter() {
    // a difference of −0.049 (95% CI −0.1234 to −0.001), p 0.5, minimum detectable 0.05 under a 0.1 power limit: no detectable
    // difference; by hand: 0.05 lower, bounds "−0.12" and "0.00" (−0.001 rounds to zero: no sign), Holm over one row leaves p 0.5
    Comparisons.Row row = new Comparisons.Row(Map.of("sex", "F"), Map.of("sex", "M"), "sensitivity", null, null,
        new Interval(-0.049, -0.1234, -0.001, Interval.Method.NEWCOMBE), null, 0.5, "two-proportion z", false, 0.05);
    Disparity d = Comparisons.judge(List.of(row), 11, 0.1).get(0);
    assertEquals(Disparity.Status.NO_DETECTABLE_DIFFERENCE, d.status());
    assertTrue(d.statement().endsWith(": 0.05 lower (95% CI −0.12 to 0.00; adjusted p = 0.500)."), d.statement());
  }
}
