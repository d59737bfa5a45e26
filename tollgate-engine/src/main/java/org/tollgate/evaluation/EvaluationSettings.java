package org.tollgate.evaluation;

import java.util.List;
import java.util.Map;

/**
 * Settings of one evaluation, validated on construction. Defaults ({@link #defaults()}): threshold 0.5,
 * no bootstrap, seed 20240601, min cell 11, reference = largest group, per encounter when the data have
 * encounters (scores combined by max), sweep step 0.01, power limit 0.10.
 *
 * @param by stratification attributes (may be empty)
 * @param intersections also every combination of two or more {@code by} attributes
 * @param threshold predicted positive iff score ≥ threshold; also the net-benefit threshold probability. In [0, 1] on the
 *     probability scale, in the score's own units on a raw scale (see {@link org.tollgate.data.ColumnMapping.ScoreScale})
 * @param bootstrap bootstrap replicates for AUPRC, Brier, calibration and net benefit (0 = none)
 * @param seed bootstrap seed
 * @param minCell counts below this are suppressed in every output
 * @param reference attribute → reference level; attributes not named use their largest group
 * @param per case definition, null for the default
 * @param combine how an encounter's scores combine, null for max
 * @param sweepStep threshold grid step for the sweep
 * @param targetSensitivity operating point: highest threshold reaching this sensitivity (null = none)
 * @param targetFlagRate operating point: lowest threshold whose flag rate is at most this (null = none)
 * @param flaggedPerDayBudget operating point: lowest threshold flagging at most this many cases per day (needs a time column)
 * @param powerLimit a group is "underpowered" when the smallest sensitivity difference it can detect with 80% power exceeds this
 */
public record EvaluationSettings(
    List<String> by,
    boolean intersections,
    double threshold,
    int bootstrap,
    long seed,
    int minCell,
    Map<String, String> reference,
    Cases.Per per,
    Cases.Combine combine,
    double sweepStep,
    Double targetSensitivity,
    Double targetFlagRate,
    Double flaggedPerDayBudget,
    double powerLimit) {

  public static final long DEFAULT_SEED = 20240601L;

  public EvaluationSettings {
    by = List.copyOf(by);
    reference = reference == null ? Map.of() : Map.copyOf(reference);
    if (by.size() > 16) {
      throw new IllegalArgumentException("at most 16 stratification attributes, got " + by.size());
    }
    if (by.stream().distinct().count() != by.size()) {
      throw new IllegalArgumentException("stratification attributes repeat: " + by);
    }
    // Whether the threshold must be a probability depends on the scores' scale, which travels with the data
    // (InputRecord's mapping); the evaluator checks it there.
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
    }
    if (bootstrap < 0 || bootstrap > 100_000) {
      throw new IllegalArgumentException("bootstrap must be between 0 and 100000, got " + bootstrap);
    }
    if (minCell < 1) {
      throw new IllegalArgumentException("min cell must be at least 1, got " + minCell);
    }
    if (!(sweepStep > 0 && sweepStep <= 0.5)) {
      throw new IllegalArgumentException("sweep step must be in (0, 0.5], got " + sweepStep);
    }
    checkUnit("target sensitivity", targetSensitivity);
    checkUnit("target flag rate", targetFlagRate);
    if (flaggedPerDayBudget != null && !(flaggedPerDayBudget > 0)) {
      throw new IllegalArgumentException("flagged-per-day budget must be > 0, got " + flaggedPerDayBudget);
    }
    if (!(powerLimit > 0 && powerLimit <= 1)) {
      throw new IllegalArgumentException("power limit must be in (0, 1], got " + powerLimit);
    }
    for (String a : reference.keySet()) {
      if (!by.contains(a)) {
        throw new IllegalArgumentException("reference names attribute '" + a + "' which is not stratified on (--by " + String.join(",", by) + ")");
      }
    }
  }

  private static void checkUnit(String what, Double v) {
    if (v != null && !(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(what + " must be in (0, 1], got " + v);
    }
  }

  public static EvaluationSettings defaults() {
    return new EvaluationSettings(List.of(), false, 0.5, 0, DEFAULT_SEED, SmallCells.DEFAULT_MIN_CELL, Map.of(), null, null, 0.01, null, null, null, 0.10);
  }

  public EvaluationSettings withBy(List<String> attributes, boolean withIntersections) {
    return new EvaluationSettings(attributes, withIntersections, threshold, bootstrap, seed, minCell, reference, per, combine,
        sweepStep, targetSensitivity, targetFlagRate, flaggedPerDayBudget, powerLimit);
  }

  public EvaluationSettings withBootstrap(int replicates, long withSeed) {
    return new EvaluationSettings(by, intersections, threshold, replicates, withSeed, minCell, reference, per, combine,
        sweepStep, targetSensitivity, targetFlagRate, flaggedPerDayBudget, powerLimit);
  }

  public EvaluationSettings withThreshold(double t) {
    return new EvaluationSettings(by, intersections, t, bootstrap, seed, minCell, reference, per, combine,
        sweepStep, targetSensitivity, targetFlagRate, flaggedPerDayBudget, powerLimit);
  }

  public EvaluationSettings withMinCell(int k) {
    return new EvaluationSettings(by, intersections, threshold, bootstrap, seed, k, reference, per, combine,
        sweepStep, targetSensitivity, targetFlagRate, flaggedPerDayBudget, powerLimit);
  }
}
