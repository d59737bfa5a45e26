package org.tollgate.alerts;

import java.util.Objects;

/**
 * One policy's counters over the encounters of one group (a level of an encounter attribute), as the simulator counts
 * them in its one pass. Raw counts, for rules: a writer prints a group only through the small-cell rule
 * ({@link org.tollgate.evaluation.SmallCells}), e.g. as the launch gate's {@code PolicyByGroup} has withheld it.
 */
public record GroupCounts(String attribute, String level, PolicyCounts counts) {
  public GroupCounts {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(counts, "counts");
  }
}
