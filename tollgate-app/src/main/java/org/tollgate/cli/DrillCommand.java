package org.tollgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.drill.DowntimeDrill;
import org.tollgate.drill.DrillResult;
import org.tollgate.format.Units;
import org.tollgate.drill.ShownDrill;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.drill.DrillSettings;
import org.tollgate.drill.OutageWindow;
import org.tollgate.format.Units;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.OutageReader;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.PolicyFile;
import org.tollgate.ingest.config.WorkflowFile;
import org.tollgate.report.ChecklistPage;
import org.tollgate.report.Json;
import org.tollgate.report.Pdf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate drill}: replay real outages through a policy and print the paper fallback. */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Downtime drill (launch checklist item 5): replays outage windows from a downtime log over the",
        "score stream through an alert policy: the care that would have been missed, the alert storm after recovery,",
        "how long staff worked without the tool; with a features table of bedside inputs, the paper rule that stands in for",
        "the policy, missed care with and without it, and its one-page paper checklist (HTML and PDF).",
        "With --review DIR the drill is the review's own: its policy, workflow, features and fallback settings, and the",
        "same checklist `tollgate review DIR` prints.", "",
        "Examples:",
        "  tollgate drill --review cases/12b-triage-downtime-fallback --checklist-dir out/",
        "  tollgate drill --scores scores.parquet --events events.parquet --outages outages.parquet --features features.parquet \\",
        "                 --policy policy.yaml --policy-name dual-signal-context --workflow workflow.yaml --checklist-dir out/"})
final class DrillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions reportOptions;

  @Option(names = "--review", paramLabel = "DIR", description = "Drill a review folder exactly as `tollgate review` does (instead of the files below).")
  Path review;

  @Option(names = "--scores", paramLabel = "FILE") Path scores;
  @Option(names = "--events", paramLabel = "FILE") Path events;
  @Option(names = "--outages", paramLabel = "FILE", description = "Downtime log: start, end, system.") Path outages;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (YAML).") Path policy;

  @Option(names = "--features", paramLabel = "FILE", description = "Bedside inputs (features table): the paper rule is found on them and put in force during outages.")
  Path features;

  @Option(names = "--check-every", defaultValue = "4", paramLabel = "HOURS", description = "How often the paper checklist is applied (default ${DEFAULT-VALUE} h).")
  int checkEvery;

  @Option(names = "--policy-name", paramLabel = "NAME", description = "Which policy of the file to drill (default: the first).")
  String policyName;

  @Option(names = "--workflow", paramLabel = "FILE", description = "Workflow profile: its role is who the checklist says to notify.")
  Path workflow;

  @Option(names = "--notify", paramLabel = "WHO", description = "Who the checklist says to notify (overrides the workflow's role).")
  String notify;

  @Option(names = "--on-outage", defaultValue = "drop", paramLabel = "drop|queue",
      description = "drop: scores during an outage are lost; queue: delivered at recovery (default ${DEFAULT-VALUE}).")
  String onOutage;

  @Option(names = "--systems", split = ",", paramLabel = "SYSTEM", description = "Systems whose outages stop the scores (default: all in the log).")
  List<String> systems = List.of();

  @Option(names = "--storm-limit", defaultValue = "3", description = "Largest acceptable alert-storm factor (default ${DEFAULT-VALUE}×).")
  double stormLimit;

  @Option(names = "--checklist-dir", paramLabel = "DIR", description = "Write checklist.html and checklist.pdf here.")
  Path checklistDir;

  @Option(names = "--page", defaultValue = "letter", paramLabel = "letter|A4", description = "Checklist page size (default ${DEFAULT-VALUE}).")
  String page;

  @Mixin MappingOptions mapping;

  @Override
  public Integer call() {
    String fmt = reportOptions.format();
    if (checklistDir != null) org.tollgate.ingest.write.AtomicFile.checkFolder(checklistDir);
    if (review != null) return reviewDrill(fmt);
    for (Object[] req : new Object[][] {{scores, "--scores"}, {events, "--events"}, {outages, "--outages"}, {policy, "--policy"}}) {
      if (req[0] == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --review DIR, or " + req[1] + " (with --scores, --events, --outages and --policy)");
    }
    DrillSettings settings;
    try {
      settings = new DrillSettings(org.tollgate.data.EnumOption.parse(DrillSettings.Mode.class, onOutage, "--on-outage"), new HashSet<>(systems), stormLimit, 60);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(null, e.getMessage());
    }
    PolicyFile.Contents pf = PolicyFile.read(policy, mapping.scoreScale);
    if (pf.policies().isEmpty()) throw new BadInputException(policy.toString(), "the file lists no policies to drill");
    AlertPolicy p = policyName == null ? pf.policies().get(0)
        : pf.policies().stream().filter(x -> x.name().equals(policyName)).findFirst().orElseThrow(() -> new BadInputException(policy.toString(),
            "no policy named '" + policyName + "'; the file has " + pf.policies().stream().map(AlertPolicy::name).toList()));
    Workflow w = workflow == null ? null : WorkflowFile.read(workflow);
    String who = notify != null ? notify : w != null ? "the " + w.role() : null;
    ColumnMapping m = mapping.toMapping().withAttributes(List.of());
    java.io.PrintWriter err = spec.commandLine().getErr();
    ScoreTable table = Steps.get(err, "reading " + scores.getFileName(), () -> new PredictionReader().read(scores, m, Need.SCORE_STREAM));
    EventTable ev = EventReader.read(events, table, m.encounter(), m.zone());
    OutageReader.Outages out = OutageReader.read(outages, m.zone());
    org.tollgate.fallback.Fallback.Result fb = null;
    org.tollgate.drill.PaperChecklist checklist = null;
    if (features != null) {
      org.tollgate.fallback.Fallback.Settings fs;
      try {
        fs = new org.tollgate.fallback.Fallback.Settings(checkEvery, org.tollgate.fallback.Fallback.Settings.DEFAULT_MAX_EXTRA, null);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(null, "--check-every: " + e.getMessage());
      }
      fb = org.tollgate.fallback.Fallback.run(table, ev, org.tollgate.ingest.FeatureReader.read(features, table, m.encounter(), m.zone()), pf.outcome(), p, w, fs);
      if (fb.rule() != null) checklist = org.tollgate.drill.PaperChecklist.of(fb.rule(), p, pf.outcome(), who, checkEvery, null);
    }
    final org.tollgate.fallback.Fallback.Result fallback = fb;
    final org.tollgate.drill.PaperChecklist paper = checklist;
    DrillResult r = Steps.get(err, "replaying " + Units.count(out.windows().size(), "outage"), () -> DowntimeDrill.run(table, ev, pf.outcome(), p, out.windows(), settings, fallback, paper));
    if (checklistDir != null && r.checklist() != null) writeChecklist(r.checklist());
    reportOptions.write(spec.commandLine().getOut(), pw -> {
      if (fmt.equals("json")) Json.write(pw, json(r, table, out));
      else table(r, pw);
    });
    return ExitCodes.OK;
  }

  /** The drill of a review folder: the review's own drill and checklist (one computation, one document). */
  private int reviewDrill(String fmt) {
    org.tollgate.ingest.config.ReviewFile rf = org.tollgate.ingest.config.ReviewFile.read(review);
    org.tollgate.review.ReviewRunner.Outcome o = org.tollgate.review.ReviewRunner.run(rf);
    DrillResult r = o.drill();
    if (r == null) throw new BadInputException(review.toString(), "the review replays no outages (it needs data.predictions, data.events, data.outages and a policy)");
    if (checklistDir != null && r.checklist() != null) writeChecklist(r.checklist());
    reportOptions.write(spec.commandLine().getOut(), pw -> {
      if (fmt.equals("json")) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("schema", "tollgate.drill/v1");
        d.put("review", rf.useCase().id());
        d.setAll(org.tollgate.report.DrillJson.summary(r, rf.limits().minCell()));
        Json.write(pw, d);
      } else {
        table(r, pw);
      }
    });
    return ExitCodes.OK;
  }

  private void writeChecklist(org.tollgate.drill.PaperChecklist c) {
    try {
      Output.folder(checklistDir);
      String xhtml = ChecklistPage.xhtml(c, page);
      Output.atomic(checklistDir.resolve("checklist.html"), o -> o.write(xhtml.getBytes(StandardCharsets.UTF_8)));
      Output.atomic(checklistDir.resolve("checklist.pdf"), o -> Pdf.render(xhtml, o));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checklist: " + e.getMessage(), e);
    }
  }

  private static void table(DrillResult r, PrintWriter o) {
    o.printf(Locale.ROOT, "Outage windows replayed: %s (%s of downtime, longest %s), scores %s during outages.%n",
        Units.count(r.outagesReplayed().size()), Units.hours(r.downtimeHours()), Units.hours(r.longestOutageHours()),
        r.settings().mode() == DrillSettings.Mode.DROP ? "lost" : "queued until recovery");
    o.println("Staff worked without the tool for " + Units.number(r.encounterHoursWithoutTool(), 0) + " patient-hours.");
    ShownDrill shown = ShownDrill.of(r, r.settings().minCell());
    o.println("Detected encounters: " + cell(shown.baselineDetected()) + " with no outage, " + cell(shown.drillDetected())
        + " with the outages replayed. Missed care (outcome encounters that lost their only timely alert): " + cell(shown.missedCare()) + ".");
    o.println("Normal alert rate: " + Units.rate(r.normalHourlyRate()) + " per hour.");
    for (int i = 0; i < r.storms().size(); i++) {
      ShownDrill.Storm s = shown.storms().get(i);
      o.printf(Locale.ROOT, "  %s outage %s → %s (%s): %s in the hour after recovery, storm factor %s%s%n",
          s.outage().system(), Instant.ofEpochSecond(s.outage().start()), Instant.ofEpochSecond(s.outage().end()), Units.hours(s.outage().seconds() / 3600.0),
          SmallCells.phrase(r.storms().get(i).alertsAfterRecovery(), r.settings().minCell(), "alert"),
          s.withheld() ? "and p " + ShownDrill.FACTOR_WITHHELD : Units.factor(s.factor()) + " (p " + Units.pValue(s.p()) + ")", s.storm() ? "  STORM" : "");
    }
    if (shown.paper() != null) {
      o.printf(Locale.ROOT, "With the paper procedure in force during the outages, %s of them would still have been missed (caught %s).%n",
          cell(shown.paper().missedWith()), cell(shown.paper().caught()));
    }
    o.println();
    if (r.checklist() == null) {
      o.println("No paper checklist: no bedside inputs (give --features, or review.yaml's data.features).");
    } else {
      for (String line : r.checklist().lines()) o.println(line);
    }
    o.println();
    o.println("Checklist item 5 (downtime edge cases): " + r.item5().status().name() + " — " + r.item5().reason());
    o.flush();
  }

  /** A count the engine let through, or "withheld" (the small-cell rule: 1 to 10, or a count that would give one back). */
  private static String cell(Long shown) {
    return shown == null ? "withheld" : Units.count(shown);
  }

  private static ObjectNode json(DrillResult r, ScoreTable t, OutageReader.Outages out) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("schema", "tollgate.drill/v1");
    ObjectNode in = d.putObject("inputs");
    ObjectNode sc = in.putObject("scores");
    sc.put("path", t.input().path());
    sc.put("sha256", t.input().sha256());
    ObjectNode oi = in.putObject("outages");
    oi.put("path", out.source().path());
    oi.put("sha256", out.source().sha256());
    oi.put("rows", out.source().rows());
    d.setAll(org.tollgate.report.DrillJson.summary(r, r.settings().minCell()));
    return d;
  }
}
