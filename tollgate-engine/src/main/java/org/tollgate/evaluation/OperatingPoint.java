package org.tollgate.evaluation;

/**
 * A threshold chosen for a purpose (target sensitivity, target flag rate, flagged-per-day budget) and
 * the overall metrics there. {@code threshold} is NaN when no threshold meets the target.
 */
public record OperatingPoint(String rule, double target, double threshold, SweepPoint at, String note) {}
