package org.tollgate.alerts;

import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;

/**
 * Alert PPV (timely alerts / alerts) with an interval that knows alerts come in encounters. A policy that re-fires
 * ({@code refire_after_minutes}, {@code max_alerts_per_encounter} above 1) gives one encounter several alerts, all
 * timely or all not for the same patient, so alerts are not independent and a binomial interval on the alert count
 * is too narrow.
 *
 * <p>Method: alert PPV is a ratio estimator over encounter clusters, p̂ = Σtᵢ / Σaᵢ (aᵢ the alerts of encounter i,
 * tᵢ its timely alerts; encounters without alerts add nothing). Its linearized (delta-method, cluster-robust)
 * variance is V = Σ(tᵢ − p̂aᵢ)² / (Σaᵢ)² (Cochran, <i>Sampling Techniques</i>, 3rd ed. 1977, §6.3, without the
 * finite-population and m/(m−1) factors), computed from the mergeable sums Σaᵢ², Σtᵢ², Σtᵢaᵢ as
 * Σtᵢ² − 2p̂Σtᵢaᵢ + p̂²Σaᵢ². Its ratio to the binomial variance p̂(1−p̂)/A (A = Σaᵢ) is the design effect
 * d = V·A / (p̂(1−p̂)); following Rao &amp; Scott (1992, "A simple method for the analysis of clustered binary data",
 * Biometrics 48:577–585, doi:10.2307/2532311) the counts are divided by it — the effective alerts A/d and timely
 * alerts T/d — and the Wilson score interval ({@link Stats#wilson}) is taken on them. The same effective counts go into
 * the subgroup comparisons (Newcombe difference, two-proportion test, power), which is Rao and Scott's adjusted test.
 *
 * <p>Choices and edge cases:
 * <ul>
 *   <li>d is floored at 1: the interval is never narrower than the one that treats alerts as independent.
 *   <li>One alert per encounter (aᵢ ∈ {0, 1}): tᵢ² = tᵢ = tᵢaᵢ, so V = T(1 − p̂)²/A² + (A − T)p̂²/A² = p̂(1−p̂)/A and
 *       d = 1: the interval is exactly Wilson on (T, A), as before.
 *   <li>p̂ = 0 or 1: V = 0 and the binomial variance too, d is undefined; the effective alerts are then the encounters
 *       with alerts (each encounter one observation), the most a perfectly clustered sample is worth.
 *   <li>No alerts: undefined (NaN). Counters without the per-encounter sums (a summary made without them): Wilson on the
 *       alert counts, alerts taken as independent.
 * </ul>
 */
public final class AlertPpv {
  private AlertPpv() {}

  /** The design effect d ≥ 1 of {@code c}'s alert PPV (1 without the per-encounter sums; NaN without alerts). */
  public static double designEffect(PolicyCounts c) {
    long a = c.alerts();
    if (a == 0) return Double.NaN;
    // Without the sums, or with one alert per alerting encounter (Σaᵢ² = Σaᵢ), d is 1 exactly (not 1 ± rounding).
    if (!c.hasEncounterSums() || c.sumAlertsSquared() == a) return 1;
    long t = c.timely();
    double p = (double) t / a;
    if (t == 0 || t == a) return c.flagged() > 0 ? Math.max(1, (double) a / c.flagged()) : 1;
    double ss = c.sumTimelySquared() - 2 * p * c.sumTimelyTimesAlerts() + p * p * c.sumAlertsSquared();
    double d = Math.max(0, ss) / (p * (1 - p) * a);
    return Math.max(1, d);
  }

  /** The effective (timely, alerts) counts: the counts divided by the design effect. */
  public static double[] effective(PolicyCounts c) {
    double d = designEffect(c);
    if (Double.isNaN(d)) return new double[] {0, 0};
    return new double[] {c.timely() / d, c.alerts() / d};
  }

  /** Alert PPV with its 95% cluster-aware Wilson interval (see the class javadoc); undefined without alerts. */
  public static Interval interval(PolicyCounts c) {
    if (c.alerts() == 0) return Interval.UNDEFINED;
    double[] e = effective(c);
    Interval w = Stats.wilson(e[0], e[1]);
    // The estimate is the ratio itself (the effective counts keep it up to rounding).
    return new Interval((double) c.timely() / c.alerts(), w.lower(), w.upper(), Interval.Method.WILSON);
  }
}
