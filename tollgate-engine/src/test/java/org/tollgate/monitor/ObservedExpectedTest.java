package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ObservedExpectedTest {

  /**
   * R's documented example of the exact Poisson test (Armitage &amp; Berry, Statistical Methods in Medical Research,
   * p. 142; {@code ?poisson.test}): 137 observed against 24.19893 expected. {@code poisson.test(137, 24.19893)}
   * prints the rate ratio 5.661407 and the 95% interval 4.753125–6.692709.
   */
  @Test
  void exactIntervalOfRsPoissonTestExample() {
    ObservedExpected oe = ObservedExpected.of(137, 24.19893);
    assertEquals(5.661407, oe.ratio(), 5e-7);
    assertEquals(4.753125, oe.lower(), 5e-7);
    assertEquals(6.692709, oe.upper(), 5e-7);
  }

  /** No event: lower bound 0, upper χ²₀.₉₇₅(2)/2 / E = −ln(0.025) / E = 3.689 / E. */
  @Test
  void noEventHasLowerBoundZero() {
    ObservedExpected oe = ObservedExpected.of(0, 2);
    assertEquals(0, oe.lower());
    assertEquals(-Math.log(0.025) / 2, oe.upper(), 1e-9);
  }

  @Test
  void noExpectationIsUndefined() {
    assertEquals(Double.NaN, ObservedExpected.of(3, 0).ratio());
  }
}
