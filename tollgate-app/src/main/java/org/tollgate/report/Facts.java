package org.tollgate.report;

import org.tollgate.format.Units;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Interval;
import org.tollgate.gate.GateLimits;
import org.tollgate.gate.ItemResult;
import org.tollgate.gate.Proxies;
import org.tollgate.gate.Risk;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.ReviewRunner;

/**
 * What the standards exports ({@link ModelCardJson}, {@link Hti1Json}) share: the "not available"
 * rule (a field tollgate has no value for is the string {@value #NA}, never null, empty or absent)
 * and the facts both documents quote from a review.
 */
final class Facts {
  /** The value of every field tollgate has no value for. */
  static final String NA = "not available";
  /** The source of a field whose fact review.yaml does not state. */
  static final String NOT_STATED = "not stated in review.yaml";

  private Facts() {}

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String orNa(String s) {
    return blank(s) ? NA : s;
  }

  static void text(ObjectNode o, String key, String v) {
    o.put(key, orNa(v));
  }

  static void list(ObjectNode o, String key, Collection<String> v) {
    List<String> vs = v == null ? List.of() : v.stream().filter(s -> !blank(s)).toList();
    if (vs.isEmpty()) {
      o.put(key, NA);
    } else {
      ArrayNode a = o.putArray(key);
      vs.forEach(a::add);
    }
  }

  static void num(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) o.put(key, v);
    else o.put(key, NA);
  }

  static void num(ObjectNode o, String key, Long v) {
    if (v == null) o.put(key, NA);
    else o.put(key, v);
  }

  /** An object node, or the string "not available" when it has no fields. */
  static JsonNode objectOrNa(ObjectNode o) {
    return o == null || o.isEmpty() ? TextNode.valueOf(NA) : o;
  }

  /** An array node, or the string "not available" when it is empty. */
  static JsonNode arrayOrNa(ArrayNode a) {
    return a == null || a.isEmpty() ? TextNode.valueOf(NA) : a;
  }

  /** "0.864 (95% CI 0.760 to 0.967, DeLong)", or "0.864" without an interval. */
  static String withCi(Interval i) {
    if (i == null || !i.defined()) return NA;
    if (Double.isNaN(i.lower()) || Double.isNaN(i.upper())) return Units.number(i.estimate(), 3);
    return Units.number(i.estimate(), 3) + " (95% CI " + Units.number(i.lower(), 3) + " to " + Units.number(i.upper(), 3) + ", " + methodName(i.method()) + ")";
  }

  /**
   * A proportion with its interval as percents, as the page's headline prints it (r17 finding 10: "PPV 7.5%" on the page,
   * "0.075" in the HTI-1 section): "80.3% (95% CI 76.0% to 84.0%, Wilson score)", or "80.3%" without an interval.
   */
  static String percentWithCi(Interval i) {
    if (i == null || !i.defined()) return NA;
    if (Double.isNaN(i.lower()) || Double.isNaN(i.upper())) return Units.percent(i.estimate());
    return Units.percent(i.estimate()) + " (95% CI " + Units.percent(i.lower()) + " to " + Units.percent(i.upper()) + ", " + methodName(i.method()) + ")";
  }

  /** How an interval was made, in words. */
  static String methodName(Interval.Method m) {
    return switch (m) {
      case WILSON -> "Wilson score";
      case DELONG -> "DeLong";
      case BOOTSTRAP -> "bootstrap";
      case NEWCOMBE -> "Newcombe hybrid score";
      case KATZ -> "Katz log";
      case NORMAL -> "normal approximation (Welch)";
      case NONE -> "point estimate";
    };
  }

  /** "sex F × age_band 75+". */
  static String group(Map<String, String> by) {
    if (by == null || by.isEmpty()) return "overall";
    StringBuilder sb = new StringBuilder();
    by.forEach((k, v) -> sb.append(sb.length() > 0 ? " × " : "").append(k).append(' ').append(v));
    return sb.toString();
  }

  /** The input's path relative to the review folder when it lies inside it (so documents do not carry local paths). */
  static String path(ReviewFile r, String p) {
    try {
      Path abs = Path.of(p).toAbsolutePath().normalize();
      Path dir = r.dir().toAbsolutePath().normalize();
      return abs.startsWith(dir) ? dir.relativize(abs).toString().replace('\\', '/') : p;
    } catch (RuntimeException e) {
      return p;
    }
  }

  /** What an input file is to the review: predictions, events, outages, features, interactions or a summary. */
  static String role(ReviewFile r, InputRecord in) {
    ReviewFile.Data d = r.data();
    Path p = Path.of(in.path()).toAbsolutePath().normalize();
    if (same(d.predictions(), p)) return "predictions";
    if (same(d.events(), p)) return "events";
    if (same(d.outages(), p)) return "outages";
    if (same(d.features(), p)) return "features";
    if (same(d.interactions(), p)) return "interactions";
    if (same(d.evaluationSummary(), p)) return "evaluation summary";
    if (same(d.simulationSummary(), p)) return "simulation summary";
    return NA;
  }

  private static boolean same(Path a, Path b) {
    return a != null && a.toAbsolutePath().normalize().equals(b);
  }

  /** The predictions file's record, or null. */
  static InputRecord predictions(ReviewRunner.Outcome o) {
    if (o.evaluation() != null && o.evaluation().input() != null) return o.evaluation().input();
    return o.inputs().stream().filter(i -> "predictions".equals(role(o.review(), i))).findFirst().orElse(null);
  }

  /** "data/scores.csv (sha256 3737…)", the evidence behind a number. */
  static String dataRef(ReviewRunner.Outcome o, InputRecord in) {
    return in == null ? "" : path(o.review(), in.path()) + " (sha256 " + in.sha256() + ")";
  }

  /** The policy under review's report, or null when no simulation ran. */
  static PolicyReport chosenPolicy(ReviewRunner.Outcome o) {
    if (o.policies().isEmpty()) return null;
    return o.policies().stream().filter(p -> p.policy().name().equals(o.review().chosenPolicy())).findFirst().orElse(o.policies().get(0));
  }

  /**
   * The policy under review in plain words, e.g. "Alert when the risk score is 0.5 or higher on two consecutive
   * readings, with a lactate result of 2 or higher in the last 4 hours, not during a procedure; notify the
   * bedside nurse; not again for the same patient within 12 hours", or null. (The model's decision rule; the
   * paper checklist that stands in for it during downtime is another thing, on bedside values.)
   */
  static String policyInWords(ReviewRunner.Outcome o) {
    ReviewFile r = o.review();
    if (r.outcome() == null || r.policies().isEmpty()) return null;
    AlertPolicy p = r.policies().stream().filter(x -> x.name().equals(r.chosenPolicy())).findFirst().orElse(r.policies().get(0));
    String who = ReviewRunner.notify(r);
    StringBuilder b = new StringBuilder("Alert when the risk score is " + number(p.threshold()) + " or higher");
    if (p.persistence() > 1) b.append(" on ").append(p.persistence()).append(" consecutive readings");
    if (p.confirm() != null) {
      b.append(", with a ").append(p.confirm().type().replace('_', ' ')).append(" result");
      if (!Double.isInfinite(p.confirm().atLeast())) b.append(" of ").append(number(p.confirm().atLeast())).append(" or higher");
      b.append(" in the last ").append(minutes(p.confirm().withinMinutes()));
    }
    for (String ctx : p.suppressDuring()) b.append(", not during a ").append(ctx.replace('_', ' '));
    b.append("; notify ").append(who == null ? "the responsible clinician" : who);
    b.append(p.refireAfterMinutes() == null ? ", once per stay" : "; not again for the same patient within " + minutes(p.refireAfterMinutes()));
    if (p.maxAlertsPerEncounter() != null) b.append(" (at most ").append(p.maxAlertsPerEncounter()).append(" times per stay)");
    return b.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  private static String minutes(int m) {
    return m % 60 == 0 ? (m == 60 ? "1 hour" : m / 60 + " hours") : m + " minutes";
  }

  static GateLimits limits(ReviewRunner.Outcome o) {
    return o.review().limits() == null ? GateLimits.defaults() : o.review().limits();
  }

  /** A proxy finding above the gate's limits. */
  static boolean strong(Proxies.Finding f, GateLimits lim) {
    return (!Double.isNaN(f.auroc()) && f.auroc() > lim.proxyAuroc()) || (!Double.isNaN(f.cramersV()) && f.cramersV() > lim.proxyCramersV());
  }

  /** One FMEA row in a sentence. */
  static String describe(Risk k) {
    StringBuilder sb = new StringBuilder(k.failureMode()).append(" → ").append(k.harm());
    sb.append(String.format(Locale.ROOT, " (severity %d, occurrence %d, detection %d, RPN %d", k.severity(), k.occurrence(), k.detection(), k.rpn()));
    if (k.worstCaseDelayDays() > 0) sb.append(", worst-case delay ").append(Units.days(k.worstCaseDelayDays()));
    sb.append(')');
    sb.append(blank(k.mitigation()) ? "; no mitigation stated" : "; mitigation: " + k.mitigation() + (k.verified() ? " (verified)" : " (not verified)"));
    return sb.toString();
  }

  /** A failing or missing gate item in a sentence. */
  static String describe(ItemResult i) {
    String label = i.isChecklistItem() ? "checklist item " + i.id() + " (" + i.title() + ")" : i.title();
    return label + " " + i.status().word() + ": " + i.reason();
  }

  static List<ItemResult> notPassing(ReviewRunner.Outcome o) {
    return o.gate().items().stream().filter(i -> i.status() != ItemResult.Status.PASS).toList();
  }

  static ItemResult item(ReviewRunner.Outcome o, String id) {
    return o.gate().items().stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
  }

  /** The item's index in the dossier's items array (for pointers into dossier.json). */
  static int itemIndex(ReviewRunner.Outcome o, String id) {
    for (int k = 0; k < o.gate().items().size(); k++) if (o.gate().items().get(k).id().equals(id)) return k;
    return -1;
  }

  /** The disparity with the largest absolute defined difference for one metric, or null. */
  static Disparity largest(List<Disparity> ds, String metric) {
    Disparity best = null;
    for (Disparity d : ds) {
      if (!d.metric().equals(metric) || d.difference() == null || !d.difference().defined()) continue;
      if (best == null || Math.abs(d.difference().estimate()) > Math.abs(best.difference().estimate())) best = d;
    }
    return best;
  }
}
