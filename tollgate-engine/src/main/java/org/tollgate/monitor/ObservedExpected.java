package org.tollgate.monitor;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Observed over expected events, O/E, with the exact (Garwood) 95% interval that treats O as Poisson
 * and E as fixed:
 * <pre>lower = χ²_{0.025}(2O) / (2E),  upper = χ²_{0.975}(2O + 2) / (2E)</pre>
 * (Garwood, Biometrika 28:437, 1936, doi:10.1093/biomet/28.3-4.437; Breslow &amp; Day, <i>Statistical
 * Methods in Cancer Research</i> II, IARC 1987, §2.3; the interval R's {@code poisson.test(O, E)} reports).
 * O = 0 gives lower 0. Undefined (NaN) when E ≤ 0.
 *
 * @param observed O, a count of events
 * @param expected E, the sum of the predicted probabilities of the same units
 */
public record ObservedExpected(long observed, double expected, double ratio, double lower, double upper) {

  public static ObservedExpected of(long observed, double expected) {
    if (observed < 0) throw new IllegalArgumentException("observed must be ≥ 0, got " + observed);
    if (!(expected > 0)) return new ObservedExpected(observed, expected, Double.NaN, Double.NaN, Double.NaN);
    double lo = observed == 0 ? 0 : ChiSquaredDistribution.of(2.0 * observed).inverseCumulativeProbability(0.025) / 2 / expected;
    double hi = ChiSquaredDistribution.of(2.0 * observed + 2).inverseCumulativeProbability(0.975) / 2 / expected;
    return new ObservedExpected(observed, expected, observed / expected, lo, hi);
  }
}
