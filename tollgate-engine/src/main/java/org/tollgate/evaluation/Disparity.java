package org.tollgate.evaluation;

import java.util.Map;

/**
 * One group compared with its reference group on one metric.
 *
 * @param attributes the attributes the groups are defined on (one, or several for an intersection)
 * @param group the group's levels
 * @param reference the reference group's levels
 * @param metric sensitivity, specificity, ppv, npv, flag_rate or auroc (the evaluation at its threshold); detected_in_time,
 *     alert_ppv, encounters_flagged or auroc (the launch gate's subgroup rule over the policy under review)
 * @param groupValue the group's estimate with its interval (null when the group is suppressed)
 * @param referenceValue the reference's estimate
 * @param difference group − reference (Newcombe hybrid score interval for proportions; DeLong for AUROC)
 * @param ratio group / reference (Katz log interval for proportions; delta method on the log for AUROC)
 * @param p two-sided p of the test (pooled two-proportion z; unpaired DeLong z for AUROC)
 * @param pAdjusted Holm-adjusted across every comparison in the evaluation
 * @param test name of the test
 * @param status "difference" (adjusted p &lt; 0.05), "no detectable difference", "underpowered" (not significant, and
 *     the smallest difference detectable with 80% power at two-sided α 0.05 exceeds the power limit: for a
 *     proportion by the Fleiss equation on the metric's own denominators, for AUROC by the Hanley–McNeil variance of
 *     each group's class counts, see {@link Comparisons}) or "suppressed"
 * @param statement the finding in neutral words, with interval and adjusted p
 * @param minDetectableDifference that smallest detectable difference (NaN when none is detectable, and for a suppressed row)
 */
public record Disparity(
    java.util.List<String> attributes,
    Map<String, String> group,
    Map<String, String> reference,
    String metric,
    Interval groupValue,
    Interval referenceValue,
    Interval difference,
    Interval ratio,
    double p,
    double pAdjusted,
    String test,
    Status status,
    String statement,
    double minDetectableDifference) {

  /** What a comparison shows; {@link #word()} is its name in reports and JSON. */
  public enum Status {
    /** Holm-adjusted p &lt; 0.05. */
    DIFFERENCE("difference"),
    /** Not significant, with enough power to detect a difference of the power limit. */
    NO_DETECTABLE_DIFFERENCE("no detectable difference"),
    /** Not significant, and too few cases to detect a difference of the power limit: not evidence of equal performance. */
    UNDERPOWERED("underpowered"),
    /** Not compared: a count of 1 to the minimum cell size − 1 would be revealed (the small-cell rule). */
    SUPPRESSED("suppressed");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }
}
