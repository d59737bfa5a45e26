package org.tollgate.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.alerts.Workflow;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.RankMetrics;
import org.tollgate.evaluation.Stats;

/**
 * What the committee approved, as the monitor compares against it: the approved data summarised by the
 * same {@link Summarizer} as the live data (every encounter matured), in periods of the monitoring length.
 *
 * @param total the approved data as one summary
 * @param periods the approved data per period (for the over-dispersion of the alert counts)
 * @param days the approved data's span in days (last − first score time, as the simulator counts days)
 * @param rate approved alerts per patient-day ū
 * @param dispersion over-dispersion φ of the approved periods' alert counts (≥ 1)
 * @param edges PSI bin edges fixed on the approved scores
 * @param subgroupEdges the same per subgroup ("attribute=level")
 * @param featureEdges the same per input of the features table, fixed on its approved values (empty without one)
 * @param sensitivity approved detected-in-time sensitivity with its Wilson interval
 * @param oe approved observed/expected outcomes (admission score against outcome)
 * @param calibrationSlope approved calibration slope (admission score)
 * @param falseShare share of approved alerts that were false
 * @param falseAlertCostPerMonth approved false-alert cost per month (NaN without a workflow)
 * @param costLimit the launch gate's false-alert cost limit per month
 * @param expectedActedOn the response model's probability that an alert is acted on, NaN when the review had none
 * @param workflow the review's workflow profile, or null
 */
public record Baseline(PeriodSummary total, List<PeriodSummary> periods, double days, double rate, double dispersion, double[] edges,
    Map<String, double[]> subgroupEdges, Map<String, double[]> featureEdges, Interval sensitivity, ObservedExpected oe, double calibrationSlope, double falseShare,
    double falseAlertCostPerMonth, double costLimit, double expectedActedOn, Workflow workflow) {

  /** Builds the baseline from the approved data's period summaries. */
  public static Baseline of(List<PeriodSummary> periods, double days, Workflow workflow, double costLimit, double expectedActedOn) {
    if (periods.isEmpty()) throw new IllegalArgumentException("the approved data have no period");
    PeriodSummary t = PeriodSummary.mergeAll(periods);
    long[] counts = new long[periods.size()];
    double[] exposure = new double[periods.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = periods.get(i).volume().alerts();
      exposure[i] = periods.get(i).volume().patientDays();
    }
    double rate = ControlChart.rate(counts, exposure);
    double phi = Double.isNaN(rate) ? 1 : ControlChart.dispersion(counts, exposure, rate);
    Map<String, double[]> sub = new LinkedHashMap<>();
    for (PeriodSummary.Subgroup g : t.subgroups()) sub.put(g.key(), Drift.psiEdges(g.scores()));
    Map<String, double[]> feat = new LinkedHashMap<>();
    for (PeriodSummary.Feature f : t.features()) feat.put(f.name(), Drift.psiEdges(f.values()));
    PeriodSummary.Performance p = t.performance();
    double falseShare = t.volume().alerts() == 0 ? Double.NaN : (double) t.volume().falseAlerts() / t.volume().alerts();
    double cost = Monitor.costPerMonth(t.volume().falseAlerts(), days, workflow);
    return new Baseline(t, List.copyOf(periods), days, rate, phi, Drift.psiEdges(t.scores().all()), sub, feat, Stats.wilson(p.detected(), p.outcomes()),
        Monitor.oe(p), RankMetrics.calibration(p.admission()).slope(), falseShare, cost, costLimit, expectedActedOn, workflow);
  }

  /** The approved summary of one input of the features table, or null when the approved data have none by that name. */
  public PeriodSummary.Feature feature(String name) {
    for (PeriodSummary.Feature f : total.features()) if (f.name().equals(name)) return f;
    return null;
  }

  /** Approved census: patients a day (patient-days over days). */
  public double census() {
    return days > 0 ? total.volume().patientDays() / days : Double.NaN;
  }

  /** Approved alerts per day. */
  public double alertsPerDay() {
    return days > 0 ? total.volume().alerts() / days : Double.NaN;
  }
}
