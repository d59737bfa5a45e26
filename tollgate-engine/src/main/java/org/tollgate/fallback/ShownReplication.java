package org.tollgate.fallback;

import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.SmallCells;

/**
 * A paper rule's {@link Replication} as it may be printed: the small-cell rule ({@link SmallCells}) applied to its counts
 * before any writer (the dossier's {@code fallback} section, its page, the launch gate's item 3 reason) sees them, so that
 * no count of 1 to {@code minCell} − 1 is printed or can be derived.
 *
 * <p>The counts and the sums that tie them: policy detected = replicated + not replicated; outcome encounters = paper
 * detected + paper missed; paper alerts = timely + false; inside outages, missed care without the procedure = caught +
 * missed care with it. A share or rate made from a withheld count is withheld with it (its interval undefined, NaN for a
 * figure): the replication share (replicated, policy detected), the paper sensitivity (paper detected, outcome
 * encounters) and its lead time (paper detected), the paper alert PPV (timely, alerts), the paper's false alerts per
 * staff member per shift and the extra over the policy's (false alerts: with the staff-shifts printed it gives the count
 * back), the policy's own false alerts per staff member per shift (the policy's false alerts, derived the same way), and
 * the share of missed care caught in outages (caught, missed care without).
 *
 * @param outage within outage windows, or null when no outage was replayed
 */
public record ShownReplication(Replication raw, int minCell, Long policyDetected, Long replicated, Interval share,
    Long outcomeEncounters, Long paperDetected, Interval sensitivity, Interval leadTimeHours, Long paperAlerts, Long timelyAlerts,
    Long falseAlerts, Interval ppv, Interval falseAlertsPerStaffShift, double policyFalseAlertsPerStaffShift,
    double extraFalseAlertsPerStaffShift, Outage outage) {

  /** Inside the replayed outage windows, withheld like the rest; {@code share} = caught / missed care without. */
  public record Outage(Long missedWithout, Long caught, Long missedWith, Interval share, long checks) {}

  private static final int PD = 0, R = 1, NOT_R = 2, O = 3, PDET = 4, PMISS = 5, PA = 6, T = 7, F = 8, MW = 9, C = 10, MWITH = 11;
  private static final int[][] SUMS = {{PD, R, NOT_R}, {O, PDET, PMISS}, {PA, T, F}, {MW, C, MWITH}};

  /**
   * {@code r} with the small-cell rule applied at {@code minCell} (0 shows every count); the in-outage figures are
   * withheld on their own three counts. Where the drill's counts are printed beside them (the dossier), use
   * {@link #of(Replication, int, Outage)} with the drill's view instead.
   */
  public static ShownReplication of(Replication r, int minCell) {
    return of(r, minCell, null);
  }

  /**
   * {@code r} with the small-cell rule applied, its in-outage figures taken from {@code drillView} (the downtime drill's
   * {@code ShownDrill.paper()}, withheld together with the drill's detected counts) when it is not null.
   */
  public static ShownReplication of(Replication r, int minCell, Outage drillView) {
    Replication.Outage o = r.outage();
    long[] cells = {r.policyDetected(), r.replicated(), r.policyDetected() - r.replicated(), r.outcomeEncounters(), r.paperDetected(),
        r.outcomeEncounters() - r.paperDetected(), r.paperAlerts(), r.timelyAlerts(), r.falseAlerts(),
        o == null ? 0 : o.missedWithout(), o == null ? 0 : o.caught(), o == null ? 0 : o.missedWith()};
    boolean[] h = SmallCells.withhold(cells, SUMS, minCell);
    // The policy's own false alerts, a count the rate gives back with the staff-shifts (x / staff-shifts, x whole).
    long policyFalse = Math.round(r.policyFalseAlertsPerStaffShift() * r.staffShifts());
    boolean policyFalseHidden = SmallCells.withheld(policyFalse, minCell);
    Outage shownOutage = o == null ? null : drillView != null ? drillView : new Outage(SmallCells.shown(cells, h, MW), SmallCells.shown(cells, h, C), SmallCells.shown(cells, h, MWITH),
        h[MW] || h[C] ? Interval.UNDEFINED : o.share(), o.checks());
    return new ShownReplication(r, minCell, SmallCells.shown(cells, h, PD), SmallCells.shown(cells, h, R), h[PD] || h[R] ? Interval.UNDEFINED : r.share(),
        SmallCells.shown(cells, h, O), SmallCells.shown(cells, h, PDET), h[O] || h[PDET] ? Interval.UNDEFINED : r.sensitivity(),
        h[PDET] ? Interval.UNDEFINED : r.leadTimeHours(), SmallCells.shown(cells, h, PA), SmallCells.shown(cells, h, T), SmallCells.shown(cells, h, F),
        h[PA] || h[T] ? Interval.UNDEFINED : r.ppv(), h[F] ? Interval.UNDEFINED : r.falseAlertsPerStaffShift(),
        policyFalseHidden ? Double.NaN : r.policyFalseAlertsPerStaffShift(),
        h[F] || policyFalseHidden ? Double.NaN : r.extraFalseAlertsPerStaffShift(), shownOutage);
  }


  /** Whether the replication share (the figure item 3 judges) is withheld. */
  public boolean shareWithheld() {
    return policyDetected == null || replicated == null;
  }
}
