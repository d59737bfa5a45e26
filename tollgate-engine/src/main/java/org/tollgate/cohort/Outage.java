package org.tollgate.cohort;

import java.util.Objects;

/**
 * A system downtime window, half-open: [start, end).
 *
 * @param startEpochSecond first second of the downtime
 * @param endEpochSecond first second the system is back; always after the start
 * @param system which system was down, e.g. {@code ehr}
 */
public record Outage(long startEpochSecond, long endEpochSecond, String system) {
  public Outage {
    Objects.requireNonNull(system, "system");
    if (endEpochSecond <= startEpochSecond) {
      throw new IllegalArgumentException(
          "outage must end after it starts: start=" + startEpochSecond + " end=" + endEpochSecond);
    }
  }

  /** Whether {@code epochSecond} falls inside the window. */
  public boolean contains(long epochSecond) {
    return epochSecond >= startEpochSecond && epochSecond < endEpochSecond;
  }
}
