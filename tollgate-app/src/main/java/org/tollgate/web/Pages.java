package org.tollgate.web;

import static org.tollgate.web.Web.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.tollgate.format.Units;
import org.tollgate.report.AuditSummary;
import org.tollgate.store.AuditLog;
import org.tollgate.store.People;
import org.tollgate.store.Reviews;

/**
 * The server-rendered pages: login, portfolio, use case (the dossier with its attestations and decisions, and the
 * attest and decide forms for the roles allowed), audit (with the verify button) and upload. No JavaScript: every
 * form posts and redirects. Every text that came from a person or a file goes through {@link Web#esc}; status is
 * carried by a word and a symbol, colour only repeats it.
 */
final class Pages {
  private final Web web;
  private final Workbench bench;

  Pages(Web web) {
    this.web = web;
    this.bench = web.bench;
  }

  void routes(RoutesConfig r) {
    r.get("/login", this::loginForm);
    r.post("/login", this::login);
    r.post("/logout", this::logout);
    r.get(Web.CHANGE_PASSWORD, this::passwordForm);
    r.post(Web.CHANGE_PASSWORD, this::changePassword);
    r.get("/", this::portfolio);
    r.get("/use-cases/{id}", this::useCase);
    r.post("/use-cases/{id}/attest", this::attest);
    r.post("/use-cases/{id}/decide", this::decide);
    r.get("/audit", this::audit);
    r.get("/upload", this::uploadForm);
    r.post("/upload", this::upload);
  }

  // ---- login ----------------------------------------------------------------------------------------

  private void loginForm(Context ctx) {
    loginPage(ctx, 200, null);
  }

  private void loginPage(Context ctx, int status, String message) {
    // Reuse the browser's pending login token: a second GET (another tab, the favicon redirected here) must not
    // invalidate the form already on screen.
    String have = ctx.cookie(Sessions.LOGIN_COOKIE);
    String token = have != null && have.matches("[A-Za-z0-9_-]{43}") ? have : Sessions.token();
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.LOGIN_COOKIE, token, 1800, web.secure(ctx)));
    StringBuilder b = new StringBuilder("<h1>Log in to tollgate</h1>");
    if (message != null) b.append("<p class=\"problem\" role=\"alert\">").append(esc(message)).append("</p>");
    b.append("<form method=\"post\" action=\"/login\" class=\"box\">")
        .append("<input type=\"hidden\" name=\"login_csrf\" value=\"").append(token).append("\">")
        .append("<p><label for=\"user\">User name</label><br><input id=\"user\" name=\"user\" autocomplete=\"username\" required></p>")
        .append("<p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>")
        .append("<p><button type=\"submit\">Log in</button></p></form>")
        .append("<p class=\"note\">After five wrong passwords each further attempt waits longer (1 s, doubling, up to 15 minutes).</p>");
    ctx.status(status).contentType("text/html; charset=utf-8").result(layout("Log in", null, b.toString()));
  }

  private void login(Context ctx) {
    if (!Sessions.same(ctx.cookie(Sessions.LOGIN_COOKIE), ctx.formParam("login_csrf"))) {
      loginPage(ctx, 403, "The login form had expired or did not come from this site; try again.");
      return;
    }
    String user = ctx.formParam("user");
    String pw = ctx.formParam("password");
    if (user == null || user.isBlank() || pw == null) {
      loginPage(ctx, 400, "Give a user name and a password.");
      return;
    }
    People.Principal p;
    try {
      web.logins.attempt(ctx.req().getRemoteAddr(), user);
    } catch (LoginLimiter.TooMany e) {
      ctx.header("Retry-After", Long.toString(e.retryAfter));
      loginPage(ctx, 429, e.getMessage());
      return;
    }
    try {
      p = bench.store.people().login(user.trim(), pw.toCharArray());
    } catch (org.tollgate.store.StoreException.NotAllowed e) {
      loginPage(ctx, 401, e.getMessage());
      return;
    }
    People.Account account = bench.store.people().account(p.name());
    boolean temporary = account.mustChangePassword();
    Sessions.Session s = web.sessions.create(p, temporary, account.credentialsVersion());
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.COOKIE, s.id(), Sessions.LIFETIME.toSeconds(), web.secure(ctx)));
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.LOGIN_COOKIE, "", 0, web.secure(ctx)));
    if (temporary) {
      ctx.redirect(Web.CHANGE_PASSWORD, io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- password -------------------------------------------------------------------------------------

  private void passwordForm(Context ctx) {
    passwordPage(ctx, 200, null);
  }

  private void passwordPage(Context ctx, int status, String message) {
    People.Principal me = Web.principal(ctx);
    Sessions.Session s = ctx.attribute(Web.SESSION);
    if (s == null) throw WebException.forbidden("change a password in the browser, logged in with it");
    StringBuilder b = new StringBuilder("<h1>Change your password</h1>");
    if (s.passwordTemporary()) {
      b.append("<p id=\"temporary\">Your password is temporary (printed by the server or set by an admin): choose your own before going on.</p>");
    }
    if (message != null) b.append("<p class=\"problem\" role=\"alert\" id=\"error\">").append(esc(message)).append("</p>");
    b.append("<form method=\"post\" action=\"").append(Web.CHANGE_PASSWORD).append("\" class=\"box\" id=\"password-form\">").append(csrf(s))
        .append("<input type=\"hidden\" name=\"user\" value=\"").append(esc(me.name())).append("\" autocomplete=\"username\">")
        .append("<p><label for=\"current\">Current password</label><br><input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required></p>")
        .append("<p><label for=\"new\">New password (at least 8 characters)</label><br><input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" required></p>")
        .append("<p><label for=\"repeat\">New password again</label><br><input id=\"repeat\" name=\"repeat\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" required></p>")
        .append("<p><button type=\"submit\">Change the password</button></p></form>")
        .append("<p class=\"note\">A wrong current password counts as a failed login.</p>");
    ctx.status(status);
    page(ctx, "Change your password", b.toString());
  }

  private void changePassword(Context ctx) {
    People.Principal me = Web.principal(ctx);
    Sessions.Session s = ctx.attribute(Web.SESSION);
    if (s == null) throw WebException.forbidden("change a password in the browser, logged in with it");
    String current = ctx.formParam("current");
    String fresh = ctx.formParam("new");
    if (current == null || fresh == null || !fresh.equals(ctx.formParam("repeat"))) {
      passwordPage(ctx, 400, "The new password and its repetition differ.");
      return;
    }
    try {
      bench.store.people().changePassword(me.name(), current.toCharArray(), fresh.toCharArray());
    } catch (org.tollgate.store.StoreException.NotAllowed e) {
      passwordPage(ctx, 403, "The current password is wrong (" + e.getMessage() + ").");
      return;
    } catch (org.tollgate.store.StoreException e) {
      passwordPage(ctx, 400, e.getMessage());
      return;
    }
    // The change ended every session of the account; this one goes on with the new credentials.
    web.sessions.passwordChanged(s.id(), bench.store.people().account(me.name()).credentialsVersion());
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    web.sessions.end(ctx.cookie(Sessions.COOKIE));
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.COOKIE, "", 0, web.secure(ctx)));
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- portfolio ------------------------------------------------------------------------------------

  /** The portfolio's sort orders, by query value, with the words the page uses for each. */
  private static final java.util.Map<String, String> SORTS = new java.util.LinkedHashMap<>();

  static {
    SORTS.put("rank", "rank (defensibility, then net value a month)");
    SORTS.put("verdict", "verdict (NO-GO first)");
    SORTS.put("reviewed", "review date (newest first)");
    SORTS.put("decision", "decision status (awaiting first)");
    SORTS.put("title", "title");
  }

  /**
   * The portfolio: counts by verdict and by decision status, filters and sort orders as plain links (GET, no
   * script), and one compact row per use case with its deciding rule, review date and decision.
   */
  private void portfolio(Context ctx) {
    StringBuilder b = new StringBuilder("<h1>Portfolio</h1>");
    List<Workbench.Ranked> all = bench.portfolio();
    if (all.isEmpty()) {
      b.append("<p>No use cases yet. <a href=\"/upload\">Upload a review bundle</a> to add one.</p>");
      page(ctx, "Portfolio", b.toString());
      return;
    }
    java.util.Map<String, List<People.Decision>> decided = new java.util.HashMap<>();
    for (Workbench.Ranked r : all) decided.put(r.useCase().id(), bench.store.people().decisions(r.useCase().id()));
    String verdictFilter = blank(ctx.queryParam("verdict"));
    String decisionFilter = blank(ctx.queryParam("decision"));
    String sort = SORTS.containsKey(String.valueOf(ctx.queryParam("sort"))) ? ctx.queryParam("sort") : "rank";
    java.util.Map<String, Integer> byVerdict = new java.util.LinkedHashMap<>();
    for (String v : List.of("GO", "REDESIGN", "NO-GO", "not reviewed")) byVerdict.put(v, 0);
    int awaiting = 0;
    for (Workbench.Ranked r : all) {
      byVerdict.merge(r.useCase().latestVerdict() == null ? "not reviewed" : r.useCase().latestVerdict(), 1, Integer::sum);
      if (decided.get(r.useCase().id()).isEmpty()) awaiting++;
    }
    b.append("<p class=\"counts\" id=\"counts\"><strong>").append(all.size()).append(" use cases.</strong> Verdicts: ");
    List<String> parts = new ArrayList<>();
    byVerdict.forEach((v, n) -> {
      if (n > 0 || !v.equals("not reviewed")) parts.add(n + " " + v);
    });
    b.append(esc(String.join(" · ", parts))).append(". Committee decisions: ").append(all.size() - awaiting).append(" recorded · ").append(awaiting)
        .append(" awaiting.</p>");
    b.append("<p class=\"note\">Ranked by how defensible the regulatory path is (the mean of three scores from 1, least, to 5, most: clinical validation burden, ")
        .append("data provenance clarity, fallback existence), then by the expected net value a month of the chosen alert policy (dollars: its detections priced at review.yaml's benefit per detection, "
        + "less the staff time of its alerts; not the decision curve's net benefit): a tool is ranked high when it is easy to defend, ")
        .append("whatever its verdict, so a NO-GO can rank above a GO. Figures come from each use case's latest review.</p>");
    b.append("<nav class=\"filters no-print\" aria-label=\"Filter and sort\"><p>Show: ");
    portfolioLink(b, null, decisionFilter, sort, verdictFilter == null, "all verdicts");
    for (String v : List.of("GO", "REDESIGN", "NO-GO")) portfolioLink(b, v, decisionFilter, sort, v.equals(verdictFilter), v);
    b.append(" | ");
    portfolioLink(b, verdictFilter, null, sort, decisionFilter == null, "any decision");
    portfolioLink(b, verdictFilter, "awaiting", sort, "awaiting".equals(decisionFilter), "awaiting a decision");
    portfolioLink(b, verdictFilter, "decided", sort, "decided".equals(decisionFilter), "decided");
    b.append("</p><p>Sort by: ");
    for (String k : SORTS.keySet()) portfolioLink(b, verdictFilter, decisionFilter, k, k.equals(sort), SORTS.get(k));
    b.append("</p></nav>");
    List<Workbench.Ranked> rows = new ArrayList<>();
    for (Workbench.Ranked r : all) {
      if (verdictFilter != null && !verdictFilter.equals(r.useCase().latestVerdict())) continue;
      boolean isDecided = !decided.get(r.useCase().id()).isEmpty();
      if ("awaiting".equals(decisionFilter) && isDecided || "decided".equals(decisionFilter) && !isDecided) continue;
      rows.add(r);
    }
    java.util.Comparator<Workbench.Ranked> order = switch (sort) {
      case "verdict" -> java.util.Comparator.comparingInt((Workbench.Ranked r) -> verdictOrder(r.useCase().latestVerdict()));
      case "reviewed" -> java.util.Comparator.comparing((Workbench.Ranked r) -> String.valueOf(r.useCase().latestRunAt())).reversed();
      case "decision" -> java.util.Comparator.comparingInt((Workbench.Ranked r) -> decided.get(r.useCase().id()).isEmpty() ? 0 : 1);
      case "title" -> java.util.Comparator.comparing((Workbench.Ranked r) -> r.useCase().title().toLowerCase(Locale.ROOT));
      default -> (x, y) -> 0;
    };
    rows.sort(order); // stable: ties keep the rank order
    b.append("<div class=\"wide\"><table class=\"portfolio\"><caption>").append(rows.size()).append(" of ").append(all.size())
        .append(" use cases, by ").append(esc(SORTS.get(sort))).append("</caption><thead><tr>")
        .append("<th scope=\"col\">Rank</th><th scope=\"col\">Use case</th><th scope=\"col\">Verdict and deciding rule</th>")
        .append("<th scope=\"col\">Defensibility (1–5)</th><th scope=\"col\">Net value a month</th>")
        .append("<th scope=\"col\">Reviewed</th><th scope=\"col\">Decision</th></tr></thead><tbody>");
    for (Workbench.Ranked r : rows) {
      Reviews.UseCase u = r.useCase();
      JsonNode d = r.dossier();
      b.append("<tr><td class=\"num\" data-label=\"Rank\">").append(r.rank() == 0 ? "<span class=\"why\">not ranked</span>" : String.valueOf(r.rank())).append("</td>")
          .append("<td data-label=\"Use case\"><a href=\"/use-cases/").append(esc(u.id())).append("\">").append(esc(u.title())).append("</a></td><td data-label=\"Verdict\">")
          .append(verdict(u.latestVerdict())).append(MonitoringSection.status(bench.store, u.id()));
      JsonNode deciding = d == null ? null : org.tollgate.report.DossierHtml.decidingItem(d);
      if (deciding != null) {
        b.append(" <span class=\"rule\">").append(esc(ruleName(deciding))).append(" — ").append(esc(deciding.path("status").asText())).append("</span>");
      }
      b.append("</td><td class=\"num\" data-label=\"Defensibility (1–5)\">");
      JsonNode reg = d == null ? null : d.path("regulatory_path");
      if (reg == null || Double.isNaN(r.defensibility())) {
        b.append("<span class=\"why\">not scored: no regulatory path in the review</span>");
      } else {
        b.append("<strong>").append(Units.number(r.defensibility(), 1)).append("</strong><br><span class=\"sub\" title=\"clinical validation burden")
            .append(" · data provenance clarity · fallback existence\">").append(reg.path("clinical_validation_score").asInt()).append(" · ")
            .append(reg.path("data_provenance_clarity").asInt()).append(" · ").append(reg.path("fallback_existence").asInt()).append("</span>");
      }
      b.append("</td><td class=\"num\" data-label=\"Net value a month\">").append(benefitText(r)).append("</td><td class=\"date\" data-label=\"Reviewed\">")
          .append(esc(day(u.latestRunAt()))).append("</td><td data-label=\"Decision\">");
      List<People.Decision> ds = decided.get(u.id());
      if (ds.isEmpty()) {
        b.append("awaiting a decision");
      } else {
        People.Decision last = ds.get(ds.size() - 1);
        b.append(esc(outcomeWords(last.outcome()))).append("<br><span class=\"sub date\">").append(esc(day(last.createdAt()))).append("</span>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    b.append("<p class=\"note\">Defensibility's three figures under the mean: clinical validation burden · data provenance clarity · fallback existence.</p>");
    page(ctx, "Portfolio", b.toString());
  }

  /** A deciding rule's short name: the checklist number and title, or the rule's title. */
  private static String ruleName(JsonNode item) {
    String id = item.path("id").asText();
    String t = item.path("title").asText();
    return id.matches("\\d+") ? "item " + id + ": " + t : t;
  }

  private static int verdictOrder(String v) {
    return v == null ? 3 : switch (v) {
      case "NO-GO" -> 0;
      case "REDESIGN" -> 1;
      case "GO" -> 2;
      default -> 3;
    };
  }

  /** The chosen policy's net value a month in dollars (the JSON's net_benefit_per_month), or why there is none. */
  private static String benefitText(Workbench.Ranked r) {
    if (!Double.isNaN(r.benefitPerMonth())) return Units.money(r.benefitPerMonth());
    if (r.dossier() == null) return "not reviewed";
    if (!r.dossier().path("simulation").isObject()) return "<span class=\"sub\">none: no alert policy simulated</span>";
    return "<span class=\"sub\">none: no benefit per detection in review.yaml</span>";
  }

  private static void portfolioLink(StringBuilder b, String verdict, String decision, String sort, boolean current, String label) {
    List<String> q = new ArrayList<>();
    if (verdict != null) q.add("verdict=" + java.net.URLEncoder.encode(verdict, java.nio.charset.StandardCharsets.UTF_8));
    if (decision != null) q.add("decision=" + decision);
    if (sort != null && !sort.equals("rank")) q.add("sort=" + sort);
    String href = "/" + (q.isEmpty() ? "" : "?" + String.join("&amp;", q));
    if (current) b.append("<strong class=\"current\" aria-current=\"true\">").append(esc(label)).append("</strong> ");
    else b.append("<a href=\"").append(href).append("\">").append(esc(label)).append("</a> ");
  }

  // ---- use case -------------------------------------------------------------------------------------

  private void useCase(Context ctx) {
    String id = ctx.pathParam("id");
    Reviews.UseCase u = bench.useCase(id);
    People.Principal me = Web.principal(ctx);
    Sessions.Session s = ctx.attribute(Web.SESSION);
    String runId = ctx.queryParam("run") != null ? ctx.queryParam("run") : u.latestRunId();
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(esc(u.title())).append("</h1><p class=\"id\">Use case ").append(esc(u.id())).append("</p>");
    String latestRun = null;
    List<People.Attestation> stored = bench.store.people().attestations(id, null);
    List<People.Decision> decisions = bench.store.people().decisions(id);
    if (runId == null) {
      b.append("<p>No review run yet. <a href=\"/upload\">Upload a review bundle</a> whose review.yaml has <code>use_case.id: ")
          .append(esc(u.id())).append("</code>.</p>");
      attestations(b, id, me, s, stored);
      decisions(b, decisions);
      page(ctx, u.title(), b.toString());
      return;
    }
    Workbench.Cached c = bench.run(runId);
    if (!c.run.useCaseId().equals(id)) throw WebException.notFound("run " + runId + " is not a run of use case " + id);
    latestRun = c.run.id();
    String api = Api.BASE + "/runs/" + esc(c.run.id());
    // The summary and, beside it, the chair's decision form: what the committee reads and does first.
    b.append("<div class=\"top\"><div class=\"summary-col\">");
    b.append("<p class=\"run\">Review run <code>").append(esc(c.run.id().substring(0, Math.min(8, c.run.id().length())))).append("</code> of ")
        .append(esc(day(c.run.createdAt()))).append(" by ").append(esc(c.run.actor())).append(" (").append(esc(c.run.toolVersion())).append(")")
        .append(c.signing.checkpoint() == null ? "" : "; audit checkpoint <code class=\"checkpoint\">" + esc(shortCheckpoint(c.signing.checkpoint())) + "</code>")
        .append(".</p>");
    b.append("<div class=\"dossier\">").append(org.tollgate.report.DossierHtml.summary(c.dossier)).append("</div>");
    b.append("<p class=\"decision-status\" id=\"decision-status\"><strong>Committee decision:</strong> ").append(decisionStatus(decisions)).append("</p>");
    b.append("<p class=\"downloads no-print\">Download: the one-page dossier to sign (<a href=\"").append(api).append("/dossier.pdf\">PDF, Letter</a> · <a href=\"")
        .append(api).append("/dossier.pdf?page=a4\">PDF, A4</a> · <a href=\"").append(api).append("/dossier.html\">HTML</a>) · the dossier as <a href=\"")
        .append(api).append("/dossier\">JSON</a> · the CHAI model card as <a href=\"")
        .append(api).append("/model-card.xml\">XML</a> or <a href=\"").append(api).append("/model-card.pdf\">PDF</a></p>");
    b.append("</div><aside class=\"decide-col\" aria-label=\"Committee decision\">");
    decideForm(b, id, me, s, latestRun, c.run.verdict());
    b.append("</aside></div>");
    String monitoring = org.tollgate.report.Glossary.link(MonitoringSection.section(bench.store, id));
    b.append("<nav class=\"toc no-print\" aria-label=\"Contents of this page\"><h2>Contents</h2><ol>");
    for (java.util.Map.Entry<String, String> e : org.tollgate.report.DossierHtml.CONTENTS) {
      b.append("<li><a href=\"#").append(e.getKey()).append("\">").append(esc(e.getValue())).append("</a></li>");
    }
    b.append("<li><a href=\"#attestations\">Attestations</a></li><li><a href=\"#decisions\">Committee decisions</a></li>")
        .append(monitoring.isEmpty() ? "" : "<li><a href=\"#monitoring\">After the launch: monitoring</a></li>").append("</ol></nav>");
    b.append("<div class=\"dossier\">").append(c.sections(attestationsJson(stored, c.run.createdAt()))).append("</div>");
    attestations(b, id, me, s, stored);
    decisions(b, decisions);
    b.append(monitoring);
    page(ctx, u.title(), b.toString());
  }

  /** The latest decision in one line, or that none is recorded yet. */
  static String decisionStatus(List<People.Decision> ds) {
    if (ds.isEmpty()) return "none recorded yet.";
    People.Decision d = ds.get(ds.size() - 1);
    return "<span class=\"outcome\">" + esc(outcomeWords(d.outcome())) + "</span> by " + esc(d.user()) + " on " + esc(day(d.createdAt()))
        + (d.reviewDate() == null ? "" : "; review again by " + esc(d.reviewDate())) + (d.conditions() == null ? "" : "; conditions: " + esc(d.conditions())) + ".";
  }

  static String outcomeWords(String outcome) {
    return switch (outcome) {
      case "approve" -> "Approved";
      case "approve_with_contingencies" -> "Approved with contingencies";
      case "re_review" -> "Re-review on a date";
      case "decline" -> "Declined";
      default -> outcome.replace('_', ' ');
    };
  }

  /** The day of a store timestamp (its first ten characters, YYYY-MM-DD): every date on the pages is written so. */
  static String day(String timestamp) {
    return timestamp == null ? "not yet" : timestamp.length() >= 10 ? timestamp.substring(0, 10) : timestamp;
  }

  /** A store timestamp as YYYY-MM-DD HH:MM UTC. */
  static String minute(String timestamp) {
    if (timestamp == null) return "not yet";
    return timestamp.length() >= 16 ? timestamp.substring(0, 10) + " " + timestamp.substring(11, 16) + " UTC" : timestamp;
  }

  private static String shortCheckpoint(String cp) {
    return cp.length() > 28 ? cp.substring(0, 28) + "…" : cp;
  }

  /**
   * The store's attestations as the checklist's "attested by" column reads them; one recorded after the run
   * is marked so, since the run's item statuses could not count it.
   */
  static com.fasterxml.jackson.databind.JsonNode attestationsJson(List<People.Attestation> as, String runCreatedAt) {
    com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (People.Attestation a : as) {
      com.fasterxml.jackson.databind.node.ObjectNode o = out.addObject();
      o.put("item", a.item());
      o.put("by", a.user());
      o.put("role", a.role());
      o.put("date", a.createdAt());
      if (a.note() != null && !a.note().isBlank()) o.put("note", a.note());
      if (runCreatedAt != null && a.createdAt() != null && a.createdAt().compareTo(runCreatedAt) > 0) o.put("after_run", true);
    }
    return out;
  }

  private void attestations(StringBuilder b, String id, People.Principal me, Sessions.Session s, List<People.Attestation> as) {
    b.append("<section id=\"attestations\"><h2>Attestations</h2>");
    if (as.isEmpty()) {
      b.append("<p>None recorded in the store (attestations written in review.yaml appear in the dossier's items).</p>");
    } else {
      b.append("<table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">By</th><th scope=\"col\">Role</th><th scope=\"col\">When (UTC)</th>")
          .append("<th scope=\"col\">Note</th><th scope=\"col\">Staff trained by peers</th><th scope=\"col\">Document SHA-256</th></tr></thead><tbody>");
      for (People.Attestation a : as) {
        // an example signature says so where the signer is named, not only in its note (r17 finding 10); role and time as people read them
        boolean example = a.note() != null && a.note().startsWith(org.tollgate.gate.Attestation.EXAMPLE_NOTE);
        b.append("<tr><td>").append(esc(itemLabel(a.item()))).append("</td><td>").append(example ? "<strong>EXAMPLE</strong> " : "").append(esc(a.user()))
            .append("</td><td>").append(esc(a.role().replace('_', ' ')))
            .append("</td><td>").append(esc(org.tollgate.format.Units.utcMinute(a.createdAt()))).append("</td><td class=\"note\">").append(esc(a.note())).append("</td><td class=\"num\">")
            .append(a.staffTrained() != null ? a.staffTrained() + " people" : a.item().equals("peer_training") ? "<span class=\"why\">not given</span>"
                : "<span class=\"why\">not asked (item 7 only)</span>").append("</td><td>")
            .append(a.documentSha256() == null ? "<span class=\"why\">no document attached</span>"
                : "<code>" + esc(a.documentSha256().substring(0, Math.min(12, a.documentSha256().length()))) + "…</code>")
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    List<People.AttestedItem> mine = new ArrayList<>();
    for (People.AttestedItem i : People.AttestedItem.values()) {
      if (i.allowed().stream().anyMatch(me.roles()::contains)) mine.add(i);
    }
    if (!mine.isEmpty() && s != null) {
      b.append("<form method=\"post\" action=\"/use-cases/").append(esc(id)).append("/attest\" class=\"box no-print\" id=\"attest-form\">")
          .append("<h3>Attest an item as ").append(esc(me.name())).append("</h3>").append(csrf(s))
          .append("<p><label for=\"item\">Item</label><br><select id=\"item\" name=\"item\">");
      for (People.AttestedItem i : mine) b.append("<option value=\"").append(i.word()).append("\">").append(esc(itemLabel(i.word()))).append("</option>");
      b.append("</select></p>");
      // what each item signs, as the latest run states it: the signature counts only while a review measures that text
      for (People.AttestedItem i : mine) {
        if (!org.tollgate.gate.Attestation.BOUND.contains(i.word())) continue;
        String what = i == People.AttestedItem.PAPER_FALLBACK ? "the paper rule" : "the business model's facts";
        try {
          String text = org.tollgate.review.StoredRuns.toSign(bench.store, id, i, null);
          b.append("<p class=\"signs\">").append(esc(itemLabel(i.word()))).append(" signs ").append(what).append(" of the latest run: <q>")
              .append(esc(text)).append("</q> (a new signature is needed if a later run states another)</p>")
              .append("<input type=\"hidden\" name=\"signs_").append(i.word()).append("\" value=\"").append(esc(text)).append("\">");
        } catch (org.tollgate.store.StoreException none) {
          b.append("<p class=\"signs why\">").append(esc(itemLabel(i.word()))).append(": ").append(esc(none.getMessage())).append("</p>");
        }
      }
      b.append("<p><label for=\"note\">What you checked (no patient data)</label><br><textarea id=\"note\" name=\"note\" rows=\"2\" cols=\"60\"></textarea></p>")
          .append("<p><label for=\"staff_trained\">Frontline staff trained by peers (item 7 only; number of people)</label><br>")
          .append("<input id=\"staff_trained\" name=\"staff_trained\" type=\"number\" min=\"0\" step=\"1\"></p>")
          .append("<p><button type=\"submit\">Record the attestation</button></p></form>");
    }
    b.append("</section>");
  }

  private void decisions(StringBuilder b, List<People.Decision> ds) {
    b.append("<section id=\"decisions\"><h2>Committee decisions</h2>");
    if (ds.isEmpty()) {
      b.append("<p>No decision recorded yet.</p>");
    } else {
      b.append("<div class=\"wide\"><table><thead><tr><th scope=\"col\">Decision</th><th scope=\"col\">Conditions</th><th scope=\"col\">Review date</th>")
          .append("<th scope=\"col\">By</th><th scope=\"col\">When</th><th scope=\"col\">Run</th></tr></thead><tbody>");
      for (People.Decision d : ds) {
        b.append("<tr><td>").append(esc(outcomeWords(d.outcome()))).append("</td><td class=\"note\">")
            .append(d.conditions() == null ? "<span class=\"why\">none set</span>" : esc(d.conditions()))
            .append("</td><td class=\"date\">").append(d.reviewDate() == null ? "<span class=\"why\">none set</span>" : esc(d.reviewDate())).append("</td><td>").append(esc(d.user()))
            .append("</td><td class=\"date\">").append(esc(minute(d.createdAt()))).append("</td><td>")
            .append(d.runId() == null ? "<span class=\"why\">not tied to a run</span>" : "<code>" + esc(d.runId().substring(0, Math.min(8, d.runId().length()))) + "</code>")
            .append("</td></tr>");
      }
      b.append("</tbody></table></div>");
    }
    b.append("</section>");
  }

  /**
   * The chair's form: the four outcomes as radio buttons with none chosen (a decision is made, not accepted by
   * default), conditions, and a review date typed as YYYY-MM-DD, the format every date on the page is shown in.
   * Others see who may decide.
   */
  private void decideForm(StringBuilder b, String id, People.Principal me, Sessions.Session s, String runId, String verdict) {
    if (!me.roles().contains(People.Role.COMMITTEE_CHAIR) || s == null) {
      b.append("<div class=\"box\"><h2>Committee decision</h2><p>Recorded by the committee chair, logged in, on this page.</p></div>");
      return;
    }
    b.append("<form method=\"post\" action=\"/use-cases/").append(esc(id)).append("/decide\" class=\"box no-print\" id=\"decide-form\">")
        .append("<h2>Record the committee's decision</h2>").append(csrf(s));
    if (runId != null) b.append("<input type=\"hidden\" name=\"run_id\" value=\"").append(esc(runId)).append("\">");
    b.append("<fieldset><legend>Decision</legend>");
    String[][] all = {{"approve", "Approve"}, {"approve_with_contingencies", "Approve with contingencies"},
        {"re_review", "Re-review on a date"}, {"decline", "Decline"}};
    // an approval follows the gate: only what People.Outcome.allowedFor allows (the store refuses the others)
    List<String[]> outcomes = new ArrayList<>();
    for (String[] o : all) if (People.Outcome.parse(o[0]).allowedFor(verdict)) outcomes.add(o);
    if ("NO-GO".equals(verdict)) {
      b.append("<p class=\"why\">This run is NO-GO: its fatal flaw has no fix to make a condition of, so it can be declined or set for re-review, not approved.</p>");
    } else if ("REDESIGN".equals(verdict)) {
      b.append("<p class=\"why\">This run is REDESIGN: it can be approved only with contingencies (the fixes as conditions, with a review date).</p>");
    }
    for (String[] o : outcomes) {
      b.append("<label class=\"choice\"><input type=\"radio\" name=\"outcome\" value=\"").append(o[0]).append("\" required> ").append(o[1]).append("</label>");
    }
    b.append("</fieldset>")
        .append("<p><label for=\"conditions\">Conditions (needed to approve with contingencies)</label><br><textarea id=\"conditions\" name=\"conditions\" rows=\"3\"></textarea></p>")
        .append("<p><label for=\"review_date\">Review date, as YYYY-MM-DD (needed with contingencies or re-review)</label><br>")
        .append("<input id=\"review_date\" name=\"review_date\" type=\"text\" inputmode=\"numeric\" pattern=\"\\d{4}-\\d{2}-\\d{2}\" placeholder=\"YYYY-MM-DD\" size=\"12\"></p>")
        .append("<p><button type=\"submit\">Record the decision</button></p></form>");
  }

  private void attest(Context ctx) {
    String id = ctx.pathParam("id");
    bench.useCase(id);
    String staff = blank(ctx.formParam("staff_trained"));
    Integer n;
    try {
      n = staff == null ? null : Integer.valueOf(staff);
    } catch (NumberFormatException e) {
      throw WebException.badRequest("staff trained must be a whole number of people, got '" + staff + "'");
    }
    String item = ctx.formParam("item");
    if (item == null) throw WebException.badRequest("choose the item to attest");
    People.AttestedItem it = People.AttestedItem.parse(item);
    // the form showed the text each item signs; the item's field carries it, so a run recorded since cannot slip in another
    String shown = blank(ctx.formParam("signs_" + it.word()));
    bench.store.people().attest(Web.principal(ctx), id, it, blank(ctx.formParam("note")), null, n,
        () -> org.tollgate.review.StoredRuns.toSign(bench.store, id, it, shown));
    ctx.redirect("/use-cases/" + id + "#attestations", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void decide(Context ctx) {
    String id = ctx.pathParam("id");
    bench.useCase(id);
    String outcome = ctx.formParam("outcome");
    if (outcome == null) throw WebException.badRequest("choose a decision");
    bench.store.people().decide(Web.principal(ctx), id, People.Outcome.parse(outcome), blank(ctx.formParam("conditions")),
        People.date(blank(ctx.formParam("review_date"))), blank(ctx.formParam("run_id")));
    ctx.redirect("/use-cases/" + id + "#decisions", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- audit ----------------------------------------------------------------------------------------

  /** Entries shown on the page (newest); the API returns all. */
  static final int AUDIT_ROWS = 500;

  private void audit(Context ctx) {
    StringBuilder b = new StringBuilder("<h1>Audit trail</h1>");
    b.append("<p>Every review run, attestation, decision, new user, token and failed login, in a hash chain: each entry's hash covers")
        .append(" the one before, so a changed, deleted or reordered entry breaks the chain from there on.</p>");
    AuditLog.Published pub = bench.store.audit().lastPublished();
    b.append("<p id=\"published-checkpoint\">").append(pub == null
        ? "No checkpoint has been published yet: <code>tollgate audit checkpoint --out FILE</code> writes the head to a file kept outside the store."
        : "Last published checkpoint: <code>" + esc(pub.checkpoint().toString()) + "</code>, published " + esc(pub.time()) + " by " + esc(pub.actor())
            + (pub.where() == null ? "" : " to " + esc(pub.where())) + ". Compare it with the copy kept outside the store, then verify against it below.")
        .append("</p>");
    String cp = blank(ctx.queryParam("checkpoint"));
    b.append("<form method=\"get\" action=\"/audit\" class=\"box no-print\"><input type=\"hidden\" name=\"verify\" value=\"1\">")
        .append("<p><label for=\"checkpoint\">Checkpoint written down earlier (optional, e.g. seq 12 sha256 3aa9…)</label><br>")
        .append("<input id=\"checkpoint\" name=\"checkpoint\" size=\"80\" value=\"").append(esc(cp)).append("\"></p>")
        .append("<p><button type=\"submit\" id=\"verify\">Verify the chain</button></p></form>");
    if (ctx.queryParam("verify") != null) {
      AuditLog.Verification v = bench.store.audit().verify(cp == null ? null : AuditLog.parseCheckpoint(cp));
      if (v.intact()) {
        b.append("<p class=\"result ok\" id=\"verification\" role=\"status\">✔ INTACT: all ").append(v.entries())
            .append(" entries check out; the chain ends at checkpoint <code>").append(esc(String.valueOf(v.head()))).append("</code>")
            .append(cp == null ? "" : ", and it matches the checkpoint you gave").append(".</p>");
      } else {
        b.append("<p class=\"result bad\" id=\"verification\" role=\"alert\">✖ TAMPERED: the first broken entry is seq ").append(v.firstBadSeq())
            .append(": ").append(esc(v.problem())).append(" (").append(v.entries()).append(" entries read).</p>");
      }
    }
    List<AuditLog.Entry> es = bench.store.audit().entries();
    int from = Math.max(0, es.size() - AUDIT_ROWS);
    b.append("<div class=\"wide\"><table class=\"audit\"><caption>").append(es.size() - from).append(" most recent of ").append(es.size())
        .append(" entries (all of them: GET /api/v1/audit)</caption><thead><tr><th scope=\"col\">Seq</th><th scope=\"col\">Time (UTC)</th>")
        .append("<th scope=\"col\">Actor</th><th scope=\"col\">Action</th><th scope=\"col\">Subject</th><th scope=\"col\">Details</th>")
        .append("<th scope=\"col\">Hash</th></tr></thead><tbody>");
    for (int k = es.size() - 1; k >= from; k--) {
      AuditLog.Entry e = es.get(k);
      b.append("<tr><td class=\"num\">").append(e.seq()).append("</td><td>").append(esc(e.time())).append("</td><td>").append(esc(e.actor()))
          .append("</td><td>").append(esc(e.action())).append("</td><td>").append(esc(e.subject())).append("</td><td class=\"note\">")
          .append(esc(AuditSummary.of(e))).append("</td><td><code>").append(esc(e.hash().substring(0, 12))).append("…</code></td></tr>");
    }
    b.append("</tbody></table></div>");
    page(ctx, "Audit trail", b.toString());
  }

  // ---- upload ---------------------------------------------------------------------------------------

  private void uploadForm(Context ctx) {
    Sessions.Session s = ctx.attribute(Web.SESSION);
    People.Principal me = Web.principal(ctx);
    StringBuilder b = new StringBuilder("<h1>Upload a review bundle</h1>");
    b.append("<p>A bundle is a zip of a review folder: review.yaml (see <code>tollgate init</code>) and the data files it names, at the top")
        .append(" of the zip or in one folder; the data may be the summaries a Spark job writes instead of the rows. The review runs at once (a minute for a large cohort) and is recorded with its audit entry.")
        .append(" Limits: ").append(Bundles.size(bench.limits.maxUploadBytes())).append(" uploaded, ").append(bench.limits.maxEntries())
        .append(" files, ").append(Bundles.size(bench.limits.maxUncompressedBytes())).append(" unpacked.</p>");
    if (EnumSet.copyOf(Workbench.REVIEWERS).stream().noneMatch(me.roles()::contains)) {
      b.append("<p class=\"problem\">Your roles do not include running reviews (product manager, data scientist or admin).</p>");
    } else if (s != null) {
      b.append("<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\" class=\"box\" id=\"upload-form\">").append(csrf(s))
          .append("<p><label for=\"bundle\">Review bundle (.zip)</label><br><input id=\"bundle\" name=\"bundle\" type=\"file\" accept=\".zip,application/zip\" required></p>")
          .append("<p><button type=\"submit\">Upload and run the review</button></p></form>");
    }
    page(ctx, "Upload", b.toString());
  }

  private void upload(Context ctx) throws IOException {
    Path zip = Api.receive(ctx, bench);
    try {
      Workbench.Ran r = bench.runBundle(zip, Web.principal(ctx));
      ctx.redirect("/use-cases/" + r.useCaseId() + "?run=" + r.runId(), io.javalin.http.HttpStatus.SEE_OTHER);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  // ---- layout ---------------------------------------------------------------------------------------

  static String itemLabel(String word) {
    return switch (word) {
      case "paper_fallback" -> "3. Paper-based fallback (paper_fallback)";
      case "business_model" -> "6. Business model aligned (business_model)";
      case "peer_training" -> "7. Peer-led training (peer_training)";
      default -> word;
    };
  }

  static String verdict(String v) {
    if (v == null) return "<span class=\"badge none\">— not reviewed</span>";
    return switch (v) {
      case "GO" -> "<span class=\"badge go\">✔ GO</span>";
      case "NO-GO" -> "<span class=\"badge nogo\">✖ NO-GO</span>";
      case "REDESIGN" -> "<span class=\"badge redesign\">↻ REDESIGN</span>";
      default -> "<span class=\"badge\">" + esc(v) + "</span>";
    };
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String csrf(Sessions.Session s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + s.csrf() + "\">";
  }

  private void page(Context ctx, String title, String body) {
    People.Principal me = Web.principal(ctx);
    Sessions.Session s = ctx.attribute(Web.SESSION);
    StringBuilder nav = new StringBuilder("<nav class=\"no-print\"><a href=\"/\">Portfolio</a> <a href=\"/upload\">Upload a review</a> <a href=\"/audit\">Audit trail</a>")
        .append(" <span class=\"who\">Logged in as ").append(esc(me.name())).append(" (")
        .append(esc(String.join(", ", me.roles().stream().map(r -> r.word().replace('_', ' ')).sorted().toList()))).append(")</span>");
    if (s != null) nav.append(" <a href=\"").append(Web.CHANGE_PASSWORD).append("\">Change password</a>");
    if (s != null) nav.append(" <form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(s)).append("<button type=\"submit\">Log out</button></form>");
    nav.append("</nav>");
    // At phone width a wide table scrolls inside its own box; a keyboard must be able to reach it to scroll it.
    ctx.contentType("text/html; charset=utf-8").result(layout(title, nav.toString(), body.replace("<table>", "<table tabindex=\"0\">")
        .replace("<table class=", "<table tabindex=\"0\" class=")));
  }

  static String errorPage(int status, String message) {
    String title = status == 403 ? "Not allowed" : status == 404 ? "Not found" : status >= 500 ? "Something went wrong" : "Cannot do that";
    return layout(title, "<nav class=\"no-print\"><a href=\"/\">Portfolio</a> <a href=\"/audit\">Audit trail</a></nav>",
        "<h1>" + title + "</h1><p class=\"problem\" role=\"alert\" id=\"error\">" + esc(message) + "</p><p>HTTP status " + status + ".</p>");
  }

  static String layout(String title, String nav, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + " · tollgate</title><style>" + CSS + org.tollgate.report.DossierHtml.CSS + "</style></head><body><header>"
        + "<p class=\"brand\">tollgate · launch review</p>" + (nav == null ? "" : nav) + "</header><main>" + body + "</main></body></html>\n";
  }

  static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:16px;line-height:1.45;color:#1a1a1a;margin:0;background:#fff}
      header{background:#f2f2f2;border-bottom:1px solid #bbb;padding:.5rem 1rem}
      .brand{margin:0;font-weight:700}
      nav a{margin-right:1rem}
      nav .who{margin-left:1rem;color:#333}
      form.inline{display:inline}
      main{max-width:1200px;margin:0 auto;padding:1rem}
      h1{font-size:1.6rem}
      table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
      th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
      th{background:#eee}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      td.note{white-space:pre-wrap;overflow-wrap:anywhere}
      .dossier{overflow-x:auto}
      .dossier td,.dossier th,.dossier p,.dossier li{overflow-wrap:break-word}
      caption{text-align:left;font-weight:600;padding:.25rem 0}
      .wide{overflow-x:auto}
      .id{color:#444;font-size:.9rem}
      span.badge{font-weight:700;padding:0 .3rem;border:2px solid #555;border-radius:3px;white-space:nowrap}
      span.badge.go{border-color:#1b6e20;color:#1b6e20}
      span.badge.nogo{border-color:#a00;color:#a00}
      span.badge.redesign{border-color:#8a5a00;color:#8a5a00}
      .box{border:1px solid #999;padding:.5rem 1rem;margin:1rem 0;max-width:50rem;background:#fafafa}
      .problem{border-left:6px solid #a00;padding:.5rem;background:#fff4f4}
      .result.ok{border-left:6px solid #1b6e20;padding:.5rem;background:#f3fbf3}
      .result.bad{border-left:6px solid #a00;padding:.5rem;background:#fff4f4}
      .note{color:#333}
      figure.chart{margin:1rem 0;max-width:100%}
      figure.chart svg{max-width:100%;height:auto}
      code{font-size:.9em}
      button{font-size:1rem;padding:.3rem .8rem}
      input,select,textarea{font-size:1rem;max-width:100%;box-sizing:border-box}
      .top{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1rem;align-items:start}
      .top .box{margin-top:0}
      .decide-col h2{font-size:1.15rem;margin:.3rem 0 .5rem}
      fieldset{border:1px solid #999;margin:0 0 .5rem;padding:.3rem .6rem}
      label.choice{display:block;padding:.25rem 0}
      textarea{width:100%;box-sizing:border-box}
      .decision-status{border-left:6px solid #555;padding:.4rem .6rem;background:#f6f6f6}
      .sub{font-size:.85rem;color:#333}
      .rule{display:block;font-size:.9rem}
      table.portfolio td{padding:.2rem .4rem}
      td.date,.date{white-space:nowrap}
      .why{color:#333;font-style:italic}
      nav.filters p{margin:.3rem 0}
      nav.filters a,nav.filters strong{margin-right:.6rem}
      nav.toc{border:1px solid #bbb;padding:.2rem 1rem;margin:1rem 0;background:#fafafa}
      nav.toc h2{font-size:1rem;margin:.4rem 0}
      nav.toc ol{columns:3 14rem;margin:.2rem 0 .5rem;padding-left:1.4rem}
      main section{scroll-margin-top:.5rem}
      @media screen and (max-width:760px){
        .top{grid-template-columns:minmax(0,1fr)}
        main{padding:.5rem}
        header nav a{display:inline-block;margin:.2rem .8rem .2rem 0}
        table{display:block;overflow-x:auto;max-width:100%}
        .dossier .keynumbers li{min-width:0;flex:1 1 10rem}
        table.portfolio,table.portfolio tbody,table.portfolio tr,table.portfolio td{display:block;width:auto}
        table.portfolio{overflow:visible}
        table.portfolio caption{display:block}
        table.portfolio thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        table.portfolio tr{border:1px solid #999;margin:0 0 .6rem;padding:.2rem .4rem}
        table.portfolio td{border:none;text-align:left;padding:.1rem 0}
        table.portfolio td[data-label]:before{content:attr(data-label) ": ";font-weight:600}
        table.portfolio td[data-label="Use case"]:before,table.portfolio td[data-label="Verdict"]:before{content:none}
        table.portfolio td[data-label="Use case"]{font-size:1.05rem}
        h1{font-size:1.3rem}
      }
      @media print{
        .top{display:block}
        nav.toc{display:none}
        h2,h3{break-after:avoid;page-break-after:avoid}
        section{break-inside:auto}
        header nav,.no-print,form{display:none!important}
        body{font-size:10pt;color:#000}
        main{max-width:none;padding:0}
        a{color:#000;text-decoration:none}
        table{page-break-inside:auto} tr{page-break-inside:avoid}
        figure.chart{page-break-inside:avoid}
        .dossier,.wide{overflow:visible}
        td.note{white-space:normal}
      }
      """;
}
