package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.ItemResult;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.ChecklistPage;
import org.tollgate.report.DossierHtml;
import org.tollgate.report.DossierJson;
import org.tollgate.report.Pdf;
import org.tollgate.report.Hti1Json;
import org.tollgate.report.Json;
import org.tollgate.report.ModelCardJson;
import org.tollgate.review.ReviewRunner;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate review DIR}: the launch gate's verdict. */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = {"Runs the launch gate on a review folder (review.yaml and its data): the seven-item checklist,",
        "stratified performance, accuracy paradox, label choice, proxies, failure consequences and the regulatory path,",
        "then GO, REDESIGN or NO-GO with the fatal flaw. Writes DIR/out/dossier.json, the one-page dossier",
        "(dossier.html, dossier.pdf), the paper checklist when a drill ran, and the same evidence as a",
        "CHAI Applied Model Card (model-card.xml valid against CHAI's v0.2 schema, model-card.pdf with that XML in its metadata,",
        "model-card.json) and the 31 ONC HTI-1 source attributes (hti1.json).",
        "Exit code 0 for GO, 3 for REDESIGN or NO-GO, 2 for bad input, so a pipeline can gate on it.",
        "Attestations recorded with `tollgate attest` count after those in review.yaml. The run (verdict, items,",
        "input hashes, dossier) and its audit entry are recorded in the store as one transaction;",
        "--replay RUN-ID re-runs a stored review from the same inputs (verified by SHA-256) and shows whether it reproduces."})
final class ReviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The review folder (with review.yaml).")
  Path dir;

  @Mixin StoreOptions store;

  @Option(names = "--no-store", description = "Do not record the run in the store.")
  boolean noStore;

  @Option(names = "--page", paramLabel = "SIZE", defaultValue = "letter",
      description = "Paper size of the one-page dossier and the paper checklist: letter or A4 (default: ${DEFAULT-VALUE}).")
  String page;

  @Option(names = "--replay", paramLabel = "RUN-ID", description = "Re-run a stored review (id or a unique prefix) and compare; exit 0 when reproduced, 3 when not.")
  String replay;

  @Override
  public Integer call() throws IOException {
    if (replay != null) {
      if (dir != null) throw new ParameterException(spec.commandLine(), "give either DIR or --replay RUN-ID, not both");
      try (Store st = store.open()) {
        return ReviewStore.replay(st, replay, new Main.Version().getVersion()[0], spec.commandLine().getOut());
      }
    }
    if (dir == null) throw new ParameterException(spec.commandLine(), "Missing required parameter: 'DIR'");
    if (!page.equalsIgnoreCase("letter") && !page.equalsIgnoreCase("a4")) {
      throw new ParameterException(spec.commandLine(), "--page must be letter or A4, got '" + page + "'");
    }
    ReviewFile rf = ReviewFile.read(dir);
    checkOutputs(rf.dir().resolve("out"));
    try {
      // A store that does not exist yet holds no attestations: it is created only to record a run that
      // succeeded, so a review refused for bad input leaves no empty store behind.
      if (!noStore && store.exists()) {
        rf = ReviewStore.withStoredAttestations(rf, openStore(), null);
      }
      return review(rf);
    } finally {
      if (opened != null) opened.close();
    }
  }

  /** The one-page dossier, HTML and PDF, each written atomically. */
  private void writeOnePage(Path out, com.fasterxml.jackson.databind.JsonNode stored, org.tollgate.report.Signing signing) throws IOException {
    String onePage = DossierHtml.onePage(stored, page, signing);
    Output.atomic(out.resolve("dossier.html"), s -> s.write(onePage.getBytes(StandardCharsets.UTF_8)));
    Output.atomic(out.resolve("dossier.pdf"), s -> s.write(DossierHtml.pdf(stored, page, signing)));
  }

  private Store opened;

  private Store openStore() {
    if (opened == null) {
      try {
        opened = store.open();
      } catch (org.tollgate.store.StoreException e) {
        throw new org.tollgate.store.StoreException(e.getMessage() + " (--no-store reviews without the store)", e);
      }
    }
    return opened;
  }

  /** Runs the review of {@code rf}, writes its outputs and, with a store, records the run. */
  private int review(ReviewFile rf) throws IOException {
    ReviewRunner.Outcome o = Steps.io(spec.commandLine().getErr(), "reviewing " + rf.useCase().id() + " (reading the data, every rule)",
        () -> ReviewRunner.run(rf));
    Path out = Output.folder(rf.dir().resolve("out"));
    String version = new Main.Version().getVersion()[0];
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String doc = Json.MAPPER.writeValueAsString(DossierJson.of(o, version));
    String card = Json.MAPPER.writeValueAsString(ModelCardJson.of(o, version, today));
    String hti1 = Json.MAPPER.writeValueAsString(Hti1Json.of(o, version, today));
    Output.atomic(out.resolve("dossier.json"), s -> s.write((doc + "\n").getBytes(StandardCharsets.UTF_8)));
    Output.atomic(out.resolve("model-card.json"), s -> s.write((card + "\n").getBytes(StandardCharsets.UTF_8)));
    Output.atomic(out.resolve("hti1.json"), s -> s.write((hti1 + "\n").getBytes(StandardCharsets.UTF_8)));
    String cardXml = org.tollgate.report.ModelCardXml.of(Json.MAPPER.readTree(card));
    Output.atomic(out.resolve("model-card.xml"), s -> s.write(cardXml.getBytes(StandardCharsets.UTF_8)));
    byte[] cardPdf = org.tollgate.report.ModelCardPdf.of(cardXml, version, page);
    Output.atomic(out.resolve("model-card.pdf"), s -> s.write(cardPdf));
    // The page and the PDF are made from the dossier JSON just written, exactly as the web app makes them from the stored run.
    com.fasterxml.jackson.databind.JsonNode stored = Json.MAPPER.readTree(doc);
    Steps.io(spec.commandLine().getErr(), "rendering the one-page dossier", () -> {
      writeOnePage(out, stored, org.tollgate.report.Signing.unrecorded(today));
      return null;
    });
    PrintWriter pw = spec.commandLine().getOut();
    print(o.gate(), rf, pw, out.resolve("dossier.json"), stored);
    pw.println("One-page dossier: " + out.resolve("dossier.html") + " and " + out.resolve("dossier.pdf"));
    pw.println("Model card (CHAI): " + out.resolve("model-card.xml") + ", model-card.pdf and model-card.json; HTI-1 source attributes: "
        + out.resolve("hti1.json"));
    String runId = null;
    if (!noStore) {
      Store st = openStore();
      Reviews.Recorded rec;
      try {
        rec = st.reviews().record(ReviewStore.newRun(dir, o, version, doc), StoreOptions.actor());
      } catch (org.tollgate.store.StoreException e) {
        throw new org.tollgate.store.StoreException(e.getMessage() + " (the dossier is written; the run is not recorded; --no-store skips the store)", e);
      }
      runId = rec.runId().substring(0, Math.min(8, rec.runId().length()));
      pw.println("Stored as run " + rec.runId() + " in " + st.url());
      pw.println("Audit checkpoint: " + rec.checkpoint() + " (write it down outside the system)");
      // The page for signature names the run and its checkpoint, which exist only now that the run is recorded.
      writeOnePage(out, stored, new org.tollgate.report.Signing(rec.runId(), today.toString(), rec.checkpoint().toString()));
    }
    if (o.checklist() != null) {
      // the footer names the run once it is recorded, the day, and the clinician who signed the procedure
      org.tollgate.gate.Attestation signed = rf.attestations().stream().filter(a -> a.item().equals("paper_fallback")).reduce((a, b) -> b).orElse(null);
      org.tollgate.drill.PaperChecklist c = o.checklist().withFooter(runId, today.toString(),
          signed == null ? null : signed.by() + " (" + signed.role() + ")" + (signed.date() == null ? "" : ", " + signed.date()));
      String checklist = ChecklistPage.xhtml(c, page);
      Output.atomic(out.resolve("checklist.html"), s -> s.write(checklist.getBytes(StandardCharsets.UTF_8)));
      Output.atomic(out.resolve("checklist.pdf"), s -> Pdf.render(checklist, s));
      pw.println("Paper checklist: " + out.resolve("checklist.pdf"));
    }
    pw.flush();
    return o.gate().verdict() == GateResult.Verdict.GO ? ExitCodes.OK : ExitCodes.HALTED;
  }

  /** The files a review writes into {@code out}. */
  static final java.util.List<String> OUTPUTS = java.util.List.of(
      "dossier.json", "model-card.json", "hti1.json", "dossier.html", "dossier.pdf", "checklist.html", "checklist.pdf");

  /** Refuses (bad input), before any work, an out folder or file the review could not write. */
  private static void checkOutputs(Path out) {
    org.tollgate.ingest.write.AtomicFile.checkFolder(out);
    if (Files.isDirectory(out)) {
      for (String f : OUTPUTS) {
        if (Files.exists(out.resolve(f))) org.tollgate.ingest.write.AtomicFile.checkWritable(out.resolve(f));
      }
    }
  }

  /** The terminal summary: verdict, the headline numbers of the one operating point (as the page shows them), every rule. */
  static void print(GateResult g, ReviewFile rf, PrintWriter o, Path dossier, com.fasterxml.jackson.databind.JsonNode doc) {
    o.println(rf.useCase().title() + " (" + rf.useCase().id() + ")");
    o.println();
    o.println("VERDICT: " + g.verdict().word());
    if (g.fatalFlaw() != null) o.println("Fatal flaw: " + g.fatalFlaw());
    o.println();
    for (java.util.Map.Entry<String, String> e : org.tollgate.report.Headline.of(doc).entrySet()) {
      o.println("  " + e.getKey() + ": " + e.getValue());
    }
    o.println();
    for (ItemResult r : g.items()) {
      String label = r.isChecklistItem() ? r.id() + ". " + r.title() : r.title();
      o.printf(Locale.ROOT, "[%-7s] %s%n           %s%n", r.status().word().toUpperCase(Locale.ROOT), label, r.reason());
      if (r.fix() != null && r.status() != ItemResult.Status.PASS) o.println("           fix: " + r.fix());
    }
    o.println();
    GateResult.RegulatoryPath rp = g.regulatory();
    o.printf(Locale.ROOT, "Regulatory path (1 = least, 5 = most defensible; a light validation burden scores high): validation %d, data provenance %d, fallback %d → defensibility %.1f%n",
        rp.validationBurden(), rp.provenanceClarity(), rp.fallbackExistence(), rp.defensibility());
    o.println("Dossier: " + dossier);
    o.flush();
  }
}
