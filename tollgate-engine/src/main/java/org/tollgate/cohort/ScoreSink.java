package org.tollgate.cohort;

/**
 * Receives score rows, in ascending time within an encounter. The row's patient id, label and
 * attributes are those of {@code encounter}; passing the encounter instead of copying its fields
 * keeps the per-row call free of allocation.
 */
@FunctionalInterface
public interface ScoreSink {
  /**
   * @param encounter the encounter the row belongs to (same instance for all its rows)
   * @param epochSecond the score's time, seconds since 1970-01-01T00:00Z
   * @param score model output in [0, 1], rounded to three decimals
   */
  void score(Encounter encounter, long epochSecond, double score);
}
