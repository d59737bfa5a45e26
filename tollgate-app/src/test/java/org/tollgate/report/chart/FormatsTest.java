package org.tollgate.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Chart labels: a value that rounds to zero has no sign (r17 finding 10: "0.6 s (−0 s to 1.3 s)" on case 06's forest plot). */
class FormatsTest {
  @Test
  void aLabelThatRoundsToZeroHasNoMinusSign() {
    assertEquals("0 s", Formats.number(0, " s").apply(-0.04));
    assertEquals("0 s", Formats.number(1, " s").apply(-0.04));
    assertEquals("−0.1 s", Formats.number(1, " s").apply(-0.06));
    assertEquals("−1,250", Formats.number(0, null).apply(-1250.2));
    assertEquals("0%", Formats.percent().apply(-0.0001));
    assertEquals("−2.5%", Formats.percent().apply(-0.025));
  }
}
