package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.alerts.RunFile;
import org.tollgate.alerts.Simulator;
import org.tollgate.cli.Main;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.EvaluationSummary;
import org.tollgate.evaluation.SummaryFile;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.Json;

/**
 * A review bundle that holds no rows, only review.yaml and the two summaries a Spark job writes (made here in-process
 * from the fixture's generated cohort with the same readers, as the Spark job's tests check it does), against the
 * independent truth of {@code tollgate review} on the folder with the original predictions and events.
 */
class SummaryBundleTest {
  @TempDir static Path dir;
  static WebFixture f;
  static String pat;
  /** The rows-free bundle's folder: review.yaml, eval.tgs, run.tgr. */
  static Path summaries;

  @BeforeAll
  static void start() throws Exception {
    f = new WebFixture(dir);
    pat = f.token("pat");
    summaries = Files.createDirectories(dir.resolve("summaries"));
    ReviewFile r = ReviewFile.read(f.review);
    List<String> by = r.evaluation().by();
    ScoreTable t = new PredictionReader().read(f.review.resolve("scores.parquet"), ColumnMapping.defaults().withAttributes(by),
        Need.SCORE_AND_LABEL);
    Cases cases = Cases.from(t, by, null, null);
    // The span of score times, as the Spark job computes it: (max - min) seconds / 86,400.
    int[] time = t.timeColumn();
    double days = (java.util.Arrays.stream(time).max().orElseThrow() - (double) java.util.Arrays.stream(time).min().orElseThrow()) / 86400.0;
    try (var out = Files.newOutputStream(summaries.resolve("eval.tgs"))) {
      new SummaryFile(EvaluationSummary.of(cases), cases.per(), cases.combine(), days, t.input()).write(out);
    }
    ScoreTable stream = new PredictionReader().read(f.review.resolve("scores.parquet"), ColumnMapping.defaults(), Need.SCORE_STREAM);
    EventTable ev = EventReader.read(f.review.resolve("events.parquet"), stream, "encounter_id", ColumnMapping.defaults().zone());
    try (var out = Files.newOutputStream(summaries.resolve("run.tgr"))) {
      new RunFile(Simulator.run(stream, ev, r.outcome(), r.policies(), List.of()), r.outcome(), stream.input(), ev.input()).write(out);
    }
    Files.writeString(summaries.resolve("review.yaml"), summaryYaml(Files.readString(f.review.resolve("review.yaml"))));
  }

  @AfterAll
  static void stop() {
    if (f != null) f.close();
  }

  /** The template with the summaries instead of predictions, events, outages and features, and without the policies they hold. */
  static String summaryYaml(String template) {
    String y = template.replaceFirst("(?m)^  predictions: .*$", "  evaluation_summary: eval.tgs")
        .replaceFirst("(?m)^  events: .*$", "  simulation_summary: run.tgr")
        .replaceFirst("(?m)^  outages: .*\\n", "")
        .replaceFirst("(?m)^  features: .*\\n(?:^ +#.*\\n)?", "")
        .replaceFirst("(?ms)^policies:.*?^outcome: [^\\n]*\\n", "");
    assertTrue(y.contains("evaluation_summary: eval.tgs") && y.contains("simulation_summary: run.tgr") && !y.contains("\npolicies:")
        && !y.contains("\noutcome:") && !y.contains("outages.parquet"), y);
    return y;
  }

  static int cli(StringWriter err, String... args) {
    return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  @Test
  void a_bundle_of_summaries_without_rows_gives_the_evaluation_and_alert_costs_of_the_rows() throws Exception {
    HttpResponse<String> r = f.postZip(pat, WebFixture.zip(summaries));
    assertEquals(201, r.statusCode(), r.body());
    String id = WebFixture.json(r).get("run_id").asText();
    JsonNode dossier = WebFixture.json(f.get("/api/v1/runs/" + id + "/dossier", pat));
    HttpResponse<String> html = f.get("/api/v1/runs/" + id + "/dossier.html", pat);
    assertEquals(200, html.statusCode());
    assertTrue(html.body().contains("from a Spark summary: the rows are not here"), "the one-page dossier says why evidence is missing");
    assertEquals(200, f.getBytes("/api/v1/runs/" + id + "/dossier.pdf", pat).statusCode());

    // The independent truth: the command line's review of the folder with the original predictions and events.
    Path copy = dir.resolve("cli-copy");
    ApiTest.copyTree(f.review, copy);
    StringWriter err = new StringWriter();
    int rc = cli(err, "review", copy.toString(), "--no-store");
    assertTrue(rc == 0 || rc == 3, err.toString());
    JsonNode truth = Json.MAPPER.readTree(copy.resolve("out/dossier.json").toFile());

    // Counts, metrics, intervals (bootstrap included), strata and disparities do not depend on the rows being here.
    ObjectNode fromRows = (ObjectNode) truth.get("evaluation").deepCopy();
    ObjectNode fromSummary = (ObjectNode) dossier.get("evaluation").deepCopy();
    assertEquals(fromRows.get("input").get("sha256"), fromSummary.get("input").get("sha256"), "the summary names the rows it was made from");
    assertEquals(fromRows.get("input").get("rows"), fromSummary.get("input").get("rows"));
    fromRows.remove("input");
    fromSummary.remove("input");
    assertEquals(fromRows, fromSummary);
    assertEquals(600, fromSummary.get("overall").get("n").asLong(), "the fixture's 600 encounters");

    // The alert economy: the summary's policy priced with the review's workflow, as the simulation of the rows priced it.
    assertEquals(truth.get("simulation").get("chosen_policy"), dossier.get("simulation").get("chosen_policy"));
    assertEquals(truth.get("simulation").get("policies"), dossier.get("simulation").get("policies"));
    assertEquals(item(truth, "2").get("status"), item(dossier, "2").get("status"));
    assertEquals(item(truth, "2").get("evidence").get("false_alert_cost_per_month"), item(dossier, "2").get("evidence").get("false_alert_cost_per_month"));

    // What needs the rows is missing evidence with the reason, never a pass.
    for (String item : List.of("1", "5", "proxies")) {
      JsonNode it = item(dossier, item);
      assertEquals("missing", it.get("status").asText(), it.toString());
      assertTrue(it.get("reason").asText().startsWith("from a Spark summary: the rows are not here"), it.toString());
    }
    assertFalse("GO".equals(dossier.get("verdict").asText()));

    // The inputs are the summary files themselves: their own SHA-256, the rows they summarize.
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    for (JsonNode in : dossier.get("inputs")) inputs.put(in.get("format").asText(), in);
    JsonNode eval = inputs.get("tollgate.summary/v1");
    JsonNode sim = inputs.get("tollgate.simulation-summary/v3");
    assertEquals(sha256(summaries.resolve("eval.tgs")), eval.get("sha256").asText());
    assertEquals(sha256(summaries.resolve("run.tgr")), sim.get("sha256").asText());
    assertEquals(truth.get("evaluation").get("input").get("rows").asLong(), eval.get("rows").asLong());
    assertTrue(eval.get("path").asText().endsWith("eval.tgs"), eval.toString());
    assertEquals(2, dossier.get("inputs").size(), dossier.get("inputs").toString());
  }

  static JsonNode item(JsonNode dossier, String id) {
    for (JsonNode it : dossier.get("items")) if (id.equals(it.get("id").asText())) return it;
    throw new AssertionError("no item " + id + " in " + dossier.get("items"));
  }

  @Test
  void a_truncated_summary_is_bad_input_naming_the_file_and_nothing_is_written() throws Exception {
    Path d = Files.createDirectories(dir.resolve("truncated"));
    ApiTest.copyTree(summaries, d);
    byte[] b = Files.readAllBytes(d.resolve("eval.tgs"));
    Files.write(d.resolve("eval.tgs"), java.util.Arrays.copyOf(b, b.length / 2));
    StringWriter err = new StringWriter();
    assertEquals(2, cli(err, "review", d.toString(), "--no-store"));
    assertTrue(err.toString().contains("eval.tgs") && err.toString().contains("summary file is truncated"), err.toString());
    assertFalse(Files.exists(d.resolve("out/dossier.json")));

    HttpResponse<String> r = f.postZip(pat, WebFixture.zip(d));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(WebFixture.json(r).get("error").asText().contains("summary file is truncated"), r.body());
  }

  @Test
  void review_yaml_may_not_name_a_summary_outside_the_bundle() throws Exception {
    for (String key : List.of("evaluation_summary: ../eval.tgs", "simulation_summary: /etc/hostname")) {
      String yaml = Files.readString(summaries.resolve("review.yaml"))
          .replaceFirst("(?m)^  " + key.substring(0, key.indexOf(':')) + ": .*$", "  " + key);
      HttpResponse<String> r = f.postZip(pat, WebFixture.zipOf(List.of("review.yaml", "eval.tgs", "run.tgr"),
          List.of(yaml.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(summaries.resolve("eval.tgs")), Files.readAllBytes(summaries.resolve("run.tgr")))));
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(WebFixture.json(r).get("error").asText().contains("outside the review folder"), r.body());
    }
  }

  @Test
  void predictions_and_an_evaluation_summary_together_are_refused_with_the_line() throws Exception {
    Path d = Files.createDirectories(dir.resolve("both"));
    ApiTest.copyTree(summaries, d);
    Files.copy(f.review.resolve("scores.parquet"), d.resolve("scores.parquet"));
    Files.writeString(d.resolve("review.yaml"), Files.readString(d.resolve("review.yaml"))
        .replace("  evaluation_summary: eval.tgs", "  evaluation_summary: eval.tgs\n  predictions: scores.parquet"));
    StringWriter err = new StringWriter();
    assertEquals(2, cli(err, "review", d.toString(), "--no-store"));
    assertTrue(err.toString().contains("give 'predictions' or 'evaluation_summary', not both"), err.toString());
  }

  @Test
  void a_simulation_summary_brings_its_own_policies_and_the_review_may_only_choose_among_them() throws Exception {
    Path d = Files.createDirectories(dir.resolve("policies"));
    ApiTest.copyTree(summaries, d);
    String yaml = Files.readString(d.resolve("review.yaml"));
    Files.writeString(d.resolve("review.yaml"), yaml + "outcome: {type: sepsis_onset, horizon_minutes: 720}\n");
    StringWriter err = new StringWriter();
    assertEquals(2, cli(err, "review", d.toString(), "--no-store"));
    assertTrue(err.toString().contains("data.simulation_summary holds the policies and outcome it was simulated with; leave 'policies' and 'outcome' out"),
        err.toString());

    Files.writeString(d.resolve("review.yaml"), yaml.replaceFirst("(?m)^policy: .*$", "policy: no-such-policy"));
    StringWriter err2 = new StringWriter();
    assertEquals(2, cli(err2, "review", d.toString(), "--no-store"));
    assertTrue(err2.toString().contains("run.tgr") && err2.toString().contains(
        "review.yaml chooses policy 'no-such-policy', which this summary does not hold (it holds dual-signal-context)"), err2.toString());
  }

  @Test
  void an_evaluation_by_other_than_the_summarys_strata_is_bad_input_naming_the_summary() throws Exception {
    Path d = Files.createDirectories(dir.resolve("by"));
    ApiTest.copyTree(summaries, d);
    Files.writeString(d.resolve("review.yaml"), Files.readString(d.resolve("review.yaml"))
        .replace("  by: [age_band, sex, comorbidity_band]", "  by: [sex]"));
    StringWriter err = new StringWriter();
    assertEquals(2, cli(err, "review", d.toString(), "--no-store"));
    assertTrue(err.toString().contains("eval.tgs") && err.toString().contains(
        "the summary is stratified by [age_band, sex, comorbidity_band] but review.yaml's evaluation.by is [sex]"), err.toString());
  }
}
