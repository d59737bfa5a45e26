package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.ingest.config.MonitoringFile;

/**
 * Settings that cannot be silently wrong (issue 16, finding 5): every threshold is checked against the score scale in
 * use (a percent such as 50 never fires, -0.2 fires on every score), a raw scale is one setting of the command line
 * and review.yaml and the report says what it leaves out, a key written twice is an error in every YAML file
 * tollgate reads, and a simulation without a workflow profile makes no budget claim.
 */
class SettingsCannotBeSilentlyWrongTest {
  @TempDir static Path dir;
  static Path scores;
  static Path events;
  static final ObjectMapper JSON = new ObjectMapper();

  /** 200 encounters, 3 scores each; every 5th encounter is positive, scores high, with a sepsis onset at +50 min. */
  @BeforeAll
  static void data() throws Exception {
    List<String> s = new ArrayList<>();
    List<String> e = new ArrayList<>();
    s.add("patient_id,encounter_id,time,score,label");
    e.add("encounter_id,time,type,value,end_time");
    for (int k = 0; k < 200; k++) {
      boolean pos = k % 5 == 0;
      for (int i = 0; i < 3; i++) {
        double v = pos ? 0.5 + 0.1 * i + (k % 7) / 100.0 : (k % 10) / 20.0 + 0.01 * i;
        s.add(String.format(java.util.Locale.ROOT, "P%04d,E%04d,2025-03-01T00:%02d:00Z,%.3f,%d", k, k, 15 * i, v, pos ? 1 : 0));
      }
      if (pos) e.add(String.format("E%04d,2025-03-01T00:50:00Z,sepsis_onset,,", k));
    }
    scores = dir.resolve("scores.csv");
    events = dir.resolve("events.csv");
    Files.write(scores, s, StandardCharsets.UTF_8);
    Files.write(events, e, StandardCharsets.UTF_8);
  }

  private static InspectCommandTest.Run run(String... args) {
    return InspectCommandTest.run(args);
  }

  private static void badInput(InspectCommandTest.Run r, String expected) {
    assertEquals(2, r.exit(), r.err());
    assertEquals("tollgate: " + expected, r.err().strip());
  }

  private static Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** A review folder with the shared data and this review.yaml. */
  private static Path review(String name, String yaml) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.copy(scores, d.resolve("scores.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(events, d.resolve("events.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(d.resolve("review.yaml"), yaml);
    return d;
  }

  private static final String USE_CASE = """
      use_case:
        id: uc-1
        title: Sepsis alert
        owner: AI product team
        intended_use: Alert the nurse.
      """;

  // ---------------------------------------------------------------- thresholds on the probability scale

  @Test
  void aPercentThresholdOnTheCommandLineIsExitTwoSayingItIsNotAProbability() {
    badInput(run("evaluate", scores.toString(), "--threshold", "50"),
        "--threshold: 50 is not a probability: the scores are probabilities, so a threshold must lie in [0, 1] (no score reaches it,"
            + " so nothing would ever be flagged; 50% as a probability is 0.5); if the scores are in their own units, add --score-scale raw"
            + " (thresholds are then in the score's own units)");
  }

  @Test
  void aNegativeThresholdOnTheCommandLineIsExitTwoSayingEveryScoreWouldBeFlagged() {
    badInput(run("evaluate", scores.toString(), "--threshold", "-0.2"),
        "--threshold: -0.2 is not a probability: the scores are probabilities, so a threshold must lie in [0, 1] (every score is above it,"
            + " so every score would be flagged); if the scores are in their own units, add --score-scale raw (thresholds are then in the"
            + " score's own units)");
  }

  @Test
  void aPercentPolicyThresholdInReviewYamlIsExitTwoNamingFileLineAndKeyPath() throws Exception {
    Path d = review("percent", USE_CASE + """
        data: {predictions: scores.csv, events: events.csv}
        policies:
          - name: plain
            threshold: 50
        outcome: {type: sepsis_onset, horizon_minutes: 720}
        """);
    badInput(run("review", d.toString(), "--no-store"), d.resolve("review.yaml") + ": line 9, column 'policies[0].threshold': 50 is not a"
        + " probability: the scores are probabilities, so a threshold must lie in [0, 1] (no score reaches it, so nothing would ever be"
        + " flagged; 50% as a probability is 0.5); if the scores are in their own units, set score_scale: raw under data: (thresholds are"
        + " then in the score's own units)");
    assertFalse(Files.exists(d.resolve("out")), "nothing is written when a setting is refused");
  }

  @Test
  void aNegativeEvaluationThresholdInReviewYamlIsExitTwoNamingItsLine() throws Exception {
    Path d = review("negative", USE_CASE + """
        data: {predictions: scores.csv}
        evaluation:
          threshold: -0.2
        """);
    InspectCommandTest.Run r = run("review", d.toString(), "--no-store");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(d.resolve("review.yaml") + ": line 8, column 'evaluation.threshold': -0.2 is not a probability"), r.err());
    assertTrue(r.err().contains("set score_scale: raw under data:"), r.err());
  }

  @Test
  void aSearchGridThresholdOutsideZeroToOneIsRefusedWhenTheReviewIsReadBeforeAnyWork() throws Exception {
    Path d = review("grid", USE_CASE + """
        data: {predictions: scores.csv, events: events.csv}
        policies:
          - {name: plain, threshold: 0.5}
        outcome: {type: sepsis_onset, horizon_minutes: 720}
        search:
          thresholds: [0.3, 0.5, 70]
        """);
    InspectCommandTest.Run r = run("review", d.toString(), "--no-store");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(d.resolve("review.yaml") + ": line 11, column 'search.thresholds[2]': 70 is not a probability"), r.err());
  }

  @Test
  void aPercentThresholdInAPolicyFileIsExitTwoPointingAtScoreScaleRaw() throws Exception {
    Path p = file("percent-policy.yaml", "policies:\n  - name: plain\n    threshold: 50\noutcome: {type: sepsis_onset, horizon_minutes: 720}\n");
    InspectCommandTest.Run r = run("simulate", "--scores", scores.toString(), "--events", events.toString(), "--policy", p.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("tollgate: " + p + ": line 3, column 'policies[0].threshold': 50 is not a probability"), r.err());
    assertTrue(r.err().contains("add --score-scale raw"), r.err());
    InspectCommandTest.Run drill = run("drill", "--scores", scores.toString(), "--events", events.toString(), "--outages", events.toString(),
        "--policy", p.toString());
    assertEquals(2, drill.exit(), drill.err());
    assertTrue(drill.err().contains(p + ": line 3, column 'policies[0].threshold': 50 is not a probability"), drill.err());
  }

  // ---------------------------------------------------------------- the raw scale

  /** Scores in points (mean 50, positives 15 points higher): any finite number is a score. */
  private static Path rawScores() throws Exception {
    List<String> s = new ArrayList<>();
    s.add("patient_id,encounter_id,time,score,label");
    for (int k = 0; k < 300; k++) {
      boolean pos = k % 4 == 0;
      s.add(String.format(java.util.Locale.ROOT, "P%04d,E%04d,2025-03-01T00:00:00Z,%.1f,%d", k, k, 40.0 + (k * 37 % 30) + (pos ? 15 : 0), pos ? 1 : 0));
    }
    return Files.write(dir.resolve("raw.csv"), s, StandardCharsets.UTF_8);
  }

  @Test
  void onTheRawScaleAThresholdIsInTheScoresUnitsAndCalibrationAndBrierAreOmittedWithTheReason() throws Exception {
    Path raw = rawScores();
    InspectCommandTest.Run t = run("evaluate", raw.toString(), "--score-scale", "raw", "--threshold", "60");
    assertEquals(0, t.exit(), t.err());
    assertTrue(t.out().contains("predicted positive iff score >= 60;"), t.out());
    assertTrue(t.out().contains("Calibration, Brier score and net benefit: not computed: the scores are on their own (raw) scale, not probabilities."),
        t.out());
    InspectCommandTest.Run j = run("evaluate", raw.toString(), "--score-scale", "raw", "--threshold", "60", "--format", "json");
    JsonNode doc = JSON.readTree(j.out());
    assertEquals("raw", doc.path("score_scale").asText());
    assertEquals("not computed: the scores are on their own (raw) scale, not probabilities", doc.path("not_computed").path("reason").asText());
    for (String m : List.of("brier", "calibration_intercept", "calibration_slope", "net_benefit")) {
      assertTrue(doc.path("overall").path("metrics").path(m).isNull(), m + " is not computed on a raw scale");
    }
    assertEquals(0, doc.path("calibration_bins").size());
    assertTrue(doc.path("overall").path("treat_all_net_benefit").isNull());
    // Sensitivity at 60 by hand: positives (k % 4 == 0) score 55 + (k·37 mod 30); k·37 mod 30 ≥ 5 for 62 of the 75.
    long hand = java.util.stream.IntStream.range(0, 300).filter(k -> k % 4 == 0 && 55 + (k * 37 % 30) >= 60).count();
    assertEquals(hand, doc.path("overall").path("tp").asLong());
    // The sweep spans the scores' own range, not 0 to 1.
    JsonNode sweep = doc.path("sweep");
    double max = java.util.stream.IntStream.range(0, 300).mapToDouble(k -> 40 + (k * 37 % 30) + (k % 4 == 0 ? 15 : 0)).max().orElseThrow();
    assertEquals(40.0, sweep.get(0).path("threshold").asDouble(), 1e-9);
    assertEquals(max, sweep.get(sweep.size() - 1).path("threshold").asDouble(), 1e-9);
  }

  @Test
  void aRawScaleReviewSaysSoOnTheTerminalThePageAndTheDossierAndDrawsNoCalibration() throws Exception {
    Path d = Files.createDirectories(dir.resolve("raw-review"));
    Files.copy(rawScores(), d.resolve("raw.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(d.resolve("review.yaml"), USE_CASE + """
        data:
          predictions: raw.csv
          score_scale: raw
        evaluation:
          threshold: 60
        """);
    InspectCommandTest.Run r = run("review", d.toString(), "--no-store");
    assertEquals(3, r.exit(), r.err());
    String line = "Score scale: raw (thresholds in the score's own units, not probabilities): calibration, Brier score and net benefit not computed";
    assertTrue(r.out().contains(line), r.out());
    JsonNode doc = JSON.readTree(d.resolve("out/dossier.json").toFile());
    assertEquals("raw", doc.path("score_scale").asText());
    assertEquals("raw", doc.path("evaluation").path("score_scale").asText());
    assertTrue(doc.path("evaluation").path("overall").path("metrics").path("brier").isNull());
    String onePage = Files.readString(d.resolve("out/dossier.html"));
    assertTrue(onePage.contains("raw (thresholds in the score&#39;s own units, not probabilities): calibration, Brier score and net benefit not computed"),
        "the one-page dossier's headline says so");
    assertFalse(onePage.contains("id=\"calibration\""), "no calibration chart on a raw scale");
    String page = org.tollgate.report.DossierHtml.page(doc);
    // read as text: glossary terms on the page are links (issue 18), "Calibration" among them
    assertTrue(page.replaceAll("<[^>]+>", "").contains("Calibration, Brier score and net benefit: not computed: the scores are on their own (raw) scale, not probabilities."));
    assertFalse(page.contains("id=\"calibration\""));
    assertFalse(page.contains("id=\"decision-curve\""));
    JsonNode card = JSON.readTree(d.resolve("out/model-card.json").toFile());
    assertTrue(card.toString().contains("not computed: the scores are on their own (raw) scale, not probabilities"), "the model card gives the reason");
  }

  @Test
  void aRawScaleReviewWithoutPoliciesMustStateItsThresholdInTheScoresUnits() throws Exception {
    Path d = Files.createDirectories(dir.resolve("raw-no-threshold"));
    Files.copy(rawScores(), d.resolve("raw.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(d.resolve("review.yaml"), USE_CASE + "data: {predictions: raw.csv, score_scale: raw}\n");
    InspectCommandTest.Run r = run("review", d.toString(), "--no-store");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("on a raw score scale a review without policies needs evaluation.threshold in the score's own units"), r.err());
  }

  @Test
  void anUnknownScoreScaleInReviewYamlIsExitTwo() throws Exception {
    Path d = review("logit", USE_CASE + "data: {predictions: scores.csv, score_scale: logit}\n");
    InspectCommandTest.Run r = run("review", d.toString(), "--no-store");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("column 'data.score_scale': must be probability or raw, got 'logit'"), r.err());
  }

  // ---------------------------------------------------------------- duplicate keys, in every YAML file tollgate reads

  @Test
  void aMinimumCellBelowElevenIsRefusedNamingTheLine() throws Exception {
    // review r16 #7: gate.min_cell: 1 was accepted and switched the small-cell rule off without a word.
    Path rv = review("min-cell-1", USE_CASE + "data: {predictions: scores.csv}\ngate:\n  min_cell: 1\n");
    badInput(run("review", rv.toString(), "--no-store"), rv.resolve("review.yaml") + ": line 8, column 'gate.min_cell': must be at least 11"
        + " (counts of 1 to 10 are never shown), got 1");
  }

  @Test
  void aDuplicatedKeyIsExitTwoNamingFileLineAndKeyPathInEveryYamlFileKind() throws Exception {
    String dupWorkflow = "minutes_per_alert: 1.8\nhourly_rate: 45\nminutes_per_alert: 3\n";
    String dup = ": key 'minutes_per_alert' appears twice in this mapping (first on line 1); remove one, the file must say one thing";
    // review.yaml
    Path rv = review("dup-review", USE_CASE + "data: {predictions: scores.csv}\nevaluation:\n  threshold: 0.5\n  threshold: 0.9\n");
    badInput(run("review", rv.toString(), "--no-store"), rv.resolve("review.yaml") + ": line 9, column 'evaluation.threshold': key 'threshold'"
        + " appears twice in this mapping (first on line 8); remove one, the file must say one thing");
    // a workflow file named by review.yaml
    Path rw = review("dup-review-workflow", USE_CASE + "data: {predictions: scores.csv}\nworkflow: workflow.yaml\n");
    Files.writeString(rw.resolve("workflow.yaml"), dupWorkflow);
    badInput(run("review", rw.toString(), "--no-store"), rw.resolve("workflow.yaml") + ": line 3, column 'minutes_per_alert'" + dup);
    // a workflow profile (simulate --workflow)
    Path wf = file("dup-workflow.yaml", dupWorkflow);
    Path policy = file("ok-policy.yaml", "policies:\n  - threshold: 0.5\noutcome: {type: sepsis_onset, horizon_minutes: 720}\n");
    badInput(run("simulate", "--scores", scores.toString(), "--events", events.toString(), "--policy", policy.toString(), "--workflow", wf.toString()),
        wf + ": line 3, column 'minutes_per_alert'" + dup);
    // the same profile read for its hours per FTE only (friction --workflow)
    badInput(run("friction", scores.toString(), "--workflow", wf.toString()), wf + ": line 3, column 'minutes_per_alert'" + dup);
    // a policy file (simulate --policy, drill --policy)
    Path pf = file("dup-policy.yaml", "policies:\n  - threshold: 0.5\n    threshold: 0.9\noutcome: {type: sepsis_onset, horizon_minutes: 720}\n");
    String dupPolicy = pf + ": line 3, column 'policies[0].threshold': key 'threshold' appears twice in this mapping (first on line 2);"
        + " remove one, the file must say one thing";
    badInput(run("simulate", "--scores", scores.toString(), "--events", events.toString(), "--policy", pf.toString()), dupPolicy);
    badInput(run("drill", "--scores", scores.toString(), "--events", events.toString(), "--outages", events.toString(), "--policy", pf.toString()),
        dupPolicy);
    // review.yaml's monitoring block (monitor)
    Path mon = review("dup-monitoring", USE_CASE + "data: {predictions: scores.csv, events: events.csv}\n"
        + "policies:\n  - {name: plain, threshold: 0.5}\noutcome: {type: sepsis_onset, horizon_minutes: 720}\n"
        + "monitoring:\n  period: week\n  limits:\n    psi: 0.2\n    psi: 0.3\n");
    badInput(run("monitor", mon.toString(), "--no-store"), mon.resolve("review.yaml") + ": line 14, column 'monitoring.limits.psi': key 'psi'"
        + " appears twice in this mapping (first on line 13); remove one, the file must say one thing");
    // the guardrails a committee decision attached (JSON, read as YAML)
    BadInputException g = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
        () -> MonitoringFile.fromJson("{\"period\": \"week\",\n \"period\": \"day\"}", "decision 7 conditions"));
    assertEquals("decision 7 conditions: line 2, column 'period': key 'period' appears twice in this mapping (first on line 1); remove one,"
        + " the file must say one thing", g.getMessage());
  }

  // ---------------------------------------------------------------- simulate without a workflow profile

  @Test
  void simulateJsonWithoutAWorkflowHasNoBudgetNoBestAndNoLimitClaim() throws Exception {
    Path p = file("search-policy.yaml", "policies:\n  - {name: plain, threshold: 0.5}\noutcome: {type: sepsis_onset, horizon_minutes: 720}\n"
        + "search:\n  thresholds: [0.4, 0.6]\n");
    InspectCommandTest.Run r = run("simulate", "--scores", scores.toString(), "--events", events.toString(), "--policy", p.toString(),
        "--search", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("NaN"), r.out());
    JsonNode doc = JSON.readTree(r.out());
    assertTrue(doc.path("false_alert_cost_limit_per_month").isNull(), "no limit without prices");
    assertTrue(doc.path("policies").get(0).path("within_false_alert_cost_limit").isNull(), "no 'within the limit' without prices");
    assertTrue(doc.path("search").path("best").isNull(), "no best within a budget without prices");
    assertTrue(doc.path("search").path("budget").isNull());
    assertTrue(doc.path("search").path("pareto").size() > 0, "the front is of counts: detections against false alerts");
  }
}
