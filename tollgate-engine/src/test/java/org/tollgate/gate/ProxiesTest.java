package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.data.ScoreTable;

class ProxiesTest {

  /** The generator makes ZIP-3 prefix follow race; detection must find it and the gate must fail. */
  @Test
  void zipPrefixIsFoundAsAProxyForRaceInTheSepsisCohort() {
    ScoreTable t = SepsisCohort.of(3000, 7).scoreTable();
    List<Proxies.Finding> f = Proxies.fromTable(t, List.of("zip3", "unit"), List.of("race_ethnicity"));
    Proxies.Finding zip = f.stream().filter(x -> x.input().equals("zip3")).findFirst().orElseThrow();
    assertTrue(zip.auroc() > 0.7, "zip3 AUROC " + zip.auroc());
    assertTrue(zip.nameSuggestsProxy());
    Proxies.Finding unit = f.stream().filter(x -> x.input().equals("unit")).findFirst().orElseThrow();
    assertTrue(unit.auroc() < 0.7 && unit.cramersV() < 0.3, "unit is not a proxy: " + unit);
    GateResult r = Gate.review(GateTest.set(9, f));
    assertEquals(ItemResult.Status.FAIL, GateTest.item(r, "proxies").status());
  }

  /**
   * Cramér's V by hand: 2×2 table [[30, 10], [10, 30]], n = 80: χ² = 4·(10²/20) = 20, V = √(20/80) = 0.5.
   * The best one-input predictor scores level 0 as 0.75 and level 1 as 0.25 for attribute level 0:
   * AUROC = (30·30 + ½·0)/(40·40)… = P(score_pos > score_neg) = (30·30)/(40·40) + ½(30·10 + 10·30)/(40·40) = 0.75.
   */
  @Test
  void cramersVAndAurocByHand() {
    int[] x = new int[80];
    int[] a = new int[80];
    int k = 0;
    for (int i = 0; i < 30; i++, k++) { x[k] = 0; a[k] = 0; }
    for (int i = 0; i < 10; i++, k++) { x[k] = 0; a[k] = 1; }
    for (int i = 0; i < 10; i++, k++) { x[k] = 1; a[k] = 0; }
    for (int i = 0; i < 30; i++, k++) { x[k] = 1; a[k] = 1; }
    Proxies.Finding f = Proxies.categorical("zip", x, 2, "race", a, new String[] {"A", "B"});
    assertEquals(0.5, f.cramersV(), 1e-12);
    assertEquals(0.75, f.auroc(), 1e-12);
  }

  @Test
  void namePatternsMarkKnownProxies() {
    for (String n : List.of("zip3", "postal_code", "payer", "insurance_type", "adi_national_rank", "deprivation_index")) {
      assertTrue(Proxies.nameSuggestsProxy(n), n);
    }
    for (String n : List.of("lactate", "heart_rate", "age_band")) {
      assertTrue(!Proxies.nameSuggestsProxy(n), n);
    }
  }

  @Test
  void leakageCountsValuesAfterThePredictionAndMissingTimestamps() {
    Provenance.Input in = new Provenance.Input("lactate", "LIS", "LACT", "lactate_time", true);
    Provenance.Finding f = Provenance.check(in, java.util.Set.of("LIS"), new long[] {100, 200, 300, 400},
        new long[] {100, 260, Long.MIN_VALUE, 7600}, 0);
    assertEquals(4, f.rows());
    assertEquals(1, f.missingTimestamps());
    assertEquals(2, f.futureTimestamps(), "equal times are not leakage; 260 > 200 and 7600 > 400 are");
    assertEquals(7200, f.maxFutureSeconds());
    assertEquals("has 2 values recorded after the prediction time (up to 2.0 h later): future leakage", f.problem());
  }

  @Test
  void lateValueCountsOfOneToTenAreWithheldInTheProblemSentence() {
    Provenance.Input in = new Provenance.Input("lactate", "LIS", "LACT", "lactate_time", true);
    // 3 of 14 values late (each a patient's prediction): withheld; 11 late: shown.
    long[] pred = new long[14];
    long[] src = new long[14];
    for (int i = 0; i < 14; i++) {
      pred[i] = 1000;
      src[i] = i < 3 ? 1060 : 900;
    }
    Provenance.Finding few = Provenance.check(in, java.util.Set.of("LIS"), pred, src, 11);
    assertEquals(3, few.futureTimestamps(), "the finding keeps the count for the rule");
    assertEquals("has 1 to 10 values recorded after the prediction time (up to 60 s later): future leakage", few.problem());
    for (int i = 0; i < 11; i++) src[i] = 1060;
    assertEquals("has 11 values recorded after the prediction time (up to 60 s later): future leakage",
        Provenance.check(in, java.util.Set.of("LIS"), pred, src, 11).problem());
    src[0] = Long.MIN_VALUE;
    for (int i = 1; i < 14; i++) src[i] = 900;
    assertEquals("has 1 to 10 values without a source timestamp", Provenance.check(in, java.util.Set.of("LIS"), pred, src, 11).problem());
  }

  @Test
  void cameraDataThatCannotBeStoredFailsProvenance() {
    Provenance.Input gait = new Provenance.Input("gait_speed", "camera", "frames", "frame_time", false);
    Provenance.Finding f = Provenance.check(gait, java.util.Set.of(), new long[] {1}, new long[] {0}, 11);
    assertEquals("cannot be stored in the patient record, so the decision cannot be reconstructed later", f.problem());
  }
}
