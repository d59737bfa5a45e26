package org.tollgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tollgate.report.AuditSummary;
import org.tollgate.report.Json;
import org.tollgate.store.AuditLog;
import org.tollgate.store.People;
import org.tollgate.store.Reviews;

/** The REST API under /api/v1 (JSON; documented in openapi.yaml, which a test holds to the registered routes). */
final class Api {
  static final String BASE = "/api/v1";
  private final Web web;
  private final Workbench bench;

  Api(Web web) {
    this.web = web;
    this.bench = web.bench;
  }

  void routes(RoutesConfig r) {
    r.get(BASE + "/openapi.yaml", this::openapi);
    r.get(BASE + "/me", ctx -> json(ctx, 200, me(Web.principal(ctx))));
    r.get(BASE + "/use-cases", this::listUseCases);
    r.post(BASE + "/use-cases", this::createUseCase);
    r.get(BASE + "/use-cases/{id}", this::getUseCase);
    r.post(BASE + "/use-cases/{id}/attestations", this::attest);
    r.post(BASE + "/use-cases/{id}/decisions", this::decide);
    r.get(BASE + "/use-cases/{id}/monitoring", this::getMonitoring);
    r.post(BASE + "/use-cases/{id}/monitoring", this::postMonitoring);
    r.post(BASE + "/reviews", this::upload);
    r.get(BASE + "/runs/{run}", this::getRun);
    r.get(BASE + "/runs/{run}/dossier", ctx -> raw(ctx, "application/json", bench.run(ctx.pathParam("run")).run.dossier()));
    r.get(BASE + "/runs/{run}/dossier.html", ctx -> raw(ctx, "text/html; charset=utf-8", bench.run(ctx.pathParam("run")).onePage(page(ctx))));
    r.get(BASE + "/runs/{run}/dossier.pdf", this::pdf);
    r.get(BASE + "/runs/{run}/checklist.pdf", this::checklistPdf);
    r.get(BASE + "/runs/{run}/model-card.xml", this::modelCardXml);
    r.get(BASE + "/runs/{run}/model-card.pdf", this::modelCardPdf);
    r.get(BASE + "/audit", this::audit);
    r.get(BASE + "/audit/verify", this::verify);
    r.get(BASE + "/portfolio", this::portfolio);
    r.post(BASE + "/users", this::addUser);
    r.post(BASE + "/tokens", this::issueToken);
  }

  private void openapi(Context ctx) throws IOException {
    try (InputStream in = Api.class.getResourceAsStream("openapi.yaml")) {
      ctx.contentType("application/yaml; charset=utf-8").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static ObjectNode me(People.Principal p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("user", p.name());
    ArrayNode roles = o.putArray("roles");
    p.roles().stream().map(People.Role::word).sorted().forEach(roles::add);
    return o;
  }

  private void listUseCases(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("use_cases");
    for (Reviews.UseCase u : bench.store.reviews().useCases()) a.add(useCase(u));
    json(ctx, 200, o);
  }

  static ObjectNode useCase(Reviews.UseCase u) {
    ObjectNode x = Json.MAPPER.createObjectNode();
    x.put("id", u.id());
    x.put("title", u.title());
    x.put("created_at", u.createdAt());
    x.put("latest_run_id", u.latestRunId());
    x.put("latest_verdict", u.latestVerdict());
    x.put("latest_run_at", u.latestRunAt());
    return x;
  }

  private void createUseCase(Context ctx) throws IOException {
    People.Principal p = Web.principal(ctx);
    Workbench.require(p, Workbench.REVIEWERS, "register a use case");
    JsonNode b = body(ctx);
    String id = text(b, "id", true);
    AuditLog.Checkpoint cp = bench.store.reviews().createUseCase(id, text(b, "title", true), p.name());
    ObjectNode o = useCase(bench.useCase(id));
    o.put("audit_checkpoint", cp.toString());
    ctx.header("Location", BASE + "/use-cases/" + id);
    json(ctx, 201, o);
  }

  private void getUseCase(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode o = useCase(bench.useCase(id));
    ArrayNode at = o.putArray("attestations");
    for (People.Attestation a : bench.store.people().attestations(id, null)) {
      ObjectNode x = at.addObject();
      x.put("item", a.item());
      x.put("user", a.user());
      x.put("role", a.role());
      x.put("created_at", a.createdAt());
      x.put("note", a.note());
      x.put("document_sha256", a.documentSha256());
      if (a.staffTrained() == null) x.putNull("staff_trained");
      else x.put("staff_trained", a.staffTrained());
      x.put("signs", a.signs());
    }
    ArrayNode ds = o.putArray("decisions");
    for (People.Decision d : bench.store.people().decisions(id)) {
      ObjectNode x = ds.addObject();
      x.put("outcome", d.outcome());
      x.put("conditions", d.conditions());
      x.put("review_date", d.reviewDate());
      x.put("run_id", d.runId());
      x.put("user", d.user());
      x.put("created_at", d.createdAt());
    }
    json(ctx, 200, o);
  }

  private void attest(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    allowOnly(b, java.util.Set.of("item", "note", "document_sha256", "staff_trained", "signs"));
    if (b.hasNonNull("staff_trained") && !(b.get("staff_trained").isIntegralNumber() && b.get("staff_trained").canConvertToInt())) {
      throw WebException.badRequest("staff_trained must be a whole number of people, got " + b.get("staff_trained"));
    }
    Integer staff = b.hasNonNull("staff_trained") ? b.get("staff_trained").asInt() : null;
    People.AttestedItem item = People.AttestedItem.parse(text(b, "item", true));
    // the text signed is the latest run's (the paper rule, the business model's facts); "signs", when given, must equal it
    String shown = text(b, "signs", false);
    AuditLog.Checkpoint cp = bench.store.people().attest(Web.principal(ctx), ctx.pathParam("id"), item, text(b, "note", false),
        text(b, "document_sha256", false), staff, () -> org.tollgate.review.StoredRuns.toSign(bench.store, ctx.pathParam("id"), item, shown));
    json(ctx, 201, checkpoint(cp));
  }

  private void decide(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    allowOnly(b, java.util.Set.of("outcome", "conditions", "review_date", "run_id", "guardrails"));
    String guardrails = null;
    if (b.hasNonNull("guardrails")) {
      if (!b.get("guardrails").isObject()) throw WebException.badRequest("guardrails must be an object (the keys of review.yaml's monitoring: block)");
      try {
        guardrails = org.tollgate.ingest.config.MonitoringFile.toJson(org.tollgate.ingest.config.MonitoringFile.fromJson(b.get("guardrails").toString(), "guardrails"));
      } catch (org.tollgate.data.BadInputException e) {
        throw WebException.badRequest(e.getMessage());
      }
    }
    AuditLog.Checkpoint cp = bench.store.people().decide(Web.principal(ctx), ctx.pathParam("id"), People.Outcome.parse(text(b, "outcome", true)),
        text(b, "conditions", false), People.date(text(b, "review_date", false)), text(b, "run_id", false), guardrails);
    json(ctx, 201, checkpoint(cp));
  }

  /** The stored monitoring series: every stored period of the use case, oldest first, with its status. */
  private void getMonitoring(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    bench.useCase(id);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("schema", org.tollgate.report.MonitoringJson.SCHEMA);
    o.putObject("use_case").put("id", id);
    org.tollgate.store.Monitoring.Status s = bench.store.monitoring().status(id);
    o.put("status", s == null ? "not monitored" : s.status());
    if (s == null || s.reason() == null) o.putNull("reason");
    else o.put("reason", s.reason());
    ArrayNode a = o.putArray("periods");
    for (org.tollgate.store.Monitoring.Stored p : bench.store.monitoring().periods(id)) a.add(Json.MAPPER.readTree(p.summary()));
    json(ctx, 200, o);
  }

  /**
   * Stores the periods of a {@code tollgate.monitoring/v1} document made elsewhere ({@code tollgate monitor -o}); its
   * {@code reason}, when set, turns the use case re-review due. Reviewer roles only; the store refuses small cells.
   */
  private void postMonitoring(Context ctx) throws IOException {
    People.Principal p = Web.principal(ctx);
    Workbench.require(p, Workbench.REVIEWERS, "record monitoring periods");
    String id = ctx.pathParam("id");
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
    if (!type.startsWith("application/json")) {
      monitoringBundle(ctx, p, id);
      return;
    }
    JsonNode b = body(ctx);
    if (!org.tollgate.report.MonitoringJson.SCHEMA.equals(b.path("schema").asText())) {
      throw WebException.badRequest("schema must be " + org.tollgate.report.MonitoringJson.SCHEMA + ", got '" + b.path("schema").asText() + "'");
    }
    if (!id.equals(b.path("use_case").path("id").asText())) {
      throw WebException.badRequest("use_case.id is '" + b.path("use_case").path("id").asText() + "', not " + id);
    }
    if (!b.path("periods").isArray() || b.path("periods").isEmpty()) throw WebException.badRequest("periods must be a non-empty array");
    bench.useCase(id); // 404: recording monitoring never creates a use case (issue 19 item 6; POST /api/v1/use-cases does, with its id rule)
    java.util.List<org.tollgate.store.Monitoring.Period> ps = new java.util.ArrayList<>();
    for (JsonNode x : b.path("periods")) {
      if (!x.path("start").isTextual() || !x.path("end").isTextual()) throw WebException.badRequest("every period needs start and end");
      ps.add(new org.tollgate.store.Monitoring.Period(x.path("start").asText(), x.path("end").asText(), b.path("period").asText(""), x.toString(),
          x.path("breached").asBoolean(false), b.path("inputs").toString()));
    }
    String reason = b.path("reason").isTextual() ? b.path("reason").asText() : null;
    org.tollgate.store.Monitoring.Recorded r = bench.store.monitoring().record(id, b.path("use_case").path("title").asText(id), ps, reason, p.name());
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("periods", r.periods());
    o.put("status", bench.store.monitoring().status(id).status());
    o.put("audit_checkpoint", r.checkpoint().toString());
    json(ctx, 201, o);
  }

  /**
   * A period's data as a bundle (application/zip, or the multipart field "bundle"): summarised and judged here
   * ({@link Workbench#monitorBundle}); answers the {@code tollgate.monitoring/v1} document with the use case's status
   * and the audit checkpoint.
   */
  private void monitoringBundle(Context ctx, People.Principal p, String id) throws IOException {
    bench.useCase(id);
    Path zip = receive(ctx, bench);
    try {
      Workbench.Monitored m = bench.monitorBundle(zip, p, id);
      ObjectNode o = m.doc();
      o.put("stored_periods", m.recorded().periods());
      o.put("stored_status", bench.store.monitoring().status(id).status());
      o.put("audit_checkpoint", m.recorded().checkpoint() == null ? null : m.recorded().checkpoint().toString());
      json(ctx, 201, o);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  static ObjectNode checkpoint(AuditLog.Checkpoint cp) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("audit_checkpoint", cp.toString());
    return o;
  }

  /** A zip, either as the raw body (Content-Type application/zip) or as the multipart field "bundle". */
  private void upload(Context ctx) throws IOException {
    People.Principal p = Web.principal(ctx);
    Path zip = receive(ctx, bench);
    try {
      Workbench.Ran r = bench.runBundle(zip, p);
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("run_id", r.runId());
      o.put("use_case", r.useCaseId());
      o.put("verdict", r.verdict());
      o.put("fatal_flaw", r.fatalFlaw());
      o.put("audit_checkpoint", r.checkpoint());
      ctx.header("Location", BASE + "/runs/" + r.runId());
      json(ctx, 201, o);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  /** Saves the uploaded zip to a temporary file, refusing more than the upload limit (413) without reading further. */
  static Path receive(Context ctx, Workbench bench) throws IOException {
    // Who may upload is decided before any of the bundle is written to disk, for the API and the form alike.
    Workbench.require(Web.principal(ctx), Workbench.REVIEWERS, "upload and run a review");
    long limit = bench.limits.maxUploadBytes();
    InputStream in;
    if (Web.isForm(ctx)) {
      UploadedFile f;
      try {
        f = ctx.uploadedFile("bundle");
      } catch (RuntimeException e) {
        throw WebException.badRequest("could not read the uploaded form: " + e.getMessage());
      }
      if (f == null) throw WebException.badRequest("no file in the form field 'bundle'");
      if (f.size() > limit) throw new WebException(413, "the bundle is larger than " + Bundles.size(limit));
      in = f.content();
    } else {
      if (ctx.req().getContentLengthLong() > limit) throw Web.tooLarge(ctx, "the bundle is larger than " + Bundles.size(limit));
      in = ctx.bodyInputStream();
    }
    Files.createDirectories(bench.uploads);
    Path zip = Files.createTempFile(bench.uploads, "upload-", ".zip");
    try (InputStream src = in; OutputStream out = Files.newOutputStream(zip)) {
      byte[] buf = new byte[64 * 1024];
      long n = 0;
      for (int k; (k = src.read(buf)) > 0; ) {
        n += k;
        if (n > limit) throw new WebException(413, "the bundle is larger than " + Bundles.size(limit));
        out.write(buf, 0, k);
      }
      if (n == 0) throw WebException.badRequest("the upload is empty: send a zip of the review folder");
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(zip);
      throw e;
    }
    return zip;
  }

  private void getRun(Context ctx) {
    Workbench.Cached c = bench.run(ctx.pathParam("run"));
    Reviews.Run r = c.run;
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", r.id());
    o.put("use_case", r.useCaseId());
    o.put("verdict", r.verdict());
    o.put("fatal_flaw", r.fatalFlaw());
    o.put("tool_version", r.toolVersion());
    o.put("actor", r.actor());
    o.put("created_at", r.createdAt());
    o.put("settings_sha256", r.settingsSha256());
    o.put("dossier_sha256", r.dossierSha256());
    ArrayNode items = o.putArray("items");
    for (Reviews.Item it : r.items()) {
      ObjectNode x = items.addObject();
      x.put("id", it.id());
      x.put("title", it.title());
      x.put("status", it.status());
      x.put("reason", it.reason());
    }
    ArrayNode inputs = o.putArray("inputs");
    for (Reviews.Input in : r.inputs()) {
      ObjectNode x = inputs.addObject();
      x.put("path", Path.of(in.path()).getFileName().toString());
      x.put("format", in.format());
      x.put("sha256", in.sha256());
      x.put("rows", in.rows());
    }
    json(ctx, 200, o);
  }

  static String page(Context ctx) {
    String p = ctx.queryParam("page");
    if (p == null || p.equalsIgnoreCase("letter")) return "letter";
    if (p.equalsIgnoreCase("a4")) return "A4";
    throw WebException.badRequest("page must be letter or a4, got '" + p + "'");
  }

  private void pdf(Context ctx) {
    Workbench.Cached c = bench.run(ctx.pathParam("run"));
    byte[] b = c.pdf(page(ctx));
    ctx.header("Content-Disposition", "attachment; filename=\"dossier-" + c.run.useCaseId() + "-" + c.run.id().substring(0, 8) + ".pdf\"");
    ctx.contentType("application/pdf").result(b);
  }

  /** The CHAI Applied Model Card (schema v0.2) of a stored run, from its dossier. */
  private void modelCardXml(Context ctx) {
    Workbench.Cached c = bench.run(ctx.pathParam("run"));
    ctx.header("Content-Disposition", "attachment; filename=\"model-card-" + c.run.useCaseId() + "-" + c.run.id().substring(0, 8) + ".xml\"");
    ctx.contentType("application/xml; charset=utf-8").result(c.modelCardXml());
  }

  /** The model card as a PDF with its XML in the metadata (chaiMcXml, chaiMcSoftwareId). */
  private void modelCardPdf(Context ctx) {
    Workbench.Cached c = bench.run(ctx.pathParam("run"));
    byte[] b = c.modelCardPdf(page(ctx));
    ctx.header("Content-Disposition", "attachment; filename=\"model-card-" + c.run.useCaseId() + "-" + c.run.id().substring(0, 8) + ".pdf\"");
    ctx.contentType("application/pdf").result(b);
  }

  /** The review's paper checklist as its own one-page PDF, from the stored dossier, signed by the store's latest paper-fallback attestation (404 when the run has no paper rule). */
  private void checklistPdf(Context ctx) {
    Workbench.Cached c = bench.run(ctx.pathParam("run"));
    // signed only by a signature of this run's paper rule (a signature of another rule does not vouch for this checklist)
    String rule = null;
    for (JsonNode it : c.dossier.path("items")) {
      if (it.path("id").asText().equals("3") && it.path("evidence").path(org.tollgate.gate.Attestation.TO_SIGN).isTextual()) {
        rule = it.path("evidence").path(org.tollgate.gate.Attestation.TO_SIGN).asText();
      }
    }
    String signer = null;
    for (People.Attestation a : bench.store.people().attestations(c.run.useCaseId(), null)) {
      if (a.item().equals("paper_fallback") && a.signs() != null && a.signs().equals(rule)) {
        signer = a.user() + " (" + a.role().replace('_', ' ') + "), " + a.createdAt().substring(0, Math.min(10, a.createdAt().length()));
      }
    }
    byte[] b = c.checklistPdf(page(ctx), signer);
    if (b == null) throw WebException.notFound("review run " + c.run.id() + " has no paper rule (no bedside inputs), so it has no paper checklist");
    ctx.header("Content-Disposition", "attachment; filename=\"checklist-" + c.run.useCaseId() + "-" + c.run.id().substring(0, 8) + ".pdf\"");
    ctx.contentType("application/pdf").result(b);
  }

  private void audit(Context ctx) {
    String subject = ctx.queryParam("use_case") == null ? null : Reviews.subject(ctx.queryParam("use_case"));
    List<AuditLog.Entry> es = subject == null ? bench.store.audit().entries() : bench.store.audit().entries(subject);
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode a = o.putArray("entries");
    for (AuditLog.Entry e : es) {
      ObjectNode x = a.addObject();
      x.put("seq", e.seq());
      x.put("time", e.time());
      x.put("actor", e.actor());
      x.put("action", e.action());
      x.put("subject", e.subject());
      x.put("summary", AuditSummary.of(e));
      x.put("hash", e.hash());
    }
    o.put("checkpoint", bench.store.audit().checkpoint().toString());
    json(ctx, 200, o);
  }

  private void verify(Context ctx) {
    String cp = ctx.queryParam("checkpoint");
    AuditLog.Verification v = bench.store.audit().verify(cp == null || cp.isBlank() ? null : AuditLog.parseCheckpoint(cp));
    json(ctx, 200, verification(v));
  }

  static ObjectNode verification(AuditLog.Verification v) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("intact", v.intact());
    o.put("entries", v.entries());
    if (v.firstBadSeq() == null) o.putNull("first_bad_seq");
    else o.put("first_bad_seq", v.firstBadSeq());
    o.put("problem", v.problem());
    o.put("head", v.head() == null ? null : v.head().toString());
    return o;
  }

  private void portfolio(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("schema", "tollgate.portfolio/v1");
    ArrayNode a = o.putArray("use_cases");
    for (Workbench.Ranked r : bench.portfolio()) {
      ObjectNode x = a.addObject();
      if (r.rank() == 0) x.putNull("rank");
      else x.put("rank", r.rank());
      x.put("id", r.useCase().id());
      x.put("title", r.useCase().title());
      x.put("run_id", r.useCase().latestRunId());
      x.put("verdict", r.useCase().latestVerdict());
      if (r.dossier() != null) {
        JsonNode reg = r.dossier().path("regulatory_path");
        x.put("fatal_flaw", r.dossier().path("fatal_flaw").asText(null));
        x.set("clinical_validation_score", reg.path("clinical_validation_score"));
        x.set("data_provenance_clarity", reg.path("data_provenance_clarity"));
        x.set("fallback_existence", reg.path("fallback_existence"));
        x.set("defensibility", reg.path("defensibility"));
      }
      Json.num(x, "net_benefit_per_month", r.benefitPerMonth());
    }
    json(ctx, 200, o);
  }

  private void addUser(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    Set<People.Role> roles = new LinkedHashSet<>();
    for (JsonNode r : b.path("roles")) roles.add(People.Role.parse(r.asText()));
    if (roles.isEmpty()) throw WebException.badRequest("give the user's roles: \"roles\": [\"clinician\", ...]");
    String pw = text(b, "password", true);
    AuditLog.Checkpoint cp = bench.store.people().addUser(text(b, "name", true), EnumSet.copyOf(roles), pw.toCharArray(), Web.principal(ctx));
    json(ctx, 201, checkpoint(cp));
  }

  private void issueToken(Context ctx) throws IOException {
    JsonNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : body(ctx);
    String label = b.hasNonNull("label") ? b.get("label").asText() : "api";
    String token = bench.store.people().issueToken(Web.principal(ctx), label, web.tokenLifetime);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("token", token);
    o.put("note", "shown once; send it as Authorization: Bearer TOKEN");
    json(ctx, 201, o);
  }

  // ---- helpers --------------------------------------------------------------------------------------

  static JsonNode body(Context ctx) throws IOException {
    String ct = ctx.contentType();
    if (ct == null || !ct.startsWith("application/json")) throw new WebException(415, "send JSON (Content-Type: application/json)");
    // a key given twice is an error, not "the last wins" (a body must say one thing)
    JsonNode b = Json.MAPPER.reader().withFeatures(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(ctx.body());
    if (b == null || !b.isObject()) throw WebException.badRequest("the request body must be a JSON object");
    return b;
  }

  /** Refuses a body with a key this endpoint does not read (a typo, or a field that would be silently ignored). */
  static void allowOnly(JsonNode b, java.util.Set<String> keys) {
    for (java.util.Iterator<String> it = b.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!keys.contains(k)) throw WebException.badRequest("unknown field '" + k + "'; this request takes " + String.join(", ", new java.util.TreeSet<>(keys)));
    }
  }

  static String text(JsonNode b, String key, boolean required) {
    JsonNode v = b.get(key);
    if (v == null || v.isNull()) {
      if (required) throw WebException.badRequest("missing field '" + key + "'");
      return null;
    }
    if (!v.isTextual()) throw WebException.badRequest("field '" + key + "' must be a string");
    return v.asText();
  }

  static void json(Context ctx, int status, JsonNode n) {
    ctx.status(status).contentType("application/json").result(n.toString());
  }

  static void raw(Context ctx, String type, String body) {
    ctx.contentType(type).result(body);
  }
}
