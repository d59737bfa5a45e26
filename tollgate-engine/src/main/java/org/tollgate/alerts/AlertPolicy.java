package org.tollgate.alerts;

import java.util.List;
import java.util.Objects;

/**
 * One alert policy. Every field but {@code threshold} is optional (null = not used).
 *
 * @param name a label for reports
 * @param threshold a score fires only when ≥ threshold
 * @param persistence k: the k most recent scores of the encounter, this one included, are all ≥ threshold (default 1)
 * @param confirm a second signal that must be present, or null
 * @param suppressDuring context event types during whose [time, end_time) no alert fires
 * @param refireAfterMinutes a later alert needs t ≥ last alert time + this; null = at most one alert per encounter
 * @param maxAlertsPerEncounter at most this many alerts per encounter; null = no cap beyond re-fire
 * @param digestMinutes alerts are delivered at the next multiple of this many minutes since the Unix epoch (UTC); null = at once
 */
public record AlertPolicy(
    String name,
    double threshold,
    int persistence,
    Confirm confirm,
    List<String> suppressDuring,
    Integer refireAfterMinutes,
    Integer maxAlertsPerEncounter,
    Integer digestMinutes) implements java.io.Serializable {

  /**
   * A confirming signal: an event of {@code type} with value ≥ {@code atLeast} and time in
   * [t − withinMinutes, t].
   */
  public record Confirm(String type, double atLeast, int withinMinutes) implements java.io.Serializable {
    public Confirm {
      Objects.requireNonNull(type, "confirm.type");
      if (withinMinutes <= 0) {
        throw new IllegalArgumentException("confirm.within_minutes must be > 0, got " + withinMinutes);
      }
      if (Double.isNaN(atLeast)) {
        throw new IllegalArgumentException("confirm.at_least must be a number");
      }
    }
  }

  public AlertPolicy {
    Objects.requireNonNull(name, "policy name");
    if (!(threshold >= 0 && threshold <= 1) && !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("policy " + name + ": threshold must be a number, got " + threshold);
    }
    if (persistence < 1) {
      throw new IllegalArgumentException("policy " + name + ": persistence must be ≥ 1, got " + persistence);
    }
    suppressDuring = suppressDuring == null ? List.of() : List.copyOf(suppressDuring);
    if (refireAfterMinutes != null && refireAfterMinutes <= 0) {
      throw new IllegalArgumentException("policy " + name + ": refire_after_minutes must be > 0, got " + refireAfterMinutes);
    }
    if (maxAlertsPerEncounter != null && maxAlertsPerEncounter <= 0) {
      throw new IllegalArgumentException("policy " + name + ": max_alerts_per_encounter must be > 0, got " + maxAlertsPerEncounter);
    }
    if (digestMinutes != null && digestMinutes <= 0) {
      throw new IllegalArgumentException("policy " + name + ": digest_minutes must be > 0, got " + digestMinutes);
    }
  }

  /** A threshold-only policy. */
  public static AlertPolicy threshold(String name, double threshold) {
    return new AlertPolicy(name, threshold, 1, null, List.of(), null, null, null);
  }
}
