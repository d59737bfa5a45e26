package org.tollgate.drill;

import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.fallback.ShownReplication;

/**
 * A downtime drill's encounter counts as they may be printed: the small-cell rule ({@link SmallCells}) applied before any
 * writer (the drill's table and JSON, the dossier's drill and fallback sections, their pages) sees them, so that no count
 * of 1 to {@code minCell} − 1 is printed or can be derived.
 *
 * <p>The counts and the sums that tie them: detected with no outage = detected in both runs + missed care; detected with
 * the outages replayed = detected in both runs + detected only in the drill (a queued alert that became timely); with a
 * paper procedure, missed care = caught by the paper rule + missed care with it. The cells never printed (both, drill
 * only) are derivable, so they take part ({@link SmallCells#withhold}). The share of missed care caught is withheld with
 * either of its counts. The dossier's fallback section prints the in-outage figures from this same view
 * ({@link ShownReplication#of(org.tollgate.fallback.Replication, int, ShownReplication.Outage)}), so the two sections can
 * never withhold differently.
 *
 * @param paper inside the outages with the paper procedure in force, or null without one
 */
public record ShownDrill(Long baselineDetected, Long drillDetected, Long missedCare, ShownReplication.Outage paper) {

  private static final int B = 0, BOTH = 1, M = 2, D = 3, DRILL_ONLY = 4, C = 5, MWITH = 6;
  private static final int[][] SUMS = {{B, BOTH, M}, {D, BOTH, DRILL_ONLY}, {M, C, MWITH}};

  /** {@code r}'s counts with the small-cell rule applied at {@code minCell} (0 shows every count). */
  public static ShownDrill of(DrillResult r, int minCell) {
    long both = r.baselineDetected() - r.missedCare();
    var p = r.paper();
    long[] cells = {r.baselineDetected(), both, r.missedCare(), r.drillDetected(), r.drillDetected() - both,
        p == null ? 0 : p.caught(), p == null ? 0 : p.missedWith()};
    boolean[] h = SmallCells.withhold(cells, SUMS, minCell);
    ShownReplication.Outage paper = p == null ? null : new ShownReplication.Outage(SmallCells.shown(cells, h, M), SmallCells.shown(cells, h, C),
        SmallCells.shown(cells, h, MWITH), h[M] || h[C] ? Interval.UNDEFINED : p.share(), p.checks());
    return new ShownDrill(SmallCells.shown(cells, h, B), SmallCells.shown(cells, h, D), SmallCells.shown(cells, h, M), paper);
  }

}
