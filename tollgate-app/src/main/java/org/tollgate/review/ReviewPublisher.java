package org.tollgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tollgate.ingest.write.AtomicFile;
import org.tollgate.report.ChecklistPage;
import org.tollgate.report.DossierHtml;
import org.tollgate.report.DossierJson;
import org.tollgate.report.Hti1Json;
import org.tollgate.report.Json;
import org.tollgate.report.ModelCardJson;
import org.tollgate.report.ModelCardPdf;
import org.tollgate.report.ModelCardXml;
import org.tollgate.report.Pdf;
import org.tollgate.report.Signing;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;

/**
 * The third step of a review (load, judge, publish): every artifact of a judged review written into the review
 * folder's {@code out/} and the run recorded in the store, the one way the command line ({@code tollgate review}),
 * the web app (an uploaded bundle) and the demo publish a review.
 *
 * <p>The artifacts ({@link #OUTPUTS}): dossier.json, model-card.json, hti1.json, model-card.xml, model-card.pdf,
 * dossier.html, dossier.pdf, and the paper checklist (checklist.html, checklist.pdf) when the review has a paper rule.
 * The page, its PDF and the model card are made from the JSON documents as written (after {@code text}, which the web
 * app uses to name inputs relative to the bundle), exactly as the web app makes them again from a stored run.
 *
 * <p>Order, and what a failure leaves:
 * <ol>
 *   <li>every artifact that does not name the run is rendered in memory;
 *   <li>with a store, the run (verdict, items, input hashes, dossier) and its audit entry are recorded in one
 *       transaction; the page for signature and the checklist's footer name the run and its checkpoint, so they are
 *       rendered after it;
 *   <li>every file is staged as a hidden temporary file beside its target, then each is renamed over its target
 *       (an atomic rename on one file system), and artifacts of an earlier run that this one does not make (a
 *       checklist) are removed.
 * </ol>
 * A failure before the renames (a renderer, a full disk, a refused store) leaves {@code out/} as it was and removes
 * the staged files; a store that refuses the run leaves nothing written. A failure after the run is recorded (rendering
 * the page for signature, staging) leaves the run in the store and {@code out/} as it was; only the renames themselves,
 * within one folder, could leave {@code out/} part renewed, and they do not fail short of the disk going away.
 */
public final class ReviewPublisher {
  /** Every file a review may write into {@code out/}. */
  public static final List<String> OUTPUTS = List.of("dossier.json", "model-card.json", "hti1.json", "model-card.xml", "model-card.pdf",
      "dossier.html", "dossier.pdf", "checklist.html", "checklist.pdf");

  /**
   * What publishing needs besides the review.
   *
   * @param version the tool's version, written into every artifact
   * @param page the paper size of the one-page dossier and the checklist: letter or A4
   * @param today the review's day (the page and the model card print it)
   * @param text applied to each JSON document before it is written, recorded or rendered (identity on the command line)
   */
  public record Settings(String version, String page, LocalDate today, UnaryOperator<String> text) {
    public Settings {
      if (text == null) text = UnaryOperator.identity();
    }
  }

  /**
   * A published review.
   *
   * @param out the folder written
   * @param dossier the dossier JSON as written and recorded
   * @param recorded the store's record of the run, null when it was not recorded
   * @param files the names of the files written, in order
   */
  public record Published(Path out, String dossier, Reviews.Recorded recorded, List<String> files) {
    /** The dossier, parsed. */
    public JsonNode dossierNode() {
      try {
        return Json.MAPPER.readTree(dossier);
      } catch (IOException e) {
        throw new IllegalStateException("the dossier just written is not JSON", e);
      }
    }
  }

  /** Writes one staged file's bytes: the file system, or in a test a writer that fails part way. */
  @FunctionalInterface
  interface Stage {
    void write(Path file, byte[] bytes) throws IOException;
  }

  private final Stage stage;

  private ReviewPublisher(Stage stage) {
    this.stage = stage;
  }

  /** The publisher that writes to the file system. */
  public static final ReviewPublisher FILES = new ReviewPublisher(Files::write);

  /**
   * The publisher that records the run in the store and writes no file: the demo's web load of a folder whose {@code out/}
   * a {@code tollgate review} of the same demo already wrote (and whose checkpoint it printed), so that the files keep
   * naming the run the command line printed (r17 finding 7). The web app makes its pages and PDFs from the stored run.
   */
  public static final ReviewPublisher RECORD_ONLY = new ReviewPublisher(null);

  /** A publisher whose staged writes go through {@code stage} (tests). */
  static ReviewPublisher staging(Stage stage) {
    return new ReviewPublisher(stage);
  }

  /** Refuses (bad input), before any work, an out folder or file a review could not write. */
  public static void checkOutputs(Path out) {
    AtomicFile.checkFolder(out);
    if (Files.isDirectory(out)) {
      for (String f : OUTPUTS) {
        if (Files.exists(out.resolve(f))) AtomicFile.checkWritable(out.resolve(f));
      }
    }
  }

  /**
   * Publishes {@code o}, run on the review folder {@code dir}: every artifact into {@code dir/out} (none for
   * {@link #RECORD_ONLY}), and with a store the run recorded as {@code actor}.
   *
   * @param store the store to record the run in, or null not to record it
   */
  public Published publish(ReviewRunner.Outcome o, Path dir, Settings s, Store store, String actor) throws IOException {
    Path out = dir.resolve("out");
    if (stage == null) {
      String doc = s.text().apply(Json.MAPPER.writeValueAsString(DossierJson.of(o, s.version())));
      Reviews.Recorded rec = store == null ? null : store.reviews().record(StoredRuns.newRun(dir, o, s.version(), doc), actor);
      return new Published(out, doc, rec, List.of());
    }
    checkOutputs(out);
    Map<String, byte[]> files = new LinkedHashMap<>();
    String doc = s.text().apply(Json.MAPPER.writeValueAsString(DossierJson.of(o, s.version())));
    String card = s.text().apply(Json.MAPPER.writeValueAsString(ModelCardJson.of(o, s.version(), s.today())));
    String hti1 = s.text().apply(Json.MAPPER.writeValueAsString(Hti1Json.of(o, s.version(), s.today())));
    files.put("dossier.json", utf8(doc + "\n"));
    files.put("model-card.json", utf8(card + "\n"));
    files.put("hti1.json", utf8(hti1 + "\n"));
    String cardXml = ModelCardXml.of(Json.MAPPER.readTree(card));
    files.put("model-card.xml", utf8(cardXml));
    files.put("model-card.pdf", ModelCardPdf.of(cardXml, s.version(), s.page()));
    JsonNode stored = Json.MAPPER.readTree(doc);
    Reviews.Recorded rec = store == null ? null : store.reviews().record(StoredRuns.newRun(dir, o, s.version(), doc), actor);
    Signing signing = rec == null ? Signing.unrecorded(s.today())
        : new Signing(rec.runId(), s.today().toString(), rec.checkpoint().toString());
    files.put("dossier.html", utf8(DossierHtml.onePage(stored, s.page(), signing)));
    files.put("dossier.pdf", DossierHtml.pdf(stored, s.page(), signing));
    if (o.checklist() != null) {
      // the footer names the run once it is recorded, the day, and the clinician who signed the procedure
      org.tollgate.gate.Attestation signed = o.review().attestations().stream().filter(a -> a.item().equals("paper_fallback"))
          .reduce((a, b) -> b).orElse(null);
      String runId = rec == null ? null : rec.runId().substring(0, Math.min(8, rec.runId().length()));
      org.tollgate.drill.PaperChecklist c = o.checklist().withFooter(runId, s.today().toString(),
          signed == null ? null : signed.by() + " (" + signed.role().replace('_', ' ') + ")" + (signed.date() == null ? "" : ", " + signed.date()));
      String checklist = ChecklistPage.xhtml(c, s.page());
      files.put("checklist.html", utf8(checklist));
      ByteArrayOutputStream pdf = new ByteArrayOutputStream();
      Pdf.render(checklist, pdf);
      files.put("checklist.pdf", pdf.toByteArray());
    }
    write(AtomicFile.folder(out), files);
    return new Published(out, doc, rec, List.copyOf(files.keySet()));
  }

  /** Stages every file beside its target, then renames each over it; removes the outputs of an earlier run not made now. */
  private void write(Path out, Map<String, byte[]> files) throws IOException {
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path target = out.resolve(f.getKey());
        AtomicFile.checkWritable(target);
        Path tmp = Files.createTempFile(out, "." + f.getKey() + ".", ".tmp");
        staged.put(target, tmp);
        stage.write(tmp, f.getValue());
        readableByAll(tmp);
      }
      for (Map.Entry<Path, Path> e : staged.entrySet()) {
        try {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException x) {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      for (String name : OUTPUTS) {
        if (!files.containsKey(name)) Files.deleteIfExists(out.resolve(name));
      }
    } finally {
      for (Path tmp : staged.values()) Files.deleteIfExists(tmp);
    }
  }

  private static void readableByAll(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // permissions are the file system's
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
