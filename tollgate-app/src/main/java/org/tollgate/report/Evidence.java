package org.tollgate.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A rule's evidence in words, as the use-case page, the one-page dossier and the training brief print it: a plain label
 * for each key, each number with its unit ({@link DossierHtml#evidenceValue}) and its 95% interval folded in when the
 * evidence holds one ({@code lower}/{@code upper} after the first number, or {@code KEY_lower}/{@code KEY_upper}), so no
 * page shows a raw key such as "lower: −83.492". Tables of evidence (groups, comparisons) stay in dossier.json.
 */
final class Evidence {
  private Evidence() {}

  /** Plain labels for evidence keys; a key not listed is shown as its words, capitalized. */
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("delta_seconds_per_session", "Change in time on task per session"),
      Map.entry("role_delta_seconds_per_session", "Change for the role whose time rose most"),
      Map.entry("redistributed_to", "Role whose time rose"),
      Map.entry("role_minutes_per_day", "Time moved onto that role"),
      Map.entry("time_on_task_verdict", "Time on task of the whole workflow"),
      Map.entry("sessions_needed", "Sessions needed to measure it"),
      Map.entry("verdict", "Finding"),
      Map.entry("attributes", "Attributes compared"),
      Map.entry("comparisons", "Comparisons"),
      Map.entry("comparisons_with_data", "Comparisons with data"),
      Map.entry("underpowered_groups", "Groups too small to judge"),
      Map.entry("underpowered_metrics", "Measures too few to judge"),
      Map.entry("withheld_groups", "Groups withheld (counts of 1 to 10)"),
      Map.entry("groups_without_a_reference", "Groups without a reference"),
      Map.entry("pooled_comparisons", "Compared with all other groups pooled (the reference withholds the counts)"),
      Map.entry("worst", "Largest difference"),
      Map.entry("auroc", "AUROC"),
      Map.entry("accuracy", "Accuracy at the policy's threshold"),
      Map.entry("no_information_rate", "Accuracy of always answering \"no\""),
      Map.entry("policy_under_review_meets_floors", "Policy under review meets the clinical floors"),
      Map.entry("search_grid_size", "Policies searched"),
      Map.entry("suggested_policy", "Suggested policy"),
      Map.entry("suggested_false_alert_cost_per_month", "Suggested policy's false-alert cost"),
      Map.entry("label_kind", "The label is"),
      Map.entry("risks", "Failure modes listed"),
      Map.entry("max_rpn", "Highest risk priority number (RPN, of 1,000)"),
      Map.entry("rpn", "Risk priority number (RPN, of 1,000)"),
      Map.entry("failure_mode", "Failure mode"),
      Map.entry("output_without_harm_scenario", "Outputs without a harm scenario"),
      Map.entry("alerts_per_day", "Alerts per day"),
      Map.entry("false_alerts_per_month", "False alerts per month"),
      Map.entry("false_alert_minutes_per_day", "Staff minutes on false alerts per day"),
      Map.entry("false_alert_cost_per_month", "Staff cost of false alerts per month"),
      Map.entry("limit_per_month", "Monthly cost limit"),
      Map.entry("outages_replayed", "Outages replayed"),
      Map.entry("downtime_hours", "Downtime"),
      Map.entry("missed_care_encounters", "Encounters with the outcome missed during outages"),
      Map.entry("max_storm_factor", "Largest alert burst after recovery (× the normal rate)"),
      Map.entry("storm_limit", "Burst limit"),
      Map.entry("inputs", "Model inputs"),
      Map.entry("data_checked", "Data checked against the sources"),
      Map.entry("tested", "Inputs tested"),
      Map.entry("input", "Input"),
      Map.entry("feature", "Input"),
      Map.entry("future_values", "Values recorded after the prediction"),
      Map.entry("max_future_seconds", "Latest value recorded after the prediction, by"),
      Map.entry("worst_case_delay_days", "Worst-case delay"),
      Map.entry("attribute", "Attribute"),
      Map.entry("cramers_v", "Cramér's V"),
      Map.entry("names_to_watch", "Names to watch"),
      Map.entry("policy", "Alert policy"),
      Map.entry("rule", "Paper rule"),
      Map.entry("rule_origin", "Paper rule made by"),
      Map.entry("check_every_hours", "Bedside checks during downtime, every"),
      Map.entry("replication", "Share of the policy's detections a paper rule keeps"),
      Map.entry("min_replication", "Share needed"),
      Map.entry("false_alerts_per_staff_shift", "Paper rule's false alerts per staff member per shift"),
      Map.entry("policy_false_alerts_per_staff_shift", "Policy's false alerts per staff member per shift"),
      Map.entry("max_extra_false_alerts_per_staff_shift", "Extra false alerts per staff member per shift allowed"),
      Map.entry("closing_changes", "Changes that would close the gap"),
      Map.entry("task", "Task"),
      Map.entry("designed_for", "Designed for"),
      Map.entry("share_in_designed_window", "Share done when designed"),
      Map.entry("share_by_non_clinical_staff", "Share done by staff without clinical credentials"),
      Map.entry("revenue_rises_with_volume", "Revenue rises with volume"),
      Map.entry("payment_per_alert_or_referral", "Payment per alert or referral"),
      Map.entry("document", "Document"),
      Map.entry("document_sha256", "Document fingerprint (SHA-256)"),
      Map.entry("data_sha256", "Data fingerprint (SHA-256)"),
      Map.entry("input_sha256", "Input fingerprint (SHA-256)"),
      Map.entry("staff_trained", "Staff trained by peers"));

  /** The label of one evidence key. */
  static String label(String k) {
    return LABELS.getOrDefault(k, Character.toUpperCase(k.charAt(0)) + k.substring(1).replace('_', ' '));
  }

  /**
   * Keys never printed as rows: an interval's bounds (folded into their number), the signer (its own column), the remedy
   * of a rejection (the Fix column), and the text a signature signs (to_sign, for the Attest form; signed_text, which a
   * counted signature shares with the rule or facts already printed).
   */
  private static boolean bookkeeping(String k) {
    return k.endsWith("_lower") || k.endsWith("_upper") || k.endsWith("_withheld") || k.equals("lower") || k.equals("upper") || k.equals("attested_by") || k.equals("role")
        || k.equals("date") || k.equals("example") || k.equals("floors") || k.equals("remedy") || k.equals("to_sign") || k.equals("signed_text");
  }

  /** Keys a training brief leaves out: fingerprints and the rule's own judgement and suggestions (the answers). */
  private static boolean answer(String k) {
    return k.contains("sha256") || k.equals("worst") || k.equals("verdict") || k.equals("time_on_task_verdict") || k.equals("decision") || k.startsWith("suggested") || k.equals("problems")
        || k.startsWith("policy_under_review_meets") || k.equals("signed") || k.startsWith("claimed") || k.equals("closing_changes");
  }

  /**
   * The evidence as (label, value) rows in the evidence's order.
   *
   * @param brief true for a training brief: the rule's judgement, suggestions and fingerprints are left out
   */
  static List<String[]> rows(Map<String, Object> ev, boolean brief) {
    List<String[]> out = new ArrayList<>();
    boolean bareInterval = ev.containsKey("lower") && ev.containsKey("upper");
    for (Map.Entry<String, Object> e : ev.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (v instanceof Collection<?> c && c.stream().anyMatch(x -> x instanceof Map)) continue;
      if (v instanceof Map<?, ?> || bookkeeping(k) || brief && answer(k)) continue;
      // a figure the engine withheld (ItemResult.putShown) says so instead of "not available"
      String value = v == null && Boolean.TRUE.equals(ev.get(k + "_withheld")) ? "withheld by the small-cell rule (it would show or give back a count of 1 to 10)"
          : DossierHtml.evidenceValue(k, Json.MAPPER.valueToTree(v));
      if (value == null) continue;
      Object lo = ev.get(k + "_lower");
      Object hi = ev.get(k + "_upper");
      if (bareInterval && v instanceof Number) {
        lo = ev.get("lower");
        hi = ev.get("upper");
        bareInterval = false;
      }
      if (lo instanceof Number && hi instanceof Number) {
        value += " (95% CI " + DossierHtml.evidenceValue(k, Json.MAPPER.valueToTree(lo)) + " to " + DossierHtml.evidenceValue(k, Json.MAPPER.valueToTree(hi)) + ")";
      }
      if (k.equals("redistributed_to")) value = value.replace('_', ' ');
      out.add(new String[] {label(k), value});
    }
    return out;
  }
}
