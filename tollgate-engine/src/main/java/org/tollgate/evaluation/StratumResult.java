package org.tollgate.evaluation;

import java.util.Map;

/**
 * One stratum's results, already made safe to print: counts below the minimum cell size are null.
 *
 * <p>Suppression rule (applied by the {@link Evaluator}, so no writer can forget it; {@link SmallCells}: a count of 1
 * to min cell − 1 is withheld, a zero is shown): when n, the positives or the negatives are withheld counts (or the
 * stratum is empty), the whole stratum is withheld ({@code suppression = "stratum"}: every count and metric null).
 * Otherwise, when any of TP, FP, TN, FN is a withheld count, all four are withheld together (any three and n would give the fourth) with every metric
 * derived from them (sensitivity, specificity, PPV, NPV, flag rate, accuracy, F1, net benefit):
 * {@code suppression = "counts"}. Rank metrics (AUROC, AUPRC, Brier, calibration) are still shown.
 *
 * @param by attribute → level; empty for the overall row
 * @param n cases, null when suppressed
 * @param positives cases with the outcome, null when suppressed
 * @param tp true positives, null when suppressed (likewise fp, tn, fn)
 * @param metrics metric name → estimate with interval; {@link Interval#UNDEFINED} where undefined or suppressed
 * @param noInformationRate max(π, 1 − π)
 * @param treatAllNetBenefit net benefit of treating everyone at the threshold
 * @param suppression null, "stratum" or "counts"
 * @param accuracyParadox accuracy ≤ no-information rate
 * @param minDetectableSensitivityDifference smallest sensitivity difference to the reference group detectable with 80% power (NaN if none,
 *     and NaN when this group's or the reference's counts are withheld: it depends on both groups' positives and the reference's
 *     sensitivity, so it would let a withheld count be derived)
 * @param power "adequate", "underpowered", "withheld" (the figure is left out, see above), or "reference" for the reference group
 *     itself; null for overall
 */
public record StratumResult(
    Map<String, String> by,
    Long n,
    Long positives,
    Long tp,
    Long fp,
    Long tn,
    Long fn,
    Map<String, Interval> metrics,
    double noInformationRate,
    double treatAllNetBenefit,
    String suppression,
    boolean accuracyParadox,
    double minDetectableSensitivityDifference,
    String power) {

  public boolean suppressed() {
    return suppression != null;
  }

  /** Metric names in the order they are reported. */
  public static final String[] METRIC_NAMES = {
    "sensitivity", "specificity", "ppv", "npv", "flag_rate", "accuracy", "f1", "auroc", "auprc",
    "brier", "calibration_intercept", "calibration_slope", "net_benefit"
  };
}
