package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.tollgate.evaluation.CalibrationBin;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.OperatingPoint;
import org.tollgate.evaluation.StratumResult;
import org.tollgate.evaluation.SweepPoint;

/**
 * The {@code tollgate.evaluation/v2} document. Field names are a public contract (see
 * docs/evaluation-json.md); add fields, never rename or remove them.
 */
public final class EvaluationJson {
  public static final String SCHEMA = "tollgate.evaluation/v2";

  private EvaluationJson() {}

  public static ObjectNode of(Evaluation e) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    ObjectNode in = doc.putObject("input");
    if (e.input() != null) {
      in.put("path", e.input().path());
      in.put("format", e.input().format());
      in.put("sha256", e.input().sha256());
      in.put("rows", e.input().rows());
      in.put("duplicate_rows", e.input().duplicateRows());
      in.put("skipped_rows", e.input().skippedRows());
    }
    doc.put("threshold", e.settings().threshold());
    doc.put("score_scale", e.rawScale() ? "raw" : "probability");
    if (e.rawScale()) {
      ObjectNode nc = doc.putObject("not_computed");
      ArrayNode what = nc.putArray("metrics");
      for (String m : List.of("brier", "calibration_intercept", "calibration_slope", "calibration_bins", "net_benefit", "treat_all_net_benefit")) what.add(m);
      nc.put("reason", org.tollgate.data.ColumnMapping.ScoreScale.RAW_OMITS);
    }
    doc.put("per", e.per().name().toLowerCase(java.util.Locale.ROOT));
    doc.put("combine", e.per() == org.tollgate.evaluation.Cases.Per.ENCOUNTER ? e.combine().name().toLowerCase(java.util.Locale.ROOT) : null);
    ObjectNode settings = doc.putObject("settings");
    ArrayNode by = settings.putArray("by");
    e.settings().by().forEach(by::add);
    settings.put("intersections", e.settings().intersections());
    settings.put("bootstrap", e.settings().bootstrap());
    settings.put("seed", e.settings().seed());
    settings.put("min_cell", e.settings().minCell());
    settings.put("power_limit", e.settings().powerLimit());
    ObjectNode ref = settings.putObject("reference");
    e.settings().reference().forEach(ref::put);
    Json.num(doc, "days", e.days());
    doc.set("overall", stratum(e.overall()));
    ArrayNode strata = doc.putArray("strata");
    e.strata().forEach(s -> strata.add(stratum(s)));
    ArrayNode disp = doc.putArray("disparities");
    for (Disparity d : e.disparities()) {
      ObjectNode o = disp.addObject();
      ArrayNode attrs = o.putArray("attributes");
      d.attributes().forEach(attrs::add);
      o.set("group", map(d.group()));
      o.set("reference", map(d.reference()));
      o.put("metric", d.metric());
      Json.interval(o, "group_value", d.groupValue());
      Json.interval(o, "reference_value", d.referenceValue());
      Json.interval(o, "difference", d.difference());
      Json.interval(o, "ratio", d.ratio());
      Json.num(o, "p", d.p());
      Json.num(o, "p_adjusted", d.pAdjusted());
      o.put("adjustment", "holm");
      o.put("test", d.test());
      o.put("status", d.status().word());
      Json.num(o, "min_detectable_difference", d.minDetectableDifference());
      o.put("statement", d.statement());
    }
    ArrayNode sweep = doc.putArray("sweep");
    e.sweep().forEach(p -> sweep.add(point(p)));
    ArrayNode ops = doc.putArray("operating_points");
    for (OperatingPoint op : e.operatingPoints()) {
      ObjectNode o = ops.addObject();
      o.put("rule", op.rule());
      o.put("target", op.target());
      Json.num(o, "threshold", op.threshold());
      if (op.at() == null) o.putNull("at");
      else o.set("at", point(op.at()));
      o.put("note", op.note());
    }
    ArrayNode cal = doc.putArray("calibration_bins");
    for (CalibrationBin b : e.calibration()) {
      ObjectNode o = cal.addObject();
      o.put("from", b.from());
      o.put("to", b.to());
      Json.num(o, "n", b.n());
      o.put("suppressed", b.n() == null);
      Json.num(o, "mean_predicted", b.meanPredicted());
      Json.interval(o, "observed", b.observed());
    }
    ArrayNode w = doc.putArray("warnings");
    e.warnings().forEach(w::add);
    return doc;
  }

  private static ObjectNode map(Map<String, String> m) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    m.forEach(o::put);
    return o;
  }

  private static ObjectNode stratum(StratumResult s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.set("by", map(s.by()));
    Json.num(o, "n", s.n());
    Json.num(o, "positives", s.positives());
    Json.num(o, "tp", s.tp());
    Json.num(o, "fp", s.fp());
    Json.num(o, "tn", s.tn());
    Json.num(o, "fn", s.fn());
    o.put("suppressed", s.suppressed());
    if (s.suppression() != null) o.put("suppression", s.suppression());
    Json.num(o, "prevalence", s.n() == null || s.n() == 0 ? Double.NaN : (double) s.positives() / s.n());
    Json.num(o, "no_information_rate", s.noInformationRate());
    Json.num(o, "treat_all_net_benefit", s.treatAllNetBenefit());
    o.put("accuracy_paradox", s.accuracyParadox());
    ObjectNode m = o.putObject("metrics");
    for (String k : StratumResult.METRIC_NAMES) {
      Json.interval(m, k, s.metrics().get(k));
    }
    if (s.power() != null) {
      ObjectNode p = o.putObject("power");
      p.put("status", s.power());
      Json.num(p, "min_detectable_sensitivity_difference", s.minDetectableSensitivityDifference());
    }
    return o;
  }

  private static ObjectNode point(SweepPoint p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("threshold", p.threshold());
    Json.num(o, "tp", p.tp());
    Json.num(o, "fp", p.fp());
    Json.num(o, "tn", p.tn());
    Json.num(o, "fn", p.fn());
    o.put("suppressed", p.tp() == null);
    Json.num(o, "sensitivity", p.sensitivity());
    Json.num(o, "specificity", p.specificity());
    Json.num(o, "ppv", p.ppv());
    Json.num(o, "npv", p.npv());
    Json.num(o, "flag_rate", p.flagRate());
    Json.num(o, "net_benefit", p.netBenefit());
    Json.num(o, "treat_all_net_benefit", p.treatAllNetBenefit());
    return o;
  }
}
