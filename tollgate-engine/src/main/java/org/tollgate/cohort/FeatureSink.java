package org.tollgate.cohort;

/**
 * Receives bedside chart rows (the features table), in ascending time within an encounter. Each row
 * holds the latest value of every input known at its time, so a reader may take the last row at or
 * before any moment. The arrays are reused between calls: copy what must outlive the call.
 */
@FunctionalInterface
public interface FeatureSink {
  /** A value not (yet) charted, in {@code values}; its source time is then {@link #NO_TIME}. */
  double MISSING = Double.NaN;
  /** The source time of a missing value. */
  long NO_TIME = Long.MIN_VALUE;

  /**
   * @param encounter the encounter the row belongs to
   * @param epochSecond when the row's newest value became available at the bedside
   * @param values one value per input of {@link BedsideInputs#INPUTS}, or {@link #MISSING}
   * @param sourceTimes when each value was measured (drawn, for a lab) or {@link #NO_TIME}
   */
  void chart(Encounter encounter, long epochSecond, double[] values, long[] sourceTimes);
}
