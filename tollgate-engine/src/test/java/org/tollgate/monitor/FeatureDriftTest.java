package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.ScoreCounts;

/**
 * Per-input missingness and PSI of the features table, against values worked by hand.
 *
 * <p>Approved heart_rate: 120 rows, 20 missing, the other 100 ten each of 1, 2, …, 10. Its deciles (type 7) are
 * 1.9, 2.8, …, 9.1 (e.g. q(0.1): h = 99 · 0.1 = 9.9, between the 10th value 1 and the 11th 2), so each value is its
 * own bin with share 0.1. Live heart_rate in the week: 60 rows, 20 missing, the others 20 × 1, 10 × 2, 10 × 3:
 * shares 0.5, 0.25, 0.25 and seven empty bins floored at 10⁻⁴:
 * <pre>PSI = 0.4·ln 5 + 2 · 0.15·ln 2.5 + 7 · (10⁻⁴ − 0.1)·ln(10⁻⁴/0.1) = 5.749255651128095</pre>
 * (the same sum in Python: {@code sum((max(1e-4,a)-r)*log(max(1e-4,a)/r) ...)}). Missing share 20/60 = 1/3 against
 * an approved 20/120 = 1/6: a rise of 1/6, 16.7 points, above the default 15. Lactate, approved 100 values (ten each
 * of 1..10) and live 40 (four each), on rows of the same tables (so missing on the other 20 rows of each): PSI 0, the
 * same rise as heart_rate (the first in name order is named).
 */
class FeatureDriftTest {
  static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final long WEEK = 7 * 86_400L;

  static PeriodSummary period(long start) {
    return new PeriodSummary(start, start + WEEK, new PeriodSummary.Volume(100, 10, 70 * 86_400L, 0, 0, 0),
        new PeriodSummary.Scores(Distribution.of(new double[] {0.1, 0.9}, new long[] {60, 40}), 40), null,
        new PeriodSummary.Performance(0, 0, 0, 0, 0, 0, Distribution.empty(), ScoreCounts.empty()), List.of());
  }

  /** A features table of rows at {@code t}: heart rate and lactate values as given (NaN missing), padded with NaN. */
  static FeatureLog log(long t, double[] heartRate, double[] lactate) {
    int n = Math.max(heartRate.length, lactate.length);
    long[] time = new long[n];
    Arrays.fill(time, t);
    double[] hr = Arrays.copyOf(heartRate, n);
    double[] la = Arrays.copyOf(lactate, n);
    Arrays.fill(hr, heartRate.length, n, Double.NaN);
    Arrays.fill(la, lactate.length, n, Double.NaN);
    return new FeatureLog(List.of("lactate", "heart_rate"), time, new double[][] {la, hr});
  }

  static double[] values(int each, int missing) {
    List<Double> v = new ArrayList<>();
    for (int x = 1; x <= 10; x++) for (int i = 0; i < each; i++) v.add((double) x);
    for (int i = 0; i < missing; i++) v.add(Double.NaN);
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void eachInputsPsiInItsApprovedBinsAndTheRiseOfItsMissingShareAreJudged() {
    List<PeriodSummary> approved = Summarizer.withFeatures(List.of(period(T0)), log(T0 + 3600, values(10, 20), values(10, 0)));
    double[] hrLive = new double[60];
    Arrays.fill(hrLive, 0, 20, 1);
    Arrays.fill(hrLive, 20, 30, 2);
    Arrays.fill(hrLive, 30, 40, 3);
    Arrays.fill(hrLive, 40, 60, Double.NaN);
    List<PeriodSummary> live = Summarizer.withFeatures(List.of(period(T0 + WEEK)), log(T0 + WEEK + 3600, hrLive, values(4, 0)));
    assertEquals(List.of("heart_rate", "lactate"), live.get(0).features().stream().map(PeriodSummary.Feature::name).toList(), "name order");
    MonitorSettings s = MonitorSettings.defaults();
    Baseline b = Baseline.of(approved, 7, null, 5000, Double.NaN);
    assertEquals(Arrays.toString(new double[] {1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1}), Arrays.toString(round(b.featureEdges().get("heart_rate"))));
    Monitor.PeriodResult r = Monitor.judge(b, live, s).get(0);
    Monitor.FeatureDrift hr = r.features().get("heart_rate");
    assertEquals(5.749255651128095, hr.psi(), 1e-12);
    assertEquals(1.0 / 3, hr.missingShare(), 1e-15);
    assertEquals(1.0 / 6, hr.approvedMissingShare(), 1e-15);
    Monitor.FeatureDrift la = r.features().get("lactate");
    assertEquals(0, la.psi(), 1e-15);
    assertEquals(1.0 / 3, la.missingShare(), 1e-15, "lactate's padding rows: 20 of 60");
    Monitor.Finding psi = r.finding(Guardrail.FEATURE_PSI);
    assertEquals(Monitor.Status.BREACH, psi.status());
    assertEquals("largest input PSI 5.749 (heart_rate) against at most 0.20; 1 of 2 inputs above it", psi.sentence());
    Monitor.Finding miss = r.finding(Guardrail.FEATURE_MISSING);
    assertEquals(Monitor.Status.BREACH, miss.status());
    assertEquals(1.0 / 6, miss.value(), 1e-15);
    assertTrue(miss.sentence().startsWith("heart_rate missing in 33.3% of rows against an approved 16.7%: a rise of 16.7 points against at most 15.0"),
        miss.sentence());
  }

  /**
   * Missingness that falls is a fall, not "a rise of −16.7 points": approved heart rate and lactate each missing on 20 of
   * 120 rows (1/6, 16.7%), live each on none of 60 (0%, a zero is shown): 0 − 1/6 = −16.7 points, within the limit.
   */
  @Test
  void aMissingShareThatFallsIsCalledAFall() {
    List<PeriodSummary> approved = Summarizer.withFeatures(List.of(period(T0)), log(T0 + 3600, values(10, 20), values(10, 0)));
    List<PeriodSummary> live = Summarizer.withFeatures(List.of(period(T0 + WEEK)), log(T0 + WEEK + 3600, values(6, 0), values(6, 0)));
    Monitor.PeriodResult r = Monitor.judge(Baseline.of(approved, 7, null, 5000, Double.NaN), live, MonitorSettings.defaults()).get(0);
    Monitor.Finding miss = r.finding(Guardrail.FEATURE_MISSING);
    assertEquals(Monitor.Status.OK, miss.status());
    assertEquals(-1.0 / 6, miss.value(), 1e-15);
    assertEquals("heart_rate missing in 0.0% of rows against an approved 16.7%: a fall of 16.7 points (the limit is a rise of 15.0)", miss.sentence());
  }

  @Test
  void withoutAFeaturesTableTheFeatureGuardrailsAreNotEvaluated() {
    Baseline b = Baseline.of(List.of(period(T0)), 7, null, 5000, Double.NaN);
    Monitor.PeriodResult r = Monitor.judge(b, List.of(period(T0 + WEEK)), MonitorSettings.defaults()).get(0);
    assertEquals(Monitor.Status.NOT_EVALUATED, r.finding(Guardrail.FEATURE_PSI).status());
    assertEquals(Monitor.Status.NOT_EVALUATED, r.finding(Guardrail.FEATURE_MISSING).status());
    assertTrue(r.features().isEmpty());
  }

  @Test
  void featureSummariesOfTwoPartsMergeIntoTheWhole() {
    FeatureLog all = log(T0 + 3600, values(10, 20), values(10, 0));
    List<PeriodSummary> whole = Summarizer.withFeatures(List.of(period(T0)), all);
    List<PeriodSummary> a = Summarizer.withFeatures(List.of(period(T0)), log(T0 + 3600, values(4, 20), values(4, 0)));
    List<PeriodSummary> b = Summarizer.withFeatures(List.of(period(T0)), log(T0 + 3600, values(6, 0), values(6, 0)));
    assertEquals(whole.get(0).features().get(0).values(), a.get(0).merge(b.get(0)).features().get(0).values());
    assertEquals(20, a.get(0).merge(b.get(0)).features().get(0).missing(), "heart_rate's 20 missing rows");
    assertEquals(Set.of("heart_rate", "lactate"), Set.copyOf(whole.get(0).features().stream().map(PeriodSummary.Feature::name).toList()));
  }

  /**
   * Each input's PSI (edges at its approved deciles), missing share and the live share's Wilson interval against
   * SciPy/numpy: src/test/resources/reference/scipy/monitor_drift.py made feature_samples.csv and feature_drift.json.
   * Heart rate shifts in level (PSI 0.209, over the default 0.2); lactate stops being resulted for most patients (its
   * missing share jumps from 54% to 91%: the missingness guardrail names it).
   */
  @Test
  void featurePsiMissingShareAndItsIntervalMatchSciPy() {
    Map<String, double[][]> samples = DriftTest.samples("feature_samples.csv");
    com.fasterxml.jackson.databind.JsonNode want = DriftTest.expected("feature_drift.json");
    List<String> names = List.of("heart_rate", "lactate");
    Monitor.PeriodResult r = judge(names, samples);
    for (String name : names) {
      com.fasterxml.jackson.databind.JsonNode e = want.get(name);
      Monitor.FeatureDrift d = r.features().get(name);
      assertEquals(e.get("psi").asDouble(), d.psi(), 1e-12, name + " PSI");
      assertEquals(e.get("live_rows").asLong(), d.rows(), name);
      assertEquals(e.get("live_missing").asLong(), d.missing(), name);
      assertEquals(e.get("live_missing_share").asDouble(), d.missingShare(), 1e-15, name);
      assertEquals((double) e.get("reference_missing").asLong() / e.get("reference_rows").asLong(), d.approvedMissingShare(), 1e-15, name);
      assertEquals(e.get("live_missing_wilson").get(0).asDouble(), d.missingInterval().lower(), 1e-12, name + " Wilson lower");
      assertEquals(e.get("live_missing_wilson").get(1).asDouble(), d.missingInterval().upper(), 1e-12, name + " Wilson upper");
    }
    Monitor.Finding miss = r.finding(Guardrail.FEATURE_MISSING);
    assertEquals(Monitor.Status.BREACH, miss.status());
    assertTrue(miss.sentence().startsWith("lactate missing in 90.6% of rows against an approved 53.5%"), miss.sentence());
    Monitor.Finding psi = r.finding(Guardrail.FEATURE_PSI);
    assertEquals(Monitor.Status.BREACH, psi.status());
    assertTrue(psi.sentence().startsWith("largest input PSI 0.209 (heart_rate) against at most 0.20"), psi.sentence());
  }

  /** The same numbers as an input of the features table and as the scores give the same PSI: one method for both. */
  @Test
  void featurePsiIsTheScorePsiOnTheSameNumbers() {
    Map<String, double[][]> samples = DriftTest.samples("feature_samples.csv");
    Monitor.PeriodResult r = judge(List.of("score_like"), samples);
    double want = DriftTest.expected("feature_drift.json").get("score_like").get("psi").asDouble();
    assertEquals(want, r.features().get("score_like").psi(), 1e-12, "against numpy");
    assertEquals(r.psi(), r.features().get("score_like").psi(), 0.0, "the score's PSI of the same values");
  }

  /**
   * One approved and one live week whose scores are the score_like sample and whose features table holds the named
   * inputs' samples (rows padded with NaN to the longest).
   */
  private static Monitor.PeriodResult judge(List<String> names, Map<String, double[][]> samples) {
    double[] sRef = samples.get("score_like")[0];
    double[] sLive = samples.get("score_like")[1];
    List<PeriodSummary> approved = Summarizer.withFeatures(List.of(scored(T0, sRef)), table(T0 + 3600, names, samples, 0));
    List<PeriodSummary> live = Summarizer.withFeatures(List.of(scored(T0 + WEEK, sLive)), table(T0 + WEEK + 3600, names, samples, 1));
    return Monitor.judge(Baseline.of(approved, 7, null, 5000, Double.NaN), live, MonitorSettings.defaults()).get(0);
  }

  private static PeriodSummary scored(long start, double[] scores) {
    return new PeriodSummary(start, start + WEEK, new PeriodSummary.Volume(scores.length, 10, 70 * 86_400L, 0, 0, 0),
        new PeriodSummary.Scores(Distribution.ofValues(scores), 0), null,
        new PeriodSummary.Performance(0, 0, 0, 0, 0, 0, Distribution.empty(), ScoreCounts.empty()), List.of());
  }

  private static FeatureLog table(long t, List<String> names, Map<String, double[][]> samples, int which) {
    int n = names.stream().mapToInt(k -> samples.get(k)[which].length).max().orElse(0);
    double[][] v = new double[names.size()][];
    for (int f = 0; f < v.length; f++) {
      double[] x = samples.get(names.get(f))[which];
      v[f] = Arrays.copyOf(x, n);
      Arrays.fill(v[f], x.length, n, Double.NaN);
    }
    long[] time = new long[n];
    Arrays.fill(time, t);
    return new FeatureLog(names, time, v);
  }

  static double[] round(double[] e) {
    double[] r = new double[e.length];
    for (int i = 0; i < e.length; i++) r[i] = Math.rint(e[i] * 1e9) / 1e9;
    return r;
  }
}
