package org.tollgate.alerts;

import org.tollgate.evaluation.Stats;

/**
 * What a policy costs and buys, from its counters, the observed days and the workflow profile.
 * Formulas (DOMAIN.md §3):
 * <ul>
 *   <li>sensitivity = detected / outcome encounters; alert PPV = timely / alerts; work-up to detection = alerts / detected;
 *   <li>alerts per day = alerts / days observed; per 100 patient-days = alerts / patient-days × 100, patient-days =
 *       Σ over encounters of (last − first score time);
 *   <li>alerts per staff member per shift = alerts per day / (24 / shift hours) / staff per shift;
 *   <li>labor minutes per day = alerts per day × minutes per alert; FTE = minutes per day × 365 / 60 / hours per FTE-year;
 *   <li>false-alert cost per month = false alerts per day × minutes per alert / 60 × hourly rate × 365 / 12
 *       (the launch gate's item 2); labor cost per month likewise over all alerts;
 *   <li>net benefit per month = detected per day × 365/12 × benefit dollars per detection − labor cost per month (when a benefit is given);
 *   <li>human response model (when on): p = curve(interruptions per staff per shift); expected acted-on detections = detected × p;
 *       interruptions = alerts per staff per shift, or for a policy with a digest of D minutes at most one per digest:
 *       min(alerts per staff per shift, shift hours × 60 / D) (a digest batches its alerts into one interruption; the
 *       bound is reached when, as in a busy service, every digest has at least one alert);
 *       wasted minutes per day = labor minutes per day − p × timely alerts per day × minutes per alert (every minute
 *       not spent on a timely alert that is acted on).
 * </ul>
 * Undefined ratios are NaN.
 *
 * @param groups the policy's raw counters per group of each attribute the simulation was broken down by (empty when it
 *     was not): evidence for the launch gate's subgroup rule, never printed as they are (see {@link GroupCounts})
 */
public record PolicyReport(
    AlertPolicy policy,
    PolicyCounts counts,
    double days,
    double patientDays,
    double sensitivity,
    double alertPpv,
    double workupToDetection,
    double leadP25,
    double leadMedian,
    double leadP75,
    double alertsPerDay,
    double alertsPer100PatientDays,
    double alertsPerStaffPerShift,
    double laborMinutesPerDay,
    double falseAlertMinutesPerDay,
    double fte,
    double falseAlertCostPerMonth,
    double laborCostPerMonth,
    double netBenefitPerMonth,
    double probabilityActedOn,
    double expectedActedOnDetections,
    double wastedMinutesPerDay,
    double interruptionsPerStaffPerShift,
    java.util.List<GroupCounts> groups) {

  public PolicyReport {
    groups = groups == null ? java.util.List.of() : java.util.List.copyOf(groups);
  }

  public static final double DAYS_PER_MONTH = 365.0 / 12;

  /** One report per policy of a run, in the run's order. */
  public static java.util.List<PolicyReport> all(Simulator.Run run, Workflow w) {
    java.util.List<PolicyReport> out = new java.util.ArrayList<>();
    for (int p = 0; p < run.policies().size(); p++) {
      java.util.List<GroupCounts> groups = new java.util.ArrayList<>();
      for (var attr : run.byStratum().entrySet()) {
        for (var level : attr.getValue()) groups.add(new GroupCounts(attr.getKey(), level.getKey(), level.getValue()[p]));
      }
      out.add(of(run.policies().get(p), run.overall()[p], run.days(), run.patientDays(), w).withGroups(groups));
    }
    return out;
  }

  /** @param w the workflow profile, or null when none was given (then every labor and cost figure is NaN) */
  public static PolicyReport of(AlertPolicy policy, PolicyCounts c, double days, double patientDays, Workflow w) {
    double[] lead = c.leadMinutes();
    if (w == null) {
      double perDay = days > 0 ? c.alerts() / days : Double.NaN;
      return new PolicyReport(policy, c, days, patientDays, ratio(c.detected(), c.outcomeEncounters()), ratio(c.timely(), c.alerts()),
          ratio(c.alerts(), c.detected()), Stats.quantileSorted(lead, lead.length, 0.25), Stats.quantileSorted(lead, lead.length, 0.5),
          Stats.quantileSorted(lead, lead.length, 0.75), perDay, patientDays > 0 ? c.alerts() / patientDays * 100 : Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
    }
    double perDay = days > 0 ? c.alerts() / days : Double.NaN;
    double falsePerDay = days > 0 ? c.falseAlerts() / days : Double.NaN;
    double shiftsPerDay = 24 / w.shiftHours();
    double perStaffShift = perDay / shiftsPerDay / w.staffPerShift();
    double minutes = perDay * w.minutesPerAlert();
    double falseMinutes = falsePerDay * w.minutesPerAlert();
    double fte = minutes * 365 / 60 / w.hoursPerFte();
    double falseCost = falseMinutes / 60 * w.hourlyRate() * DAYS_PER_MONTH;
    double laborCost = minutes / 60 * w.hourlyRate() * DAYS_PER_MONTH;
    double netBenefit = Double.NaN;
    if (w.benefitDollarsPerDetection() != null && days > 0) {
      netBenefit = c.detected() / days * DAYS_PER_MONTH * w.benefitDollarsPerDetection() - laborCost;
    }
    double p = Double.NaN;
    double acted = Double.NaN;
    double wasted = Double.NaN;
    double interruptions = policy.digestMinutes() == null ? perStaffShift : Math.min(perStaffShift, w.shiftHours() * 60 / policy.digestMinutes());
    if (w.response() != null) {
      p = w.response().at(interruptions);
      acted = c.detected() * p;
      wasted = minutes - p * (c.timely() / days) * w.minutesPerAlert();
    }
    return new PolicyReport(policy, c, days, patientDays,
        ratio(c.detected(), c.outcomeEncounters()),
        ratio(c.timely(), c.alerts()),
        ratio(c.alerts(), c.detected()),
        Stats.quantileSorted(lead, lead.length, 0.25),
        Stats.quantileSorted(lead, lead.length, 0.5),
        Stats.quantileSorted(lead, lead.length, 0.75),
        perDay,
        patientDays > 0 ? c.alerts() / patientDays * 100 : Double.NaN,
        perStaffShift,
        minutes,
        falseMinutes,
        fte,
        falseCost,
        laborCost,
        netBenefit,
        p,
        acted,
        wasted,
        interruptions,
        null);
  }

  /** This report with the policy's counters per group. */
  public PolicyReport withGroups(java.util.List<GroupCounts> g) {
    return new PolicyReport(policy, counts, days, patientDays, sensitivity, alertPpv, workupToDetection, leadP25, leadMedian, leadP75, alertsPerDay,
        alertsPer100PatientDays, alertsPerStaffPerShift, laborMinutesPerDay, falseAlertMinutesPerDay, fte, falseAlertCostPerMonth, laborCostPerMonth,
        netBenefitPerMonth, probabilityActedOn, expectedActedOnDetections, wastedMinutesPerDay, interruptionsPerStaffPerShift, g);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
