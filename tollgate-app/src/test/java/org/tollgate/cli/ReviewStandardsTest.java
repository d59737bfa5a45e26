package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.report.StandardsShape.NA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.ingest.write.CohortWriter;
import org.tollgate.report.StandardsShape;

/**
 * {@code tollgate review} writes the CHAI model card and the HTI-1 source attributes next to the
 * dossier, and their numbers are the dossier's: a synthetic cohort of 300 encounters, the template
 * review.yaml pointed at it (ZIP-3 is among its inputs), payer listed as model inputs so the proxy check has something to
 * find.
 */
class ReviewStandardsTest {
  @TempDir static Path dir;
  static InspectCommandTest.Run run;
  static JsonNode dossier;
  static JsonNode card;
  static JsonNode hti1;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void review() throws Exception {
    SepsisCohort cohort = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(300).withSeed(7).withPrevalence(0.25).withPeriodDays(60));
    new CohortWriter(CohortWriter.Format.CSV, false, "test", CohortWriter.Progress.NONE).write(cohort, dir.resolve("data"));
    String yaml;
    try (InputStream in = ReviewStandardsTest.class.getClassLoader().getResourceAsStream("templates/review.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    yaml = replace(yaml, "predictions: scores.parquet", "predictions: data/scores.csv");
    yaml = replace(yaml, "events: events.parquet", "events: data/events.csv");
    yaml = replace(yaml, "outages: outages.parquet", "outages: data/outages.csv");
    yaml = replace(yaml, "bootstrap: 200", "bootstrap: 20");
    yaml = replace(yaml, "features: features.parquet", "features: data/features.csv");
    yaml = replace(yaml, "timestamp_column: zip3_time}   # tested as a proxy for race\n",
        "timestamp_column: zip3_time}   # tested as a proxy for race\n"
            + "    - {name: payer, source_system: EHR, source_field: COVERAGE, timestamp_column: payer_time}\n");
    Files.writeString(dir.resolve("review.yaml"), yaml);
    run = InspectCommandTest.run("review", dir.toString());
    assertTrue(run.exit() == ExitCodes.OK || run.exit() == ExitCodes.HALTED, run.err());
    Path out = dir.resolve("out");
    dossier = JSON.readTree(out.resolve("dossier.json").toFile());
    card = JSON.readTree(out.resolve("model-card.json").toFile());
    hti1 = JSON.readTree(out.resolve("hti1.json").toFile());
  }

  private static String replace(String s, String from, String to) {
    assertTrue(s.contains(from), "template has '" + from + "'");
    return s.replace(from, to);
  }

  /** `tollgate init` writes no attestation: its template, with data, passes none of items 3, 6 and 7 (they need signatures). */
  @Test
  void theInitTemplateWithDataPassesNoneOfTheAttestedItems() {
    for (JsonNode i : dossier.get("items")) {
      if (java.util.List.of("3", "6", "7").contains(i.get("id").asText())) {
        assertTrue(!i.get("status").asText().equals("pass"), i.get("id").asText() + ": " + i.get("reason").asText());
      }
    }
  }

  @Test
  void reviewWritesBothDocumentsAtomicallyAndNamesThem() throws Exception {
    assertTrue(run.out().contains("model-card.json"), run.out());
    assertTrue(run.out().contains("hti1.json"), run.out());
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void modelCardHasEveryGroupAndFieldAndNothingEmpty() {
    StandardsShape.assertModelCard(card);
    assertEquals("Sepsis early warning alert", card.at("/basic_info/model_name").asText());
    assertEquals("Vendor Inc.", card.at("/basic_info/model_developer").asText());
    assertEquals(dossier.get("verdict").asText(), card.at("/release_info/launch_verdict").asText());
    assertTrue(card.at("/basic_info/review_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
    assertEquals(NA, card.at("/release_info/release_date").asText());
  }

  @Test
  void modelCardNumbersAreTheDossiers() {
    JsonNode auroc = metric("usefulness_efficacy", "auroc");
    JsonNode d = dossier.at("/evaluation/overall/metrics/auroc");
    assertEquals(d.get("estimate").asDouble(), auroc.get("estimate").asDouble(), 0);
    assertEquals(d.get("lower").asDouble(), auroc.get("lower").asDouble(), 0);
    assertEquals(d.get("upper").asDouble(), auroc.get("upper").asDouble(), 0);
    assertTrue(auroc.get("method").asText().contains("DeLong"), auroc.toString());
    String sha = dossier.at("/evaluation/input/sha256").asText();
    assertTrue(auroc.get("source").asText().contains(sha), "the source names the input's hash");
    // One operating point (issue 16 §1): this review has an alert policy, so the figures at a bare score threshold are not
    // stated (before: 'sensitivity 0.981' beside 'alert_sensitivity 0.474'); the policy's are, and they are the dossier's.
    for (String m : List.of("sensitivity", "specificity", "ppv", "npv", "accuracy")) {
      JsonNode c = metric("usefulness_efficacy", m);
      assertEquals(NA, c.get("estimate").asText(), m);
      assertTrue(c.toString().contains("not the operating point"), c.toString());
    }
    assertTrue(metric("usefulness_efficacy", "alert_sensitivity").get("estimate").isNumber(), "this cohort is large enough to show it");
    assertEquals(dossier.at("/evaluation/overall/n").asLong(), card.at("/trust_ingredients/data_characterization/cases").asLong());
    Map<String, JsonNode> strata = new HashMap<>();
    for (JsonNode s : dossier.at("/evaluation/strata")) {
      if (s.get("by").size() != 1) continue;
      var e = s.get("by").fields().next();
      strata.put(e.getKey() + " " + e.getValue().asText(), s);
    }
    JsonNode groups = card.at("/trust_ingredients/data_characterization/subgroups");
    assertEquals(strata.size(), groups.size());
    boolean someWithheld = false;
    for (JsonNode g : groups) {
      JsonNode s = strata.get(g.get("group").asText());
      if (s.get("n").isNull()) {
        assertEquals(NA, g.get("n").asText(), "withheld stays withheld: " + g);
        assertEquals(NA, g.get("positives").asText());
        someWithheld = true;
      } else {
        assertEquals(s.get("n").asLong(), g.get("n").asLong());
      }
    }
    assertTrue(someWithheld, "the test data have at least one small stratum");
    JsonNode files = card.at("/trust_ingredients/data_characterization/input_files");
    assertEquals(dossier.get("inputs").size(), files.size());
    for (int i = 0; i < files.size(); i++) {
      assertEquals(dossier.get("inputs").get(i).get("sha256").asText(), files.get(i).get("sha256").asText());
      assertEquals(dossier.get("inputs").get(i).get("rows").asLong(), files.get(i).get("rows").asLong());
    }
    assertEquals("predictions", files.get(0).get("role").asText());
    assertEquals("data/scores.csv", files.get(0).get("path").asText(), "paths relative to the review folder");
    JsonNode chosen = dossier.at("/simulation/policies/0");
    assertEquals(chosen.get("alerts_per_day").asDouble(), metric("usefulness_efficacy", "alerts_per_day").get("estimate").asDouble(), 0);
    assertEquals(chosen.get("false_alert_cost_per_month").asDouble(),
        metric("safety_reliability", "false_alert_cost_per_month_usd").get("estimate").asDouble(), 0);
    assertEquals(96, metric("safety_reliability", "highest_rpn").get("estimate").asLong());
    assertTrue(metric("safety_reliability", "missed_care_in_downtime").get("estimate").isIntegralNumber());
  }

  @Test
  void modelCardWarningsComeFromRisksGateAndProxies() {
    JsonNode risks = card.at("/warnings/known_risks_and_limitations/fmea_risks");
    assertEquals("alert missed for a septic patient", risks.get(0).get("failure_mode").asText());
    assertEquals(96, risks.get(0).get("rpn").asInt());
    long notPassing = 0;
    for (JsonNode i : dossier.get("items")) if (!i.get("status").asText().equals("pass")) notPassing++;
    JsonNode findings = card.at("/warnings/known_risks_and_limitations/gate_findings");
    assertEquals(notPassing, findings.isArray() ? findings.size() : 0);
    JsonNode level = card.at("/warnings/clinical_risk_level");
    assertEquals("I", level.get("imdrf_category").asText(), "severity 8 (serious) × informs → IMDRF category I");
    assertEquals("low", level.get("level").asText());
    JsonNode proxy = metric("fairness_equity", "strongest_proxy_auroc");
    assertTrue(proxy.get("estimate").isNumber(), proxy.toString());
    assertTrue(proxy.get("comparison").asText().startsWith("input "), proxy.toString());
  }

  @Test
  void hti1HasExactly31AttributesFilledFromTheReview() {
    Map<String, JsonNode> a = StandardsShape.assertHti1(hti1);
    assertEquals("Alert the bedside nurse when an adult inpatient may be developing sepsis.", a.get("intended_use").get("value").asText());
    assertEquals("informs clinical management", a.get("intended_decision_role").get("value").asText());
    assertEquals("pediatrics; emergency department triage", a.get("cautioned_out_of_scope_use").get("value").asText());
    String validity = a.get("validity_local_data").get("value").asText();
    String sha = dossier.at("/evaluation/input/sha256").asText();
    assertTrue(validity.contains(sha), validity);
    assertTrue(validity.contains(String.format(java.util.Locale.ROOT, "AUROC %.3f (95%% CI %.3f to %.3f, DeLong)",
        dossier.at("/evaluation/overall/metrics/auroc/estimate").asDouble(), dossier.at("/evaluation/overall/metrics/auroc/lower").asDouble(),
        dossier.at("/evaluation/overall/metrics/auroc/upper").asDouble())), validity);
    // One operating point (issue 16 §1): the alert policy's detected-in-time, not a sensitivity "at threshold 0.25".
    String chosen = dossier.at("/simulation/chosen_policy").asText();
    assertTrue(validity.contains("alert policy '" + chosen + "' (what goes live): detected in time "), validity);
    assertFalse(validity.contains("at threshold"), validity);
    String fairness = a.get("fairness_local_data").get("value").asText();
    assertTrue(fairness.startsWith(dossier.at("/evaluation/disparities").size() + " comparisons"), fairness);
    JsonNode vars = a.get("input_variables").get("value");
    assertTrue(vars.get("social_determinants_of_health").asText().startsWith("yes: inputs 'zip3'"), vars.toString()); // two inputs (zip3, payer): the plural
    assertTrue(vars.get("language").asText().startsWith("no:"), vars.toString());
    assertEquals(NA, a.get("funding_source").get("value").asText());
    assertEquals("not stated in review.yaml", a.get("funding_source").get("source").asText());
    assertFalse(a.get("known_risks_limitations").get("value").asText().equals(NA));
  }

  private static JsonNode metric(String block, String name) {
    for (JsonNode m : card.get("key_metrics").get(block)) if (m.get("name").asText().equals(name)) return m;
    throw new AssertionError("no metric " + name + " in " + block);
  }
}
