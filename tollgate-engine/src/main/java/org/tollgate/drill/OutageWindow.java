package org.tollgate.drill;

import java.util.Objects;

/** A system outage [start, end) in epoch seconds, from a downtime log. */
public record OutageWindow(long start, long end, String system) {
  public OutageWindow {
    Objects.requireNonNull(system, "system");
    if (end <= start) {
      throw new IllegalArgumentException("outage of " + system + " ends at or before it starts");
    }
  }

  public boolean contains(long t) {
    return start <= t && t < end;
  }

  public long seconds() {
    return end - start;
  }
}
