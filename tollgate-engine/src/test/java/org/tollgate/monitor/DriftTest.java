package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PSI and the two-sample Kolmogorov–Smirnov test against SciPy 1.17.1 / numpy 2.4.6 on generated data:
 * src/test/resources/reference/scipy/monitor_drift.py made drift_samples.csv and drift.json (run it there to
 * remake them).
 */
class DriftTest {
  static final Map<String, double[][]> SAMPLES = samples("drift_samples.csv");
  static final JsonNode EXPECTED = expected("drift.json");

  @ParameterizedTest
  @ValueSource(strings = {"normal_shift", "same", "scores_ties", "big_shift"})
  void psiEdgesAndKsMatchSciPy(String name) {
    double[] ref = SAMPLES.get(name)[0];
    double[] live = SAMPLES.get(name)[1];
    JsonNode e = EXPECTED.get(name);
    Distribution r = Distribution.ofValues(ref);
    double[] edges = Drift.psiEdges(r);
    double[] want = new double[e.get("edges").size()];
    for (int i = 0; i < want.length; i++) want[i] = e.get("edges").get(i).asDouble();
    assertArrayEquals(want, edges, 1e-12, "decile edges (numpy.quantile, linear)");
    assertEquals(e.get("psi").asDouble(), Drift.psi(r, Distribution.ofValues(live), edges), 1e-12, "PSI");
    Drift.Ks ks = Drift.ks(ref, live);
    assertEquals(e.get("ks_d").asDouble(), ks.d(), 1e-12, "KS D (scipy.stats.ks_2samp)");
    double p = e.get("ks_p_kolmogorov").asDouble();
    assertEquals(p, ks.p(), Math.max(1e-300, p * 1e-9), "KS p (scipy.stats.kstwobign.sf)");
  }

  /** A histogram of exact values gives the same statistics as the raw values, and halves merge to the whole. */
  @Test
  void histogramsMergeExactlyAndGiveTheRawStatistics() {
    double[] ref = SAMPLES.get("scores_ties")[0];
    double[] live = SAMPLES.get("scores_ties")[1];
    int h = live.length / 2;
    Distribution a = Distribution.ofValues(java.util.Arrays.copyOfRange(live, 0, h));
    Distribution b = Distribution.ofValues(java.util.Arrays.copyOfRange(live, h, live.length));
    assertEquals(Distribution.ofValues(live), a.merge(b));
    assertEquals(Distribution.ofValues(live), b.merge(a));
    assertEquals(Drift.ks(ref, live), Drift.ks(Distribution.ofValues(ref), a.merge(b)));
  }

  @Test
  void anEmptyLiveSampleGivesNaN() {
    Distribution r = Distribution.ofValues(new double[] {0.1, 0.2, 0.3});
    assertEquals(Double.NaN, Drift.psi(r, Distribution.empty(), Drift.psiEdges(r)));
    assertEquals(Double.NaN, Drift.ks(r, Distribution.empty()).p());
  }

  /** Kolmogorov's distribution at published points (Smirnov's table; Q(1.3581) = 0.05, Q(1.6276) = 0.01). */
  @Test
  void kolmogorovTailAtItsCriticalValues() {
    assertEquals(0.05, Drift.kolmogorovSf(1.3581), 1e-4);
    assertEquals(0.01, Drift.kolmogorovSf(1.6276), 1e-4);
    // Both series agree where they meet.
    assertEquals(Drift.kolmogorovSf(1.1799999), Drift.kolmogorovSf(1.18), 1e-6);
  }

  /** A samples file of the script (case, sample, value; "nan" where a features table's input is missing). */
  static Map<String, double[][]> samples(String file) {
    Map<String, List<Double>> ref = new LinkedHashMap<>();
    Map<String, List<Double>> live = new LinkedHashMap<>();
    try (InputStream in = DriftTest.class.getResourceAsStream("/reference/scipy/" + file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] c = line.split(",");
        (c[1].equals("reference") ? ref : live).computeIfAbsent(c[0], k -> new ArrayList<>()).add(c[2].equals("nan") ? Double.NaN : Double.parseDouble(c[2]));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, double[][]> out = new LinkedHashMap<>();
    for (String k : ref.keySet()) {
      out.put(k, new double[][] {ref.get(k).stream().mapToDouble(Double::doubleValue).toArray(), live.get(k).stream().mapToDouble(Double::doubleValue).toArray()});
    }
    return out;
  }

  static JsonNode expected(String file) {
    try (InputStream in = DriftTest.class.getResourceAsStream("/reference/scipy/" + file)) {
      return new ObjectMapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
