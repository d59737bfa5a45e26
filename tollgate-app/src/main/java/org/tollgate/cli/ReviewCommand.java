package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tollgate.format.Units;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.ItemResult;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.ReviewPublisher;
import org.tollgate.review.ReviewRunner;
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

  /** Runs the review of {@code rf}, publishes it (every artifact into out/ and, with a store, the run recorded) and prints the summary. */
  private int review(ReviewFile rf) throws IOException {
    ReviewRunner.Outcome o = Steps.io(spec.commandLine().getErr(), "reviewing " + rf.useCase().id() + " (reading the data, every rule)",
        () -> ReviewRunner.run(rf));
    String version = new Main.Version().getVersion()[0];
    ReviewPublisher.Settings settings = new ReviewPublisher.Settings(version, page, LocalDate.now(ZoneOffset.UTC), null);
    Store st = noStore ? null : openStore();
    ReviewPublisher.Published pub;
    try {
      pub = Steps.io(spec.commandLine().getErr(), "publishing the dossier, its pages and the model card",
          () -> ReviewPublisher.FILES.publish(o, rf.dir(), settings, st, StoreOptions.actor()));
    } catch (org.tollgate.store.StoreException e) {
      throw new org.tollgate.store.StoreException(e.getMessage() + " (nothing is written and the run is not recorded; --no-store skips the store)", e);
    }
    Path out = pub.out();
    PrintWriter pw = spec.commandLine().getOut();
    print(o.gate(), rf, pw, out.resolve("dossier.json"), pub.dossierNode());
    pw.println("One-page dossier: " + out.resolve("dossier.html") + " and " + out.resolve("dossier.pdf"));
    pw.println("Model card (CHAI): " + out.resolve("model-card.xml") + ", model-card.pdf and model-card.json; HTI-1 source attributes: "
        + out.resolve("hti1.json"));
    if (pub.recorded() != null) {
      pw.println("Stored as run " + pub.recorded().runId() + " in " + st.url());
      pw.println("Audit checkpoint: " + pub.recorded().checkpoint() + " (write it down outside the system)");
    }
    if (pub.files().contains("checklist.pdf")) pw.println("Paper checklist: " + out.resolve("checklist.pdf"));
    pw.flush();
    return o.gate().verdict() == GateResult.Verdict.GO ? ExitCodes.OK : ExitCodes.HALTED;
  }

  /** Refuses (bad input), before any work, an out folder or file the review could not write. */
  private static void checkOutputs(Path out) {
    ReviewPublisher.checkOutputs(out);
  }

  /** The terminal summary: verdict, the headline numbers of the one operating point (as the page shows them), every rule. */
  static void print(GateResult g, ReviewFile rf, PrintWriter o, Path dossier, com.fasterxml.jackson.databind.JsonNode doc) {
    o.println(rf.useCase().title() + " (" + rf.useCase().id() + ")");
    o.println();
    o.println("VERDICT: " + g.verdict().word());
    if (g.fatalFlaw() != null) o.println("Fatal flaw: " + g.fatalFlaw());
    if (g.settingsLine() != null) o.println(g.settingsLine());
    o.println();
    for (java.util.Map.Entry<String, String> e : org.tollgate.report.Headline.of(doc).entrySet()) {
      o.println("  " + e.getKey() + ": " + e.getValue());
    }
    o.println();
    for (ItemResult r : g.items()) {
      String label = r.isChecklistItem() ? r.id() + ". " + r.title() : r.title();
      o.printf(Locale.ROOT, "[%-7s] %s%n           %s%n", r.status().word().toUpperCase(Locale.ROOT), label, r.reason());
      if (r.fix() != null && r.status() != ItemResult.Status.PASS) o.println("           fix: " + r.fix());
      else if (r.status() != ItemResult.Status.PASS && r.evidence().get("remedy") instanceof String remedy) o.println("           for a new review: " + remedy);
    }
    o.println();
    GateResult.RegulatoryPath rp = g.regulatory();
    o.printf(Locale.ROOT, "Regulatory path (1 = least, 5 = most defensible; a light validation burden scores high): validation %d, data provenance %d, fallback %d → defensibility %s%n",
        rp.validationScore(), rp.provenanceClarity(), rp.fallbackExistence(), Units.number(rp.defensibility(), 1));
    o.println("Dossier: " + dossier);
    o.flush();
  }
}
