package org.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.cases.CaseLibrary;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.format.Units;
import org.tollgate.ingest.write.CohortWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate demo}: the main job on the embedded defaults. Generates (or reuses) a synthetic
 * sepsis cohort the size of a 120-bed hospital's year, then runs what a reviewer runs: inspect,
 * stratified evaluation, the alert economy over the example policies with a policy search, and the
 * essay's burden arithmetic; then every case of the case library through the launch gate, as a table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the review steps on a synthetic sepsis cohort (generated on first run, then reused):",
        "inspect, stratified evaluation, alert-policy simulation with search, a downtime drill with its paper",
        "checklist, burden arithmetic; then the case library: every case in the essay through the launch gate."})
final class DemoCommand implements Callable<Integer> {
  /** About a year of a 120-bed hospital at the generator's mean stay (≈ 4.8 days). */
  static final int DEFAULT_ENCOUNTERS = 9_000;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "tollgate-data/demo", description = "Where the demo data go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--encounters", defaultValue = "" + DEFAULT_ENCOUNTERS, description = "Cohort size (default: ${DEFAULT-VALUE}).")
  int encounters;

  @Option(names = "--cases", paramLabel = "DIR", defaultValue = CaseLibrary.DEFAULT_ROOT,
      description = "Where the case library's review folders go (default: ${DEFAULT-VALUE}).")
  Path cases;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070",
      description = "Port of the web app at the end (default: ${DEFAULT-VALUE}; the next free one up to 20 above if taken).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Interface the web app listens on (default: ${DEFAULT-VALUE}, loopback). The demo accounts share a published password: "
          + "use another interface only on a network you trust.")
  String host;

  @Option(names = "--no-serve", description = "Do not load the reviews into a fresh store and start the web app at the end (for scripts and CI).")
  boolean noServe;

  @Override
  public Integer call() throws IOException {
    if (port < 1 || port > 65_535 - 20) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 1 to 65515 (the demo tries up to 20 ports above it), got " + port);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path cohortDir = out.resolve("sepsis");
    SepsisCohort.Settings settings = new SepsisCohort.Settings(encounters, SepsisCohort.Settings.DEFAULT_SEED,
        Instant.parse("2025-01-01T00:00:00Z"), 365, SepsisCohort.Settings.DEFAULT_PREVALENCE,
        SepsisCohort.Settings.DEFAULT_SCORE_INTERVAL_MINUTES, SepsisCohort.Settings.DEFAULT_MEDIAN_STAY_DAYS,
        SepsisCohort.Settings.DEFAULT_MAX_STAY_DAYS, true);
    heading(o, "1. A synthetic sepsis cohort (" + Units.count(encounters, "encounter") + ", one year, seed "
        + settings.seed() + ")");
    if (reusable(cohortDir, settings)) {
      o.println("Reusing " + cohortDir + " (delete it to regenerate).");
    } else {
      Output.folder(out);
      ProgressDisplay display = new ProgressDisplay(err, ProgressDisplay.stderrIsTerminal(), settings.encounters());
      CohortWriter writer = new CohortWriter(CohortWriter.Format.PARQUET, true, new Main.Version().getVersion()[0], display);
      CohortWriter.Result r;
      display.start();
      boolean ok = false;
      try {
        r = writer.write(new SepsisCohort(settings), cohortDir);
        ok = true;
      } finally {
        display.stop(ok);
      }
      o.println("Wrote " + cohortDir + ": " + Units.count(r.rows().getOrDefault("scores", 0L), "score row") + " in " + Units.seconds(r.elapsed().toMillis() / 1000.0) + ".");
    }
    Path policy = extract("examples/sepsis/policy.yaml", cohortDir.resolve("policy.yaml"));
    Path workflow = extract("examples/sepsis/workflow.yaml", cohortDir.resolve("workflow.yaml"));
    String scores = cohortDir.resolve("scores.parquet").toString();
    String events = cohortDir.resolve("events.parquet").toString();
    o.flush();

    int rc = run(o, err, "2. Inspect the prediction log", "inspect", scores);
    rc = Math.max(rc, run(o, err, "3. Stratified evaluation (encounter level: highest score of the stay vs sepsis)",
        "evaluate", scores, "--by", "age_band,sex,comorbidity_band", "--bootstrap", "200"));
    rc = Math.max(rc, run(o, err, "4. The alert economy: four example policies, then a search over the grid in policy.yaml",
        "simulate", "--scores", scores, "--events", events, "--policy", policy.toString(), "--workflow", workflow.toString(), "--search"));
    rc = Math.max(rc, run(o, err, "5. Downtime drill: the redesigned policy through last year's outages, and the paper rule on bedside values that stands in for it",
        "drill", "--scores", scores, "--events", events, "--outages", cohortDir.resolve("outages.parquet").toString(),
        "--features", cohortDir.resolve("features.parquet").toString(),
        "--policy", policy.toString(), "--policy-name", "dual-signal-context", "--workflow", workflow.toString(),
        "--checklist-dir", cohortDir.resolve("checklist").toString()));
    Path review = cohortDir.resolve("review.yaml");
    extract("templates/review.yaml", review);
    int gate = run(o, err, "6. The launch gate: the seven-item checklist and the checks beyond it (review.yaml from `tollgate init`)",
        "review", cohortDir.toString());
    if (gate != ExitCodes.OK && gate != ExitCodes.HALTED) rc = Math.max(rc, gate);
    rc = Math.max(rc, run(o, err, "7. The essay's arithmetic: 120 alerts a day at 1.8 minutes each",
        "burden", "--alerts-per-day", "120", "--minutes-per-alert", "1.8", "--hourly-rate", "55"));
    o.println();
    o.println("The essay says 216 minutes a day is \"1.8 FTE\"; at 2,080 hours per FTE-year it is 0.63 FTE.");
    heading(o, "8. The case library: every case in the essay through the same gate (data generated on first use into " + cases + ")");
    List<CaseLibrary.Result> library = Steps.io(err, "running the case library (every case through the gate)",
        () -> CaseLibrary.runAll(cases));
    CaseTable.print(library, o);
    o.println("Each folder has a README saying what the case teaches; `tollgate review " + cases.resolve("CASE")
        + "` shows every rule, `tollgate brief CASE` writes a training brief.");
    int monitored = run(o, err, "8b. After the launch: the approved alert of case 13 in the first week of a surge (docs/monitoring.md)",
        "monitor", cases.resolve("13-sepsis-after-launch").toString(), "--from", "2026-07-02", "--to", "2026-07-08", "--no-store");
    if (monitored != ExitCodes.OK && monitored != ExitCodes.HALTED) rc = Math.max(rc, monitored);
    o.println();
    o.println("Files used: " + cohortDir + " (policy.yaml, workflow.yaml and review.yaml there can be edited and re-run);");
    o.println("the printable paper checklist is " + cohortDir.resolve("checklist").resolve("checklist.pdf") + ".");
    o.println("Try: ./tollgate evaluate " + scores + " --by age_band,sex --intersections --format json -o eval.json");
    o.flush();
    if (!noServe) {
      // the demo cohort's review runs again in the store; the case library's are recorded as they ran
      List<Path> reviews = new java.util.ArrayList<>(List.of(cohortDir));
      List<org.tollgate.review.ReviewRunner.Outcome> outcomes = new java.util.ArrayList<>(java.util.Collections.singletonList(null));
      for (CaseLibrary.Result r : library) {
        reviews.add(r.folder());
        outcomes.add(r.outcome());
      }
      serve(o, reviews, outcomes);
    }
    return rc;
  }

  /** The last step: the reviews in a fresh embedded store, served on loopback until Ctrl-C. */
  private void serve(PrintWriter o, List<Path> reviews, List<org.tollgate.review.ReviewRunner.Outcome> outcomes) throws IOException {
    heading(o, "9. The web app: the reviews in a fresh store, served on " + (host.equals("127.0.0.1") ? "loopback" : host));
    org.tollgate.web.Web web = Steps.io(spec.commandLine().getErr(), "loading the reviews into a fresh store",
        // step 6's `tollgate review` wrote the cohort's out/ and printed its run and checkpoint: the web load leaves those files be
        () -> org.tollgate.web.Demo.load(reviews, outcomes, java.util.Set.of(reviews.get(0)), out.resolve("web"), host, port,
            new Main.Version().getVersion()[0], o));
    try {
      web.serveUntilShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void heading(PrintWriter o, String title) {
    o.println();
    o.println("== " + title);
    o.println();
  }

  private int run(PrintWriter o, PrintWriter err, String title, String... args) {
    heading(o, title);
    o.println("$ tollgate " + String.join(" ", quote(args)));
    o.println();
    o.flush();
    CommandLine cl = Main.commandLine();
    cl.setOut(o);
    cl.setErr(err);
    return cl.execute(args);
  }

  private static List<String> quote(String[] args) {
    return java.util.Arrays.stream(args).map(a -> a.contains(" ") ? "'" + a + "'" : a).toList();
  }

  private static boolean reusable(Path dir, SepsisCohort.Settings s) throws IOException {
    Path manifest = dir.resolve("cohort.json");
    if (!Files.isRegularFile(manifest) || !Files.isRegularFile(dir.resolve("scores.parquet"))) return false;
    String text = Files.readString(manifest);
    return text.contains("\"encounters\": " + s.encounters() + ",") && text.contains("\"seed\": " + s.seed() + ",")
        && text.contains("\"generator_version\": " + SepsisCohort.GENERATOR_VERSION + ",");
  }

  private static Path extract(String resource, Path target) {
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing resource " + resource);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
