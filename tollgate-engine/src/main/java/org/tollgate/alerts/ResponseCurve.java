package org.tollgate.alerts;

import java.util.Arrays;

/**
 * The human response model: the probability that an alert is acted on, as a function of how many
 * alerts each staff member receives per shift. A piecewise-linear curve through given points (x =
 * alerts per staff member per shift, ascending; y = probability acted on), flat beyond the ends.
 * Deterministic: results are expectations, so a run can be repeated exactly.
 */
public record ResponseCurve(double[] alertsPerShift, double[] probabilityActedOn) {
  public ResponseCurve {
    if (alertsPerShift.length == 0 || alertsPerShift.length != probabilityActedOn.length) {
      throw new IllegalArgumentException("response curve needs matching, non-empty x and y points");
    }
    for (int i = 0; i < alertsPerShift.length; i++) {
      if (i > 0 && !(alertsPerShift[i] > alertsPerShift[i - 1])) {
        throw new IllegalArgumentException("response curve x points must ascend strictly, at point " + (i + 1));
      }
      if (!(probabilityActedOn[i] >= 0 && probabilityActedOn[i] <= 1)) {
        throw new IllegalArgumentException("response curve probabilities must be in [0, 1], got " + probabilityActedOn[i]);
      }
    }
    alertsPerShift = alertsPerShift.clone();
    probabilityActedOn = probabilityActedOn.clone();
  }

  /**
   * A default curve for when a user switches the model on without points: 90% acted on at 0–2 alerts
   * per shift, 60% at 6, 30% at 12, 10% at 24 and beyond. Illustrative; replace with local data.
   */
  public static ResponseCurve defaultCurve() {
    return new ResponseCurve(new double[] {0, 2, 6, 12, 24}, new double[] {0.9, 0.9, 0.6, 0.3, 0.1});
  }

  public double at(double x) {
    if (Double.isNaN(x)) return Double.NaN;
    double[] xs = alertsPerShift;
    double[] ys = probabilityActedOn;
    if (x <= xs[0]) return ys[0];
    if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
    int i = Arrays.binarySearch(xs, x);
    if (i >= 0) return ys[i];
    int hi = -i - 1;
    int lo = hi - 1;
    return ys[lo] + (x - xs[lo]) / (xs[hi] - xs[lo]) * (ys[hi] - ys[lo]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseCurve r && Arrays.equals(alertsPerShift, r.alertsPerShift) && Arrays.equals(probabilityActedOn, r.probabilityActedOn);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(alertsPerShift) * 31 + Arrays.hashCode(probabilityActedOn);
  }

  @Override
  public String toString() {
    return "ResponseCurve" + Arrays.toString(alertsPerShift) + "->" + Arrays.toString(probabilityActedOn);
  }
}
