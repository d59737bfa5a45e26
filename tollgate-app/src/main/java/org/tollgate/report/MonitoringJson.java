package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.tollgate.data.InputRecord;
import org.tollgate.monitor.Baseline;
import org.tollgate.monitor.ControlChart;
import org.tollgate.monitor.Monitor;
import org.tollgate.monitor.MonitorSettings;
import org.tollgate.monitor.ObservedExpected;
import org.tollgate.monitor.PeriodSummary;
import org.tollgate.review.MonitorRunner;

/**
 * {@code tollgate.monitoring/v1}: the monitored periods with every check and guardrail, documented field by
 * field in docs/monitoring.md. Counts from 1 to min cell − 1 are withheld here, the one writer of the
 * schema (null, with the count's name listed in the period's {@code "withheld"}); no encounter or patient
 * appears.
 */
public final class MonitoringJson {
  public static final String SCHEMA = "tollgate.monitoring/v1";

  private MonitoringJson() {}

  /** The document for {@code periods} (a contiguous part of the outcome's results; the CUSUM ran over all of them). */
  public static ObjectNode of(MonitorRunner.Outcome o, List<Monitor.PeriodResult> periods, String version) {
    MonitorSettings s = o.settings();
    int minCell = s.minCell();
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("tool_version", version);
    ObjectNode uc = doc.putObject("use_case");
    uc.put("id", o.review().useCase().id());
    uc.put("title", o.review().useCase().title());
    doc.put("policy", o.policy().name());
    doc.put("period", s.period().word());
    doc.put("window_periods", s.windowPeriods());
    doc.put("as_of", Instant.ofEpochSecond(o.asOf()).toString());
    ArrayNode in = doc.putArray("inputs");
    for (InputRecord r : o.inputs()) {
      ObjectNode x = in.addObject();
      x.put("path", r.path());
      x.put("format", r.format());
      x.put("sha256", r.sha256());
      x.put("rows", r.rows());
    }
    Baseline b = o.baseline();
    ObjectNode bn = doc.putObject("approved");
    Json.num(bn, "days", b.days());
    Json.num(bn, "census", b.census());
    Json.num(bn, "alerts_per_day", b.alertsPerDay());
    Json.num(bn, "alerts_per_100_patient_days", b.rate() * 100);
    Json.num(bn, "dispersion", b.dispersion());
    ArrayNode edges = bn.putArray("psi_edges");
    for (double e : b.edges()) edges.add(e);
    Json.interval(bn, "sensitivity", b.sensitivity());
    oe(bn, "observed_expected", b.oe());
    Json.num(bn, "calibration_slope", b.calibrationSlope());
    Json.num(bn, "false_alert_cost_per_month", b.falseAlertCostPerMonth());
    Json.num(bn, "false_alert_cost_limit", s.costLimit() != null ? s.costLimit() : b.costLimit());
    Json.num(bn, "expected_acted_on", b.expectedActedOn());
    ObjectNode fe = bn.putObject("feature_psi_edges");
    b.featureEdges().forEach((k, v) -> {
      ArrayNode a = fe.putArray(k);
      for (double e : v) a.add(e);
    });
    ObjectNode lim = doc.putObject("limits");
    ArrayNode checks = lim.putArray("checks");
    s.checks().forEach(g -> checks.add(g.id()));
    lim.put("volume_sigma", s.volumeSigma());
    lim.put("cusum_k", s.cusumK());
    lim.put("cusum_h", s.cusumH());
    lim.put("psi", s.psiLimit());
    Json.num(lim, "sensitivity_floor", s.sensitivityFloor() != null ? s.sensitivityFloor() : b.sensitivity().lower());
    lim.put("calibration_band", s.calibrationBand());
    lim.put("acted_on_tolerance", s.actedOnTolerance());
    lim.put("policy_agreement", s.policyAgreement());
    lim.put("label_delay_days", s.labelDelayDays());
    lim.put("match_tolerance_minutes", s.matchToleranceMinutes());
    lim.put("min_cell", minCell);
    lim.put("feature_psi", s.featurePsiLimit());
    lim.put("feature_missing_rise", s.featureMissingRise());
    ArrayNode ps = doc.putArray("periods");
    for (Monitor.PeriodResult r : periods) {
      PeriodSummary p = r.summary();
      ObjectNode x = ps.addObject();
      ArrayNode withheld = Json.MAPPER.createArrayNode();
      x.put("start", Instant.ofEpochSecond(p.start()).toString());
      x.put("end", Instant.ofEpochSecond(p.end()).toString());
      Json.num(x, "census", r.census());
      Json.num(x, "patient_days", p.volume().patientDays());
      count(x, withheld, "score_rows", p.volume().scoreRows(), minCell);
      count(x, withheld, "admitted", p.volume().admitted(), minCell);
      count(x, withheld, "alerts", p.volume().alerts(), minCell);
      Json.num(x, "alerts_per_day", r.alertsPerDay());
      Json.num(x, "alerts_per_100_patient_days", r.rate() * 100);
      ControlChart.Limits l = r.limits();
      if (l == null) x.putNull("control_limits");
      else {
        ObjectNode c = x.putObject("control_limits");
        c.put("lower", l.lower() * 100);
        c.put("upper", l.upper() * 100);
      }
      ObjectNode cu = x.putObject("cusum");
      Json.num(cu, "plus", r.cusum().plus());
      Json.num(cu, "minus", r.cusum().minus());
      cu.put("signal", r.cusum().signal());
      Json.num(x, "psi", r.psi());
      Json.num(x, "ks_d", r.ks().d());
      Json.num(x, "ks_p", r.ks().p());
      Json.num(x, "flag_rate", r.flagRate());
      ObjectNode sp = x.putObject("subgroup_psi");
      r.subgroupPsi().forEach((k, v) -> Json.num(sp, k, v));
      PeriodSummary.Performance w = r.window().performance();
      ObjectNode wn = x.putObject("window");
      wn.put("start", Instant.ofEpochSecond(r.window().start()).toString());
      count(wn, withheld, "window.matured", w.matured(), minCell);
      count(wn, withheld, "window.pending", w.pending(), minCell);
      count(wn, withheld, "window.outcomes", w.outcomes(), minCell);
      count(wn, withheld, "window.detected", w.detected(), minCell);
      Json.interval(wn, "sensitivity", r.sensitivity());
      oe(wn, "observed_expected", r.oe());
      Json.num(wn, "calibration_slope", r.calibrationSlope());
      Json.num(wn, "false_alert_cost_per_month", r.falseAlertCostPerMonth());
      Json.interval(wn, "acted_on", r.actedOn());
      PeriodSummary.Match m = p.match();
      if (m == null) x.putNull("live_alerts");
      else {
        ObjectNode mn = x.putObject("live_alerts");
        count(mn, withheld, "live_alerts.alerts", m.liveAlerts(), minCell);
        count(mn, withheld, "live_alerts.matched", m.matched(), minCell);
        count(mn, withheld, "live_alerts.live_only", m.liveOnly(), minCell);
        count(mn, withheld, "live_alerts.replay_only", m.replayOnly(), minCell);
        Json.num(mn, "agreement", r.agreement());
      }
      ObjectNode fs = x.putObject("features");
      r.features().forEach((name, d) -> {
        ObjectNode fn = fs.putObject(name);
        count(fn, withheld, "features." + name + ".rows", d.rows(), minCell);
        // A share tells its count back when the rows are shown, and its interval tells the rows: both are withheld when the
        // rows, the missing or the present count is a small cell.
        if (Monitor.shareWithheld(d.missing(), d.rows(), minCell)) {
          fn.putNull("missing_share");
          fn.putNull("missing_interval");
          withheld.add("features." + name + ".missing_share");
          withheld.add("features." + name + ".missing_interval");
        } else {
          Json.num(fn, "missing_share", d.missingShare());
          Json.interval(fn, "missing_interval", d.missingInterval());
        }
        PeriodSummary.Feature ref = o.baseline().feature(name);
        if (ref == null) fn.putNull("approved_missing_share");
        else if (Monitor.shareWithheld(ref.missing(), ref.rows(), minCell)) {
          fn.putNull("approved_missing_share");
          withheld.add("features." + name + ".approved_missing_share");
        } else {
          Json.num(fn, "approved_missing_share", ref.missingShare());
        }
        Json.num(fn, "psi", d.psi());
      });
      ArrayNode g = x.putArray("guardrails");
      for (Monitor.Finding f : r.findings()) {
        ObjectNode fn = g.addObject();
        fn.put("id", f.guardrail().id());
        fn.put("title", f.guardrail().title());
        fn.put("status", f.status().word());
        Json.num(fn, "value", f.value());
        Json.num(fn, "lower", f.lower());
        Json.num(fn, "upper", f.upper());
        fn.put("sentence", f.sentence());
      }
      x.put("breached", r.breached());
      x.set("withheld", withheld);
    }
    String why = Monitor.breachSentence(periods, s);
    doc.put("status", why == null ? "stable" : "re-review due");
    if (why == null) doc.putNull("reason");
    else doc.put("reason", why);
    return doc;
  }

  private static void count(ObjectNode o, ArrayNode withheld, String key, long v, int minCell) {
    String name = key.substring(key.lastIndexOf('.') + 1);
    if (org.tollgate.evaluation.SmallCells.withheld(v, minCell)) {
      o.putNull(name);
      withheld.add(key);
    } else {
      o.put(name, v);
    }
  }

  private static void oe(ObjectNode o, String key, ObservedExpected e) {
    if (e == null || Double.isNaN(e.ratio())) {
      o.putNull(key);
      return;
    }
    ObjectNode n = o.putObject(key);
    Json.num(n, "estimate", e.ratio());
    Json.num(n, "lower", e.lower());
    Json.num(n, "upper", e.upper());
    n.put("method", "poisson_exact");
  }
}
