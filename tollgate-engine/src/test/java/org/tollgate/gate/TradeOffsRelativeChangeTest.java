package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.Interval;

/** The trade-offs rule's relative changes, hand-worked from case 11's pilot: ER wait 71.3 → 57.9 min, admission errors 4.5% → 6.7%. */
class TradeOffsRelativeChangeTest {

  @Test
  void relativeChangeIsPostOverPreMinusOneWithTheDifferencesIntervalDividedByPre() {
    TradeOffs.Row wait = new TradeOffs.Row(new TradeOffs.Measure("wait", "ER wait (minutes)", TradeOffs.Better.LOWER, false), false, 400, 400,
        71.3, 57.9, new Interval(-13.4, -15.2, -11.6, Interval.Method.NONE), "improved");
    TradeOffs.Row errors = new TradeOffs.Row(new TradeOffs.Measure("err", "admission errors", TradeOffs.Better.LOWER, true), true, 900, 900,
        0.045, 0.067, new Interval(0.022, 0.011, 0.034, Interval.Method.NONE), "worsened");
    TradeOffs.Row empty = new TradeOffs.Row(new TradeOffs.Measure("x", "callbacks", TradeOffs.Better.HIGHER, false), false, 1, 1,
        0, 2, Interval.UNDEFINED, "no detectable change");
    List<Map<String, Object>> c = TradeOffsRule.relativeChanges(new TradeOffs.Result(List.of(wait, errors, empty), "drop it", null));
    // 57.9 / 71.3 − 1 = −0.18794; −15.2 / 71.3 = −0.21318; −11.6 / 71.3 = −0.16269
    assertEquals(-0.18794, (double) c.get(0).get("relative_change"), 1e-5);
    assertEquals(-0.21318, (double) c.get(0).get("relative_lower"), 1e-5);
    assertEquals(-0.16269, (double) c.get(0).get("relative_upper"), 1e-5);
    assertEquals("lower", c.get(0).get("better"));
    assertEquals(false, c.get(0).get("safety"));
    // 0.067 / 0.045 − 1 = 0.48889; 0.011 / 0.045 = 0.24444; 0.034 / 0.045 = 0.75556
    assertEquals(0.48889, (double) c.get(1).get("relative_change"), 1e-5);
    assertEquals(0.24444, (double) c.get(1).get("relative_lower"), 1e-5);
    assertEquals(0.75556, (double) c.get(1).get("relative_upper"), 1e-5);
    assertEquals(true, c.get(1).get("safety"));
    assertEquals("worsened", c.get(1).get("change"));
    // a before value of 0: no relative figure, the measure still named
    assertEquals("callbacks", c.get(2).get("measure"));
    assertFalse(c.get(2).containsKey("relative_change"));
    assertFalse(c.get(2).containsKey("relative_lower"));
  }
}
