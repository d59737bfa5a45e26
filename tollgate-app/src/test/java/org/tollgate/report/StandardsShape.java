package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented shapes of model-card.json and hti1.json (docs/model-card.md), written out here
 * independently of the writers so a field dropped or renamed fails a test.
 */
public final class StandardsShape {
  public static final String NA = "not available";

  /** CHAI field groups → their fields (key_metrics is checked separately). */
  public static final Map<String, List<String>> CARD = new LinkedHashMap<>();

  static {
    CARD.put("basic_info", List.of("model_name", "model_id", "model_developer", "version", "contact", "review_date"));
    CARD.put("release_info", List.of("release_stage", "release_date", "launch_verdict", "fatal_flaw", "regulatory_approval", "regulatory_notes",
        "regulatory_defensibility", "global_availability"));
    CARD.put("uses_and_directions", List.of("intended_use", "intended_users", "target_population", "out_of_scope_uses", "decision_role", "outputs",
        "how_to_use"));
    CARD.put("warnings", List.of("known_risks_and_limitations", "known_biases", "clinical_risk_level"));
    CARD.put("warnings.known_risks_and_limitations", List.of("fmea_risks", "gate_findings"));
    CARD.put("warnings.known_biases", List.of("subgroup_differences", "underpowered_comparisons", "proxy_inputs", "label_choice"));
    CARD.put("trust_ingredients", List.of("system_facts", "data_characterization", "bias_mitigation", "maintenance", "transparency"));
    CARD.put("trust_ingredients.system_facts", List.of("model_type", "foundation_models", "outputs", "inputs", "approved_source_systems",
        "decision_threshold", "alert_policy", "input_provenance"));
    CARD.put("trust_ingredients.data_characterization", List.of("input_files", "cases", "case_definition", "positives", "prevalence", "observed_days",
        "label", "subgroups", "training_data"));
    CARD.put("trust_ingredients.bias_mitigation", List.of("protected_attributes", "stratified_by", "checks", "stratified_performance", "proxies",
        "label_choice", "developer_mitigation"));
    CARD.put("trust_ingredients.maintenance", List.of("update_schedule", "validity_monitoring", "fairness_monitoring", "monitoring_baseline"));
    CARD.put("trust_ingredients.transparency", List.of("stakeholders_consulted", "funding_source", "business_model", "security_and_compliance"));
    CARD.put("key_metrics", List.of("usefulness_efficacy", "fairness_equity", "safety_reliability"));
    CARD.put("resources", List.of("dossier", "hti1_source_attributes", "evaluation_references", "peer_reviewed_publications", "clinical_trial",
        "reimbursement_status", "patient_consent_or_disclosure"));
  }

  public static final List<String> USEFULNESS = List.of("auroc", "auprc", "sensitivity", "specificity", "ppv", "npv", "accuracy", "brier",
      "calibration_slope", "net_benefit_at_threshold", "no_information_rate", "alert_sensitivity", "alert_ppv", "alerts_per_day",
      "alerts_per_100_patient_days", "median_lead_time_minutes", "workup_to_detection", "net_benefit_per_month_usd");
  public static final List<String> FAIRNESS = List.of("largest_sensitivity_difference", "largest_specificity_difference", "largest_ppv_difference",
      "largest_npv_difference", "largest_flag_rate_difference", "largest_auroc_difference", "subgroup_differences_detected",
      "strongest_proxy_auroc", "strongest_proxy_cramers_v");
  public static final List<String> SAFETY = List.of("false_alert_cost_per_month_usd", "false_alert_minutes_per_day", "labor_fte",
      "alerts_per_staff_per_shift", "missed_care_in_downtime", "alert_storm_factor", "patient_hours_without_tool", "highest_rpn",
      "unmitigated_severe_risks");

  public static final List<String> HTI1_GROUPS = List.of(
      "Details and output of the intervention",
      "Purpose of the intervention",
      "Cautioned out-of-scope use of the intervention",
      "Intervention development details and input features",
      "Process used to ensure fairness in development of the intervention",
      "External validation process",
      "Quantitative measures of performance",
      "Ongoing maintenance of intervention implementation and use",
      "Update and continued validation or fairness assessment schedule");
  /** Attributes per group in the rule: 4, 4, 2, 4, 2, 4, 5, 4, 2 = 31. */
  public static final List<Integer> HTI1_GROUP_SIZES = List.of(4, 4, 2, 4, 2, 4, 5, 4, 2);

  public static final List<String> HTI1_VARIABLES = List.of("race", "ethnicity", "language", "sexual_orientation", "gender_identity", "sex",
      "date_of_birth", "social_determinants_of_health", "health_status_assessments");

  private StandardsShape() {}

  public static JsonNode at(JsonNode doc, String dotted) {
    JsonNode n = doc;
    for (String p : dotted.split("\\.")) n = n.get(p);
    return n;
  }

  /** Every group and field present, nothing null or empty anywhere, metrics in their documented shape. */
  public static void assertModelCard(JsonNode card) {
    assertEquals("tollgate.chai-model-card/v1", card.get("schema").asText());
    assertTrue(card.has("summary"), "summary");
    CARD.forEach((group, fields) -> {
      JsonNode g = at(card, group);
      assertNotNull(g, "group " + group);
      assertTrue(g.isObject(), group + " is an object");
      for (String f : fields) assertTrue(g.has(f), group + "." + f + " present");
      Set<String> extra = new LinkedHashSet<>();
      g.fieldNames().forEachRemaining(extra::add);
      fields.forEach(extra::remove);
      assertTrue(extra.isEmpty(), group + " has undocumented fields " + extra);
    });
    metricBlock(card.get("key_metrics").get("usefulness_efficacy"), USEFULNESS, false);
    metricBlock(card.get("key_metrics").get("fairness_equity"), FAIRNESS, true);
    metricBlock(card.get("key_metrics").get("safety_reliability"), SAFETY, false);
    assertNothingEmpty(card, "$");
  }

  private static void metricBlock(JsonNode block, List<String> names, boolean fairness) {
    assertTrue(block.isArray());
    List<String> seen = new ArrayList<>();
    for (JsonNode m : block) {
      seen.add(m.get("name").asText());
      for (String k : List.of("name", "estimate", "lower", "upper", "method", "source")) assertTrue(m.has(k), m.get("name") + "." + k);
      if (fairness) for (String k : List.of("comparison", "p_adjusted", "status")) assertTrue(m.has(k), m.get("name") + "." + k);
      assertTrue(m.get("estimate").isNumber() || NA.equals(m.get("estimate").asText()), m.get("name") + " estimate is a number or NA");
      if (NA.equals(m.get("estimate").asText())) {
        assertEquals(NA, m.get("lower").asText(), m.get("name") + " no interval without an estimate");
        assertEquals(NA, m.get("upper").asText(), m.get("name") + " no interval without an estimate");
      }
    }
    assertEquals(names, seen);
  }

  /** No null, no blank string, no empty array or object anywhere in the document. */
  public static void assertNothingEmpty(JsonNode n, String path) {
    if (n == null || n.isNull() || n.isMissingNode()) fail(path + " is null");
    if (n.isTextual() && n.asText().isBlank()) fail(path + " is empty");
    if (n.isNumber() && !Double.isFinite(n.asDouble())) fail(path + " is not finite");
    if (n.isContainerNode() && n.isEmpty()) fail(path + " is an empty " + (n.isArray() ? "array" : "object"));
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) assertNothingEmpty(n.get(i), path + "[" + i + "]");
    } else if (n.isObject()) {
      n.fields().forEachRemaining(e -> assertNothingEmpty(e.getValue(), path + "." + e.getKey()));
    }
  }

  /** Exactly 31 attributes with unique ids, in the rule's nine groups, none empty. */
  public static Map<String, JsonNode> assertHti1(JsonNode doc) {
    assertEquals("tollgate.hti1/v1", doc.get("schema").asText());
    JsonNode attrs = doc.get("attributes");
    assertEquals(31, attrs.size(), "the rule lists 31 source attributes");
    assertEquals(31, doc.get("attribute_count").asInt());
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    Set<String> citations = new HashSet<>();
    List<String> groups = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (JsonNode a : attrs) {
      for (String k : List.of("id", "citation", "group", "label", "value", "source")) assertTrue(a.has(k), a + " has " + k);
      assertTrue(a.get("id").asText().matches("[a-z][a-z0-9_]*"), "stable snake_case id: " + a.get("id"));
      assertTrue(byId.put(a.get("id").asText(), a) == null, "unique id " + a.get("id"));
      assertTrue(citations.add(a.get("citation").asText()), "unique citation " + a.get("citation"));
      assertTrue(a.get("citation").asText().startsWith("45 CFR 170.315(b)(11)(iv)(B)("), a.get("citation").asText());
      String g = a.get("group").asText();
      if (groups.isEmpty() || !groups.get(groups.size() - 1).equals(g)) {
        groups.add(g);
        sizes.add(0);
      }
      sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + 1);
      JsonNode v = a.get("value");
      assertTrue(v.isTextual() || v.isObject(), a.get("id") + " value is text or an object");
      if (v.isTextual() && v.asText().equals(NA)) {
        assertTrue(a.get("source").asText().startsWith("not stated in review.yaml"), a.get("id") + " NA source: " + a.get("source"));
      }
      assertFalse(a.get("label").asText().isBlank());
    }
    assertEquals(HTI1_GROUPS, groups, "the rule's nine groups, in order");
    assertEquals(HTI1_GROUP_SIZES, sizes);
    JsonNode vars = byId.get("input_variables").get("value");
    if (vars.isObject()) {
      List<String> keys = new ArrayList<>();
      vars.fieldNames().forEachRemaining(keys::add);
      assertEquals(HTI1_VARIABLES, keys, "the nine variables of (b)(11)(iv)(A)(5)–(13)");
    }
    assertNothingEmpty(doc, "$");
    return byId;
  }
}
