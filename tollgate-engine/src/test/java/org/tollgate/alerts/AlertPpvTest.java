package org.tollgate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;

/**
 * Alert PPV's cluster-aware interval against statsmodels (reference/alert_ppv/alert_ppv.py: the cluster-robust variance of
 * the mean of alert-level outcomes grouped by encounter, the Rao–Scott design effect, Wilson on the effective counts).
 */
class AlertPpvTest {
  /** Each case's encounters as (alerts, timely), read from the fixture the script made. */
  private static Map<String, List<long[]>> clusters() throws Exception {
    Map<String, List<long[]>> m = new LinkedHashMap<>();
    try (InputStream in = AlertPpvTest.class.getResourceAsStream("/reference/alert_ppv/alert_ppv_clusters.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        m.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
      }
    }
    return m;
  }

  /** The counters a simulation would make of these encounters (every one alerted; none with the outcome counted here). */
  static PolicyCounts counts(List<long[]> encounters) {
    long a = 0, t = 0, a2 = 0, t2 = 0, ta = 0;
    for (long[] e : encounters) {
      a += e[0];
      t += e[1];
      a2 += e[0] * e[0];
      t2 += e[1] * e[1];
      ta += e[0] * e[1];
    }
    return PolicyCounts.of(a, t, 0, a - t, encounters.size(), 0, 0, encounters.size(), new long[0], a2, t2, ta);
  }

  @Test
  void theIntervalOfReFiringAlertsIsStatsmodelsClusterRobustRaoScottWilson() throws Exception {
    JsonNode ref;
    try (InputStream in = AlertPpvTest.class.getResourceAsStream("/reference/alert_ppv/alert_ppv.json")) {
      ref = new ObjectMapper().readTree(in);
    }
    Map<String, List<long[]>> cs = clusters();
    assertEquals(3, cs.size());
    for (Map.Entry<String, List<long[]>> e : cs.entrySet()) {
      JsonNode want = ref.get(e.getKey());
      PolicyCounts c = counts(e.getValue());
      assertEquals(want.get("alerts").asLong(), c.alerts(), e.getKey());
      assertEquals(want.get("timely").asLong(), c.timely(), e.getKey());
      assertEquals(want.get("design_effect").asDouble(), AlertPpv.designEffect(c), 1e-9, e.getKey());
      Interval i = AlertPpv.interval(c);
      assertEquals(want.get("ppv").asDouble(), i.estimate(), 1e-12, e.getKey());
      assertEquals(want.get("lower").asDouble(), i.lower(), 1e-9, e.getKey());
      assertEquals(want.get("upper").asDouble(), i.upper(), 1e-9, e.getKey());
    }
    // Re-fires make the interval wider than the one that takes alerts as independent.
    PolicyCounts refire = counts(cs.get("refire"));
    assertTrue(AlertPpv.designEffect(refire) > 1.5, "design effect " + AlertPpv.designEffect(refire));
    Interval naive = Stats.wilson(refire.timely(), refire.alerts());
    assertTrue(AlertPpv.interval(refire).upper() - AlertPpv.interval(refire).lower() > naive.upper() - naive.lower());
  }

  @Test
  void withOneAlertPerEncounterTheIntervalIsExactlyWilsonOnTheAlerts() throws Exception {
    PolicyCounts c = counts(clusters().get("one_per_encounter"));
    assertEquals(1, AlertPpv.designEffect(c), 0);
    Interval w = Stats.wilson(c.timely(), c.alerts());
    Interval i = AlertPpv.interval(c);
    assertEquals(w.estimate(), i.estimate(), 0);
    assertEquals(w.lower(), i.lower(), 0);
    assertEquals(w.upper(), i.upper(), 0);
  }

  /**
   * Hand-worked: two encounters, one with 3 alerts all timely (sepsis), one with 1 false alert. p̂ = 3/4;
   * Σ(tᵢ − p̂aᵢ)² = (3 − 2.25)² + (0 − 0.75)² = 1.125; binomial p̂(1−p̂)·A = 0.75; d = 1.5: the 4 alerts are worth 2.67.
   */
  @Test
  void aHandWorkedDesignEffect() {
    PolicyCounts c = counts(List.of(new long[] {3, 3}, new long[] {1, 0}));
    assertEquals(1.5, AlertPpv.designEffect(c), 1e-12);
    assertEquals(Stats.wilson(3 / 1.5, 4 / 1.5).lower(), AlertPpv.interval(c).lower(), 1e-12);
  }

  @Test
  void countersFromASummaryWithoutPerEncounterSumsTakeAlertsAsIndependent() {
    PolicyCounts c = PolicyCounts.of(40, 10, 0, 30, 20, 0, 0, 20, new long[0]);
    assertEquals(1, AlertPpv.designEffect(c), 0);
    assertEquals(Stats.wilson(10, 40).lower(), AlertPpv.interval(c).lower(), 0);
    assertTrue(Double.isNaN(AlertPpv.designEffect(PolicyCounts.of(0, 0, 0, 0, 5, 0, 0, 0, new long[0]))));
  }
}
