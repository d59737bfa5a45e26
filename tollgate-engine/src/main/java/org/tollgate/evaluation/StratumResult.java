package org.tollgate.evaluation;

import java.util.Map;

/**
 * One stratum's results, already made safe to print: counts below the minimum cell size are null.
 *
 * <p>Suppression rule (applied by the {@link Evaluator}, so no writer can forget it; {@link SmallCells}: a count of 1
 * to min cell − 1 is withheld, a zero is shown), cell by cell with complementary withholding over each stratum's sums
 * and each count's sum over sibling strata ({@link SmallCells#withholdGroups}): when n, the positives or the negatives are
 * withheld (or the stratum is empty), the whole stratum is withheld ({@code suppression = "stratum"}: every count and
 * metric null). Otherwise, when any of TP, FP, TN, FN or the flagged cases is withheld, {@code suppression = "counts"}:
 * each withheld count is null, and so is each rate made of one (sensitivity TP/positives, specificity, PPV, NPV, flag rate;
 * accuracy, F1 and net benefit need all four); the others stay. One small cell of the four withholds all four (the shown
 * margins give the rest back), but not the flagged cases: five true positives leave the flag rate shown. Rank metrics
 * (AUROC, AUPRC, Brier, calibration) are still shown.
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
 *     and NaN when this group's positives or the reference's TP or FN are withheld: it depends on both groups' positives and
 *     the reference's sensitivity, so it would let a withheld count be derived)
 * @param power "adequate", "underpowered", "withheld" (the figure is left out, see above), or "reference" for the reference group
 *     itself; null for overall
 * @param flagged cases at or above the threshold (TP + FP), null when withheld
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
    String power,
    Long flagged) {

  public boolean suppressed() {
    return suppression != null;
  }

  /**
   * Whether the counts {@code metric} is made of are shown, so the stratum can be compared on it: sensitivity (TP, FN),
   * specificity (TN, FP), PPV (TP, FP), NPV (TN, FN), flag rate (flagged, n); AUROC unless the stratum is withheld whole.
   */
  public boolean shows(String metric) {
    return switch (metric) {
      case "sensitivity" -> tp != null && fn != null;
      case "specificity" -> tn != null && fp != null;
      case "ppv" -> tp != null && fp != null;
      case "npv" -> tn != null && fn != null;
      case "flag_rate" -> flagged != null && n != null;
      default -> !"stratum".equals(suppression);
    };
  }

  /** Metric names in the order they are reported. */
  public static final String[] METRIC_NAMES = {
    "sensitivity", "specificity", "ppv", "npv", "flag_rate", "accuracy", "f1", "auroc", "auprc",
    "brier", "calibration_intercept", "calibration_slope", "net_benefit"
  };
}
