package org.tollgate.monitor;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The guardrails' limits: review.yaml's {@code monitoring:} block (docs/review-yaml.md, docs/monitoring.md).
 * Every default is a public constant or derived from the approved run ({@link Baseline}); null means
 * "derive from the approved run".
 *
 * @param period the length of one period
 * @param checks the guardrails judged (default all; one without its data, e.g. the policy match without a
 *     live alert log, is reported as not evaluated)
 * @param volumeSigma width L of the volume control limits, in standard deviations (default 3)
 * @param cusumK CUSUM reference value k (default ½)
 * @param cusumH CUSUM decision interval h (default 5)
 * @param psiLimit largest acceptable score PSI (default {@value #DEFAULT_PSI})
 * @param sensitivityFloor lowest acceptable sensitivity, or null for the lower bound of the approved run's 95% interval
 * @param calibrationBand live O/E over approved O/E must stay within [1/band, band] (default {@value #DEFAULT_CALIBRATION_BAND})
 * @param costLimit highest acceptable false-alert cost per month in dollars, or null for the launch gate's limit
 * @param actedOnTolerance how far (absolute share) the acted-on share may fall below the response model (default {@value #DEFAULT_ACTED_ON_TOLERANCE})
 * @param policyAgreement lowest acceptable share of alerts on which the live log and the replay agree (default {@value #DEFAULT_POLICY_AGREEMENT})
 * @param window periods merged for the outcome checks (sensitivity, calibration, subgroups, cost), or 0 for the
 *     period's default (28 days, 4 weeks or 1 month)
 * @param labelDelayDays days after the outcome horizon before an outcome is known (default 0)
 * @param matchToleranceMinutes a live and a replayed alert match when this close (default {@value #DEFAULT_MATCH_TOLERANCE_MINUTES})
 * @param minCell counts from 1 to minCell − 1 are withheld and not tested (default 11)
 * @param featurePsiLimit largest acceptable PSI of any input of the features table, in bins fixed on its approved
 *     values (default {@value #DEFAULT_PSI})
 * @param featureMissingRise largest acceptable rise of any input's missing share over its approved share, absolute
 *     (default {@value #DEFAULT_FEATURE_MISSING_RISE}: 15 percentage points; docs/monitoring.md says how it was chosen)
 */
public record MonitorSettings(Period period, Set<Guardrail> checks, double volumeSigma, double cusumK, double cusumH, double psiLimit,
    Double sensitivityFloor, double calibrationBand, Double costLimit, double actedOnTolerance, double policyAgreement, int window,
    double labelDelayDays, int matchToleranceMinutes, int minCell, double featurePsiLimit, double featureMissingRise) {

  public static final double DEFAULT_PSI = 0.2;
  public static final double DEFAULT_CALIBRATION_BAND = 1.25;
  public static final double DEFAULT_ACTED_ON_TOLERANCE = 0.10;
  public static final double DEFAULT_POLICY_AGREEMENT = 0.95;
  public static final int DEFAULT_MATCH_TOLERANCE_MINUTES = 60;
  public static final int DEFAULT_MIN_CELL = org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL;
  public static final double DEFAULT_FEATURE_MISSING_RISE = 0.15;

  /** A period's length. */
  public enum Period {
    DAY(28), WEEK(4), MONTH(1);

    private final int defaultWindow;

    Period(int defaultWindow) {
      this.defaultWindow = defaultWindow;
    }

    public int defaultWindow() {
      return defaultWindow;
    }

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The next period boundary after {@code t} (epoch seconds; days and weeks from {@code t}, months by the UTC calendar). */
    public long next(long t) {
      return switch (this) {
        case DAY -> t + 86_400;
        case WEEK -> t + 7 * 86_400;
        case MONTH -> java.time.LocalDateTime.ofEpochSecond(t, 0, java.time.ZoneOffset.UTC).plusMonths(1).toEpochSecond(java.time.ZoneOffset.UTC);
      };
    }

    public static Period parse(String s) {
      for (Period p : values()) if (p.word().equals(s.toLowerCase(Locale.ROOT))) return p;
      throw new IllegalArgumentException("period must be day, week or month, got '" + s + "'");
    }
  }

  public MonitorSettings {
    if (period == null) throw new IllegalArgumentException("period is required");
    checks = checks == null || checks.isEmpty() ? EnumSet.allOf(Guardrail.class) : EnumSet.copyOf(checks);
    positive("volume_sigma", volumeSigma);
    positive("cusum_k", cusumK);
    positive("cusum_h", cusumH);
    positive("psi", psiLimit);
    if (sensitivityFloor != null && !(sensitivityFloor >= 0 && sensitivityFloor <= 1)) throw new IllegalArgumentException("sensitivity_floor must be in [0, 1], got " + sensitivityFloor);
    if (!(calibrationBand > 1)) throw new IllegalArgumentException("calibration_band must be > 1, got " + calibrationBand);
    if (costLimit != null && !(costLimit >= 0)) throw new IllegalArgumentException("cost_limit must be ≥ 0, got " + costLimit);
    if (!(actedOnTolerance >= 0 && actedOnTolerance <= 1)) throw new IllegalArgumentException("acted_on_tolerance must be in [0, 1], got " + actedOnTolerance);
    if (!(policyAgreement >= 0 && policyAgreement <= 1)) throw new IllegalArgumentException("policy_agreement must be in [0, 1], got " + policyAgreement);
    if (window < 0) throw new IllegalArgumentException("window must be ≥ 0, got " + window);
    if (!(labelDelayDays >= 0)) throw new IllegalArgumentException("label_delay_days must be ≥ 0, got " + labelDelayDays);
    if (matchToleranceMinutes < 0) throw new IllegalArgumentException("match_tolerance_minutes must be ≥ 0, got " + matchToleranceMinutes);
    if (minCell < 1) throw new IllegalArgumentException("min_cell must be ≥ 1, got " + minCell);
    positive("feature_psi", featurePsiLimit);
    if (!(featureMissingRise >= 0 && featureMissingRise <= 1)) throw new IllegalArgumentException("feature_missing_rise must be in [0, 1], got " + featureMissingRise);
  }

  /** The settings with the features' limits at their defaults. */
  public MonitorSettings(Period period, Set<Guardrail> checks, double volumeSigma, double cusumK, double cusumH, double psiLimit,
      Double sensitivityFloor, double calibrationBand, Double costLimit, double actedOnTolerance, double policyAgreement, int window,
      double labelDelayDays, int matchToleranceMinutes, int minCell) {
    this(period, checks, volumeSigma, cusumK, cusumH, psiLimit, sensitivityFloor, calibrationBand, costLimit, actedOnTolerance, policyAgreement, window,
        labelDelayDays, matchToleranceMinutes, minCell, DEFAULT_PSI, DEFAULT_FEATURE_MISSING_RISE);
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0, got " + v);
  }

  /** Every default, with weekly periods. */
  public static MonitorSettings defaults() {
    return new MonitorSettings(Period.WEEK, null, ControlChart.DEFAULT_L, ControlChart.DEFAULT_K, ControlChart.DEFAULT_H, DEFAULT_PSI, null,
        DEFAULT_CALIBRATION_BAND, null, DEFAULT_ACTED_ON_TOLERANCE, DEFAULT_POLICY_AGREEMENT, 0, 0, DEFAULT_MATCH_TOLERANCE_MINUTES, DEFAULT_MIN_CELL);
  }

  /** The window in periods: as set, or the period's default. */
  public int windowPeriods() {
    return window > 0 ? window : period.defaultWindow();
  }

  public MonitorSettings withPeriod(Period p) {
    return new MonitorSettings(p, checks, volumeSigma, cusumK, cusumH, psiLimit, sensitivityFloor, calibrationBand, costLimit, actedOnTolerance,
        policyAgreement, window, labelDelayDays, matchToleranceMinutes, minCell, featurePsiLimit, featureMissingRise);
  }

  /** Period boundaries from {@code origin} to {@code end}: whole periods, the last cut at {@code end} (a partial period). */
  public long[] bounds(long origin, long end) {
    java.util.List<Long> b = new java.util.ArrayList<>();
    long t = origin;
    b.add(t);
    while (t < end) {
      t = Math.min(period.next(t), end);
      b.add(t);
    }
    if (b.size() == 1) b.add(period.next(origin));
    return b.stream().mapToLong(Long::longValue).toArray();
  }
}
