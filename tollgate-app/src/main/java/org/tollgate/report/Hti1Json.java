package org.tollgate.report;

import org.tollgate.format.Units;
import static org.tollgate.report.Facts.NA;
import static org.tollgate.report.Facts.NOT_STATED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.StratumResult;
import org.tollgate.gate.GateLimits;
import org.tollgate.gate.ItemResult;
import org.tollgate.gate.Provenance;
import org.tollgate.gate.Proxies;
import org.tollgate.gate.Risk;
import org.tollgate.gate.UseCase;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.ReviewRunner;

/**
 * The {@code tollgate.hti1/v1} document a review writes to {@code DIR/out/hti1.json}: the 31 source
 * attributes of a predictive decision support intervention that ONC's HTI-1 final rule (89 FR 1192,
 * 2024-01-09) lists in 45 CFR 170.315(b)(11)(iv)(B), in the rule's nine groups and order.
 *
 * <p>Each attribute is {@code {id, citation, group, label, value, source}}. The label is the
 * regulation's wording. Labels were written from the published rule and checked against two public
 * transcriptions of it; small variants exist between transcriptions — "Funding source of the technical
 * implementation for the intervention(s) development" (B)(1)(ii), "designed to be used/for" (B)(2)(iv)
 * — and the group name of (B)(1) is given here as "Details and output of the intervention" (some
 * summaries say "of the DSI"). The value is a sentence filled from the review, or "not available" with a
 * source beginning "not stated in review.yaml" — never null, empty or absent. One value is an object:
 * (B)(4)(ii), the use of each of the nine variables of (b)(11)(iv)(A)(5)–(13) as input features.
 *
 * <p>Where the rule asks about the developer's training data or test data and review.yaml holds only
 * the deploying organisation's local data, the value says so rather than passing local figures off as
 * the developer's: local validity and fairness are (B)(8)(ii) and (B)(8)(iv).
 */
public final class Hti1Json {
  public static final String SCHEMA = "tollgate.hti1/v1";

  static final String G1 = "Details and output of the intervention";
  static final String G2 = "Purpose of the intervention";
  static final String G3 = "Cautioned out-of-scope use of the intervention";
  static final String G4 = "Intervention development details and input features";
  static final String G5 = "Process used to ensure fairness in development of the intervention";
  static final String G6 = "External validation process";
  static final String G7 = "Quantitative measures of performance";
  static final String G8 = "Ongoing maintenance of intervention implementation and use";
  static final String G9 = "Update and continued validation or fairness assessment schedule";

  /** One attribute of the rule: stable id, paragraph, group and the regulation's wording. */
  public record Attribute(String id, String citation, String group, String label) {}

  private static final String VARIABLES = "(b)(11)(iv)(A)(5)–(13)";

  /** The 31 attributes, in the rule's order. */
  public static final List<Attribute> ATTRIBUTES = List.of(
      a("developer_name_contact", "(1)(i)", G1, "Name and contact information for the intervention developer"),
      a("funding_source", "(1)(ii)", G1, "Funding source of the technical implementation for the intervention(s) development"),
      a("output_value", "(1)(iii)", G1, "Description of value that the intervention produces as an output"),
      a("output_type", "(1)(iv)", G1, "Whether the intervention output is a prediction, classification, recommendation, evaluation, analysis, or other type of output"),
      a("intended_use", "(2)(i)", G2, "Intended use of the intervention"),
      a("intended_patient_population", "(2)(ii)", G2, "Intended patient population(s) for the intervention's use"),
      a("intended_users", "(2)(iii)", G2, "Intended user(s)"),
      a("intended_decision_role", "(2)(iv)", G2,
          "Intended decision-making role for which the intervention was designed to be used/for (e.g., informs, augments, replaces clinical management)"),
      a("cautioned_out_of_scope_use", "(3)(i)", G3, "Description of tasks, situations, or populations where a user is cautioned against applying the intervention"),
      a("known_risks_limitations", "(3)(ii)", G3, "Known risks, inappropriate settings, inappropriate uses, or known limitations"),
      a("training_inclusion_exclusion", "(4)(i)", G4, "Exclusion and inclusion criteria that influenced the training data set"),
      a("input_variables", "(4)(ii)", G4, "Use of variables in paragraph " + VARIABLES + " as input features"),
      a("demographic_representativeness", "(4)(iii)", G4, "Description of demographic representativeness according to variables in paragraph "
          + VARIABLES + " including, at a minimum, those used as input features in the intervention"),
      a("training_data_relevance", "(4)(iv)", G4, "Description of relevance of training data to intended deployed setting"),
      a("fairness_approach", "(5)(i)", G5, "Description of the approach the intervention developer has taken to ensure that the intervention's output is fair"),
      a("bias_management", "(5)(ii)", G5, "Description of approaches to manage, reduce, or eliminate bias"),
      a("external_validation_data_source", "(6)(i)", G6, "Description of the data source, clinical setting, or environment where an intervention's validity "
          + "and fairness has been assessed, other than the source of training and testing data"),
      a("external_testing_party", "(6)(ii)", G6, "Party that conducted the external testing"),
      a("external_data_representativeness", "(6)(iii)", G6, "Description of demographic representativeness of external data according to variables in paragraph "
          + VARIABLES + " including, at a minimum, those used as input features in the intervention"),
      a("external_validation_process", "(6)(iv)", G6, "Description of external validation process"),
      a("validity_test_data_same_source", "(7)(i)", G7, "Validity of intervention in test data derived from the same source as the initial training data"),
      a("fairness_test_data_same_source", "(7)(ii)", G7, "Fairness of intervention in test data derived from the same source as the initial training data"),
      a("validity_external_data", "(7)(iii)", G7, "Validity of intervention in data external to or from a different source than the initial training data"),
      a("fairness_external_data", "(7)(iv)", G7, "Fairness of intervention in data external to or from a different source than the initial training data"),
      a("outcome_evaluation_references", "(7)(v)", G7, "References to evaluation of use of the intervention on outcomes, including, bibliographic "
          + "citations or hyperlinks to evaluations of how well the intervention reduced morbidity, mortality, length of stay, or other outcomes"),
      a("validity_monitoring_process", "(8)(i)", G8, "Description of process and frequency by which the intervention's validity is monitored over time"),
      a("validity_local_data", "(8)(ii)", G8, "Validity of intervention in local data"),
      a("fairness_monitoring_process", "(8)(iii)", G8, "Description of the process and frequency by which the intervention's fairness is monitored over time"),
      a("fairness_local_data", "(8)(iv)", G8, "Fairness of intervention in local data"),
      a("update_process", "(9)(i)", G9, "Description of process and frequency by which the intervention is updated"),
      a("performance_correction_frequency", "(9)(ii)", G9,
          "Description of frequency by which the intervention's performance is corrected when risks related to validity and fairness are identified"));

  private static Attribute a(String id, String para, String group, String label) {
    return new Attribute(id, "45 CFR 170.315(b)(11)(iv)(B)" + para, group, label);
  }

  /** The nine variables of (b)(11)(iv)(A)(5)–(13), each with the input names that indicate it. */
  static final Map<String, Pattern> VARIABLE_NAMES = variables();

  private static Map<String, Pattern> variables() {
    String b = "(^|[^a-z])";
    String e = "([^a-z]|$)";
    Map<String, Pattern> m = new LinkedHashMap<>();
    m.put("race", Pattern.compile(b + "race" + e));
    m.put("ethnicity", Pattern.compile("ethnic|hispanic|latin[oax]"));
    m.put("language", Pattern.compile("language|interpreter|" + b + "lang" + e));
    m.put("sexual_orientation", Pattern.compile("orientation"));
    m.put("gender_identity", Pattern.compile("gender"));
    m.put("sex", Pattern.compile(b + "(sex|male|female)" + e));
    m.put("date_of_birth", Pattern.compile("birth|" + b + "dob" + e + "|" + b + "age" + e));
    m.put("social_determinants_of_health", Pattern.compile("sdoh|zip|postal|postcode|insur|payer|deprivation|" + b + "(adi|svi)" + e
        + "|income|housing|homeless|education|employ|food|transport|neighbo|tract|social"));
    m.put("health_status_assessments", Pattern.compile("assessment|phq|gad.?7|frailty|" + b + "adl" + e + "|functional|braden|morse|pain.?score"
        + "|survey|questionnaire|promis|glasgow|" + b + "gcs" + e));
    return m;
  }

  private Hti1Json() {}

  /** @param reviewDate the day the review ran; null gives "not available" */
  public static ObjectNode of(ReviewRunner.Outcome o, String toolVersion, LocalDate reviewDate) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    fill(o, values, sources);
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("schema", SCHEMA);
    d.put("tool_version", toolVersion);
    d.put("regulation", "ONC HTI-1 final rule (89 FR 1192, 2024-01-09), 45 CFR 170.315(b)(11)(iv)(B): source attributes of a predictive decision support intervention");
    ObjectNode uc = d.putObject("use_case");
    uc.put("id", o.review().useCase().id());
    uc.put("title", o.review().useCase().title());
    Facts.text(d, "review_date", reviewDate == null ? null : reviewDate.toString());
    d.put("attribute_count", ATTRIBUTES.size());
    ArrayNode attrs = d.putArray("attributes");
    for (Attribute at : ATTRIBUTES) {
      ObjectNode x = attrs.addObject();
      x.put("id", at.id());
      x.put("citation", at.citation());
      x.put("group", at.group());
      x.put("label", at.label());
      JsonNode v = values.get(at.id());
      boolean missing = v == null || (v.isTextual() && (v.asText().isBlank() || v.asText().equals(NA)));
      x.set("value", missing ? TextNode.valueOf(NA) : v);
      String src = sources.get(at.id());
      x.put("source", missing ? (src != null && src.startsWith(NOT_STATED) ? src : NOT_STATED) : Facts.orNa(src));
    }
    return d;
  }

  private static void fill(ReviewRunner.Outcome o, Map<String, JsonNode> v, Map<String, String> s) {
    ReviewFile r = o.review();
    UseCase u = r.useCase();
    Evaluation e = o.evaluation();

    if (!Facts.blank(u.developer())) {
      put(v, s, "developer_name_contact", u.developer() + "; developer contact not stated (for this deployment: " + u.owner() + ")",
          "review.yaml use_case.developer, use_case.owner");
    }
    List<String> out = new ArrayList<>();
    if (!u.outputs().isEmpty()) out.add(String.join(", ", u.outputs()));
    if (e != null) out.add("a risk score between 0 and 1, flagged at score ≥ " + Units.plain(e.settings().threshold()));
    String words = Facts.policyInWords(o);
    if (words != null) out.add("alerts follow policy '" + r.chosenPolicy() + "': " + words);
    if (!out.isEmpty()) put(v, s, "output_value", String.join("; ", out), "review.yaml use_case.outputs, evaluation.threshold, policies");
    if (r.data().predictions() != null) {
      put(v, s, "output_type", "prediction: a risk score per " + (e != null && e.per() == Cases.Per.ROW ? "score row" : "encounter")
          + " in [0, 1], compared with a threshold", "review.yaml data.predictions (score column)");
    }
    put(v, s, "intended_use", u.intendedUse(), "review.yaml use_case.intended_use");
    put(v, s, "intended_patient_population", u.targetPopulation(), "review.yaml use_case.target_population");
    if (!u.intendedUsers().isEmpty()) put(v, s, "intended_users", String.join(", ", u.intendedUsers()), "review.yaml use_case.intended_users");
    if (u.decisionRole() != null) {
      put(v, s, "intended_decision_role", u.decisionRole().name().toLowerCase(Locale.ROOT) + " clinical management", "review.yaml use_case.decision_role");
    }
    if (!u.outOfScope().isEmpty()) put(v, s, "cautioned_out_of_scope_use", String.join("; ", u.outOfScope()), "review.yaml use_case.out_of_scope");
    List<String> risks = new ArrayList<>();
    for (Risk k : r.risks()) risks.add(Facts.describe(k));
    for (ItemResult i : Facts.notPassing(o)) risks.add("launch gate: " + Facts.describe(i));
    if (!risks.isEmpty()) put(v, s, "known_risks_limitations", String.join("; ", risks), "review.yaml risks (FMEA); tollgate launch gate items not passing");

    s.put("training_inclusion_exclusion", NOT_STATED + " (the developer's training data are not described)");
    variablesUse(o, v, s);
    representativeness(o, v, s);
    s.put("training_data_relevance", NOT_STATED + " (the developer's training data are not described)");
    s.put("fairness_approach", NOT_STATED + " (the developer's approach); the local launch review's checks are under bias_management");
    biasManagement(o, v, s);
    for (String id : List.of("external_validation_data_source", "external_testing_party", "external_data_representativeness", "external_validation_process")) {
      s.put(id, NOT_STATED + " (the developer's external validation); the local evaluation is under validity_local_data");
    }
    for (String id : List.of("validity_test_data_same_source", "fairness_test_data_same_source", "validity_external_data", "fairness_external_data")) {
      s.put(id, NOT_STATED + " (the developer's evaluations); tollgate's evaluation on local data is under validity_local_data and fairness_local_data");
    }
    s.put("outcome_evaluation_references", NOT_STATED);
    s.put("validity_monitoring_process", NOT_STATED + " (no monitoring process or frequency)");
    s.put("fairness_monitoring_process", NOT_STATED + " (no monitoring process or frequency)");
    validityLocal(o, v, s);
    fairnessLocal(o, v, s);
    s.put("update_process", NOT_STATED + (Facts.blank(u.version()) ? "" : " (only the version, " + u.version() + ")"));
    s.put("performance_correction_frequency", NOT_STATED);
  }

  private static void put(Map<String, JsonNode> v, Map<String, String> s, String id, String value, String source) {
    if (Facts.blank(value)) return;
    v.put(id, TextNode.valueOf(value));
    s.put(id, source);
  }

  /** The sentence for a variable no input is named for, agreeing with the number of inputs (never "none of the 1 input"). */
  static String noInputNamed(int inputs) {
    return inputs == 1 ? "no: the one input in the provenance manifest is not named for it"
        : "no: none of the " + Units.count(inputs, "input") + " in the provenance manifest is named for it";
  }

  /** (B)(4)(ii): for each of the nine variables, whether a model input is named for it, and what the proxy check found. */
  private static void variablesUse(ReviewRunner.Outcome o, Map<String, JsonNode> v, Map<String, String> s) {
    List<Provenance.Input> inputs = o.review().provenance();
    if (inputs.isEmpty()) {
      s.put("input_variables", NOT_STATED + " (provenance.inputs lists no model inputs)");
      return;
    }
    GateLimits lim = Facts.limits(o);
    ObjectNode x = Json.MAPPER.createObjectNode();
    for (Map.Entry<String, Pattern> var : VARIABLE_NAMES.entrySet()) {
      List<String> hits = new ArrayList<>();
      for (Provenance.Input in : inputs) {
        String text = (in.name() + " " + (in.sourceField() == null ? "" : in.sourceField())).toLowerCase(Locale.ROOT);
        if (var.getValue().matcher(text).find()) {
          hits.add("'" + in.name() + "'" + (in.sourceSystem() == null ? "" : " (" + in.sourceSystem() + (in.sourceField() == null ? "" : " " + in.sourceField()) + ")"));
        }
      }
      StringBuilder sb = new StringBuilder();
      if (!hits.isEmpty()) {
        sb.append("yes: ").append(hits.size() == 1 ? "input" : Units.plural("input")).append(' ').append(String.join(", ", hits));
      } else {
        sb.append(noInputNamed(inputs.size()));
      }
      if (o.proxies() != null) {
        List<String> stands = new ArrayList<>();
        for (Proxies.Finding f : o.proxies()) {
          String attr = f.attribute().toLowerCase(Locale.ROOT);
          if (Facts.strong(f, lim) && var.getValue().matcher(attr).find()) stands.add(Proxies.describe(f));
        }
        if (!stands.isEmpty()) sb.append("; but as a proxy: ").append(String.join("; ", stands)).append(" — above the gate's limits");
      }
      x.put(var.getKey(), sb.toString());
    }
    v.put("input_variables", x);
    s.put("input_variables", "review.yaml provenance.inputs (names and source fields)" + (o.proxies() == null ? ""
        : "; proxy check of those inputs against evaluation.protected (" + String.join(", ", o.review().evaluation().protectedAttributes()) + ")"));
  }

  /** (B)(4)(iii): the developer's training data are not described; the local evaluation data's composition is. */
  private static void representativeness(ReviewRunner.Outcome o, Map<String, JsonNode> v, Map<String, String> s) {
    Evaluation e = o.evaluation();
    if (e == null || e.strata().stream().noneMatch(x -> x.by().size() == 1)) {
      s.put("demographic_representativeness", NOT_STATED + " (training data not described; no stratified local evaluation)");
      return;
    }
    Map<String, List<String>> byAttr = new LinkedHashMap<>();
    Long total = e.overall().n();
    for (StratumResult x : e.strata()) {
      if (x.by().size() != 1) continue;
      var en = x.by().entrySet().iterator().next();
      String cell = x.n() == null ? en.getValue() + " withheld (small cell)"
          : en.getValue() + " " + (total == null || total == 0 ? "" : Units.percent((double) x.n() / total) + " ") + "(n=" + Units.count(x.n()) + ")";
      byAttr.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(cell);
    }
    List<String> parts = new ArrayList<>();
    byAttr.forEach((k, cells) -> parts.add(k + ": " + String.join(", ", cells)));
    String value = "Training data: not stated in review.yaml. Local evaluation data (" + (total == null ? "n withheld" : "n=" + total)
        + " " + (e.per() == Cases.Per.ENCOUNTER ? "encounters" : "rows") + "; counts of 1 to " + (e.settings().minCell() - 1) + " withheld): "
        + String.join("; ", parts);
    put(v, s, "demographic_representativeness", value, "evaluation strata of " + Facts.dataRef(o, e.input()));
  }

  /** (B)(5)(ii): what the launch review did about bias. */
  private static void biasManagement(ReviewRunner.Outcome o, Map<String, JsonNode> v, Map<String, String> s) {
    List<String> parts = new ArrayList<>();
    for (String id : List.of("label_choice", "proxies", "stratified_performance")) {
      ItemResult i = Facts.item(o, id);
      if (i != null && !(i.status() == ItemResult.Status.MISSING && id.equals("proxies") && o.proxies() == null)) {
        parts.add(i.title() + " — " + i.status().word() + ": " + i.reason());
      }
    }
    put(v, s, "bias_management", "Developer's approaches: not stated in review.yaml. At the local launch review (tollgate): " + String.join("; ", parts),
        "tollgate launch gate items label_choice, proxies, stratified_performance");
  }

  /** (B)(8)(ii): the evaluation on local data, with the input's hash. */
  private static void validityLocal(ReviewRunner.Outcome o, Map<String, JsonNode> v, Map<String, String> s) {
    Evaluation e = o.evaluation();
    if (e == null) {
      s.put("validity_local_data", NOT_STATED + " (no data.predictions with a label column)");
      return;
    }
    StratumResult all = e.overall();
    List<String> parts = new ArrayList<>();
    String n = all.n() == null ? "n withheld" : "n=" + Units.count(all.n()) + (e.per() == Cases.Per.ENCOUNTER ? " encounters" : " rows");
    if (all.n() != null && all.positives() != null && all.n() > 0) n += ", prevalence " + Units.percent((double) all.positives() / all.n());
    parts.add(n);
    var auc = all.metrics().get("auroc");
    parts.add("AUROC " + (auc != null && auc.defined() ? Facts.withCi(auc) : NA));
    String t = Units.plain(e.settings().threshold());
    List<String> withheld = new ArrayList<>();
    org.tollgate.alerts.PolicyReport chosen = Facts.chosenPolicy(o);
    if (chosen != null) {
      // One operating point (issue 16 §1): what goes live is the alert policy, not a bare score threshold.
      org.tollgate.alerts.ShownReport p = org.tollgate.alerts.ShownReport.of(chosen, o.review().limits().minCell());
      parts.add("alert policy '" + chosen.policy().name() + "' (what goes live): detected in time "
          + (Double.isNaN(p.sensitivity()) ? "withheld (small cells)" : Units.percent(p.sensitivity()) + " of " + Units.count(p.outcomeEncounters()) + " outcome encounters")
          + ", alert PPV " + (Double.isNaN(p.alertPpv()) ? "withheld (small cells)" : Facts.percentWithCi(org.tollgate.alerts.AlertPpv.interval(chosen.counts()))));
    }
    for (String m : chosen != null ? List.<String>of() : List.of("sensitivity", "specificity", "ppv")) {
      var iv = all.metrics().get(m);
      String name = m.equals("ppv") ? "PPV" : m;
      if (iv != null && iv.defined()) parts.add(name + " at threshold " + t + " " + Facts.percentWithCi(iv));
      else if (all.suppressed()) withheld.add(name);
      else parts.add(name + " at threshold " + t + " " + NA);
    }
    if (!withheld.isEmpty()) {
      parts.add(String.join(", ", withheld) + " at threshold " + t + " withheld (a count of 1 to " + (e.settings().minCell() - 1) + " would be revealed)");
    }
    var slope = all.metrics().get("calibration_slope");
    if (slope != null && slope.defined()) parts.add("calibration slope " + Facts.withCi(slope));
    InputRecord in = e.input();
    if (in != null) parts.add("data " + Facts.path(o.review(), in.path()) + ", sha256 " + in.sha256());
    put(v, s, "validity_local_data", String.join("; ", parts), "dossier.json evaluation.overall; " + Facts.dataRef(o, in));
  }

  /** (B)(8)(iv): the disparities on local data, summarised. */
  private static void fairnessLocal(ReviewRunner.Outcome o, Map<String, JsonNode> v, Map<String, String> s) {
    Evaluation e = o.evaluation();
    if (e == null) {
      s.put("fairness_local_data", NOT_STATED + " (no data.predictions with a label column)");
      return;
    }
    if (e.disparities().isEmpty()) {
      s.put("fairness_local_data", NOT_STATED + " (evaluation.by names no attribute to compare)");
      return;
    }
    List<Disparity> ds = e.disparities();
    long diff = ds.stream().filter(x -> x.status() == Disparity.Status.DIFFERENCE).count();
    long under = ds.stream().filter(x -> x.status() == Disparity.Status.UNDERPOWERED).count();
    long supp = ds.stream().filter(x -> x.status() == Disparity.Status.SUPPRESSED).count();
    StringBuilder sb = new StringBuilder(Units.count(ds.size(), "comparison") + " of subgroups (" + String.join(", ", e.settings().by())
        + ") with their reference groups, Holm-adjusted: " + Units.count(diff, "difference") + " (adjusted p < 0.05), " + Units.count(under)
        + " underpowered, " + Units.count(supp) + " withheld by the small-cell rule");
    ds.stream().filter(x -> x.status() == Disparity.Status.DIFFERENCE).limit(5).forEach(x -> sb.append("; ").append(x.statement()));
    for (String m : List.of("sensitivity", "ppv", "auroc")) {
      Disparity d = Facts.largest(ds, m);
      if (d == null || d.status() == Disparity.Status.DIFFERENCE) continue;
      sb.append(String.format(Locale.ROOT, "; largest %s difference %s vs %s %s, adjusted p %s", m.equals("ppv") ? "PPV" : m.equals("auroc") ? "AUROC" : m,
          Facts.group(d.group()), Facts.group(d.reference()), Facts.withCi(d.difference()),
          Double.isFinite(d.pAdjusted()) ? Units.pValue(d.pAdjusted()) : NA));
    }
    ItemResult p = Facts.item(o, "proxies");
    if (p != null && o.proxies() != null) sb.append("; proxy check ").append(p.status().word()).append(": ").append(p.reason());
    InputRecord in = e.input();
    if (in != null) sb.append("; data ").append(Facts.path(o.review(), in.path())).append(", sha256 ").append(in.sha256());
    put(v, s, "fairness_local_data", sb.toString(), "dossier.json evaluation.disparities; " + Facts.dataRef(o, in));
  }
}
