package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.store.People;

/** POST and GET /api/v1/use-cases/{id}/monitoring, and what the pages show of it. */
class MonitoringApiTest {
  @TempDir static Path dir;
  static WebFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WebFixture(dir);
  }

  @AfterAll
  static void stop() {
    if (f != null) f.close();
  }

  static String doc(String id, String start, boolean breach, int outcomes, String reason) {
    return "{\"schema\": \"tollgate.monitoring/v1\", \"use_case\": {\"id\": \"" + id + "\", \"title\": \"Sepsis alert\"}, \"period\": \"week\","
        + " \"inputs\": [{\"path\": \"live.parquet\", \"sha256\": \"ab\", \"rows\": 5000}], \"periods\": [{\"start\": \"" + start + "T00:00:00Z\","
        + " \"end\": \"" + start + "T00:00:00Z+7\", \"alerts\": 140, \"window\": {\"outcomes\": " + outcomes + "}, \"breached\": " + breach + ","
        + " \"guardrails\": [{\"id\": \"volume\", \"title\": \"alert volume\", \"status\": \"" + (breach ? "breach" : "ok") + "\", \"value\": "
        + (breach ? 3.2 : 1.0) + ", \"lower\": 0.0, \"upper\": 2.1, \"sentence\": \"alerts per day " + (breach ? "2.6" : "1.0") + " against 0.0–1.7\"}]}],"
        + " \"reason\": " + (reason == null ? "null" : "\"" + reason + "\"") + "}";
  }

  @Test
  void POST_a_breached_period_turns_the_use_case_re_review_due_and_GET_returns_the_series() throws Exception {
    String pm = f.token("pat");
    org.tollgate.review.TestRuns.record(f.store, "mon-1", "REDESIGN"); // approving with contingencies needs a GO or REDESIGN run
    f.store.people().decide(f.store.people().login("chair", WebFixture.PASSWORD.toCharArray()), "mon-1", People.Outcome.APPROVE_WITH_CONTINGENCIES,
        "alerts per day within the approved band; sensitivity not below 43%", People.date("2027-01-31"), null);
    HttpResponse<String> ok = f.postJson("/api/v1/use-cases/mon-1/monitoring", pm, doc("mon-1", "2026-06-25", false, 40, null));
    assertEquals(201, ok.statusCode(), ok.body());
    assertEquals("monitored", WebFixture.json(ok).get("status").asText());
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-1/monitoring", pm, doc("mon-1", "2026-07-02", true, 0, "alert volume: alerts per day 2.6 against 0.0–1.7 for 1 week"));
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("re-review due", WebFixture.json(r).get("status").asText());
    JsonNode series = WebFixture.json(f.get("/api/v1/use-cases/mon-1/monitoring", pm));
    assertEquals("tollgate.monitoring/v1", series.get("schema").asText());
    assertEquals("re-review due", series.get("status").asText());
    assertEquals(2, series.get("periods").size());
    assertTrue(series.get("reason").asText().startsWith("alert volume"), series.toString());
    assertTrue(MonitoringSection.status(f.store, "mon-1").contains("re-review due"));
    String section = MonitoringSection.section(f.store, "mon-1");
    assertTrue(section.contains("data-chart=\"monitor-volume\""), "the volume series with its band");
    assertTrue(section.contains("alerts per day within the approved band"), "the decision's conditions beside it");
    assertTrue(section.contains("review by 2027-01-31"), section);
    assertEquals(1, f.store.audit().entries("use_case/mon-1").stream().filter(e -> e.action().equals("guardrail.breach")).count());
    // The committee's new decision is the re-review.
    f.store.people().decide(f.store.people().login("chair", WebFixture.PASSWORD.toCharArray()), "mon-1", People.Outcome.RE_REVIEW, null,
        People.date("2026-09-01"), null);
    assertFalse(f.store.monitoring().status("mon-1").reReviewDue());
  }

  /**
   * The use-case page's monitoring section shows the latest period's inputs of the features table: each input's missing
   * share with its interval beside the approved share and its PSI, a withheld share as withheld, and the input-missingness
   * guardrail's series with the breach.
   */
  @Test
  void the_monitoring_section_lists_each_input_with_its_missing_share_interval_and_psi() throws Exception {
    String pm = f.token("pat");
    f.store.reviews().createUseCase("mon-feat", "Sepsis alert", "pat");
    String doc = "{\"schema\": \"tollgate.monitoring/v1\", \"use_case\": {\"id\": \"mon-feat\", \"title\": \"Sepsis alert\"}, \"period\": \"week\","
        + " \"inputs\": [], \"periods\": [{\"start\": \"2026-04-23T00:00:00Z\", \"end\": \"2026-04-30T00:00:00Z\", \"breached\": true,"
        + " \"features\": {\"lactate\": {\"rows\": 7013, \"missing_share\": 0.784, \"missing_interval\": {\"estimate\": 0.784, \"lower\": 0.774,"
        + " \"upper\": 0.793, \"method\": \"wilson\"}, \"approved_missing_share\": 0.381, \"psi\": 0.662},"
        + " \"wbc\": {\"rows\": 7013, \"missing_share\": null, \"missing_interval\": null, \"approved_missing_share\": 0.046, \"psi\": 0.028}},"
        + " \"guardrails\": [{\"id\": \"feature_missing\", \"title\": \"input missingness\", \"status\": \"breach\", \"value\": 0.403, \"lower\": -1,"
        + " \"upper\": 0.15, \"sentence\": \"lactate missing in 78.4% of rows against an approved 38.1%\"}], \"withheld\": [\"features.wbc.missing_share\"]}],"
        + " \"reason\": \"input missingness: lactate missing in 78.4% of rows against an approved 38.1% for 1 week\"}";
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-feat/monitoring", pm, doc);
    assertEquals(201, r.statusCode(), r.body());
    String section = MonitoringSection.section(f.store, "mon-feat");
    assertTrue(section.contains("data-chart=\"monitor-feature-missing\""), "the input-missingness series");
    assertTrue(section.contains("<tr><td>lactate</td><td>7,013</td><td>78.4% (77.4–79.3%)</td><td>38.1%</td><td>0.662</td></tr>"), section);
    assertTrue(section.contains("<tr><td>wbc</td><td>7,013</td><td>withheld</td><td>4.6%</td><td>0.028</td></tr>"), section);
  }

  @Test
  void POST_a_period_with_a_small_cell_gives_400_and_stores_nothing() throws Exception {
    f.store.reviews().createUseCase("mon-2", "Sepsis alert", "pat"); // monitoring needs a registered use case (issue 19 item 6)
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-2/monitoring", f.token("pat"), doc("mon-2", "2026-07-02", true, 7, "x"));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(WebFixture.json(r).get("error").asText().contains("small cell"), r.body());
    assertTrue(f.store.monitoring().periods("mon-2").isEmpty());
  }

  /** Issue 19 item 6: recording monitoring on an id no one registered is 404 and creates no use case (the id rule is skipped otherwise). */
  @Test
  void POST_for_an_unknown_use_case_gives_404_and_creates_nothing() throws Exception {
    String id = "<img src=x onerror=alert(1)>";
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
        + "/monitoring", f.token("pat"), doc(id, "2026-07-02", false, 40, null));
    assertEquals(404, r.statusCode(), r.body());
    assertEquals(null, f.store.reviews().useCase(id));
  }

  @Test
  void POST_by_a_clinician_gives_403() throws Exception {
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-3/monitoring", f.token("clara"), doc("mon-3", "2026-07-02", false, 40, null));
    assertEquals(403, r.statusCode(), r.body());
  }

  @Test
  void POST_another_schema_gives_400() throws Exception {
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-4/monitoring", f.token("pat"), "{\"schema\": \"tollgate.dossier/v1\"}");
    assertEquals(400, r.statusCode(), r.body());
  }

  @Test
  void POST_a_decision_with_guardrails_stores_them_structured_and_unknown_keys_give_400() throws Exception {
    String chair = f.token("chair");
    org.tollgate.review.TestRuns.record(f.store, "mon-5", "REDESIGN"); // approving with contingencies needs a GO or REDESIGN run
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-5/decisions", chair,
        "{\"outcome\": \"approve_with_contingencies\", \"conditions\": \"volume guardrail\", \"review_date\": \"2027-01-31\","
            + " \"guardrails\": {\"period\": \"week\", \"checks\": [\"volume\", \"sensitivity\"], \"limits\": {\"volume_sigma\": 2.5}}}");
    assertEquals(201, r.statusCode(), r.body());
    String g = f.store.people().decisions("mon-5").get(0).guardrails();
    assertEquals(2.5, org.tollgate.ingest.config.MonitoringFile.fromJson(g, "stored").volumeSigma());
    assertEquals(java.util.EnumSet.of(org.tollgate.monitor.Guardrail.VOLUME, org.tollgate.monitor.Guardrail.SENSITIVITY),
        org.tollgate.ingest.config.MonitoringFile.fromJson(g, "stored").checks());
    HttpResponse<String> bad = f.postJson("/api/v1/use-cases/mon-5/decisions", chair,
        "{\"outcome\": \"approve\", \"guardrails\": {\"limits\": {\"volume_sigmaa\": 2.5}}}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(WebFixture.json(bad).get("error").asText().contains("volume_sigmaa"), bad.body());
  }

  /** The fixture's review folder (the use case's stored run is made from it) with two weeks of live data under monitoring.live. */
  static Path monitoringBundle(String name, String livePredictions) throws Exception {
    Path b = dir.resolve(name);
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(f.review)) {
      for (Path x : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        Path t = b.resolve(f.review.relativize(x).toString());
        java.nio.file.Files.createDirectories(t.getParent());
        java.nio.file.Files.copy(x, t);
      }
    }
    java.io.StringWriter err = new java.io.StringWriter();
    int rc = org.tollgate.cli.Main.run(new String[] {"generate", "sepsis", "--encounters", "200", "--start", "2026-03-02", "--days", "14", "--seed", "9",
        "--out", b.resolve("live").toString()}, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
    assertEquals(0, rc, err.toString());
    java.nio.file.Files.writeString(b.resolve("review.yaml"), "\nmonitoring:\n  period: week\n  live:\n    predictions: " + livePredictions
        + "\n    events: live/events.parquet\n", java.nio.file.StandardOpenOption.APPEND);
    return b;
  }

  static HttpResponse<String> postBundle(String id, String token, byte[] zip) throws Exception {
    return f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base + "/api/v1/use-cases/" + id + "/monitoring"))
        .header("Content-Type", "application/zip").header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zip))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static java.util.Set<String> uploads() throws Exception {
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir.resolve("uploads"))) {
      return s.map(x -> x.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  /**
   * A period's data as a bundle: answered with the periods `tollgate monitor` makes from the same folder, every live score row
   * counted once (the generator's manifest says how many), the periods stored, and nothing of the bundle left on the server.
   * A bundle naming a live file outside itself, or approved data that are not the stored run's, is refused and stores nothing.
   */
  @Test
  void POST_a_data_bundle_answers_the_periods_the_command_line_makes_and_keeps_nothing_of_it() throws Exception {
    String pm = f.token("pat");
    HttpResponse<String> run = f.postZip(pm, f.bundle);
    assertEquals(201, run.statusCode(), run.body());
    String id = WebFixture.json(run).get("use_case").asText();
    Path folder = monitoringBundle("mon-bundle", "live/scores.parquet");
    java.util.Set<String> before = uploads();
    HttpResponse<String> r = postBundle(id, pm, WebFixture.zip(folder));
    assertEquals(201, r.statusCode(), r.body());
    JsonNode d = WebFixture.json(r);
    assertEquals(before, uploads(), "the bundle is deleted");
    org.tollgate.ingest.config.MonitoringFile mf = org.tollgate.ingest.config.MonitoringFile.read(folder);
    org.tollgate.review.MonitorRunner.Outcome o = org.tollgate.review.MonitorRunner.run(org.tollgate.ingest.config.ReviewFile.read(folder), mf, mf.live(), null);
    // through its text, as the server's answer went (numbers parse to the smallest node type)
    JsonNode cli = org.tollgate.report.Json.MAPPER.readTree(org.tollgate.report.Json.MAPPER.writeValueAsString(
        org.tollgate.report.MonitoringJson.of(o, o.results(), d.get("tool_version").asText())));
    assertEquals(cli.get("periods"), d.get("periods"));
    long rows = 0;
    for (JsonNode p : d.get("periods")) rows += p.get("score_rows").asLong();
    JsonNode manifest = org.tollgate.report.Json.MAPPER.readTree(folder.resolve("live/cohort.json").toFile());
    assertEquals(manifest.get("files").get(0).get("rows").asLong(), rows);
    assertEquals(d.get("periods").size(), d.get("stored_periods").asInt());
    assertEquals(d.get("periods").size(), f.store.monitoring().periods(id).size());
    for (JsonNode in : d.get("inputs")) assertFalse(in.get("path").asText().startsWith("/"), "no server path: " + in);

    HttpResponse<String> outside = postBundle(id, pm, WebFixture.zip(monitoringBundle("mon-outside", "../mon-bundle/live/scores.parquet")));
    assertEquals(400, outside.statusCode(), outside.body());
    assertTrue(WebFixture.json(outside).get("error").asText().contains("outside the review folder"), outside.body());
    Path edited = monitoringBundle("mon-edited", "live/scores.parquet");
    // The approved data redrawn (seed 2): a valid review, but not the one the committee's stored run was made from.
    assertEquals(0, org.tollgate.cli.Main.run(new String[] {"generate", "sepsis", "--encounters", "600", "--seed", "2", "--out", edited.resolve("approved2").toString()},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())));
    for (String t : new String[] {"scores.parquet", "events.parquet"}) {
      java.nio.file.Files.move(edited.resolve("approved2").resolve(t), edited.resolve(t), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    HttpResponse<String> other = postBundle(id, pm, WebFixture.zip(edited));
    assertEquals(400, other.statusCode(), other.body());
    assertTrue(WebFixture.json(other).get("error").asText().contains("not those of the use case's latest stored run"), other.body());
    assertEquals(d.get("periods").size(), f.store.monitoring().periods(id).size(), "refused bundles store nothing");
    assertEquals(before, uploads());
  }
}
