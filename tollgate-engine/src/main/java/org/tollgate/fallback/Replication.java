package org.tollgate.fallback;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;

/**
 * How well a paper rule replicates the decision of the policy under review, measured on the checks of
 * a {@link CheckGrid} with {@link PaperAlerts}' semantics.
 *
 * <ul>
 *   <li>replication share = replicated / policy detected: of the encounters the policy detects in time,
 *       the share the paper rule also detects in time (Wilson 95% interval);
 *   <li>sensitivity = paper detected / outcome encounters (Wilson);
 *   <li>alert PPV = timely paper alerts / paper alerts (Wilson);
 *   <li>false alerts per staff member per shift = false paper alerts / staff-shifts, with the exact
 *       (Garwood) Poisson interval [Γ⁻¹(0.025; x, 1), Γ⁻¹(0.975; x + 1, 1)] / staff-shifts (lower 0 when x = 0);
 *       staff-shifts = patient-days / patients per nurse × 24 / shift hours: the staffing floor's ratio
 *       (the workflow's {@code patients_per_nurse}, default 5; shift 12 h) applied to the data's own census,
 *       so the burden is that of the units the data come from;
 *   <li>lead time: median hours from the first timely paper alert to onset, with the distribution-free
 *       (exact binomial) 95% interval of the median [x(k), x(n − k + 1)], k the largest rank with
 *       P(Bin(n, ½) ≤ k − 1) ≤ 0.025 (R: {@code qbinom(0.025, n, 0.5)}), or [x(1), x(n)] when n is too small for
 *       any (n ≤ 5) (Conover, <i>Practical Nonparametric Statistics</i>, 3rd ed., Wiley 1999, §3.2); NaN
 *       without a detection;
 *   <li>inside outage windows (when the drill replayed any): of the encounters whose only timely policy
 *       alert an outage removed (the drill's missed care), the share the paper rule catches in time at a
 *       downtime check ({@link CheckGrid#during}); missed care with the paper rule = the rest.
 * </ul>
 * Shares with a zero denominator are NaN.
 *
 * @param checks paper-rule checks measured (check-grid rows)
 * @param policyFalseAlertsPerStaffShift the policy's own false alerts per staff member per shift, same denominator
 * @param outage within outage windows, or null when no outage was replayed
 */
public record Replication(
    long checks,
    long policyDetected,
    long replicated,
    Interval share,
    long outcomeEncounters,
    long paperDetected,
    Interval sensitivity,
    long paperAlerts,
    long timelyAlerts,
    Interval ppv,
    long falseAlerts,
    double staffShifts,
    Interval falseAlertsPerStaffShift,
    double policyFalseAlertsPerStaffShift,
    Interval leadTimeHours,
    Outage outage) {

  /**
   * Inside the replayed outage windows.
   *
   * @param missedWithout outcome encounters the outages cost their only timely alert (no paper procedure)
   * @param caught of those, caught in time by the paper rule at a downtime check
   * @param share caught / missedWithout (Wilson)
   * @param checks downtime checks made
   */
  public record Outage(long missedWithout, long caught, Interval share, long checks) {
    /** Missed care with the paper procedure in force. */
    public long missedWith() {
      return missedWithout - caught;
    }
  }

  /** The same measurement with the within-outage figures. */
  public Replication withOutage(Outage o) {
    return new Replication(checks, policyDetected, replicated, share, outcomeEncounters, paperDetected, sensitivity, paperAlerts, timelyAlerts, ppv,
        falseAlerts, staffShifts, falseAlertsPerStaffShift, policyFalseAlertsPerStaffShift, leadTimeHours, o);
  }

  /** Extra false alerts per staff member per shift over the policy's. */
  public double extraFalseAlertsPerStaffShift() {
    return falseAlertsPerStaffShift.estimate() - policyFalseAlertsPerStaffShift;
  }

  static Replication of(PaperAlerts.Counts c, FallbackData d, int checks) {
    long outcomes = d.outcomeEncounters();
    double[] leads = new double[c.detected];
    int n = 0;
    for (int e = 0; e < d.encounters(); e++) {
      if (c.firstTimely[e] != Long.MIN_VALUE) leads[n++] = (d.onset()[e] - c.firstTimely[e]) / 3600.0;
    }
    Arrays.sort(leads, 0, n);
    return new Replication(checks, d.policyDetected(), c.replicated, Stats.wilson(c.replicated, d.policyDetected()), outcomes, c.detected,
        Stats.wilson(c.detected, outcomes), c.alerts, c.timely, Stats.wilson(c.timely, c.alerts), c.falseAlerts, d.staffShifts(),
        rate(c.falseAlerts, d.staffShifts()), d.policyFalseAlerts() / d.staffShifts(), medianInterval(leads, n), null);
  }

  /** A Poisson count per unit of exposure with the exact (Garwood) 95% interval. */
  static Interval rate(long x, double exposure) {
    if (!(exposure > 0)) return Interval.UNDEFINED;
    double lo = x == 0 ? 0 : GammaDistribution.of(x, 1).inverseCumulativeProbability(0.025);
    double hi = GammaDistribution.of(x + 1, 1).inverseCumulativeProbability(0.975);
    return new Interval(x / exposure, lo / exposure, hi / exposure, Interval.Method.NONE);
  }

  /** The median of {@code sorted[0, n)} with its exact order-statistic 95% interval (Conover 1999, §3.2). */
  static Interval medianInterval(double[] sorted, int n) {
    if (n == 0) return Interval.UNDEFINED;
    double median = Stats.quantileSorted(sorted, n, 0.5);
    org.apache.commons.statistics.distribution.BinomialDistribution b = org.apache.commons.statistics.distribution.BinomialDistribution.of(n, 0.5);
    int k = 0;
    while (k + 1 <= (n + 1) / 2 && b.cumulativeProbability(k) <= 0.025) k++;
    if (k == 0) k = 1;
    return new Interval(median, sorted[k - 1], sorted[n - k], Interval.Method.NONE);
  }
}
