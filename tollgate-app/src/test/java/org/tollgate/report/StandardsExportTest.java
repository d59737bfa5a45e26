package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.report.StandardsShape.NA;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.ReviewRunner;

/** A review that states almost nothing: every field of both documents is still there, as "not available". */
class StandardsExportTest {
  @TempDir Path dir;

  private ReviewRunner.Outcome bare() throws Exception {
    Files.writeString(dir.resolve("review.yaml"), """
        use_case:
          id: bare
          title: A tool nobody has described
          owner: Q. Owner
          intended_use: Something clinical.
        """);
    return ReviewRunner.run(ReviewFile.read(dir));
  }

  @Test
  void modelCardOfABareReviewHasEveryFieldAsNotAvailable() throws Exception {
    JsonNode card = ModelCardJson.of(bare(), "test", null);
    StandardsShape.assertModelCard(card);
    for (String p : List.of("/basic_info/model_developer", "/basic_info/version", "/basic_info/review_date", "/release_info/regulatory_approval",
        "/uses_and_directions/intended_users", "/uses_and_directions/target_population", "/uses_and_directions/out_of_scope_uses",
        "/uses_and_directions/decision_role", "/uses_and_directions/outputs", "/uses_and_directions/how_to_use",
        "/warnings/known_risks_and_limitations/fmea_risks", "/warnings/known_biases/subgroup_differences", "/warnings/known_biases/proxy_inputs",
        "/warnings/clinical_risk_level", "/trust_ingredients/system_facts/inputs", "/trust_ingredients/system_facts/decision_threshold",
        "/trust_ingredients/data_characterization/input_files", "/trust_ingredients/data_characterization/cases",
        "/trust_ingredients/data_characterization/prevalence", "/trust_ingredients/data_characterization/subgroups",
        "/trust_ingredients/bias_mitigation/protected_attributes", "/trust_ingredients/maintenance/monitoring_baseline",
        "/trust_ingredients/transparency/stakeholders_consulted", "/trust_ingredients/transparency/business_model")) {
      assertEquals(NA, card.at(p).asText(), p);
    }
    assertEquals("Something clinical.", card.at("/uses_and_directions/intended_use").asText());
    assertEquals("Q. Owner", card.at("/basic_info/contact").asText());
    // Gate items the bare review cannot pass are its known limitations.
    assertTrue(card.at("/warnings/known_risks_and_limitations/gate_findings").size() >= 7);
    for (String block : List.of("usefulness_efficacy", "fairness_equity", "safety_reliability")) {
      for (JsonNode m : card.at("/key_metrics/" + block)) {
        assertEquals(NA, m.get("estimate").asText(), m.get("name").asText());
        assertTrue(m.get("source").asText().startsWith("not stated in review.yaml"), m.toString());
      }
    }
  }

  @Test
  void hti1OfABareReviewListsAll31WithTheirReason() throws Exception {
    ReviewRunner.Outcome o = bare();
    JsonNode doc = Hti1Json.of(o, "test", LocalDate.of(2026, 10, 1));
    Map<String, JsonNode> a = StandardsShape.assertHti1(doc);
    assertEquals("2026-10-01", doc.get("review_date").asText());
    assertEquals("Something clinical.", a.get("intended_use").get("value").asText());
    // the intended use, the gate items this review does not pass (its known limitations), and what the gate checked about bias
    assertEquals(java.util.Set.of("intended_use", "known_risks_limitations", "bias_management"), a.values().stream()
        .filter(x -> !NA.equals(x.get("value").asText())).map(x -> x.get("id").asText()).collect(java.util.stream.Collectors.toSet()));
    assertTrue(a.get("known_risks_limitations").get("value").asText().contains("launch gate"));
    assertEquals("not stated in review.yaml (provenance.inputs lists no model inputs)", a.get("input_variables").get("source").asText());
  }

  @Test
  void aVariableNoInputIsNamedForAgreesWithTheNumberOfInputs() {
    assertEquals("no: the one input in the provenance manifest is not named for it", Hti1Json.noInputNamed(1));
    assertEquals("no: none of the 2 inputs in the provenance manifest is named for it", Hti1Json.noInputNamed(2));
  }

  @Test
  void theAttributeListIsTheRulesAndTheGroupsAreInOrder() {
    assertEquals(31, Hti1Json.ATTRIBUTES.size());
    assertEquals(31, Hti1Json.ATTRIBUTES.stream().map(Hti1Json.Attribute::id).distinct().count());
    assertEquals("45 CFR 170.315(b)(11)(iv)(B)(8)(iv)", Hti1Json.ATTRIBUTES.stream()
        .filter(x -> x.id().equals("fairness_local_data")).findFirst().orElseThrow().citation());
    assertEquals("Fairness of intervention in local data", Hti1Json.ATTRIBUTES.get(28).label());
  }

  @Test
  void variableNamesAreRecognisedWithoutFalseFriends() {
    Map<String, java.util.regex.Pattern> v = Hti1Json.VARIABLE_NAMES;
    assertTrue(v.get("race").matcher("race_ethnicity").find());
    assertTrue(!v.get("race").matcher("trace_element").find());
    assertTrue(v.get("sex").matcher("sex").find());
    assertTrue(!v.get("sex").matcher("sexual_orientation").find());
    assertTrue(v.get("date_of_birth").matcher("age_band").find());
    assertTrue(!v.get("date_of_birth").matcher("stage").find());
    assertTrue(v.get("social_determinants_of_health").matcher("zip3").find());
    assertTrue(v.get("health_status_assessments").matcher("phq9_score").find());
  }
}
