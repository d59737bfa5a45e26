package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tollgate.format.Units;

/**
 * The headline numbers of a review, the one source the page's verdict box, the one-page PDF and {@code review}'s
 * terminal summary all print: every number that describes what goes live comes from the one operating point,
 * the policy under review (encounters detected in time, alert PPV, alerts per day and per staff member per
 * shift, false-alert cost, lead time), labelled with it; for a use case without an alert policy the operating
 * point is its threshold, and the flagged share, sensitivity and PPV come from the evaluation at that threshold.
 * Threshold-free figures (prevalence, AUROC) stand beside them. Read from the dossier document alone.
 */
public final class Headline {
  private Headline() {}

  /** Label → value, in the order they are shown. */
  public static Map<String, String> of(JsonNode d) {
    Map<String, String> m = new LinkedHashMap<>();
    JsonNode e = d.path("evaluation");
    JsonNode p = policyUnderReview(d);
    if (p != null) {
      m.put("Operating point", "policy '" + p.path("name").asText() + "' (score ≥ " + Units.number(p.path("policy").path("threshold").asDouble(), 2) + ")");
    } else if (e.isObject()) {
      m.put("Operating point", "score ≥ " + Units.number(e.path("threshold").asDouble(), 2) + " (no alert policy: this threshold is the policy)");
    }
    if ("raw".equals(d.path("score_scale").asText()) || "raw".equals(e.path("score_scale").asText())) {
      m.put("Score scale", "raw (thresholds in the score's own units, not probabilities): calibration, Brier score and net benefit not computed");
    }
    if (e.isObject()) {
      JsonNode o = e.path("overall");
      m.put("Prevalence", Units.percent(dbl(o.path("prevalence"))));
      // a figure the evaluation holds no value for says why: withheld (the small-cell rule) or undefined on these data
      String why = o.path("suppressed").asBoolean(false) ? "withheld by the small-cell rule (a count of 1 to " + (minCell(e) - 1) + " would be revealed)"
          : "undefined on these data (one class only, or nothing flagged)";
      m.put("AUROC (95% CI)", ci(o.path("metrics").path("auroc"), false, why));
      if (p == null) {
        m.put("Flagged", ci(o.path("metrics").path("flag_rate"), true, why));
        m.put("Sensitivity", ci(o.path("metrics").path("sensitivity"), true, why));
        m.put("PPV", ci(o.path("metrics").path("ppv"), true, why));
      }
    }
    if (p != null) {
      String outcomes = p.path("outcome_encounters").isNull() || p.path("outcome_encounters").isMissingNode() ? "" : " of " + count(p.path("outcome_encounters"));
      m.put("Detected in time", p.path("detected_encounters").isNull() ? WITHHELD
          : count(p.path("detected_encounters")) + outcomes + " (" + Units.percent(dbl(p.path("sensitivity"))) + ")");
      boolean priced = d.path("simulation").path("workflow").isObject();
      // no alert PPV: withheld (a small count would be revealed) or there were no alerts to divide by
      m.put("Alert PPV", p.path("alert_ppv").isNull() && !p.path("suppressed").asBoolean() && dbl(p.path("alerts_per_day")) == 0
          ? "none: the policy raised no alert" : shown(p, "alert_ppv", Units.percent(dbl(p.path("alert_ppv")))));
      m.put("Alerts per day", shown(p, "alerts_per_day", Units.rate(dbl(p.path("alerts_per_day")))));
      if (p.hasNonNull("alerts_per_staff_per_shift") || (priced && p.path("suppressed").asBoolean())) {
        m.put("Alerts per staff member per shift", shown(p, "alerts_per_staff_per_shift", Units.rate(dbl(p.path("alerts_per_staff_per_shift")))));
      }
      if (p.hasNonNull("false_alert_cost_per_month") || (priced && p.path("suppressed").asBoolean())) {
        m.put("False-alert cost", shown(p, "false_alert_cost_per_month", Units.money(dbl(p.path("false_alert_cost_per_month"))) + " a month") + " (limit "
            + Units.money(dbl(d.path("simulation").path("false_alert_cost_limit_per_month"))) + ")");
      }
      m.put("Median lead time", !p.path("lead_time_minutes").path("median").isNumber()
          ? p.path("detected_encounters").isNull() ? WITHHELD : "none: no encounter detected in time"
          : Units.number(dbl(p.path("lead_time_minutes").path("median")), 0) + " min before onset");
    }
    JsonNode r = d.path("regulatory_path");
    if (r.isObject()) m.put("Defensibility (1–5)", Units.number(dbl(r.path("defensibility")), 1) + " of 5");
    return m;
  }

  /** The policy under review's entry of {@code simulation.policies}, or null without a simulation. */
  static JsonNode policyUnderReview(JsonNode d) {
    JsonNode s = d.path("simulation");
    if (!s.isObject()) return null;
    String name = s.path("chosen_policy").asText();
    for (JsonNode p : s.path("policies")) if (p.path("name").asText().equals(name)) return p;
    return s.path("policies").size() > 0 ? s.path("policies").get(0) : null;
  }

  /** The formatted figure, or "withheld (small cell)" when the small-cell rule withheld it (null in a policy with {@code suppressed}). */
  private static String shown(JsonNode p, String key, String formatted) {
    return p.path(key).isNull() && p.path("suppressed").asBoolean() ? WITHHELD : formatted;
  }

  private static final String WITHHELD = "withheld (small cell)";

  private static double dbl(JsonNode n) {
    return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
  }

  private static String count(JsonNode n) {
    return n == null || !n.isNumber() ? "withheld" : Units.count(n.asLong());
  }

  /** The minimum cell of the evaluation's settings (11 by default). */
  private static int minCell(JsonNode e) {
    JsonNode m = e.path("settings").path("min_cell");
    return m.isInt() ? m.asInt() : 11;
  }

  private static String ci(JsonNode i, boolean percent, String why) {
    if (!i.hasNonNull("estimate")) return "not available: " + why;
    java.util.function.DoubleFunction<String> f = percent ? Units::percent : v -> Units.number(v, 3);
    return f.apply(i.path("estimate").asDouble()) + (i.hasNonNull("lower") ? " (" + f.apply(i.path("lower").asDouble()) + " to " + f.apply(i.path("upper").asDouble()) + ")" : "");
  }
}
