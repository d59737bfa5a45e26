package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.gate.GateResult.Verdict;
import org.tollgate.gate.ItemResult.Status;

/** The trade-off table, worked by hand, and the rule it feeds. */
class TradeOffsTest {
  static final TradeOffs.Measure WAIT = new TradeOffs.Measure("wait", "wait", TradeOffs.Better.LOWER, false);
  static final TradeOffs.Measure ERRORS = new TradeOffs.Measure("err", "errors", TradeOffs.Better.LOWER, true);

  static double[] ones(int ones, int n) {
    double[] x = new double[n];
    for (int i = 0; i < ones; i++) x[i] = 1;
    return x;
  }

  @Test
  void differenceOfMeansUsesTheWelchNormalInterval() {
    // pre {1,2,3}: mean 2, s² 1; post {4,5,6}: mean 5, s² 1; se = √(1/3 + 1/3) = 0.816497; 3 ± 1.959964 × 0.816497 = 3 ± 1.600304.
    TradeOffs.Row r = TradeOffs.compare(WAIT, new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertEquals(3, r.difference().estimate(), 1e-12);
    assertEquals(3 - 1.600304, r.difference().lower(), 1e-6);
    assertEquals(3 + 1.600304, r.difference().upper(), 1e-6);
    assertEquals("worsened", r.change(), "higher wait is worse");
    assertEquals(1.5, r.relativeChange(), 1e-12);
    assertEquals("improved", TradeOffs.compare(WAIT, new double[] {4, 5, 6}, new double[] {1, 2, 3}).change());
    assertEquals("no detectable change", TradeOffs.compare(WAIT, new double[] {1, 2, 3}, new double[] {1.5, 2.5, 3.5}).change());
  }

  @Test
  void proportionsUseNewcombesHybridScoreInterval() {
    // Newcombe 1998, Table II, method 10: 56/70 − 48/80 = 0.2000, 95% CI 0.0524 to 0.3339 (post − pre).
    TradeOffs.Row r = TradeOffs.compare(ERRORS, ones(48, 80), ones(56, 70));
    assertTrue(r.binary());
    assertEquals(0.2, r.difference().estimate(), 1e-12);
    assertEquals(0.0524, r.difference().lower(), 5e-5);
    assertEquals(0.3339, r.difference().upper(), 5e-5);
    assertEquals("worsened", r.change());
  }

  @Test
  void aWorsenedSafetyMeasureGivesModifyWithAProposalAndPauseWithout() {
    TradeOffs.Row faster = TradeOffs.compare(WAIT, new double[] {4, 5, 6}, new double[] {1, 2, 3});
    TradeOffs.Row errors = TradeOffs.compare(ERRORS, ones(48, 80), ones(56, 70));
    TradeOffs.Result modify = new TradeOffs.Result(List.of(faster, errors), "drop the admission suggestion", null);
    assertEquals("modify", modify.decision());
    GateResult g = Gate.review(tradeOffs(modify));
    ItemResult i = g.items().get(g.items().size() - 1);
    assertEquals("trade_offs", i.id());
    assertEquals(Status.FAIL, i.status());
    assertEquals("drop the admission suggestion", i.fix());
    assertEquals(Verdict.REDESIGN, g.verdict());
    // The difference's point estimate with its interval, in the measure's unit (it was "(-60.0%, difference 95% CI -4.6 to -1.4)": a
    // percentage and an interval with no estimate). 2 − 5 = −3; −3 ± 1.600304 (the Welch interval above).
    assertTrue(g.fatalFlaw().startsWith("The gain is paid for in safety: wait 5.0 → 2.0, change −3.0 (95% CI −4.6 to −1.4): improved"),
        g.fatalFlaw());
    assertTrue(g.fatalFlaw().contains("errors 60.0% → 80.0%, change +20.0 points (95% CI +5.2 to +33.4 points): worsened"), g.fatalFlaw());
    assertTrue(g.fatalFlaw().endsWith("Modify before going further: drop the admission suggestion."), g.fatalFlaw());

    TradeOffs.Result pause = new TradeOffs.Result(List.of(faster, errors), null, null);
    assertEquals("pause", pause.decision());
    GateResult p = Gate.review(tradeOffs(pause));
    assertEquals(Verdict.NO_GO, p.verdict());
    assertTrue(p.fatalFlaw().endsWith("and no modification is proposed: pause."), p.fatalFlaw());

    // A worse non-safety measure does not stop anything; an unchanged safety measure neither.
    TradeOffs.Row same = TradeOffs.compare(ERRORS, ones(8, 80), ones(7, 70));
    assertEquals("no detectable change", same.change());
    TradeOffs.Result proceed = new TradeOffs.Result(List.of(TradeOffs.compare(WAIT, new double[] {1, 2, 3}, new double[] {4, 5, 6}), same), null, null);
    assertEquals("proceed", proceed.decision());
    GateResult ok = Gate.review(tradeOffs(proceed));
    assertEquals(Status.PASS, ok.items().get(ok.items().size() - 1).status());
    assertEquals(Verdict.GO, ok.verdict());
  }

  @Test
  void withoutATableTheRuleIsNotPartOfTheReview() {
    assertTrue(Gate.review(GateTest.passing()).items().stream().noneMatch(i -> i.id().equals("trade_offs")));
    assertNull(GateTest.passing().tradeOffs());
  }

  private static GateInputs tradeOffs(TradeOffs.Result t) {
    GateInputs p = GateTest.passing();
    return new GateInputs(p.useCase(), p.limits(), p.evaluation(), p.labelKind(), p.policy(), p.searchGrid(), p.friction(), p.drill(),
        p.provenance(), p.proxies(), p.risks(), p.attestations(), p.businessModel(), p.protectedAttributes(), p.regulatory(), t, null, p.fallback());
  }
}
