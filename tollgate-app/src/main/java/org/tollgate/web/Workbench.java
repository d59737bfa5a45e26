package org.tollgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.tollgate.data.BadInputException;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.DossierHtml;
import org.tollgate.report.Json;
import org.tollgate.review.ReviewPublisher;
import org.tollgate.review.ReviewRunner;
import org.tollgate.review.StoredRuns;
import org.tollgate.store.People;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;

/**
 * What the pages and the API do, once: run an uploaded bundle, read runs and their dossiers, rank the portfolio.
 * Runs are immutable once recorded, so a run's parsed dossier, its HTML sections and its PDFs are cached by run
 * id (bounded, least recently used first out): the use-case page is served from the stored summary, not recomputed.
 */
final class Workbench {
  /** Who may upload and run a review bundle or register a use case. */
  static final Set<People.Role> REVIEWERS = EnumSet.of(People.Role.PRODUCT_MANAGER, People.Role.DATA_SCIENTIST, People.Role.ADMIN);
  private static final int CACHE_RUNS = 64;

  final Store store;
  final String version;
  final Path uploads;
  final Bundles.Limits limits;
  /** One review at a time: a run reads its data through DuckDB with a memory budget meant for one. */
  private final ReentrantLock running = new ReentrantLock(true);
  private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> e) {
      return size() > CACHE_RUNS;
    }
  };

  final Web.Retention retention;

  Workbench(Store store, String version, Path uploads, Bundles.Limits limits, Web.Retention retention) {
    this.store = store;
    this.version = version;
    this.uploads = uploads;
    this.limits = limits;
    this.retention = retention;
  }

  /** A stored run with its dossier parsed, its page sections and (once asked for) its PDFs. */
  static final class Cached {
    final Reviews.Run run;
    final JsonNode dossier;
    /** The run id, its day and the checkpoint of the audit entry that recorded it: what the printed page names. */
    final org.tollgate.report.Signing signing;
    /** The page sections and the attestations they were rendered with (their JSON text). */
    private record Sections(String attestations, String html) {}

    private volatile Sections sections;
    private final Map<String, byte[]> pdfs = new java.util.concurrent.ConcurrentHashMap<>();

    Cached(Reviews.Run run, JsonNode dossier, String checkpoint) {
      this.run = run;
      this.dossier = dossier;
      this.signing = org.tollgate.report.Signing.recorded(run.id(), run.createdAt(), checkpoint);
    }

    /**
     * The page sections after the summary ({@link DossierHtml#body}), with the store's attestations in the checklist's "attested by" column
     * ({@link DossierHtml#sections(JsonNode, JsonNode, String)}). Rendered again only when the attestations
     * differ from the last rendering's: someone attested since.
     */
    String sections(JsonNode attestations) {
      String key = attestations == null ? "" : attestations.toString();
      Sections s = sections;
      if (s == null || !s.attestations().equals(key)) {
        sections = s = new Sections(key, DossierHtml.body(dossier, attestations, "/api/v1/runs/" + run.id() + "/checklist.pdf"));
      }
      return s.html();
    }

    byte[] pdf(String size) {
      return pdfs.computeIfAbsent(size, k -> DossierHtml.pdf(dossier, k, signing));
    }

    /**
     * The paper checklist PDF, or null when the run has no paper rule: the dossier's one checklist with this
     * run, its date and the signer (the store's latest paper-fallback attestation, or null) in the footer.
     */
    byte[] checklistPdf(String size, String signer) {
      org.tollgate.drill.PaperChecklist pc = org.tollgate.report.DrillJson.checklist(dossier.path("fallback").path("checklist"));
      if (pc == null) return null;
      String date = run.createdAt() == null ? null : run.createdAt().substring(0, Math.min(10, run.createdAt().length()));
      org.tollgate.drill.PaperChecklist signed = pc.withFooter(run.id().substring(0, Math.min(8, run.id().length())), date, signer);
      return pdfs.computeIfAbsent("checklist-" + size + "-" + signer, k -> {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.tollgate.report.Pdf.render(org.tollgate.report.ChecklistPage.xhtml(signed, size), out);
        return out.toByteArray();
      });
    }

    /** The CHAI Applied Model Card XML of the run, from the model card in its dossier. */
    String modelCardXml() {
      return org.tollgate.report.ModelCardXml.of(dossier.path("standards").path("model_card"));
    }

    byte[] modelCardPdf(String size) {
      return pdfs.computeIfAbsent("model-card-" + size, k -> org.tollgate.report.ModelCardPdf.of(modelCardXml(), run.toolVersion(), size));
    }

    String onePage(String size) {
      return DossierHtml.onePage(dossier, size, signing);
    }
  }

  /** The run with this id (or unique prefix). @throws WebException 404 when there is none */
  Cached run(String id) {
    synchronized (cache) {
      Cached c = cache.get(id);
      if (c != null) return c;
    }
    Reviews.Run r = store.reviews().find(id);
    if (r == null) throw WebException.notFound("no review run " + id);
    Cached c;
    try {
      c = new Cached(r, Json.MAPPER.readTree(r.dossier()), checkpoint(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored dossier of run " + r.id() + " is not JSON", e);
    }
    synchronized (cache) {
      cache.put(r.id(), c);
    }
    return c;
  }

  /** The checkpoint ({@code seq N sha256 HEX}) of the audit entry that recorded the run, or null when the log has none. */
  private String checkpoint(Reviews.Run r) {
    for (org.tollgate.store.AuditLog.Entry e : store.audit().entries(Reviews.subject(r.useCaseId()))) {
      if (!e.action().equals("review.run")) continue;
      try {
        if (r.id().equals(Json.MAPPER.readTree(e.payload()).path("run_id").asText())) {
          return new org.tollgate.store.AuditLog.Checkpoint(e.seq(), e.hash()).toString();
        }
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException("audit entry " + e.seq() + " has a payload that is not JSON", ex);
      }
    }
    return null;
  }

  /** The use case's record in the store. @throws WebException 404 when it is unknown */
  Reviews.UseCase useCase(String id) {
    Reviews.UseCase u = store.reviews().useCase(id);
    if (u == null) throw WebException.notFound("no use case " + id);
    return u;
  }

  /** What a monitoring bundle returns: the {@code tollgate.monitoring/v1} document and what the store recorded. */
  record Monitored(com.fasterxml.jackson.databind.node.ObjectNode doc, org.tollgate.store.Monitoring.Recorded recorded) {}

  /**
   * Holds a use case's live data to its approved run, as {@code tollgate monitor} does. The bundle is a review folder
   * (review.yaml, the approved data it names, and the live data under {@code monitoring.live}): unpacked under the
   * upload limits ({@link Bundles}), every file it names confined to it ({@link org.tollgate.ingest.config.ReviewPaths}).
   * Its use case must be {@code useCaseId}, and its approved data must be those of the use case's latest stored run (by
   * SHA-256): the baseline is a stored run, never a file edited after it. The periods are judged against the guardrails
   * of the committee's latest decision that has some (else review.yaml's) and recorded with their audit entries. The
   * bundle is deleted afterwards whatever happens: live data are patient-level rows.
   */
  Monitored monitorBundle(Path zip, People.Principal who, String useCaseId) throws IOException {
    require(who, REVIEWERS, "record monitoring periods");
    Reviews.UseCase u = useCase(useCaseId);
    running.lock();
    try {
      Path dir = Bundles.extract(zip, uploads, limits, who.name());
      try {
        ReviewFile rf = ReviewFile.read(dir);
        if (!useCaseId.equals(rf.useCase().id())) {
          throw WebException.badRequest("the bundle's review.yaml is use case '" + rf.useCase().id() + "', not " + useCaseId);
        }
        if (u.latestRunId() == null) throw WebException.badRequest("use case " + useCaseId + " has no stored run to hold the live data to; upload its review first");
        Set<String> stored = new java.util.HashSet<>();
        for (Reviews.Input in : store.reviews().find(u.latestRunId()).inputs()) stored.add(in.sha256());
        org.tollgate.review.MonitorRunner.Held held = org.tollgate.review.MonitorRunner.heldTo(store, useCaseId, org.tollgate.ingest.config.MonitoringFile.read(dir));
        if (held.file().live() == null) throw WebException.badRequest("review.yaml names no live data: add monitoring.live (predictions, events, optionally alerts)");
        org.tollgate.review.MonitorRunner.Outcome o = org.tollgate.review.MonitorRunner.run(rf, held.file(), held.file().live(), null);
        for (org.tollgate.data.InputRecord in : o.inputs().subList(0, o.approvedInputs())) {
          if (!stored.contains(in.sha256())) {
            throw WebException.badRequest("the approved data " + inBundle(dir, in.path()) + " are not those of the use case's latest stored run "
                + u.latestRunId().substring(0, 8) + " (SHA-256 differs); monitoring holds live data to a stored run");
          }
        }
        com.fasterxml.jackson.databind.node.ObjectNode doc = org.tollgate.report.MonitoringJson.of(o, o.results(), version);
        for (JsonNode in : doc.path("inputs")) {
          // The document names its inputs relative to the bundle: no server path reaches the store or the answer.
          ((com.fasterxml.jackson.databind.node.ObjectNode) in).put("path", inBundle(dir, in.path("path").asText()));
        }
        return new Monitored(doc, org.tollgate.review.MonitorRunner.record(store, o, o.results(), doc, who.name()));
      } catch (BadInputException e) {
        throw WebException.badRequest(Bundles.withoutServerPaths(e.getMessage(), dir, uploads));
      } finally {
        forget(dir);
      }
    } finally {
      running.unlock();
    }
  }

  /** A file of a bundle as a path relative to the bundle's review folder (its name alone if it is not inside). */
  private static String inBundle(Path dir, String file) {
    Path f = Path.of(file).toAbsolutePath().normalize();
    for (Path d : new Path[] {dir.toAbsolutePath().normalize(), real(dir)}) {
      if (d != null && f.startsWith(d)) return d.relativize(f).toString();
    }
    return f.getFileName().toString();
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /** What a bundle upload returns. */
  record Ran(String runId, String useCaseId, String verdict, String fatalFlaw, String checkpoint) {}

  /**
   * Unpacks and runs an uploaded bundle as {@code tollgate review} does (stored attestations counted, dossier
   * written to the bundle's out/ and recorded with its audit entry). Then, unless the retention is {@link Web.Retention#KEEP},
   * the bundle's data files are deleted (the store keeps their hashes; the folder keeps review.yaml and out/).
   */
  Ran runBundle(Path zip, People.Principal who) throws IOException {
    require(who, REVIEWERS, "upload and run a review");
    running.lock();
    try {
      Path dir = Bundles.extract(zip, uploads, limits, who.name());
      try {
        Ran ran = record(dir, who);
        if (retention == Web.Retention.DELETE_DATA_AFTER_RUN) Bundles.dropData(dir);
        return ran;
      } catch (BadInputException e) {
        String m = Bundles.withoutServerPaths(e.getMessage(), dir, uploads);
        forget(dir);
        throw WebException.badRequest(m);
      } catch (IOException | RuntimeException e) {
        forget(dir);
        throw e;
      }
    } finally {
      running.unlock();
    }
  }

  /** Deletes a refused bundle's folder and its owner file. */
  private void forget(Path reviewDir) throws IOException {
    Path top = uploads.resolve(uploads.relativize(reviewDir).getName(0));
    Bundles.delete(top);
    Files.deleteIfExists(uploads.resolve(top.getFileName() + Bundles.OWNER));
  }

  /** Runs a review folder already on this machine (the demo's) and records it as {@code who}. */
  Ran runFolder(Path dir, People.Principal who) throws IOException {
    running.lock();
    try {
      return record(dir, who);
    } finally {
      running.unlock();
    }
  }

  /**
   * Runs a review folder already on this machine and records it as {@code who} without writing its {@code out/} (the demo's
   * cohort, whose out/ the demo's {@code tollgate review} step wrote and whose run and checkpoint it printed: r17 finding 7).
   */
  Ran runFolderKeepingOut(Path dir, People.Principal who) throws IOException {
    running.lock();
    try {
      ReviewFile rf = StoredRuns.withStoredAttestations(ReviewFile.read(dir), store, null);
      return record(dir, ReviewRunner.run(rf), who, ReviewPublisher.RECORD_ONLY);
    } finally {
      running.unlock();
    }
  }

  private Ran record(Path dir, People.Principal who) throws IOException {
    if (Files.exists(dir.resolve("out"), java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir.resolve("out"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      // Checked before the review runs: the dossier could not be written, and that is the bundle's doing (400), not the server's.
      throw WebException.badRequest("the bundle has a file named 'out', where the dossier's folder goes; remove it and upload again");
    }
    ReviewFile rf = StoredRuns.withStoredAttestations(ReviewFile.read(dir), store, null);
    return record(dir, ReviewRunner.run(rf), who);
  }

  /**
   * Publishes a review already run on {@code dir} (the demo's, into a store with no attestations yet, without running it
   * again) as {@code tollgate review} does ({@link ReviewPublisher}): every artifact into the folder's out/ atomically and
   * the run recorded as {@code who}.
   */
  Ran record(Path dir, ReviewRunner.Outcome o, People.Principal who) throws IOException {
    return record(dir, o, who, ReviewPublisher.FILES);
  }

  private Ran record(Path dir, ReviewRunner.Outcome o, People.Principal who, ReviewPublisher publisher) throws IOException {
    // Every document names its inputs relative to the review folder: no server path reaches a page, the API or the store's copy.
    ReviewPublisher.Settings s = new ReviewPublisher.Settings(version, "letter", java.time.LocalDate.now(java.time.ZoneOffset.UTC),
        text -> Bundles.withoutServerPaths(text, dir, uploads));
    Reviews.Recorded rec = publisher.publish(o, dir, s, store, who.name()).recorded();
    return new Ran(rec.runId(), o.review().useCase().id(), o.gate().verdict().word(), o.gate().fatalFlaw(), rec.checkpoint().toString());
  }

  /** One row of the portfolio: the use case's latest run and its regulatory path. */
  record Ranked(int rank, Reviews.UseCase useCase, JsonNode dossier, double defensibility, double benefitPerMonth) {}

  /**
   * Use cases ranked as {@code tollgate portfolio} ranks them — by defensibility (mean of the three regulatory
   * path scores), then expected net benefit per month of the chosen policy, then id — from each one's latest stored run.
   * Use cases without a run come last, unranked (rank 0).
   */
  List<Ranked> portfolio() {
    List<Ranked> rows = new ArrayList<>();
    List<Ranked> unreviewed = new ArrayList<>();
    for (Reviews.UseCase u : store.reviews().useCases()) {
      if (u.latestRunId() == null) {
        unreviewed.add(new Ranked(0, u, null, Double.NaN, Double.NaN));
        continue;
      }
      JsonNode d = run(u.latestRunId()).dossier;
      rows.add(new Ranked(0, u, d, d.path("regulatory_path").path("defensibility").asDouble(Double.NaN), benefit(d)));
    }
    rows.sort(Comparator.comparingDouble((Ranked r) -> Double.isNaN(r.defensibility()) ? Double.POSITIVE_INFINITY : -r.defensibility())
        .thenComparingDouble(r -> Double.isNaN(r.benefitPerMonth()) ? Double.POSITIVE_INFINITY : -r.benefitPerMonth())
        .thenComparing(r -> r.useCase().id()));
    List<Ranked> out = new ArrayList<>();
    int k = 0;
    for (Ranked r : rows) out.add(new Ranked(++k, r.useCase(), r.dossier(), r.defensibility(), r.benefitPerMonth()));
    out.addAll(unreviewed);
    return out;
  }

  /** The chosen policy's expected net benefit per month in the dossier's simulation, NaN when absent or withheld. */
  static double benefit(JsonNode d) {
    JsonNode sim = d.path("simulation");
    String chosen = sim.path("chosen_policy").asText(null);
    for (JsonNode p : sim.path("policies")) {
      if (p.path("name").asText().equals(chosen)) {
        JsonNode v = p.path("net_benefit_per_month");
        return v.isNumber() ? v.asDouble() : Double.NaN;
      }
    }
    return Double.NaN;
  }

  static People.Role require(People.Principal who, Set<People.Role> allowed, String what) {
    for (People.Role r : allowed) if (who.roles().contains(r)) return r;
    throw WebException.forbidden(who.name() + " may not " + what + "; that needs "
        + String.join(" or ", allowed.stream().map(People.Role::word).toList()));
  }
}
