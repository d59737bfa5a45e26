package org.tollgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EnumOption;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.EvaluationSettings;
import org.tollgate.evaluation.SummaryFile;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.Summaries;
import org.tollgate.report.EvaluationJson;
import org.tollgate.report.EvaluationTable;
import org.tollgate.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate evaluate}: stratified confusion matrices and metrics with intervals. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Stratified evaluation: confusion matrices and metrics overall and by subgroup (and their",
        "intersections), with Wilson, DeLong and bootstrap intervals, disparities against a reference group",
        "(Holm-adjusted), power, a threshold sweep and operating points. Counts below --min-cell are withheld.", "",
        "Example:",
        "  tollgate evaluate scores.parquet --by age_band,sex,comorbidity_band --intersections --bootstrap 1000"})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions reportOptions;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PREDICTIONS", description = "Prediction log: CSV, Parquet (file, folder or glob) or FHIR RiskAssessment NDJSON.")
  Path predictions;

  @Option(names = "--summary", paramLabel = "FILE", description = {"Evaluate a summary file (tollgate.summary/v1) made elsewhere, e.g. by the Spark job",
      "org.tollgate.spark.EvaluateJob, instead of a prediction log. --by defaults to the summary's attributes."})
  Path summary;

  @Mixin MappingOptions mapping;

  @Option(names = "--by", paramLabel = "COL", split = ",", description = "Attributes to stratify by, e.g. age_band,sex,comorbidity_band.")
  List<String> by = new ArrayList<>();

  @Option(names = "--intersections", description = "Also every combination of the --by attributes.")
  boolean intersections;

  @Option(names = "--threshold", defaultValue = "0.5", description = "Predicted positive iff score >= threshold (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N", description = "Bootstrap replicates for AUPRC, Brier, calibration and net benefit intervals (default ${DEFAULT-VALUE}: none).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "" + EvaluationSettings.DEFAULT_SEED, description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--min-cell", defaultValue = "" + org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL, paramLabel = "K", description = "Withhold counts below K (default ${DEFAULT-VALUE}).")
  int minCell;

  @Option(names = "--reference", paramLabel = "ATTR=LEVEL", split = ",", description = "Reference group per attribute, e.g. sex=M (default: the largest group).")
  List<String> reference = new ArrayList<>();

  @Option(names = "--per", paramLabel = "encounter|row", description = "One case per encounter (default when there is an encounter column) or per score row.")
  String per;

  @Option(names = "--combine", paramLabel = "max|first|last|mean", description = "How an encounter's scores become one (default max).")
  String combine;

  @Option(names = "--sweep-step", defaultValue = "0.01", description = "Threshold grid step of the sweep (default ${DEFAULT-VALUE}).")
  double sweepStep;

  @Option(names = "--target-sensitivity", description = "Report the highest threshold reaching this sensitivity.")
  Double targetSensitivity;

  @Option(names = "--target-flag-rate", description = "Report the lowest threshold whose flag rate is at most this.")
  Double targetFlagRate;

  @Option(names = "--flagged-per-day", description = "Alerts budget: the lowest threshold flagging at most this many cases per day (needs a time column).")
  Double flaggedPerDay;

  @Option(names = "--power-limit", defaultValue = "0.10", description = "A group is underpowered when it cannot detect a sensitivity difference of this size with 80%% power (default ${DEFAULT-VALUE}).")
  double powerLimit;

  @Override
  public Integer call() {
    List<String> attrs = by.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (summary == null) mapping.threshold("--threshold", threshold);
    EvaluationSettings settings;
    try {
      settings = new EvaluationSettings(attrs, intersections, threshold, bootstrap, seed, minCell, references(),
          per == null ? null : EnumOption.parse(Cases.Per.class, per, "--per"),
          combine == null ? null : EnumOption.parse(Cases.Combine.class, combine, "--combine"),
          sweepStep, targetSensitivity, targetFlagRate, flaggedPerDay, powerLimit);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(null, e.getMessage());
    }
    String fmt = reportOptions.format();
    if ((predictions == null) == (summary == null)) {
      throw new BadInputException(null, "give a prediction log or --summary FILE (one of the two)");
    }
    if (summary != null) {
      if (settings.per() != null || settings.combine() != null) {
        throw new BadInputException(summary.toString(), "--per and --combine were fixed when the summary was made; leave them out");
      }
      SummaryFile f = Summaries.evaluation(summary);
      String problem = f.input().mapping().scoreScale().thresholdProblem(threshold, "make the summary with --score-scale raw");
      if (problem != null) throw new BadInputException(summary.toString(), "--threshold: " + problem);
      return report(f.evaluate(settings), fmt);
    }
    ColumnMapping m = mapping.toMapping().withAttributes(attrs);
    if (!needsTime(settings)) {
      // Without a time column the reader keeps file order and skips sorting every row by (encounter,
      // time) — the largest cost in time and memory on big logs. Only first/last and a per-day budget
      // need times.
      m = new ColumnMapping(m.id(), m.encounter(), null, m.score(), m.label(), m.attributes(), m.scoreScale(), m.zone(), m.fhir());
    }
    PrintWriter err = spec.commandLine().getErr();
    final ColumnMapping mm = m;
    ScoreTable table = Steps.get(err, "reading " + predictions.getFileName(), () -> new PredictionReader().read(predictions, mm, Need.SCORE_AND_LABEL));
    PredictionReader.warnings(table.input()).forEach(err::println);
    err.flush();
    return report(Steps.get(err, "evaluating" + (settings.bootstrap() > 0 ? " (" + settings.bootstrap() + " bootstrap resamples)" : ""),
        () -> Evaluator.evaluate(table, settings)), fmt);
  }

  private int report(Evaluation e, String fmt) {
    reportOptions.write(spec.commandLine().getOut(), w -> {
      if (fmt.equals("json")) Json.write(w, EvaluationJson.of(e));
      else EvaluationTable.print(e, w);
    });
    return ExitCodes.OK;
  }

  static boolean needsTime(EvaluationSettings s) {
    return s.flaggedPerDayBudget() != null || s.combine() == Cases.Combine.FIRST || s.combine() == Cases.Combine.LAST;
  }

  private Map<String, String> references() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String r : reference) {
      int eq = r.indexOf('=');
      if (eq <= 0 || eq == r.length() - 1) {
        throw new BadInputException(null, "--reference must look like ATTRIBUTE=LEVEL (e.g. sex=M), got '" + r + "'");
      }
      out.put(r.substring(0, eq).strip(), r.substring(eq + 1).strip());
    }
    return out;
  }



}
