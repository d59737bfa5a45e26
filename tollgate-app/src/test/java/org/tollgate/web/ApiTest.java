package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cli.Main;
import org.tollgate.report.Json;
import org.yaml.snakeyaml.Yaml;

/** The REST API without a browser (java.net.http), against a server on loopback. */
class ApiTest {
  @TempDir static Path dir;
  static WebFixture f;
  static String pat;

  @BeforeAll
  static void start() throws Exception {
    f = new WebFixture(dir);
    pat = f.token("pat");
  }

  @AfterAll
  static void stop() {
    if (f != null) f.close();
  }

  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    assertTrue(rc == 0 || rc == 3, rc + " " + err);
    return out.toString();
  }

  // ---- authentication ---------------------------------------------------------------------------------

  @Test
  void GET_without_credentials_gives_401_with_a_json_error() throws Exception {
    for (String path : List.of("/api/v1/use-cases", "/api/v1/portfolio", "/api/v1/audit/verify", "/api/v1/runs/x/dossier.pdf")) {
      HttpResponse<String> r = f.get(path, null);
      assertEquals(401, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
      assertTrue(WebFixture.json(r).get("error").asText().contains("log in"), r.body());
    }
  }

  @Test
  void an_unknown_bearer_token_gives_401() throws Exception {
    HttpResponse<String> r = f.get("/api/v1/use-cases", "tg_not-a-real-token");
    assertEquals(401, r.statusCode());
    assertEquals("unknown, revoked, expired or locked API token", WebFixture.json(r).get("error").asText());
  }

  @Test
  void a_page_without_a_session_redirects_to_the_login_form() throws Exception {
    HttpResponse<String> r = f.get("/", null);
    assertEquals(302, r.statusCode());
    assertEquals("/login", r.headers().firstValue("Location").orElse(""));
  }

  @Test
  void a_pipeline_exchanges_its_password_for_a_token_with_basic_auth() throws Exception {
    HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/tokens"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("clara:" + WebFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    String token = WebFixture.json(r).get("token").asText();
    JsonNode me = WebFixture.json(f.get("/api/v1/me", token));
    assertEquals("clara", me.get("user").asText());
    assertEquals("clinician", me.get("roles").get(0).asText());
    // Basic is accepted on the token endpoint only.
    HttpResponse<String> other = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/me"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("clara:" + WebFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, other.statusCode());
  }

  @Test
  void after_five_wrong_passwords_the_account_waits_even_against_the_right_one() throws Exception {
    HttpResponse<String> admin = f.postJson("/api/v1/users", f.token("admin"), "{\"name\":\"mallory\",\"roles\":[\"clinician\"],\"password\":\"right password\"}");
    assertEquals(201, admin.statusCode(), admin.body());
    for (int k = 0; k < 5; k++) assertEquals(401, basicToken("mallory", "wrong " + k).statusCode());
    HttpResponse<String> r = basicToken("mallory", "right password");
    assertEquals(401, r.statusCode());
    // Issue 19 item 3: a wait that ends (1 s after the fifth failure, doubling after), no longer a lock for good.
    assertTrue(WebFixture.json(r).get("error").asText().startsWith("too many failed logins for mallory"), r.body());
  }

  private HttpResponse<String> basicToken(String user, String pw) throws Exception {
    return f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/tokens"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- browser sessions and CSRF without a browser ----------------------------------------------------

  /** Logs in through the form; returns the session cookie ("name=value"). */
  static String formLogin(String user) throws Exception {
    HttpResponse<String> form = f.get("/login", null);
    String loginCookie = cookie(form, Sessions.LOGIN_COOKIE);
    String hidden = field(form.body(), "login_csrf");
    HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("user", user, "password", WebFixture.PASSWORD, "login_csrf", hidden)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), r.body());
    String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  static String cookie(HttpResponse<?> r, String name) {
    String c = r.headers().allValues("Set-Cookie").stream().filter(x -> x.startsWith(name + "=")).findFirst().orElseThrow();
    return c.substring(0, c.indexOf(';'));
  }

  static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find(), "no field " + name);
    return m.group(1);
  }

  static String form(Map<String, String> m) {
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  @Test
  void a_form_post_without_the_csrf_token_is_refused_and_with_it_is_recorded() throws Exception {
    f.postJson("/api/v1/use-cases", pat, "{\"id\":\"csrf-case\",\"title\":\"CSRF case\"}");
    String session = formLogin("clara");
    HttpResponse<String> page = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/use-cases/csrf-case")).header("Cookie", session).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String csrf = field(page.body(), "csrf");
    HttpResponse<String> without = postForm("/use-cases/csrf-case/attest", session, Map.of("item", "paper_fallback", "note", "no token"));
    assertEquals(403, without.statusCode());
    assertTrue(without.body().contains("CSRF"), without.body());
    HttpResponse<String> wrong = postForm("/use-cases/csrf-case/attest", session, Map.of("item", "paper_fallback", "csrf", csrf + "x"));
    assertEquals(403, wrong.statusCode());
    assertTrue(f.store.people().attestations("csrf-case", null).isEmpty());
    HttpResponse<String> with = postForm("/use-cases/csrf-case/attest", session, Map.of("item", "peer_training", "staff_trained", "12", "note", "drill done", "csrf", csrf));
    assertEquals(303, with.statusCode(), with.body());
    assertEquals(1, f.store.people().attestations("csrf-case", null).size());
  }

  @Test
  void the_login_form_refuses_a_post_without_its_own_cookie() throws Exception {
    HttpResponse<String> form = f.get("/login", null);
    HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("user", "clara", "password", WebFixture.PASSWORD, "login_csrf", field(form.body(), "login_csrf"))))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, r.statusCode());
    assertFalse(r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(Sessions.COOKIE + "=") && !c.startsWith(Sessions.COOKIE + "=;")));
  }

  private HttpResponse<String> postForm(String path, String cookie, Map<String, String> fields) throws Exception {
    return f.http.send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- upload, run, dossier ---------------------------------------------------------------------------

  @Test
  void an_uploaded_bundle_gives_the_verdict_tollgate_review_gives_and_its_dossier_in_three_formats() throws Exception {
    HttpResponse<String> r = f.postZip(pat, f.bundle);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode run = WebFixture.json(r);
    // The independent truth: the command line's review of the same folder, without the store.
    Path copy = dir.resolve("cli-copy");
    copyTree(f.review, copy);
    cli("review", copy.toString(), "--no-store");
    JsonNode cliDossier = Json.MAPPER.readTree(copy.resolve("out/dossier.json").toFile());
    assertEquals(cliDossier.get("verdict").asText(), run.get("verdict").asText());
    assertEquals(cliDossier.get("fatal_flaw").asText(), run.get("fatal_flaw").asText());
    String id = run.get("run_id").asText();
    assertEquals("/api/v1/runs/" + id, r.headers().firstValue("Location").orElse(""));

    JsonNode dossier = WebFixture.json(f.get("/api/v1/runs/" + id + "/dossier", pat));
    assertEquals(ReviewDiff.strip(cliDossier.deepCopy()), ReviewDiff.strip(dossier.deepCopy()));
    JsonNode summary = WebFixture.json(f.get("/api/v1/runs/" + id, pat));
    assertEquals(cliDossier.get("items").size(), summary.get("items").size());
    assertEquals("sepsis-alert", summary.get("use_case").asText());
    for (JsonNode in : summary.get("inputs")) assertFalse(in.get("path").asText().contains("/"), "server paths stay on the server");

    HttpResponse<String> html = f.get("/api/v1/runs/" + id + "/dossier.html", pat);
    assertEquals(200, html.statusCode());
    assertTrue(html.body().contains(run.get("verdict").asText()));

    HttpResponse<byte[]> pdf = f.getBytes("/api/v1/runs/" + id + "/dossier.pdf?page=a4", pat);
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
    Path p = dir.resolve("dossier.pdf");
    Files.write(p, pdf.body());
    if (new java.io.File("/usr/bin/pdftotext").canExecute() && new java.io.File("/usr/bin/pdftoppm").canExecute()) {
      // poppler, an independent PDF reader: the verdict is in the text, and the page renders as exactly one PNG.
      String text = run("pdftotext", "-layout", p.toString(), "-");
      assertTrue(WebFixture.showsVerdict(text, run.get("verdict").asText()), text);
      Path png = Files.createDirectories(dir.resolve("png"));
      run("pdftoppm", "-r", "50", "-png", p.toString(), png.resolve("page").toString());
      try (var pages = Files.list(png)) {
        assertEquals(1, pages.count(), "the dossier is one page");
      }
    } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true: poppler-utils (pdftotext, pdftoppm) must be installed");
    }
    assertEquals(400, f.get("/api/v1/runs/" + id + "/dossier.pdf?page=legal", pat).statusCode());
    HttpResponse<String> missing = f.get("/api/v1/runs/no-such-run/dossier", pat);
    assertEquals(404, missing.statusCode());
    assertEquals("no review run no-such-run", WebFixture.json(missing).get("error").asText());
  }

  @Test
  void the_paper_checklist_pdf_is_the_one_tollgate_review_writes_and_the_page_links_to_it() throws Exception {
    // the fixture's review (the template) names its cohort's bedside inputs as the features table, so a paper rule is found
    Path copy = dir.resolve("cli-checklist");
    copyTree(f.review, copy);
    HttpResponse<String> r = f.postZip(pat, WebFixture.zip(copy));
    assertEquals(201, r.statusCode(), r.body());
    String id = WebFixture.json(r).get("run_id").asText();
    cli("review", copy.toString(), "--no-store");
    assertTrue(Files.exists(copy.resolve("out/checklist.pdf")), "the review has bedside inputs, so the command line writes a checklist");

    HttpResponse<byte[]> pdf = f.getBytes("/api/v1/runs/" + id + "/checklist.pdf", pat);
    assertEquals(200, pdf.statusCode());
    assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
    if (new java.io.File("/usr/bin/pdftotext").canExecute()) {
      Path web = dir.resolve("web-checklist.pdf");
      Files.write(web, pdf.body());
      // the footer differs by design: the server's names its stored run and the store's signer, the command line's (--no-store) no run
      assertEquals(withoutFooter(run("pdftotext", "-layout", copy.resolve("out/checklist.pdf").toString(), "-")),
          withoutFooter(run("pdftotext", "-layout", web.toString(), "-")), "the server's checklist, made from the stored dossier, reads as the command line's");
      assertTrue(run("pdftotext", "-layout", web.toString(), "-").contains("review run " + id.substring(0, 8)), "the server's footer names the run");
    } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true: poppler-utils (pdftotext) must be installed");
    }
    String useCase = WebFixture.json(f.get("/api/v1/runs/" + id, pat)).get("use_case").asText();
    String session = formLogin("pat");
    String page = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/use-cases/" + useCase)).header("Cookie", session).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(page.contains("href=\"/api/v1/runs/" + id + "/checklist.pdf\""), "the drill section links to the server's checklist");
  }

  @Test
  void the_portfolio_ranks_as_tollgate_portfolio_does() throws Exception {
    HttpResponse<String> r = f.postZip(pat, f.bundle);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode cli = Json.MAPPER.readTree(cli("portfolio", f.review.toString(), "--format", "json"));
    JsonNode web = WebFixture.json(f.get("/api/v1/portfolio", pat));
    JsonNode want = cli.get("use_cases").get(0);
    JsonNode got = null;
    for (JsonNode u : web.get("use_cases")) if (u.get("id").asText().equals("sepsis-alert")) got = u;
    assertNotNull(got, web.toString());
    for (String k : List.of("verdict", "clinical_validation_score", "data_provenance_clarity", "fallback_existence", "defensibility")) {
      assertEquals(want.get(k), got.get(k), k);
    }
    assertEquals(want.get("net_benefit_per_month").asDouble(), got.get("net_benefit_per_month").asDouble(), 1e-6);
    double mean = (got.get("clinical_validation_score").asInt() + got.get("data_provenance_clarity").asInt() + got.get("fallback_existence").asInt()) / 3.0;
    assertEquals(mean, got.get("defensibility").asDouble(), 1e-9);
  }

  @Test
  void a_clinician_may_not_upload_a_bundle() throws Exception {
    HttpResponse<String> r = f.postZip(f.token("clara"), f.bundle);
    assertEquals(403, r.statusCode());
    assertTrue(WebFixture.json(r).get("error").asText().startsWith("clara may not upload and run a review"), r.body());
  }

  // ---- hostile bundles ----------------------------------------------------------------------------------

  @Test
  void a_zip_entry_climbing_out_of_the_bundle_is_refused_and_nothing_is_written() throws Exception {
    long before = f.uploadedFiles();
    for (String name : List.of("../evil.txt", "review/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "a\\..\\..\\evil.txt")) {
      HttpResponse<String> r = f.postZip(pat, WebFixture.zipOf(List.of("review.yaml", name), List.of("use_case: {}".getBytes(), "x".getBytes())));
      assertEquals(400, r.statusCode(), name);
      assertTrue(WebFixture.json(r).get("error").asText().contains("refused"), r.body());
    }
    assertEquals(before, f.uploadedFiles());
    assertFalse(Files.exists(dir.resolve("evil.txt")));
    assertFalse(Files.exists(dir.getParent().resolve("evil.txt")));
  }

  @Test
  void a_zip_bomb_is_refused_by_its_inflation_ratio() throws Exception {
    byte[] zeros = new byte[64 << 20];
    byte[] bomb = WebFixture.zipOf(List.of("review.yaml", "scores.csv"), List.of("use_case: {}".getBytes(), zeros));
    assertTrue(bomb.length < 1 << 20, "64 MB of zeros deflate to " + bomb.length + " bytes");
    long before = f.uploadedFiles();
    HttpResponse<String> r = f.postZip(pat, bomb);
    assertEquals(400, r.statusCode());
    assertTrue(WebFixture.json(r).get("error").asText().contains("zip bomb"), r.body());
    assertEquals(before, f.uploadedFiles());
  }

  @Test
  void a_bundle_with_too_many_entries_is_refused() throws Exception {
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int k = 0; k <= Bundles.Limits.DEFAULT.maxEntries(); k++) {
      names.add("f" + k + ".txt");
      contents.add(new byte[] {'x'});
    }
    HttpResponse<String> r = f.postZip(pat, WebFixture.zipOf(names, contents));
    assertEquals(400, r.statusCode());
    assertEquals("the bundle has more than 2000 entries; refused", WebFixture.json(r).get("error").asText());
  }

  @Test
  void a_bundle_over_the_upload_limit_gets_413() throws Exception {
    Web small = Web.create(new Web.Settings("127.0.0.1", 0, f.store, "test", dir.resolve("small-uploads"), 100_000)).start();
    try {
      HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + small.port() + "/api/v1/reviews"))
          .header("Authorization", "Bearer " + pat).header("Content-Type", "application/zip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(f.bundle)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(413, r.statusCode(), r.body());
      assertTrue(f.bundle.length > 100_000);
      // The same as a multipart form (what the upload page sends): refused before the form is parsed.
      String boundary = "----tollgate-test";
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"b.zip\"\r\n"
          + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      body.write(f.bundle);
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      HttpResponse<String> m = f.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + small.port() + "/api/v1/reviews"))
          .header("Authorization", "Bearer " + pat).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(413, m.statusCode(), m.body());
      assertEquals("the request is larger than 100,000 bytes", WebFixture.json(m).get("error").asText());
    } finally {
      small.stop();
    }
  }

  @Test
  void review_yaml_may_not_name_files_outside_the_bundle() throws Exception {
    String yaml = Files.readString(f.review.resolve("review.yaml")).replace("predictions: scores.parquet", "predictions: /etc/hostname");
    HttpResponse<String> r = f.postZip(pat, WebFixture.zipOf(List.of("review.yaml"), List.of(yaml.getBytes(StandardCharsets.UTF_8))));
    assertEquals(400, r.statusCode());
    // One resolver for every reader (issue 19 item 1) names the line and key, and the file relative to the bundle.
    String m = WebFixture.json(r).get("error").asText();
    assertTrue(m.startsWith("review.yaml: line ") && m.contains("'/etc/hostname' is outside the review folder"), m);
    String up = Files.readString(f.review.resolve("review.yaml")).replace("predictions: scores.parquet", "predictions: ../../scores.parquet");
    assertEquals(400, f.postZip(pat, WebFixture.zipOf(List.of("review.yaml"), List.of(up.getBytes(StandardCharsets.UTF_8)))).statusCode());
  }

  @Test
  void garbage_and_a_bundle_without_review_yaml_are_bad_input() throws Exception {
    HttpResponse<String> r = f.postZip(pat, "not a zip at all".getBytes());
    assertEquals(400, r.statusCode());
    assertTrue(WebFixture.json(r).get("error").asText().startsWith("the bundle is not a readable zip file"), r.body());
    HttpResponse<String> none = f.postZip(pat, WebFixture.zipOf(List.of("notes.txt"), List.of("hi".getBytes())));
    assertEquals(400, none.statusCode());
    assertEquals("the bundle has no review.yaml at its top or in its single top-level folder", WebFixture.json(none).get("error").asText());
    HttpResponse<String> bad = f.postZip(pat, WebFixture.zipOf(List.of("review.yaml"), List.of("use_case:\n  id: x\n  colour: red\n".getBytes())));
    assertEquals(400, bad.statusCode());
    assertTrue(WebFixture.json(bad).get("error").asText().contains("review.yaml"), bad.body());
  }

  // ---- attestations, decisions, audit ------------------------------------------------------------------

  @Test
  void attestation_and_decision_are_role_checked_as_on_the_command_line() throws Exception {
    String clara = f.token("clara");
    String cora = f.token("cora");
    String chair = f.token("chair");
    // Attesting and deciding need a registered use case (issue 19 item 6: they used to create it).
    assertEquals(201, f.postJson("/api/v1/use-cases", pat, "{\"id\":\"roles-case\",\"title\":\"Roles case\"}").statusCode());
    HttpResponse<String> wrong = f.postJson("/api/v1/use-cases/roles-case/attestations", cora, "{\"item\":\"paper_fallback\",\"note\":\"x\"}");
    assertEquals(403, wrong.statusCode());
    assertEquals("cora (compliance_officer) may not attest paper_fallback; that needs clinician", WebFixture.json(wrong).get("error").asText());
    // the role may, but there is nothing to sign yet: a paper rule is signed as a run states it
    HttpResponse<String> noRule = f.postJson("/api/v1/use-cases/roles-case/attestations", clara, "{\"item\":\"paper_fallback\",\"note\":\"drill 2025-05\"}");
    assertEquals(400, noRule.statusCode());
    assertEquals("there is no paper rule to sign for roles-case: it has no review run yet; review it with a features table (data.features) so tollgate "
        + "finds or measures the paper rule, then sign it", WebFixture.json(noRule).get("error").asText());
    HttpResponse<String> right = f.postJson("/api/v1/use-cases/roles-case/attestations", clara, "{\"item\":\"peer_training\",\"staff_trained\":12}");
    assertEquals(201, right.statusCode(), right.body());
    assertTrue(WebFixture.json(right).get("audit_checkpoint").asText().startsWith("seq "));
    HttpResponse<String> peer = f.postJson("/api/v1/use-cases/roles-case/attestations", clara, "{\"item\":\"peer_training\"}");
    assertEquals(400, peer.statusCode());
    assertTrue(WebFixture.json(peer).get("error").asText().contains("staff trained"), peer.body());

    assertEquals(403, f.postJson("/api/v1/use-cases/roles-case/decisions", clara, "{\"outcome\":\"approve\"}").statusCode());
    HttpResponse<String> noDate = f.postJson("/api/v1/use-cases/roles-case/decisions", chair, "{\"outcome\":\"re-review\"}");
    assertEquals(400, noDate.statusCode());
    assertEquals(201, f.postJson("/api/v1/use-cases/roles-case/decisions", chair, "{\"outcome\":\"re-review\",\"review_date\":\"2026-06-01\"}").statusCode());

    JsonNode uc = WebFixture.json(f.get("/api/v1/use-cases/roles-case", clara));
    assertEquals("clara", uc.get("attestations").get(0).get("user").asText());
    assertEquals("re_review", uc.get("decisions").get(0).get("outcome").asText());
    JsonNode audit = WebFixture.json(f.get("/api/v1/audit?use_case=roles-case", clara));
    List<String> actions = new ArrayList<>();
    audit.get("entries").forEach(e -> actions.add(e.get("action").asText()));
    // The refusals are audited too (who tried to sign for what their role may not), in the order they happened.
    assertEquals(List.of("use_case.create", "attestation.refused", "attestation", "decision.refused", "decision"), actions);
  }

  @Test
  void a_signature_records_the_text_the_latest_run_states_and_a_stale_page_is_refused() throws Exception {
    // a use case of its own, so other tests' runs of sepsis-alert count no signature of this one
    Path own = dir.resolve("signing-review");
    copyTree(f.review, own);
    Path yaml = own.resolve("review.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("id: sepsis-alert", "id: signing-case"));
    HttpResponse<String> up = f.postZip(pat, WebFixture.zip(own));
    assertEquals(201, up.statusCode(), up.body());
    JsonNode items = WebFixture.json(f.get("/api/v1/runs/" + WebFixture.json(up).get("run_id").asText() + "/dossier", pat)).get("items");
    String rule = null;
    String business = null;
    for (JsonNode it : items) {
      if (it.get("id").asText().equals("3")) rule = it.path("evidence").path("to_sign").asText(null);
      if (it.get("id").asText().equals("6")) business = it.path("evidence").path("to_sign").asText(null);
    }
    assertNotNull(rule, "the run states the paper rule it measured: " + items);
    assertEquals("revenue rises with alert or referral volume: no; payment per alert or referral: no", business);
    // the page shows clara what she signs, and carries it in the form
    String session = formLogin("clara");
    String page = f.getWithCookie("/use-cases/signing-case", session).body();
    assertTrue(page.contains("signs the paper rule of the latest run: <q>" + Web.esc(rule) + "</q>"), page);
    assertEquals(Web.esc(rule), field(page, "signs_paper_fallback"));
    // a page shown before another rule was measured: refused, nothing recorded
    HttpResponse<String> stale = f.postJson("/api/v1/use-cases/signing-case/attestations", f.token("clara"),
        "{\"item\":\"paper_fallback\",\"signs\":\"1 or more of: altered mentation\"}");
    assertEquals(400, stale.statusCode());
    assertTrue(WebFixture.json(stale).get("error").asText().startsWith("the paper rule changed since the page was shown: the latest run states"), stale.body());
    assertTrue(f.store.people().attestations("signing-case", null).isEmpty());
    HttpResponse<String> signed = postForm("/use-cases/signing-case/attest", session, Map.of("item", "paper_fallback", "signs_paper_fallback", rule,
        "csrf", field(page, "csrf")));
    assertEquals(303, signed.statusCode(), signed.body());
    JsonNode uc = WebFixture.json(f.get("/api/v1/use-cases/signing-case", pat));
    assertEquals(rule, uc.get("attestations").get(0).get("signs").asText());
  }

  @Test
  void an_attestation_body_says_one_thing_each_field_once_known_and_whole() throws Exception {
    String clara = f.token("clara");
    String cora = f.token("cora");
    assertEquals(201, f.postJson("/api/v1/use-cases", pat, "{\"id\":\"strict-case\",\"title\":\"Strict case\"}").statusCode());
    String path = "/api/v1/use-cases/strict-case/attestations";
    // a key given twice: refused, not "the last wins" (cora would have signed business_model under a paper_fallback item)
    HttpResponse<String> twice = f.postJson(path, cora, "{\"item\":\"paper_fallback\",\"item\":\"business_model\"}");
    assertEquals(400, twice.statusCode(), twice.body());
    assertTrue(WebFixture.json(twice).get("error").asText().contains("item"), twice.body());
    HttpResponse<String> unknown = f.postJson(path, clara, "{\"item\":\"peer_training\",\"staff_trained\":12,\"status\":\"pass\"}");
    assertEquals(400, unknown.statusCode());
    assertEquals("unknown field 'status'; this request takes document_sha256, item, note, signs, staff_trained", WebFixture.json(unknown).get("error").asText());
    HttpResponse<String> half = f.postJson(path, clara, "{\"item\":\"peer_training\",\"staff_trained\":1.5}");
    assertEquals(400, half.statusCode());
    assertEquals("staff_trained must be a whole number of people, got 1.5", WebFixture.json(half).get("error").asText());
    HttpResponse<String> wrongItem = f.postJson(path, clara, "{\"item\":\"paper_fallback\",\"staff_trained\":3}");
    assertEquals(400, wrongItem.statusCode());
    assertEquals("staff trained is a figure of peer_training (item 7) only, not of paper_fallback", WebFixture.json(wrongItem).get("error").asText());
    assertTrue(f.store.people().attestations("strict-case", null).isEmpty());
    HttpResponse<String> decideUnknown = f.postJson("/api/v1/use-cases/strict-case/decisions", f.token("chair"), "{\"outcome\":\"decline\",\"override\":true}");
    assertEquals(400, decideUnknown.statusCode());
    assertTrue(f.store.people().decisions("strict-case").isEmpty());
  }

  @Test
  void bad_json_and_wrong_content_type_are_json_errors_without_a_stack_trace() throws Exception {
    HttpResponse<String> r = f.postJson("/api/v1/use-cases", pat, "{\"id\": ");
    assertEquals(400, r.statusCode());
    assertTrue(WebFixture.json(r).get("error").asText().startsWith("the request body is not valid JSON"), r.body());
    assertFalse(r.body().contains("at org.") || r.body().contains("at com.") || r.body().contains("Exception"), r.body());
    HttpResponse<String> text = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/use-cases")).header("Authorization", "Bearer " + pat)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("id=x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(415, text.statusCode());
    HttpResponse<String> nf = f.get("/api/v1/nothing-here", pat);
    assertEquals(404, nf.statusCode());
    assertEquals("not found: GET /api/v1/nothing-here", WebFixture.json(nf).get("error").asText());
    HttpResponse<String> dup = f.postJson("/api/v1/use-cases", pat, "{\"id\":\"dup\",\"title\":\"t\"}");
    assertEquals(201, dup.statusCode());
    assertEquals("use case dup already exists", WebFixture.json(f.postJson("/api/v1/use-cases", pat, "{\"id\":\"dup\",\"title\":\"t\"}")).get("error").asText());
  }

  @Test
  void verify_reports_an_intact_chain_then_the_first_entry_changed_behind_its_back() throws Exception {
    Path d2 = dir.resolve("tamper");
    Files.createDirectories(d2);
    // A store of its own, so tampering does not disturb the other tests.
    org.tollgate.store.Store st = org.tollgate.store.Store.open(org.tollgate.store.Store.h2File(d2.resolve("store")));
    st.people().addUser("ana", java.util.EnumSet.of(org.tollgate.store.People.Role.ADMIN), WebFixture.PASSWORD.toCharArray(), null);
    String token = st.people().issueToken(st.people().login("ana", WebFixture.PASSWORD.toCharArray()), "t");
    for (int k = 0; k < 3; k++) st.audit().append("ana", org.tollgate.store.AuditAction.SETTINGS_CHANGE, "use_case/x", Map.of("k", k));
    Web w = Web.create(new Web.Settings("127.0.0.1", 0, st, "test", d2.resolve("uploads"), 1 << 20)).start();
    try {
      String base = "http://127.0.0.1:" + w.port();
      JsonNode ok = Json.MAPPER.readTree(f.http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/verify")).header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      assertTrue(ok.get("intact").asBoolean(), ok.toString());
      long entries = ok.get("entries").asLong();
      try (Connection c = DriverManager.getConnection(org.tollgate.store.Store.h2File(d2.resolve("store")));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE audit_log SET payload = '{\"k\":7}' WHERE seq = " + (entries - 1));
      }
      JsonNode bad = Json.MAPPER.readTree(f.http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/verify")).header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      assertFalse(bad.get("intact").asBoolean());
      assertEquals(entries - 1, bad.get("first_bad_seq").asLong());
      assertEquals("entry seq " + (entries - 1) + ": its payload was changed (SHA-256 of the payload no longer equals payload_digest)", bad.get("problem").asText());
    } finally {
      w.stop();
      st.close();
    }
  }

  // ---- the OpenAPI document ------------------------------------------------------------------------------

  @Test
  void every_registered_route_is_in_the_openapi_document_and_every_documented_one_exists() throws Exception {
    HttpResponse<String> r = f.get("/api/v1/openapi.yaml", null);
    assertEquals(200, r.statusCode());
    Map<String, Object> doc = new Yaml().load(r.body());
    assertEquals("3.0.3", doc.get("openapi"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    List<String> documented = new ArrayList<>();
    paths.forEach((p, ops) -> ops.keySet().forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p)));
    List<String> routes = f.web.routes();
    assertTrue(routes.size() >= 25, routes.toString());
    for (String route : routes) assertTrue(documented.contains(route), "not in openapi.yaml: " + route);
    for (String d : documented) assertTrue(routes.contains(d), "documented but not served: " + d);
  }

  /** A checklist's text down to its log table's header, without the footer below. */
  private static String withoutFooter(String text) {
    int at = text.indexOf("Initials");
    assertTrue(at > 0, text);
    // pdftotext's layout pads columns from the widest line on the page (the footers differ in length): compare the words
    return text.substring(0, at).replaceAll("\\s+", " ").strip();
  }

  /** The response codes openapi.yaml lists for one operation. */
  @SuppressWarnings("unchecked")
  static java.util.Set<String> documentedStatuses(String method, String path) throws Exception {
    Map<String, Object> doc = new Yaml().load(f.get("/api/v1/openapi.yaml", null).body());
    Map<String, Object> op = ((Map<String, Map<String, Map<String, Object>>>) doc.get("paths")).get(path).get(method.toLowerCase(java.util.Locale.ROOT));
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Object k : ((Map<Object, Object>) op.get("responses")).keySet()) out.add(String.valueOf(k));
    return out;
  }

  /**
   * Issue 19: the statuses the hardening added are answered by the server and listed in openapi.yaml for the operations
   * that answer them: 404 for an unknown use case (API and forms), 429 for too many logins (form and Basic token exchange).
   */
  @Test
  void the_404_for_unknown_use_cases_and_the_429_for_too_many_logins_are_answered_and_documented() throws Exception {
    String clara = f.token("clara");
    String chair = f.token("chair");
    assertEquals(404, f.postJson("/api/v1/use-cases/never-registered/attestations", clara, "{\"item\":\"paper_fallback\"}").statusCode());
    assertTrue(documentedStatuses("POST", "/api/v1/use-cases/{id}/attestations").contains("404"));
    assertEquals(404, f.postJson("/api/v1/use-cases/never-registered/decisions", chair, "{\"outcome\":\"approve\"}").statusCode());
    assertTrue(documentedStatuses("POST", "/api/v1/use-cases/{id}/decisions").contains("404"));
    String session = WebFixture.sessionCookie(f.formLogin("clara", WebFixture.PASSWORD));
    assertEquals(404, f.getWithCookie("/use-cases/never-registered", session).statusCode());
    assertTrue(documentedStatuses("GET", "/use-cases/{id}").contains("404"));
    String csrf = field(f.getWithCookie("/", session).body(), "csrf");
    for (String form : List.of("attest", "decide")) {
      HttpResponse<String> r = f.http.send(java.net.http.HttpRequest.newBuilder(URI.create(f.base + "/use-cases/never-registered/" + form))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("item=paper_fallback&outcome=approve&csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, r.statusCode(), form);
      assertTrue(documentedStatuses("POST", "/use-cases/{id}/" + form).contains("404"), form);
    }
    // One attempt a minute per name: the second is refused before any password is checked.
    Web limited = Web.create(new Web.Settings("127.0.0.1", 0, f.store, "test", dir.resolve("limited-uploads"), 1 << 20).withLoginLimits(100, 1, 100)).start();
    try {
      String base = "http://127.0.0.1:" + limited.port();
      assertEquals(401, WebHardeningTest.basic(f, base, "ghost-a", "guess").statusCode());
      HttpResponse<String> tokens = WebHardeningTest.basic(f, base, "ghost-a", "guess");
      assertEquals(429, tokens.statusCode(), tokens.body());
      assertTrue(tokens.headers().firstValue("Retry-After").isPresent());
      assertTrue(documentedStatuses("POST", "/api/v1/tokens").containsAll(List.of("401", "429")));
      assertEquals(401, f.formLogin(base, "ghost-b", "guess").statusCode());
      HttpResponse<String> login = f.formLogin(base, "ghost-b", "guess");
      assertEquals(429, login.statusCode(), login.body());
      assertTrue(documentedStatuses("POST", "/login").containsAll(List.of("401", "429")));
    } finally {
      limited.stop();
    }
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path x : s.toList()) {
        Path t = to.resolve(from.relativize(x).toString());
        if (Files.isDirectory(x)) Files.createDirectories(t);
        else Files.copy(x, t);
      }
    }
  }

  /** Dossier keys that differ between two runs of the same review in two folders: the tool's version and the inputs' paths. */
  static final class ReviewDiff {
    static JsonNode strip(JsonNode n) {
      if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("tool_version");
        o.remove("path");
        o.elements().forEachRemaining(ReviewDiff::strip);
      } else if (n.isArray()) {
        n.forEach(ReviewDiff::strip);
      }
      return n;
    }
  }
}
