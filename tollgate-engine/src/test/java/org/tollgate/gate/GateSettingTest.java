package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.gate.ItemResult.Status;

/** Review r17 #2: gate settings within bounds a clinician would defend, and every change from the defaults part of the verdict. */
class GateSettingTest {

  /** The defaults with min_fallback_replication, min_sensitivity and storm_factor as given. */
  static GateLimits limits(double replication, double minSensitivity, double stormFactor) {
    GateLimits d = GateLimits.defaults();
    return new GateLimits(d.falseAlertCostPerMonth(), d.minCell(), stormFactor, d.disparity(), d.proxyAuroc(), d.proxyCramersV(), d.rpn(), d.severity(),
        d.minPeerTrained(), d.minSensitivityShare(), minSensitivity, d.maxAlertsPerStaffPerShift(), d.minAlertPpv(), replication);
  }

  static GateInputs with(GateLimits lim) {
    GateInputs p = PaperFallbackRuleTest.with(PaperFallbackRuleTest.fallback(0.85, 0.1, 100), GateTest.allAttestations());
    return new GateInputs(p.useCase(), lim, p.evaluation(), p.labelKind(), p.policy(), p.searchGrid(), p.friction(), p.drill(),
        p.provenance(), p.proxies(), p.risks(), p.attestations(), p.businessModel(), p.protectedAttributes(), p.regulatory(), null, null, p.fallback());
  }

  @Test
  void theDefaultsChangeNothingAndPrintNoLine() {
    assertEquals(List.of(), GateLimits.defaults().changesFromDefaults());
    GateResult g = Gate.review(with(GateLimits.defaults()));
    assertEquals(List.of(), g.settingsChanged());
    assertNull(g.settingsLine());
    assertFalse(g.loosened());
  }

  @Test
  void looserSettingsComeFirstMarkedAndAGoSaysItWasGivenUnderThem() {
    // storm factor 2 is stricter than 3 (a smaller rise is a storm); replication 50% and sensitivity floor 20% are looser.
    GateResult g = Gate.review(with(limits(0.5, 0.2, 2)));
    assertEquals(GateResult.Verdict.GO, g.verdict(), "every rule passes under the settings chosen: the verdict stays GO");
    assertTrue(g.loosened());
    assertEquals(List.of("min_sensitivity", "min_fallback_replication", "storm_factor"), g.settingsChanged().stream().map(c -> c.setting().key()).toList());
    assertEquals("GO under loosened settings. Gate settings changed from tollgate's defaults: detected-in-time floor 20% (default 30%, looser);"
        + " fallback share required 50% (default 80%, looser); alert-storm factor 2.0× (default 3.0×, stricter)", g.settingsLine());
  }

  @Test
  void onlyStricterSettingsAreListedWithoutTheLoosenedWarning() {
    GateResult g = Gate.review(with(limits(0.85, 0.3, 3)));
    assertFalse(g.loosened());
    assertEquals("Gate settings changed from tollgate's defaults: fallback share required 85% (default 80%, stricter)", g.settingsLine());
  }

  @Test
  void item3SaysTheShareTheGateRequiresAndWhereItWasLoosenedFrom() {
    ItemResult loosened = Gate.review(with(limits(0.5, 0.3, 3))).items().stream().filter(i -> i.id().equals("3")).findFirst().orElseThrow();
    assertEquals(Status.PASS, loosened.status());
    assertTrue(loosened.reason().contains("keeps 85% (95% CI 77–91%) of the policy's 100 timely detections (the gate requires 50%, loosened from 80%)"),
        loosened.reason());
    ItemResult raised = Gate.review(with(limits(0.82, 0.3, 3))).items().stream().filter(i -> i.id().equals("3")).findFirst().orElseThrow();
    assertTrue(raised.reason().contains("(the gate requires 82%, raised from 80%)"), raised.reason());
  }

  @Test
  void everySettingOutsideItsBoundsIsRefusedNamingIt() {
    GateLimits d = GateLimits.defaults();
    // rpn: the largest is 10 × 10 × 10; severity: scale 1–10; a floor of 0 switches the rule off.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GateLimits(d.falseAlertCostPerMonth(), d.minCell(), d.stormFactor(),
        d.disparity(), d.proxyAuroc(), d.proxyCramersV(), 100_000, d.severity(), d.minPeerTrained()));
    assertTrue(e.getMessage().startsWith("gate.rpn must be a whole number at least 1 and at most 1,000 ("), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> limits(0, 0.3, 3));
    assertThrows(IllegalArgumentException.class, () -> limits(0.8, 0.3, 0.5));
    assertEquals(null, GateSetting.SEVERITY.problem(10));
    assertTrue(GateSetting.SEVERITY.problem(11).endsWith("got 11"));
    assertTrue(GateSetting.PROXY_AUROC.problem(1.0) != null && GateSetting.PROXY_AUROC.problem(0.5) != null && GateSetting.PROXY_AUROC.problem(0.99) == null);
    assertTrue(GateSetting.FALSE_ALERT_COST_PER_MONTH.problem(1e12) != null && GateSetting.FALSE_ALERT_COST_PER_MONTH.problem(0) == null);
    assertTrue(GateSetting.MIN_PEER_TRAINED.problem(0) != null && GateSetting.MIN_PEER_TRAINED.problem(1.5) != null);
    // every default is inside its own bounds
    for (GateSetting s : GateSetting.values()) assertNull(s.problem(s.of(d)), s.key());
  }
}
