package org.tollgate.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.PolicySearch;
import org.tollgate.alerts.ShownReport;
import org.tollgate.format.Units;

/**
 * The floors a suggested policy must meet besides the false-alert budget, so that a fix keeps the tool
 * useful: detected-in-time sensitivity at least max(share × that of the policy under review, minimum),
 * at most so many alerts per staff member per shift, and at least so much alert PPV (review.yaml
 * {@code gate:}; defaults in {@link GateLimits}).
 *
 * @param minSensitivity the sensitivity floor, already resolved against the policy under review
 * @param maxAlertsPerStaffPerShift the interruption ceiling
 * @param minAlertPpv the alert PPV floor
 * @param maxFalseAlertCostPerMonth the false-alert budget (item 2's limit)
 * @param minCell the small-cell rule's minimum: figures printed in the floors' words go through {@link ShownReport}
 * @param sensitivityShare the share of the policy under review's sensitivity the floor was resolved from, or NaN when
 *     the fixed minimum decided it; when that sensitivity is withheld, the floor is printed as this share, not as a number
 *     that would give the withheld count back
 * @param baseWithheld whether the policy under review's sensitivity is withheld by the small-cell rule
 */
public record ClinicalFloors(double minSensitivity, double maxAlertsPerStaffPerShift, double minAlertPpv, double maxFalseAlertCostPerMonth,
    int minCell, double sensitivityShare, boolean baseWithheld) {

  /** Floors printed with the default small-cell minimum, the sensitivity floor a plain number. */
  public ClinicalFloors(double minSensitivity, double maxAlertsPerStaffPerShift, double minAlertPpv, double maxFalseAlertCostPerMonth) {
    this(minSensitivity, maxAlertsPerStaffPerShift, minAlertPpv, maxFalseAlertCostPerMonth, GateLimits.defaults().minCell(), Double.NaN, false);
  }

  /**
   * The floors for a review: the sensitivity floor is max({@code minSensitivityShare} × the sensitivity of
   * {@code underReview}, {@code minSensitivity}); without a policy under review (or with an undefined
   * sensitivity) it is {@code minSensitivity}.
   */
  public static ClinicalFloors of(GateLimits lim, PolicyReport underReview) {
    double s = underReview == null || Double.isNaN(underReview.sensitivity()) ? 0 : underReview.sensitivity();
    boolean fromShare = lim.minSensitivityShare() * s > lim.minSensitivity();
    boolean withheld = underReview != null && Double.isNaN(ShownReport.of(underReview, lim.minCell()).sensitivity());
    return new ClinicalFloors(Math.max(lim.minSensitivityShare() * s, lim.minSensitivity()), lim.maxAlertsPerStaffPerShift(),
        lim.minAlertPpv(), lim.falseAlertCostPerMonth(), lim.minCell(), fromShare ? lim.minSensitivityShare() : Double.NaN, withheld);
  }

  /** The floors and the budget as the policy search's filter. */
  public PolicySearch.Budget budget() {
    return new PolicySearch.Budget(maxFalseAlertCostPerMonth, maxAlertsPerStaffPerShift, minSensitivity, minAlertPpv);
  }

  /**
   * What {@code r} misses of the floors and the budget, each a predicate of the policy ("has alert PPV 7.5%, 13.3
   * alerts worked up per case caught (floor 10.0%)"); empty when it meets them all.
   */
  public List<String> unmet(PolicyReport r) {
    ShownReport v = ShownReport.of(r, minCell);
    List<String> out = unmetClinical(r, v);
    if (!(r.falseAlertCostPerMonth() <= maxFalseAlertCostPerMonth)) {
      out.add(Double.isNaN(v.falseAlertCostPerMonth()) && !Double.isNaN(r.falseAlertCostPerMonth())
          ? "costs more than the " + Units.money(maxFalseAlertCostPerMonth) + " budget a month in false alerts (the figure is withheld by the small-cell rule)"
          : "costs " + Units.money(r.falseAlertCostPerMonth()) + " a month in false alerts (budget " + Units.money(maxFalseAlertCostPerMonth) + ")");
    }
    return out;
  }

  /**
   * What {@code r} misses of the clinical floors alone (detected in time, alert PPV, alerts per staff member per shift),
   * without the false-alert budget (checklist item 2 judges that); empty when it meets them.
   */
  public List<String> unmetClinical(PolicyReport r) {
    return unmetClinical(r, ShownReport.of(r, minCell));
  }

  /** As {@link #unmetClinical(PolicyReport)} with {@code v}, {@code r} as it may be printed, already built. */
  private List<String> unmetClinical(PolicyReport r, ShownReport v) {
    List<String> out = new ArrayList<>();
    // Judged on the counts; worded with the figures as they may be printed (a withheld one is named, not given).
    if (!(r.sensitivity() >= minSensitivity)) {
      out.add(Double.isNaN(v.sensitivity()) && !Double.isNaN(r.sensitivity())
          ? "detects fewer cases in time than the floor (" + sensitivityFloor() + "; its sensitivity is withheld by the small-cell rule)"
          : "detects " + Units.percent(r.sensitivity()) + " of cases in time (floor " + sensitivityFloor() + ")");
    }
    if (!(r.alertPpv() >= minAlertPpv)) {
      out.add(Double.isNaN(v.alertPpv()) && !Double.isNaN(r.alertPpv())
          ? "has an alert PPV below the " + Units.percent(minAlertPpv) + " floor (the figure is withheld by the small-cell rule)"
          : "has alert PPV " + Units.percent(r.alertPpv()) + (r.alertPpv() > 0 ? ", " + Units.number(1 / r.alertPpv(), 1) + " alerts worked up per case caught" : "")
              + " (floor " + Units.percent(minAlertPpv) + ")");
    }
    double perShift = PolicySearch.interruptions(r);
    if (!(perShift <= maxAlertsPerStaffPerShift)) {
      out.add(Double.isNaN(v.interruptionsPerStaffPerShift()) && !Double.isNaN(perShift)
          ? "interrupts each staff member more often than the ceiling of " + Units.number(maxAlertsPerStaffPerShift, 1) + " a shift (the figure is withheld by the small-cell rule)"
          : "interrupts each staff member " + Units.number(perShift, 1) + " times a shift (ceiling " + Units.number(maxAlertsPerStaffPerShift, 1) + ")");
    }
    return out;
  }

  /**
   * The sensitivity floor in words: a percentage, or, when it was resolved from a withheld sensitivity of the policy
   * under review, that share of it ("80% of what the policy under review detects").
   */
  String sensitivityFloor() {
    if (baseWithheld && !Double.isNaN(sensitivityShare)) return Units.percent(sensitivityShare) + " of what the policy under review detects";
    return Units.percent(minSensitivity);
  }

  /** The floors in one phrase: "detected in time ≥ 30%, alert PPV ≥ 10%, at most 6 alerts per staff member per shift, false alerts within $5,000 a month". */
  public String describe() {
    return String.format(Locale.ROOT, "detected in time at least %s, alert PPV at least %s, at most %s alerts per staff member per shift, false alerts within %s a month",
        sensitivityFloor(), Units.percent(minAlertPpv), Units.number(maxAlertsPerStaffPerShift, 1), Units.money(maxFalseAlertCostPerMonth));
  }

  /**
   * The closing clause of a review with no useful operating point on the grid: "none of the 18 policies on the
   * search grid meets the clinical floors (…): the model or the workflow must change, not the threshold."
   */
  String noUsefulPolicy(int gridSize) {
    return (gridSize == 1 ? "the one policy on the search grid does not meet" : "none of the " + Units.count(gridSize, "policy") + " on the search grid meets")
        + " the clinical floors (" + describe()
        + "): the model or the workflow must change, not the threshold.";
  }
}
