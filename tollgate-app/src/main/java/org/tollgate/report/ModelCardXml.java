package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The CHAI Applied Model Card as CHAI publishes it: an XML instance of the v0.2 schema
 * ({@code https://mc.chai.org/v0.2/schema.xsd}, element {@code AppliedModelCard}), filled from the same
 * evidence as {@code model-card.json} ({@link ModelCardJson}; this class reads that JSON, so the two cannot
 * disagree). Every element the schema requires is written, in the schema's order; where the review holds
 * nothing the text is "Not available: " and the reason (what review.yaml would need, or that a pre-launch
 * review cannot know it). Text fields are Markdown, as CHAI's documentation asks; metric values are JSON in
 * {@code ValueJson}. The optional {@code ds:Signature} is not written (tollgate does not sign the card; the
 * dossier's audit checkpoint is its integrity record).
 */
public final class ModelCardXml {
  /** The schema's target namespace. */
  public static final String NAMESPACE = "https://mc.chai.org/v0.2/schema.xsd";

  private ModelCardXml() {}

  /** The card as an XML document (UTF-8, indented). @param card a {@code tollgate.chai-model-card/v1} object */
  public static String of(JsonNode card) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      doc = f.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    Element root = doc.createElementNS(NAMESPACE, "AppliedModelCard");
    doc.appendChild(root);
    JsonNode basic = card.path("basic_info");
    JsonNode rel = card.path("release_info");
    JsonNode uses = card.path("uses_and_directions");
    JsonNode warn = card.path("warnings");
    JsonNode sys = card.path("trust_ingredients").path("system_facts");
    JsonNode data = card.path("trust_ingredients").path("data_characterization");
    JsonNode bias = card.path("trust_ingredients").path("bias_mitigation");
    JsonNode maint = card.path("trust_ingredients").path("maintenance");
    JsonNode tr = card.path("trust_ingredients").path("transparency");
    JsonNode res = card.path("resources");

    Element b = add(root, "BasicInfo");
    add(b, "ModelName", text(basic.path("model_name"), reason("basic_info.model_name")));
    add(b, "ModelDeveloper", text(basic.path("model_developer"), reason("basic_info.model_developer")));
    add(b, "DeveloperContact", text(basic.path("contact"), reason("basic_info.contact")));

    Element r = add(root, "ReleaseInfo");
    add(r, "ReleaseStage", text(rel.path("release_stage"), reason("release_info.release_stage")) + "; launch verdict " + rel.path("launch_verdict").asText("not reviewed")
        + (rel.path("launch_verdict").asText().equals("GO") ? "" : ". Fatal flaw: " + rel.path("fatal_flaw").asText("")));
    add(r, "ReleaseDate", text(rel.path("release_date"), reason("release_info.release_date")));
    add(r, "ReleaseVersion", text(basic.path("version"), reason("basic_info.version")));
    add(r, "GlobalAvailability", text(rel.path("global_availability"), reason("release_info.global_availability")));
    add(r, "RegulatoryApproval", text(rel.path("regulatory_approval"), reason("release_info.regulatory_approval"))
        + "\n\nRegulatory path defensibility: " + rel.path("regulatory_defensibility").asText("not scored") + ".");

    Element s = add(root, "ModelSummary");
    add(s, "Summary", text(card.path("summary"), reason("summary")));
    Element k = add(s, "Keywords");
    add(k, "Keyword", "clinical AI launch review");
    for (JsonNode o : uses.path("outputs")) add(k, "Keyword", o.asText());

    Element u = add(root, "UsesAndDirections");
    add(u, "IntendedUseAndWorkflow", text(uses.path("intended_use"), reason("uses_and_directions.intended_use"))
        + (uses.hasNonNull("decision_role") ? "\n\nDecision role: " + uses.path("decision_role").asText() + "." : ""));
    add(u, "PrimaryIntendedUsers", text(uses.path("intended_users"), reason("uses_and_directions.intended_users")));
    add(u, "HowToUse", text(uses.path("how_to_use"), reason("uses_and_directions.how_to_use")));
    add(u, "TargetedPatientPopulation", text(uses.path("target_population"), reason("uses_and_directions.target_population")));
    add(u, "CautionedOutOfScopeSettings", text(uses.path("out_of_scope_uses"), reason("uses_and_directions.out_of_scope_uses")));

    Element w = add(root, "Warnings");
    add(w, "KnownRisksAndLimitations", text(warn.path("known_risks_and_limitations"), reason("warnings.known_risks_and_limitations")));
    add(w, "KnownBiasesOrEthicalConsiderations", text(warn.path("known_biases"), reason("warnings.known_biases")));
    add(w, "ClinicalRiskLevel", text(warn.path("clinical_risk_level"), reason("warnings.clinical_risk_level")));

    Element t = add(root, "TrustIngredients");
    Element f = add(t, "AISystemFacts");
    add(f, "OutcomesAndOutputs", text(sys.path("outputs"), reason("trust_ingredients.system_facts.outputs")));
    add(f, "ModelType", text(sys.path("model_type"), reason("trust_ingredients.system_facts.model_type")));
    add(f, "FoundationModels", text(sys.path("foundation_models"), reason("trust_ingredients.system_facts.foundation_models")));
    add(f, "InputDataSource", text(sys.path("input_provenance"), reason("trust_ingredients.system_facts.input_provenance")) + "\n\nApproved source systems: "
        + text(sys.path("approved_source_systems"), reason("trust_ingredients.system_facts.approved_source_systems")));
    add(f, "OutputAndInputDataTypes", "Inputs: " + text(sys.path("inputs"), reason("trust_ingredients.system_facts.inputs")) + "\n\nOutputs: "
        + text(sys.path("outputs"), "none listed") + "\n\nDecision threshold: " + text(sys.path("decision_threshold"), reason("trust_ingredients.system_facts.decision_threshold")));
    add(f, "DevelopmentDataCharacterization", "Evaluation data (what this review measured): " + text(data, reason("trust_ingredients.data_characterization"))
        + "\n\nTraining data: " + text(data.path("training_data"), reason("trust_ingredients.data_characterization.training_data")));
    add(f, "BiasMitigationApproaches", text(bias, reason("trust_ingredients.bias_mitigation")));
    add(f, "OngoingMaintenance", text(maint, reason("trust_ingredients.maintenance")));
    add(f, "Security", text(tr.path("security_and_compliance"), reason("trust_ingredients.transparency.security_and_compliance")));
    add(f, "Transparency", "Business model: " + text(tr.path("business_model"), reason("trust_ingredients.transparency.business_model")));
    Element ti = add(t, "TransparencyInformation");
    add(ti, "FundingSource", text(tr.path("funding_source"), reason("trust_ingredients.transparency.funding_source")));
    add(ti, "StakeholdersConsulted", text(tr.path("stakeholders_consulted"), reason("trust_ingredients.transparency.stakeholders_consulted")));

    Element m = add(root, "KeyMetrics");
    JsonNode km = card.path("key_metrics");
    metric(m, "UsefulnessUsabilityEfficacy", km.path("usefulness_efficacy"), "discrimination, calibration and net benefit at the review threshold",
        "performance on the review's labelled predictions, one case per encounter");
    metric(m, "FairnessEquity", km.path("fairness_equity"), "no clinically meaningful difference in performance between subgroups",
        "differences between subgroups and their reference group with 95% intervals; Holm-adjusted tests");
    metric(m, "SafetyReliability", km.path("safety_reliability"), "an affordable alert burden, the tool failing safe in downtime, no unmitigated harm",
        "alert-policy simulation, downtime drill and failure-mode analysis from the review's logs");

    Element rs = add(root, "Resources");
    add(rs, "EvaluationReferences", "This card's dossier: " + res.path("dossier").asText("dossier.json") + "; " + res.path("hti1_source_attributes").asText("hti1.json")
        + ". " + text(res.path("evaluation_references"), reason("resources.evaluation_references")));
    add(rs, "ClinicalTrial", text(res.path("clinical_trial"), reason("resources.clinical_trial")));
    add(rs, "PeerReviewedPublications", text(res.path("peer_reviewed_publications"), reason("resources.peer_reviewed_publications")));
    add(rs, "ReimbursementStatus", text(res.path("reimbursement_status"), reason("resources.reimbursement_status")));
    add(rs, "PatientConsentOrDisclosure", text(res.path("patient_consent_or_disclosure"), reason("resources.patient_consent_or_disclosure")));
    add(root, "Bibliography", "");
    return serialize(doc);
  }

  private static void metric(Element parent, String name, JsonNode results, String goal, String test) {
    Element e = add(parent, name);
    add(e, "MetricGoal", goal);
    Element rs = add(e, "Results");
    int n = 0;
    for (JsonNode x : results) {
      Element r = add(rs, "MetricResult");
      add(r, "Label", x.path("name").asText("metric").replace('_', ' '));
      add(r, "ValueJson", x.toString());
      n++;
    }
    if (n == 0) {
      // The schema needs at least one result: say there is none and why.
      Element r = add(rs, "MetricResult");
      add(r, "Label", "none");
      add(r, "ValueJson", "{\"estimate\": null, \"reason\": \"the review holds no evidence for these metrics\"}");
    }
    add(e, "Interpretation", "Each result is an estimate with its 95% interval where one exists; a null is withheld (a count of 1 to 10 under the default minimum cell of 11 would be revealed) "
        + "or not measured, with the reason in the dossier.");
    add(e, "TestType", "Local retrospective evaluation before launch (" + test + ").");
    add(e, "TestingDataDescription", "The input files listed under the development data characterization, identified by SHA-256.");
    add(e, "ValidationProcessAndJustification", "tollgate's launch gate: the seven-item checklist and the rules beyond it; every number is "
        + "reproducible from the inputs and settings recorded in the audit log.");
  }

  private static Element add(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
    parent.appendChild(e);
    return e;
  }

  /**
   * Why a model-card field holds no value, by its path in the model card JSON ("basic_info.model_developer"): what
   * review.yaml would need, or why a pre-launch review cannot know it. The XML says "Not available: REASON"; the use-case
   * page says the same beside the field ({@link #reason}).
   */
  private static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("basic_info.review_date", "the dossier's copy of the card carries no date; the review run's date is given with the run"),
      Map.entry("release_info.regulatory_notes", "review.yaml states no regulatory notes"),
      Map.entry("basic_info.model_name", "the use case has no title"),
      Map.entry("basic_info.model_developer", "review.yaml names no developer (use_case.developer)"),
      Map.entry("basic_info.contact", "review.yaml names no owner (use_case.owner)"),
      Map.entry("release_info.release_stage", "not stated"),
      Map.entry("release_info.release_date", "the tool is under pre-deployment review, not released"),
      Map.entry("basic_info.version", "review.yaml gives no model version (use_case.version)"),
      Map.entry("release_info.global_availability", "a local launch review does not know where else the tool is available"),
      Map.entry("release_info.regulatory_approval", "review.yaml states no regulatory approval"),
      Map.entry("summary", "no summary could be written"),
      Map.entry("uses_and_directions.intended_use", "review.yaml states no intended use (use_case.intended_use)"),
      Map.entry("uses_and_directions.intended_users", "review.yaml names no intended users (use_case.intended_users)"),
      Map.entry("uses_and_directions.how_to_use", "review.yaml gives no instructions for use"),
      Map.entry("uses_and_directions.target_population", "review.yaml names no target population (use_case.target_population)"),
      Map.entry("uses_and_directions.out_of_scope_uses", "review.yaml lists no out-of-scope uses (use_case.out_of_scope)"),
      Map.entry("warnings.known_risks_and_limitations", "no failure modes were listed and the gate found nothing"),
      Map.entry("warnings.known_biases", "no subgroup comparison was made"),
      Map.entry("warnings.clinical_risk_level", "no failure modes with a severity were listed"),
      Map.entry("trust_ingredients.system_facts.outputs", "review.yaml lists no outputs (use_case.outputs)"),
      Map.entry("trust_ingredients.system_facts.model_type", "the vendor did not state the model type in review.yaml"),
      Map.entry("trust_ingredients.system_facts.foundation_models", "the vendor did not state foundation models in review.yaml"),
      Map.entry("trust_ingredients.system_facts.input_provenance", "no provenance manifest was given"),
      Map.entry("trust_ingredients.system_facts.approved_source_systems", "none listed"),
      Map.entry("trust_ingredients.system_facts.inputs", "no model inputs were listed (provenance manifest)"),
      Map.entry("trust_ingredients.system_facts.decision_threshold", "none"),
      Map.entry("trust_ingredients.data_characterization.training_data", "the developer did not describe it in review.yaml"),
      Map.entry("trust_ingredients.transparency.security_and_compliance", "review.yaml states no security and compliance facts"),
      Map.entry("trust_ingredients.transparency.business_model", "not stated in review.yaml (checklist item 6)"),
      Map.entry("trust_ingredients.transparency.funding_source", "review.yaml states no funding source"),
      Map.entry("trust_ingredients.transparency.stakeholders_consulted", "no attestation names the people consulted"),
      Map.entry("resources.evaluation_references", "no external evaluation was cited"),
      Map.entry("resources.clinical_trial", "no clinical trial was cited in review.yaml"),
      Map.entry("resources.peer_reviewed_publications", "no publication was cited in review.yaml"),
      Map.entry("resources.reimbursement_status", "review.yaml states no reimbursement status"),
      Map.entry("resources.patient_consent_or_disclosure", "review.yaml states no consent or disclosure practice"),
      Map.entry("trust_ingredients.data_characterization", "no labelled predictions were given"),
      Map.entry("trust_ingredients.bias_mitigation", "no subgroup checks were run"),
      Map.entry("trust_ingredients.maintenance", "no monitoring plan was given"));

  /**
   * The reason a model-card field at {@code path} (dot-separated, as in model-card.json) is not available: its own, or the
   * nearest enclosing group's; null when neither has one.
   */
  public static String reason(String path) {
    for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
      String r = REASONS.get(p);
      if (r != null) return r;
    }
    return null;
  }

  private static Element add(Element parent, String name, String text) {
    Element e = add(parent, name);
    e.setTextContent(text);
    return e;
  }

  /**
   * A JSON value as Markdown text: a value as it is, a list as bullet lines, an object as "label: value" bullets.
   * Missing, null, empty or "not available" gives "Not available: REASON".
   */
  static String text(JsonNode v, String reason) {
    String t = markdown(v, 0);
    return t == null || t.isBlank() ? "Not available: " + reason + "." : t;
  }

  private static String markdown(JsonNode v, int depth) {
    if (v == null || v.isMissingNode() || v.isNull()) return null;
    if (v.isValueNode()) {
      // a measured fraction prints as a person reads it, not as 0.07188888888888889
      String s = v.isFloatingPointNumber() ? org.tollgate.format.Units.significant(v.asDouble()) : v.asText();
      return s.isBlank() || s.startsWith("not available") ? null : s;
    }
    StringBuilder b = new StringBuilder();
    String indent = "  ".repeat(depth);
    if (v.isArray()) {
      for (JsonNode x : v) {
        String s = markdown(x, depth + 1);
        if (s != null) b.append(b.isEmpty() ? "" : "\n").append(indent).append("- ").append(s.strip());
      }
    } else {
      Iterator<Map.Entry<String, JsonNode>> it = v.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("sha256") || e.getKey().equals("path") && depth > 0) continue;
        String s = markdown(e.getValue(), depth + 1);
        if (s == null) continue;
        String label = e.getKey().replace('_', ' ');
        b.append(b.isEmpty() ? "" : "\n").append(indent).append("- ").append(label.substring(0, 1).toUpperCase(Locale.ROOT)).append(label.substring(1))
            .append(e.getValue().isContainerNode() ? ":\n" : ": ").append(e.getValue().isContainerNode() ? s : s.strip());
      }
    }
    return b.isEmpty() ? null : b.toString();
  }

  private static String serialize(Document doc) {
    try {
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(w));
      return w.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
