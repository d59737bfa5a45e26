package org.tollgate.evaluation;

/**
 * One of ten equal-width bins of predicted risk: mean predicted risk against the observed rate
 * (Wilson interval). Suppressed (counts null, rates NaN) when the bin's events or non-events are below
 * the minimum cell size.
 */
public record CalibrationBin(double from, double to, Long n, double meanPredicted, Interval observed) {}
