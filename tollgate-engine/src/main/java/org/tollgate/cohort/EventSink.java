package org.tollgate.cohort;

/** Receives timestamped clinical events (onset, lab results, procedures), in ascending time within an encounter. */
@FunctionalInterface
public interface EventSink {
  /** {@code value} of an event that has none (an onset, a procedure). */
  double NO_VALUE = Double.NaN;
  /** {@code endEpochSecond} of an event that is a point in time, not a window. */
  long NO_END = Long.MIN_VALUE;

  /**
   * @param encounter the encounter the event belongs to
   * @param epochSecond when the event happened (for a window: when it started)
   * @param type event type, e.g. {@code sepsis_onset}, {@code lactate}, {@code procedure}
   * @param value the measured value, or {@link #NO_VALUE}
   * @param endEpochSecond end of a window event (always after {@code epochSecond}), or {@link #NO_END}
   */
  void event(Encounter encounter, long epochSecond, String type, double value, long endEpochSecond);
}
