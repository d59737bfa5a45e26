package org.tollgate.drill;

import java.util.Set;

/**
 * How a drill replays outages.
 *
 * @param mode {@link Mode#DROP}: scores inside an outage are lost; {@link Mode#QUEUE}: they are held and
 *     delivered at recovery (their time becomes the outage's end)
 * @param systems the systems whose outages stop the score stream; empty = every system in the log
 * @param stormLimit the largest acceptable storm factor (default 3)
 * @param stormWindowMinutes the window after recovery in which the burst is counted (default 60)
 */
public record DrillSettings(Mode mode, Set<String> systems, double stormLimit, int stormWindowMinutes) {
  /** What happens to scores during an outage. */
  public enum Mode {
    DROP,
    QUEUE
  }

  public static final double DEFAULT_STORM_LIMIT = 3.0;

  public DrillSettings {
    mode = mode == null ? Mode.DROP : mode;
    systems = systems == null ? Set.of() : Set.copyOf(systems);
    if (!(stormLimit > 0)) throw new IllegalArgumentException("storm limit must be > 0, got " + stormLimit);
    if (stormWindowMinutes <= 0) throw new IllegalArgumentException("storm window must be > 0 minutes, got " + stormWindowMinutes);
  }

  public static DrillSettings defaults() {
    return new DrillSettings(Mode.DROP, Set.of(), DEFAULT_STORM_LIMIT, 60);
  }
}
