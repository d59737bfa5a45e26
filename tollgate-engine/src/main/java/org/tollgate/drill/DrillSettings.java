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
 * @param minCell encounter counts from 1 to minCell − 1 are withheld from the item-5 reason (default {@value #DEFAULT_MIN_CELL})
 */
public record DrillSettings(Mode mode, Set<String> systems, double stormLimit, int stormWindowMinutes, int minCell) {
  /** What happens to scores during an outage. */
  public enum Mode {
    DROP,
    QUEUE
  }

  public static final double DEFAULT_STORM_LIMIT = 3.0;
  public static final int DEFAULT_MIN_CELL = org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL;

  /** With the default minimum cell. */
  public DrillSettings(Mode mode, Set<String> systems, double stormLimit, int stormWindowMinutes) {
    this(mode, systems, stormLimit, stormWindowMinutes, DEFAULT_MIN_CELL);
  }

  public DrillSettings {
    mode = mode == null ? Mode.DROP : mode;
    systems = systems == null ? Set.of() : Set.copyOf(systems);
    if (!(stormLimit > 0)) throw new IllegalArgumentException("storm limit must be > 0, got " + stormLimit);
    if (minCell < 1) throw new IllegalArgumentException("min cell must be ≥ 1, got " + minCell);
    if (stormWindowMinutes <= 0) throw new IllegalArgumentException("storm window must be > 0 minutes, got " + stormWindowMinutes);
  }

  public static DrillSettings defaults() {
    return new DrillSettings(Mode.DROP, Set.of(), DEFAULT_STORM_LIMIT, 60);
  }
}
