package org.tollgate.fallback;

/**
 * What a paper rule is found and measured against: the checks a nurse would make (the regular grid),
 * each encounter's outcome onset, which encounters the policy under review detects in time, its false
 * alerts, and the staffing that turns false alerts into a per-person burden.
 *
 * @param features the features table (kept for downtime grids)
 * @param span per encounter {first, last} observed epoch second
 * @param onset per encounter its outcome onset, Long.MIN_VALUE when none
 * @param horizonSeconds the outcome's horizon
 * @param target per encounter, whether the policy detected it in time
 * @param policyFalseAlerts the policy's false alerts over the data
 * @param staffShifts days × shifts per day × staff per shift
 * @param refireSeconds the policy's re-fire interval, −1 for once per stay
 * @param maxAlerts the policy's alerts-per-stay limit, 0 for none
 * @param checkEverySeconds the checklist's interval
 */
record FallbackData(
    FeatureTable features,
    CheckGrid grid,
    long[][] span,
    long[] onset,
    long horizonSeconds,
    boolean[] target,
    long policyDetected,
    long outcomeEncounters,
    long policyFalseAlerts,
    double staffShifts,
    long refireSeconds,
    int maxAlerts,
    long checkEverySeconds) {

  int encounters() {
    return onset.length;
  }

  /** The largest number of false paper alerts within the bound of {@code maxExtra} per staff member per shift over the policy's. */
  double allowedFalseAlerts(double maxExtra) {
    return policyFalseAlerts + maxExtra * staffShifts;
  }

  /** {@link PaperAlerts#run} with this review's outcome, re-fire and limit. */
  PaperAlerts.Counts run(CheckGrid g, long[] high, long[] cand, long[] low, boolean[] tgt, boolean keepFirst) {
    return PaperAlerts.run(g, high, cand, low, onset, horizonSeconds, refireSeconds, maxAlerts, tgt, keepFirst);
  }

  /** A whole rule over a grid. */
  PaperAlerts.Counts run(CheckGrid g, PaperRule rule, boolean[] tgt, boolean keepFirst) {
    return run(g, PaperAlerts.fires(g, rule), null, null, tgt, keepFirst);
  }
}
