package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, the web app's hardening (items 3 to 7), against a server on loopback. Each test replays an attack that
 * succeeded before the fix.
 */
class WebHardeningTest {
  @TempDir static Path dir;
  static WebFixture f;
  static String pat;
  static String clara;
  static String chair;

  @BeforeAll
  static void start() throws Exception {
    f = new WebFixture(dir);
    pat = f.token("pat");
    clara = f.token("clara");
    chair = f.token("chair");
  }

  @AfterAll
  static void stop() {
    if (f != null) f.close();
  }

  // ---- item 6: use cases are created only by those allowed to ----------------------------------------------

  @Test
  void attesting_or_deciding_on_an_unknown_use_case_is_404_and_creates_nothing() throws Exception {
    for (String id : List.of("<img src=x onerror=alert(1)>", "a b/..", "never-registered")) {
      String path = "/api/v1/use-cases/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
      HttpResponse<String> a = f.postJson(path + "/attestations", clara, "{\"item\":\"paper_fallback\",\"note\":\"x\"}");
      assertEquals(404, a.statusCode(), id + ": " + a.body());
      HttpResponse<String> d = f.postJson(path + "/decisions", chair, "{\"outcome\":\"approve\"}");
      assertEquals(404, d.statusCode(), id + ": " + d.body());
      // A person without the role does not create it either.
      assertEquals(404, f.postJson(path + "/decisions", clara, "{\"outcome\":\"approve\"}").statusCode(), id);
      assertNull(f.store.reviews().useCase(id), id);
    }
    // The browser form too.
    String session = WebFixture.sessionCookie(f.formLogin("clara", WebFixture.PASSWORD));
    String csrf = ApiTest.field(f.getWithCookie("/", session).body(), "csrf");
    HttpResponse<String> form = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base + "/use-cases/form-made/attest"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("item=paper_fallback&csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, form.statusCode(), form.body());
    assertNull(f.store.reviews().useCase("form-made"));
  }

  @Test
  void a_decisions_run_id_must_be_a_run_of_that_use_case() throws Exception {
    HttpResponse<String> up = f.postZip(pat, f.bundle);
    assertEquals(201, up.statusCode(), up.body());
    String run = WebFixture.json(up).get("run_id").asText();
    assertEquals(201, f.postJson("/api/v1/use-cases", pat, "{\"id\":\"other-tool\",\"title\":\"Another tool\"}").statusCode());
    HttpResponse<String> wrong = f.postJson("/api/v1/use-cases/other-tool/decisions", chair, "{\"outcome\":\"approve\",\"run_id\":\"" + run + "\"}");
    assertEquals(400, wrong.statusCode(), wrong.body());
    assertEquals("run " + run + " is a run of another use case, not of other-tool", WebFixture.json(wrong).get("error").asText());
    assertEquals(400, f.postJson("/api/v1/use-cases/other-tool/decisions", chair, "{\"outcome\":\"approve\",\"run_id\":\"made-up\"}").statusCode());
    assertTrue(f.store.people().decisions("other-tool").isEmpty());
    assertEquals(201, f.postJson("/api/v1/use-cases/sepsis-alert/decisions", chair, "{\"outcome\":\"approve\",\"run_id\":\"" + run + "\"}").statusCode());
    assertFalse(f.store.people().decisions("sepsis-alert").isEmpty());
  }
}
