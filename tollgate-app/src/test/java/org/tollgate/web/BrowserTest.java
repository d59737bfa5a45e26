package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.store.People;

/**
 * The pages in a real browser: Playwright for Java driving Debian's Chromium (/usr/bin/chromium; nothing is
 * downloaded). Skipped, saying why, when Chromium is absent; failed instead under CI=true, where .ci/run installs it.
 */
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir static Path dir;
  static WebFixture f;
  static Playwright playwright;
  static Browser browser;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String msg = "browser tests skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(msg + " (CI=true: the browser tests must run)");
      Assumptions.abort(msg);
    }
    f = new WebFixture(dir);
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (f != null) f.close();
  }

  @BeforeEach
  void open() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setAcceptDownloads(true));
    page = context.newPage();
  }

  @AfterEach
  void close() {
    if (context != null) context.close();
  }

  void login(String user) {
    page.navigate(f.base + "/");
    assertTrue(page.url().endsWith("/login"), page.url());
    page.fill("#user", user);
    page.fill("#password", WebFixture.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(f.base + "/");
    assertTrue(page.textContent("nav").contains("Logged in as " + user), page.textContent("nav"));
  }

  /** Uploads the fixture's bundle through the upload page as {@code pat}; returns to the new run's use-case page. */
  String uploadAsPat() throws Exception {
    login("pat");
    page.navigate(f.base + "/upload");
    Path zip = dir.resolve("bundle.zip");
    if (!Files.exists(zip)) Files.write(zip, f.bundle);
    page.setInputFiles("#bundle", zip);
    page.click("#upload-form button[type=submit]");
    page.waitForURL("**/use-cases/sepsis-alert?run=*", new Page.WaitForURLOptions().setTimeout(120_000));
    return page.url().substring(page.url().indexOf("run=") + 4);
  }

  @Test
  void log_in_upload_a_bundle_and_see_the_verdict_the_api_recorded() throws Exception {
    String run = uploadAsPat();
    String verdict = WebFixture.json(f.get("/api/v1/runs/" + run, f.token("pat"))).get("verdict").asText();
    String section = page.innerText("section.verdict");
    assertTrue(WebFixture.showsVerdict(section, verdict), section);
    assertEquals("Sepsis early warning alert", page.textContent("h1"));
    page.navigate(f.base + "/");
    Locator row = page.locator("table.portfolio tbody tr", new Page.LocatorOptions().setHasText("Sepsis early warning alert"));
    assertTrue(row.textContent().contains(verdict), row.textContent());
  }

  @Test
  void a_clinician_attests_paper_fallback_and_a_compliance_officer_is_refused_it() throws Exception {
    uploadAsPat();
    context.clearCookies();
    login("clara");
    page.navigate(f.base + "/use-cases/sepsis-alert");
    page.selectOption("#item", "paper_fallback");
    page.fill("#note", "downtime drill 2025-05, paper checklist on every ward");
    page.click("#attest-form button[type=submit]");
    page.waitForURL("**/use-cases/sepsis-alert#attestations");
    String table = page.textContent("#attestations table");
    assertTrue(table.contains("3. Paper-based fallback") && table.contains("clara") && table.contains("downtime drill 2025-05"), table);
    // The checklist's "attested by" column shows it at once, marked as recorded after the run it sits beside.
    String attestedBy = page.textContent(".checklist tr.item-3 td:last-child");
    assertTrue(attestedBy.contains("clara (clinician)") && attestedBy.contains("downtime drill 2025-05")
        && attestedBy.contains("after this run; review again to count it"), attestedBy);
    String item6 = page.textContent(".checklist tr.item-6 td:last-child");
    assertFalse(item6.contains("clara") || item6.contains("after this run"), "clara attested item 3 only: " + item6);

    context.clearCookies();
    login("cora");
    page.navigate(f.base + "/use-cases/sepsis-alert");
    List<String> offered = page.locator("#item option").allInnerTexts();
    assertEquals(List.of("6. Business model aligned (business_model)"), offered);
    // A person who edits the form to attest what their role may not: the server refuses.
    page.evaluate("() => { const o = document.createElement('option'); o.value = 'paper_fallback'; o.text = 'x';"
        + " const s = document.getElementById('item'); s.add(o); s.value = 'paper_fallback'; }");
    page.click("#attest-form button[type=submit]");
    page.waitForSelector("#error");
    assertEquals("cora (compliance_officer) may not attest paper_fallback; that needs clinician", page.textContent("#error"));
    assertEquals(1, f.store.people().attestations("sepsis-alert", null).stream().filter(a -> a.item().equals("paper_fallback")).count());
  }

  @Test
  void a_reset_password_must_be_replaced_at_the_next_login_before_anything_else() throws Exception {
    People.Principal admin = f.store.people().login("admin", WebFixture.PASSWORD.toCharArray());
    f.store.people().addUser("reset-me", java.util.EnumSet.of(People.Role.DATA_SCIENTIST), WebFixture.PASSWORD.toCharArray(), admin);
    f.store.people().resetPassword(admin, "reset-me", "temporary pass 1".toCharArray());
    // A pipeline cannot trade the temporary password for a token.
    java.net.http.HttpResponse<String> token = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(f.base + "/api/v1/tokens"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("reset-me:temporary pass 1".getBytes()))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, token.statusCode(), token.body());
    assertTrue(token.body().contains("temporary"), token.body());

    page.navigate(f.base + "/login");
    page.fill("#user", "reset-me");
    page.fill("#password", "temporary pass 1");
    page.click("button[type=submit]");
    page.waitForURL(f.base + "/account/password");
    assertTrue(page.isVisible("#temporary"));
    // Every other page sends the person back here until the password is theirs.
    page.navigate(f.base + "/audit");
    assertTrue(page.url().endsWith("/account/password"), page.url());
    page.fill("#current", "temporary pass 1");
    page.fill("#new", "my own passphrase");
    page.fill("#repeat", "my own passphrase!");
    page.click("#password-form button[type=submit]");
    assertEquals("The new password and its repetition differ.", page.textContent("#error"));
    page.fill("#current", "temporary pass 1");
    page.fill("#new", "my own passphrase");
    page.fill("#repeat", "my own passphrase");
    page.click("#password-form button[type=submit]");
    page.waitForURL(f.base + "/");
    assertTrue(page.textContent("nav").contains("Logged in as reset-me"), page.textContent("nav"));
    page.navigate(f.base + "/audit");
    assertTrue(page.url().endsWith("/audit"), page.url());
    assertFalse(f.store.people().mustChangePassword("reset-me"));
    assertEquals("reset-me", f.store.people().login("reset-me", "my own passphrase".toCharArray()).name());
    assertTrue(f.store.audit().entries("user/reset-me").stream().anyMatch(e -> e.action().equals("password.change")));
  }

  @Test
  void the_chair_records_a_decision_and_others_get_no_form() throws Exception {
    String run = uploadAsPat();
    assertEquals(0, page.locator("#decide-form").count(), "a product manager is offered no decision form");
    context.clearCookies();
    login("chair");
    page.navigate(f.base + "/use-cases/sepsis-alert");
    assertEquals(0, page.locator("#attest-form").count(), "the chair is offered no attestation form");
    // The run is REDESIGN: the form offers what the gate allows (no plain approve), with none chosen until one is picked.
    assertEquals("REDESIGN", f.store.reviews().find(run).verdict());
    assertEquals(3, page.locator("#decide-form input[name=outcome][type=radio]").count());
    assertEquals(0, page.locator("#decide-form input[name=outcome][value=approve]").count());
    assertTrue(page.textContent("#decide-form").contains("This run is REDESIGN: it can be approved only with contingencies"));
    assertEquals(0, page.locator("#decide-form input[name=outcome]:checked").count(), "no default decision");
    page.click("#decide-form button[type=submit]");
    assertTrue(page.url().endsWith("/use-cases/sepsis-alert"), "not sent without a decision: " + page.url());
    assertTrue((Boolean) page.evaluate("document.querySelector('#decide-form input[name=outcome]').validity.valueMissing"));
    assertEquals(0, f.store.people().decisions("sepsis-alert").size());
    // The date is asked for in the format every date on the page is shown in.
    assertEquals("YYYY-MM-DD", page.getAttribute("#review_date", "placeholder"));
    assertTrue(page.textContent("label[for=review_date]").contains("YYYY-MM-DD"));
    page.check("#decide-form input[name=outcome][value=approve_with_contingencies]");
    page.fill("#conditions", "volume guardrail: stop if alerts exceed 40 a day");
    page.fill("#review_date", "2026-06-01");
    page.click("#decide-form button[type=submit]");
    page.waitForURL("**/use-cases/sepsis-alert#decisions");
    String t = page.textContent("#decisions table");
    assertTrue(t.contains("Approved with contingencies") && t.contains("2026-06-01") && t.contains("chair") && t.contains(run.substring(0, 8)), t);
    String status = page.textContent("#decision-status");
    assertTrue(status.contains("Approved with contingencies by chair") && status.contains("2026-06-01"), status);
  }

  /** Every chart text's box, as the browser lays it out, against its chart's canvas (1 px of anti-aliasing allowed). */
  static final String CLIPPED_TEXT = """
      () => { const out = [];
        document.querySelectorAll('figure.chart svg').forEach(svg => {
          const c = svg.getBoundingClientRect();
          svg.querySelectorAll('text').forEach(t => {
            const b = t.getBoundingClientRect();
            if (b.width === 0) return;
            if (b.left < c.left - 1 || b.right > c.right + 1 || b.top < c.top - 1 || b.bottom > c.bottom + 1)
              out.push(svg.closest('figure').dataset.chart + ': "' + t.textContent + '"');
          });
        });
        return out; }""";

  @Test
  void the_use_case_page_has_contents_that_resolve_chart_text_inside_its_canvas_and_no_sideways_scroll_on_a_phone() throws Exception {
    uploadAsPat();
    List<?> hrefs = (List<?>) page.evaluate("() => Array.from(document.querySelectorAll('nav.toc a')).map(a => a.getAttribute('href'))");
    assertTrue(hrefs.size() >= 10, "a table of contents: " + hrefs);
    for (Object h : hrefs) {
      assertTrue(h.toString().startsWith("#"), h.toString());
      assertEquals(1, page.locator(h.toString()).count(), "contents link " + h + " has exactly one target");
    }
    // the summary and the decision status come before the contents and the evidence
    assertTrue((Boolean) page.evaluate("() => document.querySelector('section.verdict').getBoundingClientRect().top < document.querySelector('nav.toc').getBoundingClientRect().top"));
    assertEquals(List.of(), page.evaluate(CLIPPED_TEXT), "chart text outside its chart at 1280 px");
    page.setViewportSize(390, 844);
    page.reload();
    assertEquals(List.of(), page.evaluate(CLIPPED_TEXT), "chart text outside its chart at 390 px");
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
    assertTrue(width.intValue() <= 390, "the page is " + width + " px wide at 390 px");
    for (String path : List.of("/", "/audit")) {
      page.navigate(f.base + path);
      Number w = (Number) page.evaluate("() => document.documentElement.scrollWidth");
      assertTrue(w.intValue() <= 390, path + " is " + w + " px wide at 390 px");
    }
  }

  /** axe-core's script from its webjar (test scope). */
  static String axe() throws Exception {
    try (java.io.InputStream in = BrowserTest.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
      assertNotNull(in, "the axe-core webjar is on the test classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The WCAG 2.1 A and AA violations axe-core finds on the current page, one line each with up to three of the elements. */
  static List<?> violations(Page p, String axe) {
    p.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
    return (List<?>) p.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        + ".then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))");
  }

  @Test
  void axe_core_finds_no_accessibility_violation_on_any_page() throws Exception {
    String axe = axe();
    uploadAsPat();
    context.close();
    // A page's Content-Security-Policy forbids inline scripts, as it should; the test's own script is let in.
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setBypassCSP(true));
    page = context.newPage();
    page.navigate(f.base + "/login");
    assertEquals(List.of(), violations(page, axe), "/login");
    login("chair");
    for (String path : List.of("/", "/use-cases/sepsis-alert", "/audit", "/upload", "/?verdict=NO-GO&sort=verdict")) {
      page.navigate(f.base + path);
      assertEquals(List.of(), violations(page, axe), path);
    }
    page.setViewportSize(390, 844);
    page.navigate(f.base + "/use-cases/sepsis-alert");
    assertEquals(List.of(), violations(page, axe), "/use-cases/sepsis-alert at 390 px");
  }

  @Test
  void the_audit_page_verifies_the_chain() throws Exception {
    login("clara");
    page.navigate(f.base + "/audit");
    page.click("#verify");
    page.waitForSelector("#verification");
    String v = page.textContent("#verification");
    assertTrue(v.startsWith("✔ INTACT: all "), v);
    assertTrue(v.contains(f.store.audit().checkpoint().toString()), v + " vs " + f.store.audit().checkpoint());
  }

  @Test
  void the_dossier_pdf_downloads() throws Exception {
    String run = uploadAsPat();
    Download d = page.waitForDownload(() -> page.click("text=PDF, A4"));
    Path pdf = dir.resolve("downloaded.pdf");
    d.saveAs(pdf);
    byte[] b = Files.readAllBytes(pdf);
    assertEquals("%PDF", new String(b, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(d.suggestedFilename().startsWith("dossier-sepsis-alert-" + run.substring(0, 8)), d.suggestedFilename());
    if (Files.isExecutable(Path.of("/usr/bin/pdftotext"))) {
      String verdict = WebFixture.json(f.get("/api/v1/runs/" + run, f.token("pat"))).get("verdict").asText();
      String text = ApiTest.run("pdftotext", pdf.toString(), "-");
      assertTrue(WebFixture.showsVerdict(text, verdict), text);
    }
  }

  @Test
  void script_in_a_title_or_a_note_is_shown_as_text_and_never_runs() throws Exception {
    String title = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">Alert";
    String json = "{\"id\":\"xss-case\",\"title\":" + org.tollgate.report.Json.MAPPER.writeValueAsString(title) + "}";
    assertEquals(201, f.postJson("/api/v1/use-cases", f.token("pat"), json).statusCode());
    String note = "</td><script>window.__xss = 3</script><b onmouseover=alert(1)>bold</b>";
    assertEquals(201, f.postJson("/api/v1/use-cases/xss-case/attestations", f.token("clara"),
        "{\"item\":\"peer_training\",\"staff_trained\":12,\"note\":" + org.tollgate.report.Json.MAPPER.writeValueAsString(note) + "}").statusCode());
    login("clara");
    page.navigate(f.base + "/use-cases/xss-case");
    assertEquals(title, page.textContent("h1"));
    assertTrue(page.textContent("#attestations table").contains(note));
    assertEquals(0, page.locator("main script").count());
    assertEquals(0, page.locator("main img").count());
    assertEquals(0, page.locator("#attestations b").count());
    assertEquals("undefined", String.valueOf(page.evaluate("() => typeof window.__xss")));
    page.navigate(f.base + "/");
    assertTrue(page.textContent("table.portfolio").contains(title));
    assertEquals("undefined", String.valueOf(page.evaluate("() => typeof window.__xss")));
  }

  @Test
  void a_form_post_without_the_csrf_token_is_refused_even_with_the_session_cookie() throws Exception {
    login("clara");
    APIResponse r = page.request().post(f.base + "/use-cases/csrf-browser/attest",
        RequestOptions.create().setForm(FormData.create().set("item", "paper_fallback").set("note", "forged")).setMaxRedirects(0));
    assertEquals(403, r.status(), r.text());
    assertTrue(r.text().contains("missing or wrong CSRF token"), r.text());
    assertTrue(f.store.people().attestations("csrf-browser", null).isEmpty());
    // The session cookie is HttpOnly: no script on the page can read it.
    assertFalse(String.valueOf(page.evaluate("() => document.cookie")).contains(Sessions.COOKIE));
  }

  @Test
  void an_api_call_without_credentials_gets_401() {
    APIResponse r = page.request().get(f.base + "/api/v1/use-cases");
    assertEquals(401, r.status());
    assertTrue(r.text().contains("\"error\""), r.text());
  }

  @Test
  void the_pages_fit_1280_pixels_and_print_without_navigation_or_forms() throws Exception {
    uploadAsPat();
    Number scroll = (Number) page.evaluate("() => document.documentElement.scrollWidth");
    assertTrue(scroll.intValue() <= 1280, "page is " + scroll + " px wide: " + page.evaluate("() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL); const out = []; let n; while ((n = w.nextNode())) { const r = document.createRange(); r.selectNode(n); const b = r.getBoundingClientRect(); if (b.right > 1280) out.push(n.nodeName + ' ' + Math.round(b.right) + ' ' + (n.textContent || '').slice(0, 60)); } return out.slice(0, 8).join(' | '); }"));
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
    assertFalse(page.isVisible("nav"));
    assertFalse(page.isVisible(".downloads"));
    assertTrue(page.isVisible("section.verdict"));
  }

  /**
   * Charts: every {@code figure.chart svg} on the use-case page drew axes and has a size. Needs the chart module
   * (branch charts); on the DossierHtml skeleton there are no charts and this test fails on purpose.
   */
  @Test
  void every_chart_on_the_use_case_page_rendered_with_axes() throws Exception {
    uploadAsPat();
    List<ElementHandle> charts = page.querySelectorAll("figure.chart svg");
    assertFalse(charts.isEmpty(), "no figure.chart svg on the use-case page (the chart module is not merged yet)");
    for (ElementHandle svg : charts) {
      String name = String.valueOf(svg.evaluate("s => s.closest('figure').dataset.chart"));
      assertTrue(svg.querySelectorAll("g.axis").size() >= 1, name + " has no g.axis");
      BoundingBox box = svg.boundingBox();
      assertNotNull(box, name + " is not displayed");
      assertTrue(box.width > 0 && box.height > 0, name + " is " + box.width + "×" + box.height);
    }
  }
}
