package org.tollgate.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.Workflow;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.RankMetrics;
import org.tollgate.evaluation.Stats;
import org.tollgate.format.Units;

/**
 * Judges live periods against the {@link Baseline approved run}: each period's checks, each guardrail's
 * finding, and the sentence that says why a use case is due for re-review. The methods, per guardrail:
 * <ul>
 *   <li>{@link Guardrail#VOLUME}: the period's replayed alerts per patient-day against the u-chart limits
 *       of the approved rate at the period's patient-days, over-dispersion of the approved weeks included
 *       ({@link ControlChart}); outside → breach. Census (patients a day) is reported beside it.
 *   <li>{@link Guardrail#VOLUME_CUSUM}: the tabular CUSUM of the standardised counts of every period so far
 *       signals.
 *   <li>{@link Guardrail#POLICY_MATCH}: agreement = matched / (matched + live only + replay only) below the limit.
 *   <li>{@link Guardrail#SCORE_PSI}: PSI of the period's scores in the approved bins above the limit; KS,
 *       the flag rate and each subgroup's PSI are reported.
 *   <li>{@link Guardrail#SENSITIVITY} (over the window): the upper bound of the live Wilson interval below
 *       the floor (the approved interval's lower bound unless set) — the live data are incompatible with the
 *       approved sensitivity, not merely lower by chance.
 *   <li>{@link Guardrail#CALIBRATION} (over the window): O/E of the admission score (exact interval) divided
 *       by the approved O/E; the whole interval outside [1/band, band] → breach. The calibration slope is reported.
 *   <li>{@link Guardrail#SUBGROUP_SENSITIVITY} (over the window): per subgroup with at least min-cell
 *       outcomes, a two-proportion z test of live against approved sensitivity, Holm-adjusted over the
 *       subgroups tested; adjusted p &lt; 0.05 with the live value lower → breach.
 *   <li>{@link Guardrail#FALSE_ALERT_COST} (over the window): (false alerts + pending alerts × the approved
 *       false share) per day, priced as the launch gate prices it, above the limit.
 *   <li>{@link Guardrail#ACTED_ON} (over the window): the Wilson upper bound of the share of live alerts
 *       acted on below the response model's probability minus the tolerance.
 *   <li>{@link Guardrail#FEATURE_PSI}: per input of the features table with at least min-cell values in the period
 *       and in the approved data, the PSI of its values in bins fixed on its approved values (deciles, as the score's);
 *       the largest above the limit → breach.
 *   <li>{@link Guardrail#FEATURE_MISSING}: per input with at least min-cell rows in the period and in the approved
 *       data, its missing share minus its approved missing share; the largest rise above the limit → breach.
 * </ul>
 * A check without its data (no live alert log; fewer than min-cell outcomes; no workflow) is
 * {@link Status#NOT_EVALUATED}, never a pass or a breach.
 */
public final class Monitor {
  private Monitor() {}

  /** A guardrail's state in one period. */
  public enum Status {
    OK, BREACH, NOT_EVALUATED;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One guardrail in one period: the value, the acceptable range, and the sentence. */
  public record Finding(Guardrail guardrail, Status status, double value, double lower, double upper, String sentence) {}

  /**
   * One input of the features table in one period, against the approved data.
   *
   * @param rows feature rows in the period
   * @param missing of those, rows without a value
   * @param missingShare missing / rows (NaN without rows)
   * @param missingInterval the missing share with its 95% Wilson interval ({@link Stats#wilson}); undefined without rows.
   *     Rows of one encounter are not independent (a value is carried forward until the next is charted), so the
   *     interval is narrower than the encounters warrant: it is reported, and the guardrail judges the estimate
   * @param approvedMissingShare the same in the approved data (NaN when the approved features table lacks the input)
   * @param psi PSI of its values in the approved bins; NaN when either side has fewer than min-cell values
   */
  public record FeatureDrift(long rows, long missing, double missingShare, Interval missingInterval, double approvedMissingShare, double psi) {}

  /**
   * One judged period.
   *
   * @param window the summaries of the window ending with this period, merged (the outcome checks' data)
   * @param subgroupPsi PSI per subgroup ("attribute=level"), NaN when withheld (fewer than min-cell rows)
   * @param features per input of the features table (name order); empty without one
   */
  public record PeriodResult(PeriodSummary summary, PeriodSummary window, double census, double alertsPerDay, double rate, ControlChart.Limits limits,
      ControlChart.CusumStep cusum, double psi, Drift.Ks ks, double flagRate, Map<String, Double> subgroupPsi, Interval sensitivity,
      ObservedExpected oe, double calibrationSlope, double falseAlertCostPerMonth, Interval actedOn, double agreement, List<Finding> findings,
      Map<String, FeatureDrift> features) {

    public boolean breached() {
      return findings.stream().anyMatch(f -> f.status() == Status.BREACH);
    }

    public Finding finding(Guardrail g) {
      return findings.stream().filter(f -> f.guardrail() == g).findFirst().orElse(null);
    }
  }

  /** Judges every live period, in order (the CUSUM runs over them all). */
  public static List<PeriodResult> judge(Baseline b, List<PeriodSummary> live, MonitorSettings s) {
    int n = live.size();
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      PeriodSummary.Volume v = live.get(i).volume();
      z[i] = v.patientDays() > 0 ? ControlChart.standardised(v.alerts(), b.rate(), v.patientDays(), b.dispersion()) : Double.NaN;
    }
    ControlChart.CusumStep[] cusum = ControlChart.cusum(z, 0, 1, s.cusumK(), s.cusumH());
    List<PeriodResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      PeriodSummary w = PeriodSummary.mergeAll(live.subList(Math.max(0, i - s.windowPeriods() + 1), i + 1));
      out.add(judgeOne(b, live.get(i), w, cusum[i], s));
    }
    return out;
  }

  private static PeriodResult judgeOne(Baseline b, PeriodSummary p, PeriodSummary w, ControlChart.CusumStep cusum, MonitorSettings s) {
    List<Finding> f = new ArrayList<>();
    PeriodSummary.Volume v = p.volume();
    double days = p.days();
    double census = v.patientDays() / days;
    double perDay = v.alerts() / days;
    double rate = v.patientDays() > 0 ? v.alerts() / v.patientDays() : Double.NaN;
    ControlChart.Limits lim = v.patientDays() > 0 && b.rate() > 0 ? ControlChart.uLimits(b.rate(), v.patientDays(), b.dispersion(), s.volumeSigma()) : null;
    String censusWords = censusWords(census, b.census());
    if (s.checks().contains(Guardrail.VOLUME)) {
      if (lim == null) {
        f.add(new Finding(Guardrail.VOLUME, Status.NOT_EVALUATED, rate * 100, Double.NaN, Double.NaN, "no patient-days in the period"));
      } else {
        boolean ok = lim.contains(rate);
        double k = v.patientDays() / days;
        f.add(new Finding(Guardrail.VOLUME, ok ? Status.OK : Status.BREACH, rate * 100, lim.lower() * 100, lim.upper() * 100,
            "alerts per day " + Units.rate(perDay) + " against an approved " + Units.rate(lim.lower() * k) + "–" + Units.rate(lim.upper() * k)
                + " at this census (" + Units.rate(rate * 100) + " per 100 patient-days against " + Units.rate(lim.lower() * 100) + "–"
                + Units.rate(lim.upper() * 100) + "); " + censusWords));
      }
    }
    if (s.checks().contains(Guardrail.VOLUME_CUSUM)) {
      double c = Math.max(cusum.plus(), cusum.minus());
      f.add(new Finding(Guardrail.VOLUME_CUSUM, Double.isNaN(c) ? Status.NOT_EVALUATED : cusum.signal() ? Status.BREACH : Status.OK, c, 0, s.cusumH(),
          "alert volume CUSUM " + Units.number(c, 1) + " ("
              + (cusum.plus() >= cusum.minus() ? "up for " + Units.count(cusum.runPlus(), s.period().word()) : "down for " + Units.count(cusum.runMinus(), s.period().word()))
              + ") against a decision interval of " + Units.number(s.cusumH(), 1)));
    }
    double agreement = Double.NaN;
    if (s.checks().contains(Guardrail.POLICY_MATCH)) {
      PeriodSummary.Match m = p.match();
      long all = m == null ? 0 : m.matched() + m.liveOnly() + m.replayOnly();
      if (m == null) {
        f.add(new Finding(Guardrail.POLICY_MATCH, Status.NOT_EVALUATED, Double.NaN, s.policyAgreement(), 1, "no live alert log given"));
      } else if (all < s.minCell()) {
        f.add(new Finding(Guardrail.POLICY_MATCH, Status.NOT_EVALUATED, Double.NaN, s.policyAgreement(), 1, "fewer than " + s.minCell() + " alerts to compare"));
      } else {
        agreement = (double) m.matched() / all;
        f.add(new Finding(Guardrail.POLICY_MATCH, agreement >= s.policyAgreement() ? Status.OK : Status.BREACH, agreement, s.policyAgreement(), 1,
            "live alerts agree with the approved policy's replay on " + Units.percent(agreement) + " of alerts (" + cell(m.liveOnly(), s.minCell()) + " live only, "
                + cell(m.replayOnly(), s.minCell()) + " replay only) against at least " + Units.percent(s.policyAgreement(), 0)
                + (agreement >= s.policyAgreement() ? "" : ": the deployed policy is not the approved one")));
      }
    }
    double psi = Drift.psi(b.total().scores().all(), p.scores().all(), b.edges());
    Drift.Ks ks = Drift.ks(b.total().scores().all(), p.scores().all());
    double flagRate = v.scoreRows() == 0 ? Double.NaN : (double) p.scores().flagged() / v.scoreRows();
    Map<String, Double> subPsi = new LinkedHashMap<>();
    for (PeriodSummary.Subgroup g : p.subgroups()) {
      PeriodSummary.Subgroup ref = find(b.total(), g.key());
      double[] edges = b.subgroupEdges().get(g.key());
      subPsi.put(g.key(), ref == null || edges == null || g.scores().n() < s.minCell() || ref.scores().n() < s.minCell() ? Double.NaN
          : Drift.psi(ref.scores(), g.scores(), edges));
    }
    if (s.checks().contains(Guardrail.SCORE_PSI)) {
      if (v.scoreRows() < s.minCell()) {
        f.add(new Finding(Guardrail.SCORE_PSI, Status.NOT_EVALUATED, Double.NaN, 0, s.psiLimit(), "fewer than " + s.minCell() + " score rows"));
      } else {
        f.add(new Finding(Guardrail.SCORE_PSI, psi <= s.psiLimit() ? Status.OK : Status.BREACH, psi, 0, s.psiLimit(),
            "score PSI " + Units.number(psi, 3) + " against at most " + Units.number(s.psiLimit(), 2) + " (KS D " + Units.number(ks.d(), 3) + "; flag rate "
                + Units.percent(flagRate) + " against an approved " + Units.percent((double) b.total().scores().flagged() / b.total().volume().scoreRows()) + ")"));
      }
    }
    PeriodSummary.Performance wp = w.performance();
    String span = "over the " + Units.count(s.windowPeriods(), s.period().word()) + " to this one";
    Interval sens = wp.outcomes() < s.minCell() ? Interval.UNDEFINED : Stats.wilson(wp.detected(), wp.outcomes());
    if (s.checks().contains(Guardrail.SENSITIVITY)) {
      double floor = s.sensitivityFloor() != null ? s.sensitivityFloor() : b.sensitivity().lower();
      if (!sens.defined()) {
        f.add(new Finding(Guardrail.SENSITIVITY, Status.NOT_EVALUATED, Double.NaN, floor, 1, "fewer than " + s.minCell() + " matured outcomes " + span + " (withheld)"));
      } else {
        // Judged on the interval: an estimate under the floor whose upper bound is above it is not a breach.
        boolean ok = sens.upper() >= floor;
        f.add(new Finding(Guardrail.SENSITIVITY, ok ? Status.OK : Status.BREACH, sens.estimate(), floor, 1,
            "sensitivity " + Units.percent(sens.estimate()) + " (95% CI " + Units.percentRange(sens.lower(), sens.upper()) + ") " + span + ", upper bound "
                + (ok ? "at or above" : "below") + " the floor " + Units.percent(floor)));
      }
    }
    ObservedExpected oe = wp.outcomes() < s.minCell() ? ObservedExpected.of(0, 0) : oe(wp);
    double slope = wp.outcomes() < s.minCell() ? Double.NaN : RankMetrics.calibration(wp.admission()).slope();
    if (s.checks().contains(Guardrail.CALIBRATION)) {
      double ref = b.oe().ratio();
      double lo = 1 / s.calibrationBand();
      double hi = s.calibrationBand();
      if (Double.isNaN(oe.ratio()) || !(ref > 0)) {
        f.add(new Finding(Guardrail.CALIBRATION, Status.NOT_EVALUATED, Double.NaN, lo, hi, "fewer than " + s.minCell() + " matured outcomes " + span + " (withheld)"));
      } else {
        boolean breach = oe.upper() / ref < lo || oe.lower() / ref > hi;
        f.add(new Finding(Guardrail.CALIBRATION, breach ? Status.BREACH : Status.OK, oe.ratio() / ref, lo, hi,
            "observed/expected " + Units.number(oe.ratio(), 2) + " (95% CI " + Units.number(oe.lower(), 2) + "–" + Units.number(oe.upper(), 2) + ") against an approved "
                + Units.number(ref, 2) + ", " + span + "; calibration slope " + Units.number(slope, 2) + " against " + Units.number(b.calibrationSlope(), 2)));
      }
    }
    if (s.checks().contains(Guardrail.SUBGROUP_SENSITIVITY)) f.add(subgroups(b, w, s, span));
    double wDays = w.days();
    double pending = w.volume().pendingAlerts() * (Double.isNaN(b.falseShare()) ? 0 : b.falseShare());
    double cost = costPerMonth(w.volume().falseAlerts() + pending, wDays, b.workflow());
    if (s.checks().contains(Guardrail.FALSE_ALERT_COST)) {
      double limit = s.costLimit() != null ? s.costLimit() : b.costLimit();
      if (Double.isNaN(cost)) {
        f.add(new Finding(Guardrail.FALSE_ALERT_COST, Status.NOT_EVALUATED, Double.NaN, 0, limit, "no workflow profile to price alerts"));
      } else {
        f.add(new Finding(Guardrail.FALSE_ALERT_COST, cost <= limit ? Status.OK : Status.BREACH, cost, 0, limit,
            "false-alert cost " + Units.money(cost) + " a month " + span + " against a limit of " + Units.money(limit) + " (approved " + Units.money(b.falseAlertCostPerMonth()) + ")"));
      }
    }
    PeriodSummary.Match wm = w.match();
    Interval acted = wm == null || wm.actedKnown() < s.minCell() ? Interval.UNDEFINED : Stats.wilson(wm.acted(), wm.actedKnown());
    if (s.checks().contains(Guardrail.ACTED_ON)) {
      double want = b.expectedActedOn() - s.actedOnTolerance();
      if (!acted.defined() || Double.isNaN(b.expectedActedOn())) {
        f.add(new Finding(Guardrail.ACTED_ON, Status.NOT_EVALUATED, acted.estimate(), want, 1,
            Double.isNaN(b.expectedActedOn()) ? "the review assumed no response model" : "fewer than " + s.minCell() + " live alerts with a known response " + span));
      } else {
        f.add(new Finding(Guardrail.ACTED_ON, acted.upper() >= want ? Status.OK : Status.BREACH, acted.estimate(), want, 1,
            Units.percent(acted.estimate(), 0) + " of alerts acted on (95% CI " + Units.percentRange(acted.lower(), acted.upper(), 0) + ") " + span + " against the "
                + Units.percent(b.expectedActedOn(), 0) + " the review assumed"));
      }
    }
    Map<String, FeatureDrift> feat = features(b, p, s, f);
    return new PeriodResult(p, w, census, perDay, rate, lim, cusum, psi, ks, flagRate, subPsi, sens, oe, slope, cost, acted, agreement, List.copyOf(f), feat);
  }

  /** Each input's missingness and drift in the period, and the two features guardrails' findings (added to {@code f}). */
  private static Map<String, FeatureDrift> features(Baseline b, PeriodSummary p, MonitorSettings s, List<Finding> f) {
    Map<String, FeatureDrift> out = new LinkedHashMap<>();
    String worstPsiName = null;
    double worstPsi = Double.NaN;
    String worstRiseName = null;
    double worstRise = Double.NaN;
    for (PeriodSummary.Feature x : p.features()) {
      PeriodSummary.Feature ref = b.feature(x.name());
      double[] edges = b.featureEdges().get(x.name());
      double psi = ref == null || edges == null || x.values().n() < s.minCell() || ref.values().n() < s.minCell() ? Double.NaN
          : Drift.psi(ref.values(), x.values(), edges);
      out.put(x.name(), new FeatureDrift(x.rows(), x.missing(), x.missingShare(), x.rows() == 0 ? Interval.UNDEFINED : Stats.wilson(x.missing(), x.rows()),
          ref == null ? Double.NaN : ref.missingShare(), psi));
      if (!Double.isNaN(psi) && !(psi <= worstPsi)) {
        worstPsi = psi;
        worstPsiName = x.name();
      }
      if (ref != null && x.rows() >= s.minCell() && ref.rows() >= s.minCell()) {
        double rise = x.missingShare() - ref.missingShare();
        if (!(rise <= worstRise)) {
          worstRise = rise;
          worstRiseName = x.name();
        }
      }
    }
    boolean none = p.features().isEmpty() || b.total().features().isEmpty();
    String why = p.features().isEmpty() ? "no live features table given" : "the approved review names no features table with bedside inputs (data.features)";
    if (s.checks().contains(Guardrail.FEATURE_PSI)) {
      if (none || worstPsiName == null) {
        f.add(new Finding(Guardrail.FEATURE_PSI, Status.NOT_EVALUATED, Double.NaN, 0, s.featurePsiLimit(),
            none ? why : "fewer than " + s.minCell() + " values of every input in the period or the approved data"));
      } else {
        long above = out.values().stream().filter(d -> d.psi() > s.featurePsiLimit()).count();
        f.add(new Finding(Guardrail.FEATURE_PSI, worstPsi <= s.featurePsiLimit() ? Status.OK : Status.BREACH, worstPsi, 0, s.featurePsiLimit(),
            "largest input PSI " + Units.number(worstPsi, 3) + " (" + worstPsiName + ") against at most " + Units.number(s.featurePsiLimit(), 2) + "; "
                + Units.count(above) + " of " + Units.count(out.size(), "input") + " above it"));
      }
    }
    if (s.checks().contains(Guardrail.FEATURE_MISSING)) {
      if (none || worstRiseName == null) {
        f.add(new Finding(Guardrail.FEATURE_MISSING, Status.NOT_EVALUATED, Double.NaN, -1, s.featureMissingRise(),
            none ? why : "fewer than " + s.minCell() + " rows of every input in the period or the approved data"));
      } else {
        FeatureDrift d = out.get(worstRiseName);
        PeriodSummary.Feature ref = b.feature(worstRiseName);
        f.add(new Finding(Guardrail.FEATURE_MISSING, worstRise <= s.featureMissingRise() ? Status.OK : Status.BREACH, worstRise, -1, s.featureMissingRise(),
            worstRiseName + " missing in " + share(d.missing(), d.rows(), s.minCell()) + " of rows against an approved " + share(ref.missing(), ref.rows(), s.minCell())
                + (worstRise < 0 ? ": a fall of " + Units.number(-worstRise * 100, 1) + " points (the limit is a rise of " + Units.number(s.featureMissingRise() * 100, 1) + ")"
                    : ": a rise of " + Units.number(worstRise * 100, 1) + " points against at most " + Units.number(s.featureMissingRise() * 100, 1))));
      }
    }
    return out;
  }

  private static Finding subgroups(Baseline b, PeriodSummary w, MonitorSettings s, String span) {
    List<PeriodSummary.Subgroup> tested = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    for (PeriodSummary.Subgroup g : w.subgroups()) {
      PeriodSummary.Subgroup ref = find(b.total(), g.key());
      if (ref == null || g.outcomes() < s.minCell() || ref.outcomes() < s.minCell()) continue;
      tested.add(g);
      ps.add(Stats.twoProportionP(g.detected(), g.outcomes(), ref.detected(), ref.outcomes()));
    }
    if (tested.isEmpty()) {
      return new Finding(Guardrail.SUBGROUP_SENSITIVITY, Status.NOT_EVALUATED, Double.NaN, 0.05, 1,
          "no subgroup with " + s.minCell() + " or more matured outcomes " + span + " (withheld)");
    }
    double[] adj = Stats.holm(ps.stream().mapToDouble(Double::doubleValue).toArray());
    double worst = 1;
    String which = null;
    for (int i = 0; i < adj.length; i++) {
      PeriodSummary.Subgroup g = tested.get(i);
      PeriodSummary.Subgroup ref = find(b.total(), g.key());
      boolean lower = (double) g.detected() / g.outcomes() < (double) ref.detected() / ref.outcomes();
      if (lower && adj[i] < worst) {
        worst = adj[i];
        which = g.key() + ": " + Units.percent((double) g.detected() / g.outcomes(), 0) + " against an approved " + Units.percent((double) ref.detected() / ref.outcomes(), 0);
      }
    }
    boolean breach = worst < 0.05;
    return new Finding(Guardrail.SUBGROUP_SENSITIVITY, breach ? Status.BREACH : Status.OK, worst, 0.05, 1,
        which == null ? "no subgroup's sensitivity below its approved value " + span + " (" + tested.size() + " tested)"
            : "lowest subgroup sensitivity " + which + ", Holm-adjusted p " + Units.pValue(worst) + " over " + Units.count(tested.size(), "subgroup") + ", " + span);
  }

  private static PeriodSummary.Subgroup find(PeriodSummary p, String key) {
    for (PeriodSummary.Subgroup g : p.subgroups()) if (g.key().equals(key)) return g;
    return null;
  }

  /** O/E of a summary's matured encounters: outcomes over the sum of their admission scores. */
  static ObservedExpected oe(PeriodSummary.Performance p) {
    double e = 0;
    var a = p.admission();
    for (int i = 0; i < a.distinct(); i++) e += a.score(i) * (a.positivesAt(i) + a.negativesAt(i));
    return ObservedExpected.of(a.positives(), e);
  }

  /** False alerts over {@code days}, priced as the launch gate prices them (PolicyReport); NaN without a workflow. */
  static double costPerMonth(double falseAlerts, double days, Workflow w) {
    if (w == null || !(days > 0)) return Double.NaN;
    return falseAlerts / days * w.minutesPerAlert() / 60 * w.hourlyRate() * PolicyReport.DAYS_PER_MONTH;
  }

  private static String censusWords(double census, double approved) {
    if (!(approved > 0)) return "census " + patientsADay(census);
    double change = (census - approved) / approved;
    String how = Math.abs(change) < 0.05 ? "census steady" : "census " + (change < 0 ? "fell " : "rose ") + Units.percent(Math.abs(change), 0);
    return how + " (" + patientsADay(census) + " against an approved " + Units.number(approved, 0) + ")";
  }

  /** "1 patient a day", "38 patients a day": the census rounded to whole patients, the noun agreeing with the rounded figure. */
  private static String patientsADay(double census) {
    return Units.count(Math.round(census), "patient") + " a day";
  }

  /**
   * The sentence that says why the use case is due for re-review after the last period: each guardrail
   * breached in it, its finding and how many periods in a row it has been breached; null when the last
   * period breaches nothing.
   */
  public static String breachSentence(List<PeriodResult> results, MonitorSettings s) {
    if (results.isEmpty()) return null;
    PeriodResult last = results.get(results.size() - 1);
    List<String> parts = new ArrayList<>();
    for (Finding f : last.findings()) {
      if (f.status() != Status.BREACH) continue;
      int run = 0;
      for (int i = results.size() - 1; i >= 0; i--) {
        Finding g = results.get(i).finding(f.guardrail());
        if (g == null || g.status() != Status.BREACH) break;
        run++;
      }
      parts.add(f.guardrail().title() + ": " + f.sentence() + " for " + Units.count(run, s.period().word()));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /**
   * Whether a share of {@code of} rows must be withheld because it would tell a small cell (1 to N − 1) back: its count,
   * the rest ({@code of − count}) or {@code of} itself. The one rule for every writer of a features share.
   */
  public static boolean shareWithheld(long count, long of, int minCell) {
    return org.tollgate.evaluation.SmallCells.withheld(count, minCell) || org.tollgate.evaluation.SmallCells.withheld(of - count, minCell)
        || org.tollgate.evaluation.SmallCells.withheld(of, minCell);
  }

  /** A share as a percent, or "a share withheld (fewer than N)" under {@link #shareWithheld}. */
  static String share(long count, long of, int minCell) {
    return shareWithheld(count, of, minCell) ? "a share withheld (fewer than " + minCell + ")" : Units.percent((double) count / of);
  }

  /** The count, or "fewer than N" for a small cell (1 to N − 1). */
  public static String cell(long count, int minCell) {
    return org.tollgate.evaluation.SmallCells.withheld(count, minCell) ? "fewer than " + minCell : Units.count(count);
  }
}
