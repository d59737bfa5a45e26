package org.tollgate.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.ScoreTable;

/**
 * The search on hand-made data whose best rule is known by construction: the policy detects 20 septic
 * encounters, each charted with respiratory rate 22/min and systolic pressure 100 mmHg at its 08:00 check;
 * 20 others have 22/min but 101 mmHg, 20 have 21/min and 100 mmHg, 40 are normal. Either criterion alone
 * raises 20 false alerts, over the bound (0.25 × 20 staff-shifts = 5); "respiratory rate ≥ 22 and systolic
 * ≤ 100" catches all 20 with none, and no other threshold on the clinical grid does (≥ 21 admits the 21s, ≤ 105
 * admits the 101s, ≥ 23 or ≤ 95 miss the septic ones).
 */
class RuleSearchTest {
  static final Outcome SEPSIS = new Outcome("sepsis_onset", 720);
  static final AlertPolicy POLICY = AlertPolicy.threshold("p", 0.5);
  static final Workflow NURSE = Workflow.of("bedside nurse", 2, 50, null);

  static Tables handMade() {
    long t0 = Tables.T0;
    long h = Tables.H;
    Tables t = new Tables();
    for (int i = 0; i < 100; i++) {
      int group = i < 20 ? 0 : i < 40 ? 1 : i < 60 ? 2 : 3;
      double rr = group == 0 || group == 1 ? 22 : group == 2 ? 21 : 16;
      double sbp = group == 0 || group == 2 ? 100 : group == 1 ? 101 : 120;
      t.add(new long[] {t0, t0 + 8 * h, t0 + 12 * h}, new double[] {0.1, group == 0 ? 0.9 : 0.1, 0.1}, group == 0 ? t0 + 10 * h : null,
          new long[] {t0, t0 + 8 * h},
          new double[][] {Tables.values(BedsideInput.RESP_RATE, 16, BedsideInput.SYSTOLIC_BP, 120), Tables.values(BedsideInput.RESP_RATE, rr, BedsideInput.SYSTOLIC_BP, sbp)});
    }
    return t;
  }

  static FallbackData data(Tables t, int everyHours) {
    ScoreTable s = t.scoreTable();
    return Fallback.prepare(s, t.events(s), t.features(s, EnumSet.of(BedsideInput.RESP_RATE, BedsideInput.SYSTOLIC_BP)), SEPSIS, POLICY, NURSE, everyHours);
  }

  @Test
  void findsTheKnownBestRuleOnHandMadeData() {
    FallbackData d = data(handMade(), 4);
    assertEquals(20, d.policyDetected());
    assertEquals(20.0, d.staffShifts(), 1e-9, "100 encounters × 12 h = 50 patient-days / 5 per nurse × 2 shifts a day");
    PaperRule r = RuleSearch.find(d, 0.25);
    assertEquals("2 or more of: respiratory rate ≥ 22/min; systolic blood pressure ≤ 100 mmHg", r.oneLine());
    Replication m = Fallback.measure(r, d);
    assertEquals(20, m.replicated());
    assertEquals(0, m.falseAlerts());
  }

  @Test
  void withALooseBoundOneCriterionIsEnough() {
    // 20 false alerts are within 1.0 × 20 staff-shifts: a single box replicates all 20 with fewer criteria
    PaperRule r = RuleSearch.find(data(handMade(), 4), 1.0);
    assertEquals(1, r.criteria().size(), r.oneLine());
    assertEquals(20, Fallback.measure(r, data(handMade(), 4)).replicated());
  }

  @Test
  void checkingTooRarelyFindsNothing() {
    // checks every 12 h fall at 00:00 and 12:00: the septic charts at 08:00 are never seen before onset at 10:00
    assertNull(RuleSearch.find(data(handMade(), 12), 0.25));
  }

  @Test
  void aClinicianWrittenRuleIsMeasuredExactlyAsTheFoundOne() {
    Tables t = handMade();
    ScoreTable s = t.scoreTable();
    FeatureTable f = t.features(s, EnumSet.of(BedsideInput.RESP_RATE, BedsideInput.SYSTOLIC_BP));
    Fallback.Result found = Fallback.run(s, t.events(s), f, SEPSIS, POLICY, NURSE, new Fallback.Settings(4, 0.25, null));
    PaperRule written = PaperRule.kOfN("the clinicians'", List.of(PaperRule.parse("systolic_bp <= 100"), PaperRule.parse("resp_rate >= 22")), 2,
        PaperRule.Origin.CLINICIAN);
    Fallback.Result given = Fallback.run(s, t.events(s), f, SEPSIS, POLICY, NURSE, new Fallback.Settings(4, 0.25, written));
    assertEquals(PaperRule.Origin.CLINICIAN, given.rule().origin());
    assertEquals(found.replication(), given.replication());
  }

  /**
   * 20 septic encounters charted at heart rate 85/min before onset, 80 others at 70/min: "heart rate ≥ 80/min"
   * would replicate all 20 with no false alert, but 85/min is inside NEWS2's normal band (51–90): a box most
   * patients on a ward tick is not a criterion, so the search finds no rule rather than print it.
   */
  @Test
  void neverPrintsACriterionInsideTheNormalRange() {
    long t0 = Tables.T0;
    long h = Tables.H;
    Tables t = new Tables();
    for (int i = 0; i < 100; i++) {
      boolean septic = i < 20;
      t.add(new long[] {t0, t0 + 8 * h, t0 + 12 * h}, new double[] {0.1, septic ? 0.9 : 0.1, 0.1}, septic ? t0 + 10 * h : null,
          new long[] {t0, t0 + 8 * h},
          new double[][] {Tables.values(BedsideInput.HEART_RATE, 70, BedsideInput.RESP_RATE, 16), Tables.values(BedsideInput.HEART_RATE, septic ? 85 : 70, BedsideInput.RESP_RATE, 16)});
    }
    ScoreTable s = t.scoreTable();
    FallbackData d = Fallback.prepare(s, t.events(s), t.features(s, EnumSet.of(BedsideInput.HEART_RATE, BedsideInput.RESP_RATE)), SEPSIS, POLICY, NURSE, 4);
    assertEquals(20, d.policyDetected());
    assertNull(RuleSearch.find(d, 0.25));
    for (Criterion c : RuleSearch.candidates(d.grid())) {
      if (c.input() == BedsideInput.HEART_RATE) {
        assertTrue(c.op() == Criterion.Op.AT_LEAST ? c.threshold() >= 90 : c.threshold() <= 50, c.toString());
      }
    }
  }
}
