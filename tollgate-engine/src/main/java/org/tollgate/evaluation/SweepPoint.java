package org.tollgate.evaluation;

/**
 * The overall metrics at one threshold: the data behind ROC, PR and decision curves. Counts and the
 * proportions derived from them are null/NaN where a count is below the minimum cell size.
 */
public record SweepPoint(
    double threshold,
    Long tp,
    Long fp,
    Long tn,
    Long fn,
    double sensitivity,
    double specificity,
    double ppv,
    double npv,
    double flagRate,
    double netBenefit,
    double treatAllNetBenefit) {}
