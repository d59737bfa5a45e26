package org.tollgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * tollgate's numbers against values computed elsewhere, checked in under
 * src/test/resources/reference/ with the scripts that made them (reference/ at the repository root):
 * scikit-learn 1.2.1 and statsmodels 0.13.5 (make_sklearn_fixtures.py), R 4.2.2 with pROC 1.18.0
 * (proc_asah.R, proc_synthetic.R), statsmodels/R prop.test for Wilson and Newcombe (make_wilson.py).
 */
class ReferenceValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String[]> csv(String resource) throws IOException {
    try (InputStream in = ReferenceValuesTest.class.getResourceAsStream("/reference/" + resource)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> rows = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) rows.add(line.split(",", -1));
      return rows;
    }
  }

  private static JsonNode json(String resource) throws IOException {
    try (InputStream in = ReferenceValuesTest.class.getResourceAsStream("/reference/" + resource)) {
      return JSON.readTree(in);
    }
  }

  /** Reads a sklearn data set: scores and labels overall and per group. */
  private static Map<String, ScoreCounts> dataset(String name) throws IOException {
    List<String[]> rows = csv("sklearn/" + name + ".csv");
    Map<String, List<double[]>> byGroup = new LinkedHashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      double[] v = {Double.parseDouble(row[1]), Double.parseDouble(row[2])};
      byGroup.computeIfAbsent("overall", k -> new ArrayList<>()).add(v);
      byGroup.computeIfAbsent(row[3], k -> new ArrayList<>()).add(v);
    }
    Map<String, ScoreCounts> out = new LinkedHashMap<>();
    byGroup.forEach((g, list) -> {
      double[] s = new double[list.size()];
      byte[] l = new byte[list.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = list.get(i)[0];
        l[i] = (byte) list.get(i)[1];
      }
      out.put(g, ScoreCounts.fromCases(s, l, 0, s.length));
    });
    return out;
  }

  private static void close(JsonNode expected, double actual, String what) {
    if (expected == null || expected.isNull()) {
      assertTrue(Double.isNaN(actual), what + ": expected undefined, got " + actual);
    } else {
      assertEquals(expected.asDouble(), actual, 1e-9 * Math.max(1, Math.abs(expected.asDouble())), what);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"continuous", "ties", "small", "calibrated_skewed"})
  void everyMetricMatchesScikitLearnToOneInABillion(String name) throws IOException {
    JsonNode ref = json("sklearn/" + name + ".json");
    Map<String, ScoreCounts> data = dataset(name);
    for (Map.Entry<String, ScoreCounts> e : data.entrySet()) {
      JsonNode x = e.getKey().equals("overall") ? ref.get("overall") : ref.get("groups").get(e.getKey());
      String where = name + "/" + e.getKey() + ": ";
      ScoreCounts sc = e.getValue();
      Confusion c = sc.confusion(0.5);
      assertEquals(x.get("n").asLong(), c.n(), where + "n");
      assertEquals(x.get("tp").asLong(), c.tp(), where + "tp");
      assertEquals(x.get("fp").asLong(), c.fp(), where + "fp");
      assertEquals(x.get("tn").asLong(), c.tn(), where + "tn");
      assertEquals(x.get("fn").asLong(), c.fn(), where + "fn");
      close(x.get("sensitivity"), c.sensitivity(), where + "sensitivity");
      close(x.get("specificity"), c.specificity(), where + "specificity");
      close(x.get("ppv"), c.ppv(), where + "ppv");
      close(x.get("npv"), c.npv(), where + "npv");
      close(x.get("accuracy"), c.accuracy(), where + "accuracy");
      close(x.get("f1"), c.f1(), where + "f1");
      close(x.get("flag_rate"), c.flagRate(), where + "flag_rate");
      close(x.get("auroc"), RankMetrics.auroc(sc).auc(), where + "auroc");
      close(x.get("auprc"), RankMetrics.averagePrecision(sc), where + "auprc");
      close(x.get("brier"), RankMetrics.brier(sc), where + "brier");
      RankMetrics.Calibration cal = RankMetrics.calibration(sc);
      close(x.get("calibration_slope"), cal.slope(), where + "calibration_slope");
      close(x.get("calibration_slope_fit_intercept"), cal.slopeFitIntercept(), where + "calibration_slope_fit_intercept");
      close(x.get("calibration_intercept"), cal.intercept(), where + "calibration_intercept");
      for (String pt : new String[] {"0.5", "0.1"}) {
        JsonNode nb = x.get("net_benefit").get(pt);
        Confusion at = sc.confusion(Double.parseDouble(pt));
        close(nb.get("net_benefit_model"), at.netBenefit(Double.parseDouble(pt)), where + "net benefit at " + pt);
        close(nb.get("net_benefit_treat_all"), at.treatAllNetBenefit(Double.parseDouble(pt)), where + "treat-all at " + pt);
      }
    }
  }

  @Test
  void thresholdSweepCountsMatchScikitLearn() throws IOException {
    ScoreCounts sc = dataset("ties").get("overall");
    List<String[]> rows = csv("sklearn/ties_sweep.csv");
    int k = 0;
    for (String[] row : rows.subList(1, rows.size())) {
      double t = Math.round(k * 0.01 * 1e9) / 1e9;
      assertEquals(Double.parseDouble(row[0]), t, 0, "grid threshold " + k);
      Confusion c = sc.confusion(t);
      assertEquals(Long.parseLong(row[1]), c.tp(), "tp at " + row[0]);
      assertEquals(Long.parseLong(row[2]), c.fp(), "fp at " + row[0]);
      assertEquals(Long.parseLong(row[3]), c.tn(), "tn at " + row[0]);
      assertEquals(Long.parseLong(row[4]), c.fn(), "fn at " + row[0]);
      k++;
    }
    assertEquals(101, k);
  }

  private static ScoreCounts asah(String predictor, String gender) throws IOException {
    List<String[]> rows = csv("proc/aSAH.csv");
    List<String> header = List.of(rows.get(0));
    int col = header.indexOf(predictor);
    int out = header.indexOf("outcome");
    int g = header.indexOf("gender");
    List<double[]> v = new ArrayList<>();
    for (String[] r : rows.subList(1, rows.size())) {
      if (gender != null && !r[g].replace("\"", "").equals(gender)) continue;
      v.add(new double[] {Double.parseDouble(r[col]), r[out].replace("\"", "").equals("Poor") ? 1 : 0});
    }
    double[] s = new double[v.size()];
    byte[] l = new byte[v.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = v.get(i)[0];
      l[i] = (byte) v.get(i)[1];
    }
    return ScoreCounts.fromCases(s, l, 0, s.length);
  }

  /** The published pROC example: aSAH, outcome Poor vs Good, s100b: AUROC 0.7314, DeLong 0.6301–0.8326. */
  @Test
  void aurocAndDelongIntervalMatchRProcOnASAH() throws IOException {
    RankMetrics.Auroc a = RankMetrics.auroc(asah("s100b", null));
    Interval ci = a.interval();
    assertEquals(0.7314, ci.estimate(), 5e-5);
    assertEquals(0.6301, ci.lower(), 5e-5);
    assertEquals(0.8326, ci.upper(), 5e-5);
    JsonNode ref = json("proc/asah.json").get("single");
    for (String p : new String[] {"s100b", "ndka", "wfns"}) {
      RankMetrics.Auroc x = RankMetrics.auroc(asah(p, null));
      close(ref.get(p).get("auc"), x.auc(), p + " auc");
      close(ref.get(p).get("delong_variance"), x.variance(), p + " DeLong variance");
      close(ref.get(p).get("ci_lower"), x.interval().lower(), p + " ci lower");
      close(ref.get(p).get("ci_upper"), x.interval().upper(), p + " ci upper");
    }
  }

  /** pROC roc.test(male, female, method = "delong", paired = FALSE) on s100b: D 0.50188 on Welch df, p 0.6168. */
  @Test
  void unpairedDelongTestMatchesRProcRocTest() throws IOException {
    JsonNode ref = json("proc/asah.json").get("unpaired_gender_s100b");
    RankMetrics.Auroc m = RankMetrics.auroc(asah("s100b", "Male"));
    RankMetrics.Auroc f = RankMetrics.auroc(asah("s100b", "Female"));
    Stats.AurocComparison cmp = Stats.unpairedDelong(m.auc(), m.variance(), 42, f.auc(), f.variance(), 71);
    close(ref.get("z"), cmp.statistic(), "D");
    close(ref.get("p_value"), cmp.p(), "p");
  }

  @Test
  void delongIntervalsMatchRProcOnSyntheticData() throws IOException {
    List<String[]> rows = csv("proc/synthetic_delong.csv");
    for (String[] r : rows.subList(1, rows.size())) {
      ScoreCounts sc = dataset(r[0]).get(r[1]);
      RankMetrics.Auroc a = RankMetrics.auroc(sc);
      String where = r[0] + "/" + r[1];
      if (r[4].isEmpty() || r[4].equals("NA")) {
        assertTrue(Double.isNaN(a.auc()), where);
        continue;
      }
      assertEquals(Double.parseDouble(r[4]), a.auc(), 1e-12, where + " auc");
      if (!r[7].equals("NA") && !r[7].isEmpty()) {
        assertEquals(Double.parseDouble(r[7]), a.variance(), 1e-12, where + " variance");
        assertEquals(Double.parseDouble(r[5]), a.interval().lower(), 1e-9, where + " lower");
        assertEquals(Double.parseDouble(r[6]), a.interval().upper(), 1e-9, where + " upper");
      }
    }
  }

  @Test
  void wilsonAndNewcombeMatchStatsmodelsAndR() throws IOException {
    List<String[]> w = csv("wilson/wilson.csv");
    for (String[] r : w.subList(1, w.size())) {
      Interval i = Stats.wilson(Long.parseLong(r[0]), Long.parseLong(r[1]));
      assertEquals(Double.parseDouble(r[2]), i.lower(), 1e-12, "lower " + r[0] + "/" + r[1]);
      assertEquals(Double.parseDouble(r[3]), i.upper(), 1e-12, "upper " + r[0] + "/" + r[1]);
    }
    List<String[]> d = csv("wilson/newcombe_difference.csv");
    for (String[] r : d.subList(1, d.size())) {
      Interval i = Stats.newcombeDifference(Long.parseLong(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]), Long.parseLong(r[3]));
      String where = r[0] + "/" + r[1] + " - " + r[2] + "/" + r[3];
      assertEquals(Double.parseDouble(r[4]), i.estimate(), 1e-12, where);
      assertEquals(Double.parseDouble(r[5]), i.lower(), 1e-12, where + " lower");
      assertEquals(Double.parseDouble(r[6]), i.upper(), 1e-12, where + " upper");
    }
  }

  /**
   * The Hanley–McNeil AUROC variance and the AUROC power figure against hanley_mcneil/hanley_mcneil.py (written from the
   * paper's equation 2 with SciPy's normal quantiles and root finder), and the first variance worked by hand: A 0.8 with
   * 50 positives and 50 negatives, Q1 = 0.8/1.2, Q2 = 1.28/1.8, (0.16 + 49·0.026667 + 49·0.071111)/2500 = 0.00198044.
   */
  @Test
  void hanleyMcNeilVarianceAndAurocPowerFigureMatchTheHandWorkedAndSciPyValues() throws IOException {
    assertEquals(0.00198044, Stats.hanleyMcNeilVariance(0.8, 50, 50), 5e-9);
    JsonNode ref = json("hanley_mcneil/hanley_mcneil.json");
    for (JsonNode v : ref.get("variance")) {
      assertEquals(v.get("variance").asDouble(), Stats.hanleyMcNeilVariance(v.get("auc").asDouble(), v.get("positives").asLong(), v.get("negatives").asLong()),
          1e-15, v.toString());
    }
    for (JsonNode m : ref.get("mdd")) {
      assertEquals(m.get("mdd").asDouble(), Stats.minimumDetectableAurocDifference(m.get("positives1").asLong(), m.get("negatives1").asLong(),
          m.get("positives0").asLong(), m.get("negatives0").asLong(), m.get("auc0").asDouble()), 1e-9, m.toString());
    }
  }
}
