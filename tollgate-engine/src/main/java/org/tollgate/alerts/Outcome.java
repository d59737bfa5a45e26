package org.tollgate.alerts;

import java.util.Objects;

/**
 * The outcome an alert should precede: the encounter's first event of {@code type} is its onset; an
 * alert delivered before onset and no more than {@code horizonMinutes} before it is timely.
 */
public record Outcome(String type, int horizonMinutes) implements java.io.Serializable {
  public Outcome {
    Objects.requireNonNull(type, "outcome.type");
    if (horizonMinutes <= 0) {
      throw new IllegalArgumentException("outcome.horizon_minutes must be > 0, got " + horizonMinutes);
    }
  }
}
