package org.tollgate.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.fallback.ShownReplication;
import org.tollgate.format.Units;

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
 *
 * <p>The alerts after each recovery are a count too, and its storm factor gives it back: factor = alerts after recovery ÷
 * (normal hourly rate × window hours), and the rate and the window are printed, so count = factor × rate × hours; the
 * Poisson p of the burst gives it back the same way. When the count is withheld, so are its factor and p, and so is the
 * largest factor when an outage whose count is withheld holds it. The drill still judges on the real counts
 * ({@link DrillResult#storms()}); only what is printed changes.
 *
 * @param paper inside the outages with the paper procedure in force, or null without one
 * @param storms each replayed outage's burst after recovery, as it may be printed
 * @param maxStormFactor the largest storm factor: null when withheld, NaN when not measurable (no normal rate)
 * @param worstStormFactor the largest factor among the outages judged storms: null when withheld, NaN when none is a storm
 */
public record ShownDrill(Long baselineDetected, Long drillDetected, Long missedCare, ShownReplication.Outage paper, List<Storm> storms,
    Double maxStormFactor, Double worstStormFactor) {

  /** What a writer prints for a withheld storm factor. */
  public static final String FACTOR_WITHHELD = "withheld by the small-cell rule";

  /**
   * One outage's burst after recovery as it may be printed: the count, its factor and its p are null / NaN together when
   * the count is withheld; {@code storm} is the drill's judgement on the real count.
   */
  public record Storm(OutageWindow outage, Long alertsAfterRecovery, double factor, double p, boolean storm) {
    public boolean withheld() {
      return alertsAfterRecovery == null;
    }
  }

  /** A storm factor as a sentence prints it: "4.2×", or {@link #FACTOR_WITHHELD} for null. */
  public static String factor(Double f) {
    return f == null ? FACTOR_WITHHELD : Units.factor(f);
  }

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
    List<Storm> storms = new ArrayList<>();
    for (DrillResult.Storm st : r.storms()) {
      Long after = SmallCells.shown(st.alertsAfterRecovery(), minCell);
      storms.add(new Storm(st.outage(), after, after == null ? Double.NaN : st.factor(), after == null ? Double.NaN : st.p(), st.storm()));
    }
    return new ShownDrill(SmallCells.shown(cells, h, B), SmallCells.shown(cells, h, D), SmallCells.shown(cells, h, M), paper, List.copyOf(storms),
        largest(r.storms(), x -> true, minCell), largest(r.storms(), DrillResult.Storm::storm, minCell));
  }

  /** The largest factor among the storms {@code which} selects: NaN when none is measurable, null when its count is withheld. */
  private static Double largest(List<DrillResult.Storm> storms, Predicate<DrillResult.Storm> which, int minCell) {
    DrillResult.Storm top = null;
    for (DrillResult.Storm st : storms) {
      if (!which.test(st) || Double.isNaN(st.factor())) continue;
      // a tie goes to the withheld one: printing the shown twin's factor would print the withheld one's too
      if (top == null || st.factor() > top.factor() || st.factor() == top.factor() && SmallCells.shown(st.alertsAfterRecovery(), minCell) == null) top = st;
    }
    if (top == null) return Double.NaN;
    return SmallCells.shown(top.alertsAfterRecovery(), minCell) == null ? null : top.factor();
  }

}
