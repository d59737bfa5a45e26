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

  @Test
  void POST_a_period_with_a_small_cell_gives_400_and_stores_nothing() throws Exception {
    HttpResponse<String> r = f.postJson("/api/v1/use-cases/mon-2/monitoring", f.token("pat"), doc("mon-2", "2026-07-02", true, 7, "x"));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(WebFixture.json(r).get("error").asText().contains("small cell"), r.body());
    assertTrue(f.store.monitoring().periods("mon-2").isEmpty());
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
}
