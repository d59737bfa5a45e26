package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;
import org.tollgate.fallback.BedsideInput;
import org.tollgate.fallback.Fallback;
import org.tollgate.fallback.PaperRule;
import org.tollgate.fallback.Replication;
import org.tollgate.gate.ItemResult.Status;

/** Item 3 made of evidence: pass, fail and missing, each with its reason (shares and Wilson intervals worked by hand). */
class PaperFallbackRuleTest {

  static final PaperRule RULE = PaperRule.kOfN(null, List.of(PaperRule.parse("resp_rate >= 22"), PaperRule.parse("systolic_bp <= 100")), 1,
      PaperRule.Origin.FOUND);

  /** A fallback whose rule keeps {@code share} of 40 policy detections and adds {@code extra} false alerts per staff member per shift. */
  static Fallback.Result fallback(double share, double extra) {
    return fallback(share, extra, 40);
  }

  /** A fallback whose rule keeps {@code share} of {@code detected} policy detections (of {@code detected} + 10 outcome encounters). */
  static Fallback.Result fallback(double share, double extra, int detected) {
    long replicated = Math.round(share * detected);
    Replication r = new Replication(1000, detected, replicated, Stats.wilson(replicated, detected), detected + 10, replicated + 2,
        Stats.wilson(replicated + 2, detected + 10),
        200, 40, Stats.wilson(40, 200), 160, 1000, new Interval(0.16 + extra, 0.1, 0.2, Interval.Method.NONE), 0.16, Interval.point(4), null);
    return Fallback.Result.measured(RULE, r, Fallback.Settings.defaults(), List.of(BedsideInput.RESP_RATE, BedsideInput.SYSTOLIC_BP), "p",
        share < 0.8 ? List.of("add 'heart rate ≥ 110/min' (replication 0.85, +0.2 false alerts per staff member per shift over the policy's)") : List.of());
  }

  static GateInputs with(Fallback.Result f, List<Attestation> attestations) {
    GateInputs p = GateTest.passing();
    return new GateInputs(p.useCase(), p.limits(), p.evaluation(), p.labelKind(), p.policy(), p.searchGrid(), p.friction(), p.drill(),
        p.provenance(), p.proxies(), p.risks(), attestations, p.businessModel(), p.protectedAttributes(), p.regulatory(), null, null, f);
  }

  static ItemResult item3(GateInputs in) {
    return Gate.review(in).items().stream().filter(i -> i.id().equals("3")).findFirst().orElseThrow();
  }

  @Test
  void passesOnReplicationWithinStaffingAndASignature() {
    ItemResult i = item3(with(fallback(0.85, 0.1, 100), GateTest.allAttestations()));
    assertEquals(Status.PASS, i.status(), i.reason());
    // 85 of 100: Wilson 95% 0.767–0.907 (hand-worked: centre 0.8371, half-width 0.0699)
    assertEquals("the paper rule (1 or more of: respiratory rate ≥ 22/min; systolic blood pressure ≤ 100 mmHg) keeps 85% (95% CI 77–91%) of the"
        + " policy's 100 timely detections (the gate requires 80%) within the staffing floor (+0.10 false alerts per staff member per shift); signed by Dr A (clinician) on 2026-10-01",
        i.reason());
  }

  @Test
  void aShareThatWouldGiveBackOneToTenLostDetectionsIsNotPrintedButStillJudged() {
    // 34 of 40 kept: 85% of the 40 shown would give back the 6 lost (a small cell), so the share is withheld in words, with
    // the bound the withheld count allows: at most 10 lost of 40 is at least 30/40 = 75%; at most 10 kept is at most 25%.
    ItemResult i = item3(with(fallback(0.85, 0.1), GateTest.allAttestations()));
    assertEquals(Status.PASS, i.status(), i.reason());
    assertEquals("the paper rule (1 or more of: respiratory rate ≥ 22/min; systolic blood pressure ≤ 100 mmHg) keeps all but 1 to 10 (at least 75%) of the"
        + " policy's 40 timely detections (the gate requires 80%) within the staffing floor (+0.10 false alerts per staff member per shift); signed by Dr A (clinician) on 2026-10-01",
        i.reason());
    assertNull(i.evidence().get("replication"), "the share is withheld from the evidence too");
    assertEquals(Boolean.TRUE, i.evidence().get("replication_withheld"));
    assertFalse(i.evidence().containsKey("replication_lower"), "so are its bounds");
    // 5 of 40 kept: a fail, said without the count
    ItemResult low = item3(with(fallback(0.125, 0.1), GateTest.allAttestations()));
    assertEquals(Status.FAIL, low.status());
    assertTrue(low.reason().contains("keeps fewer than 11 (at most 25%) of the policy's 40 timely detections, below the 80% required"), low.reason());
  }

  @Test
  void policyDetectionsOfOneToTenAreTooFewToMeasureTheFallback() {
    ItemResult i = item3(with(fallback(1.0, 0.1, 8), GateTest.allAttestations()));
    assertEquals(Status.MISSING, i.status(), "8 of 8 kept is no evidence: too few detections to measure a share");
    assertTrue(i.reason().startsWith("the policy detects fewer than 11 outcome encounters in time"), i.reason());
  }

  @Test
  void failsBelowTheShareWithTheCriteriaThatWouldCloseTheGap() {
    ItemResult i = item3(with(fallback(0.30, 0.1), GateTest.allAttestations()));
    assertEquals(Status.FAIL, i.status());
    // 12 of 40: Wilson 95% 0.181–0.454
    assertEquals("the paper rule (1 or more of: respiratory rate ≥ 22/min; systolic blood pressure ≤ 100 mmHg) keeps 30% (95% CI 18–45%) of the"
        + " policy's 40 timely detections, below the 80% required", i.reason());
    assertTrue(i.fix().contains("add 'heart rate ≥ 110/min'"), i.fix());
    assertEquals("The paper fallback cannot keep care safe: when the system is down its criteria catch 30% (95% CI 18–45%) of the patients the model would have flagged in time.",
        i.flaw());
  }

  @Test
  void failsAboveTheStaffingFloorEvenWithEnoughReplication() {
    ItemResult i = item3(with(fallback(0.85, 0.6), GateTest.allAttestations()));
    assertEquals(Status.FAIL, i.status());
    assertTrue(i.reason().endsWith("but adds 0.60 false alerts per staff member per shift, above the staffing floor's 0.25"), i.reason());
  }

  @Test
  void missingWithoutFeaturesNamesTheInputsToExport() {
    ItemResult i = item3(with(null, GateTest.allAttestations()));
    assertEquals(Status.MISSING, i.status());
    assertEquals("no bedside inputs (features table): no paper rule could be found or measured against the policy; the procedure is signed by Dr A (clinician)",
        i.reason());
    // the fixture's model reads one input, lactate (GateTest.cleanProvenance), a bedside reading: the fix asks for it
    assertEquals("export a features table (data.features): encounter_id, time, and the model's bedside inputs lactate, each with its value and its source "
        + "time (<input>_time)", i.fix());
  }

  @Test
  void missingWhileNoClinicianHasSigned() {
    List<Attestation> unsigned = GateTest.allAttestations().stream().filter(a -> !a.item().equals("paper_fallback")).toList();
    ItemResult i = item3(with(fallback(0.85, 0.1), unsigned));
    assertEquals(Status.MISSING, i.status());
    assertTrue(i.reason().endsWith("within the staffing floor, but no clinician has signed the procedure"), i.reason());
    assertEquals("sign it (a clinician): tollgate attest USE-CASE paper_fallback --as USER, or the Attest form", i.fix());
  }

  @Test
  void missingWhenThePolicyDetectsNothingInTime() {
    Replication none = new Replication(1000, 0, 0, Stats.wilson(0, 0), 5, 0, Stats.wilson(0, 5), 0, 0, Stats.wilson(0, 0), 0, 1000,
        new Interval(0, 0, 0.003, Interval.Method.NONE), 0, Interval.UNDEFINED, null);
    ItemResult i = item3(with(Fallback.Result.measured(RULE, none, Fallback.Settings.defaults(), List.of(BedsideInput.RESP_RATE), "p", null),
        GateTest.allAttestations()));
    assertEquals(Status.MISSING, i.status());
    assertNull(i.evidence().get("replication"));
  }
}
