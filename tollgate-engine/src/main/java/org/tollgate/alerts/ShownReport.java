package org.tollgate.alerts;

import org.tollgate.evaluation.SmallCells;

/**
 * A policy's report as it may be printed: the small-cell rule ({@link SmallCells}) applied to the whole policy's counts
 * before any writer sees them, so that no count of 1 to {@code minCell} − 1 is printed or can be derived. Every writer
 * (the simulation table and JSON, the dossier, its pages, the model card, the launch gate's reasons) prints a policy
 * through this view; the raw {@link PolicyReport} stays the rules' evidence.
 *
 * <p>The counts and the sums that tie them: alerts = timely + late + false, alerts = timely + not timely, not timely =
 * late + false; encounters = with the outcome + without, with the outcome = detected in time + missed. The cells not
 * printed (not timely, without the outcome, missed) are derivable, so they take part ({@link SmallCells#withhold}).
 * A figure made from a withheld count is withheld with it (NaN here, null in JSON), because with the days observed and
 * the workflow's prices (both printed) it gives the count back:
 * <ul>
 *   <li>alerts: alerts per day, per 100 patient-days, per staff member per shift, labor minutes, FTE, labor cost,
 *       interruptions and the probability of acting on an alert (a function of the interruptions);
 *   <li>timely alerts (and alerts): alert PPV, wasted minutes; false alerts: false alerts per day, false-alert minutes
 *       and cost;
 *   <li>detected encounters: sensitivity (with the outcome encounters), lead times, work-up to detection, expected
 *       acted-on detections and net benefit (with the alerts).
 * </ul>
 */
public record ShownReport(PolicyReport report, int minCell, Long alerts, Long timely, Long late, Long falseAlerts, Long encounters,
    Long outcomeEncounters, Long detected, double sensitivity, double alertPpv, double workupToDetection, double leadP25,
    double leadMedian, double leadP75, double alertsPerDay, double alertsPer100PatientDays, double alertsPerStaffPerShift,
    double laborMinutesPerDay, double falseAlertsPerDay, double falseAlertMinutesPerDay, double fte, double falseAlertCostPerMonth,
    double laborCostPerMonth, double netBenefitPerMonth, double probabilityActedOn, double expectedActedOnDetections,
    double wastedMinutesPerDay, double interruptionsPerStaffPerShift) {

  private static final int A = 0, TIMELY = 1, LATE = 2, FALSE = 3, NOT_TIMELY = 4, E = 5, O = 6, NO_OUTCOME = 7, D = 8, MISSED = 9;
  private static final int[][] SUMS = {{A, TIMELY, LATE, FALSE}, {A, TIMELY, NOT_TIMELY}, {NOT_TIMELY, LATE, FALSE}, {E, O, NO_OUTCOME}, {O, D, MISSED}};

  /** The report of {@code r} with the small-cell rule applied at {@code minCell}. */
  public static ShownReport of(PolicyReport r, int minCell) {
    PolicyCounts c = r.counts();
    long[] cells = {c.alerts(), c.timely(), c.late(), c.falseAlerts(), c.alerts() - c.timely(), c.encounters(), c.outcomeEncounters(),
        c.encounters() - c.outcomeEncounters(), c.detected(), c.outcomeEncounters() - c.detected()};
    boolean[] h = SmallCells.withhold(cells, SUMS, minCell);
    boolean a = h[A], t = h[TIMELY], f = h[FALSE], d = h[D];
    return new ShownReport(r, minCell, SmallCells.shown(cells, h, A), SmallCells.shown(cells, h, TIMELY), SmallCells.shown(cells, h, LATE), SmallCells.shown(cells, h, FALSE),
        SmallCells.shown(cells, h, E), SmallCells.shown(cells, h, O), SmallCells.shown(cells, h, D),
        d || h[O] ? Double.NaN : r.sensitivity(),
        t || a ? Double.NaN : r.alertPpv(),
        a || d ? Double.NaN : r.workupToDetection(),
        d ? Double.NaN : r.leadP25(), d ? Double.NaN : r.leadMedian(), d ? Double.NaN : r.leadP75(),
        a ? Double.NaN : r.alertsPerDay(), a ? Double.NaN : r.alertsPer100PatientDays(), a ? Double.NaN : r.alertsPerStaffPerShift(),
        a ? Double.NaN : r.laborMinutesPerDay(),
        f || !(r.days() > 0) ? Double.NaN : c.falseAlerts() / r.days(),
        f ? Double.NaN : r.falseAlertMinutesPerDay(), a ? Double.NaN : r.fte(), f ? Double.NaN : r.falseAlertCostPerMonth(),
        a ? Double.NaN : r.laborCostPerMonth(), a || d ? Double.NaN : r.netBenefitPerMonth(),
        a ? Double.NaN : r.probabilityActedOn(), a || d ? Double.NaN : r.expectedActedOnDetections(),
        a || t ? Double.NaN : r.wastedMinutesPerDay(), a ? Double.NaN : r.interruptionsPerStaffPerShift());
  }


  /**
   * Whether the policy's false alerts cost at most {@code limit} a month, as it may be printed: a yes/no over a cost, not a
   * count, so it is shown even when the false-alert count is withheld, as long as the answer cannot give that count back.
   * With the false alerts shown it is the plain comparison. With them withheld (a false alert count is never a withheld
   * zero, so it is 1 or more) the answer is judged at the most false alerts the printed counts allow, all the alerts: if even
   * that many would be within the limit, every count the reader could suppose is, and "yes" tells nothing the printed alert
   * count does not. Otherwise the answer would depend on where the withheld count lies, so it is withheld (null), and so it
   * is whenever the alert count is withheld too. The choice depends only on printed figures, never on the withheld count.
   * Null also when nothing prices the alerts (no workflow profile: the cost is NaN).
   */
  public Boolean withinFalseAlertCostLimit(double limit) {
    double cost = report.falseAlertCostPerMonth();
    if (Double.isNaN(cost) || Double.isNaN(limit)) return null;
    if (falseAlerts != null) return cost <= limit;
    if (alerts == null) return null;
    long f = report.counts().falseAlerts();
    double atMost = f > 0 ? cost / f * alerts : cost;
    return atMost <= limit ? Boolean.TRUE : null;
  }

  /** Whether an encounter count (encounters, with the outcome, detected in time) is withheld. */
  public boolean encountersWithheld() {
    return encounters == null || outcomeEncounters == null || detected == null;
  }

  /** Whether an alert count (alerts, timely, late, false) is withheld. */
  public boolean alertsWithheld() {
    return alerts == null || timely == null || late == null || falseAlerts == null;
  }

  /** Whether anything of the policy is withheld. */
  public boolean anyWithheld() {
    return encountersWithheld() || alertsWithheld();
  }
}
