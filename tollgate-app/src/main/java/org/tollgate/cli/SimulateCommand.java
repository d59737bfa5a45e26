package org.tollgate.cli;

import org.tollgate.gate.GateLimits;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.RunFile;
import org.tollgate.alerts.PolicySearch;
import org.tollgate.alerts.Simulator;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.Summaries;
import org.tollgate.ingest.config.PolicyFile;
import org.tollgate.ingest.config.WorkflowFile;
import org.tollgate.ingest.config.YamlNode;
import org.tollgate.report.Json;
import org.tollgate.report.SimulationJson;
import org.tollgate.report.SimulationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate simulate}: replay score streams through alert policies and price the burden. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The alert economy: replays timestamped scores through alert policies (threshold, persistence,",
        "a confirming second signal, context suppression, re-fire limits, digests) and reports alerts per day,",
        "per staff member per shift, sensitivity, lead time, labor minutes, FTE and false-alert cost.", "",
        "Example:",
        "  tollgate simulate --scores scores.parquet --events events.parquet --policy policy.yaml --workflow workflow.yaml"})
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions reportOptions;

  @Option(names = "--scores", paramLabel = "FILE", description = "Score stream: encounter, time, score (+ attributes).")
  Path scores;

  @Option(names = "--events", paramLabel = "FILE", description = "Events: encounter_id, time, type, value, end_time.")
  Path events;

  @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (YAML): policies, outcome, optional search grid.")
  Path policy;

  @Option(names = "--workflow", paramLabel = "FILE", description = "Workflow profile (YAML): minutes per alert, hourly rate, census... Without it no cost is computed.")
  Path workflow;

  @Mixin MappingOptions mapping;

  @Option(names = "--by", paramLabel = "COL", split = ",", description = "Break results down by these encounter attributes.")
  List<String> by = new ArrayList<>();

  @Option(names = "--search", description = "Also explore the policy grid (the file's 'search' block, or a default grid) and report the Pareto front and the best policy within budget.")
  boolean search;

  @Option(names = "--false-alert-limit", defaultValue = "5000", description = "False-alert cost limit per month, dollars (default ${DEFAULT-VALUE}; launch checklist item 2).")
  double limit;

  @Option(names = "--max-alerts-per-shift", paramLabel = "N", description = "Search floor: at most N alerts per staff member per shift (default: gate.max_alerts_per_staff_per_shift's, ${DEFAULT-VALUE}).")
  Double maxPerShift = GateLimits.defaults().maxAlertsPerStaffPerShift();

  @Option(names = "--min-sensitivity", paramLabel = "P", description = "Search floor: the best policy detects at least this share of outcome encounters in time (default: gate.min_sensitivity's, ${DEFAULT-VALUE}).")
  double minSensitivity = GateLimits.defaults().minSensitivity();

  @Option(names = "--min-alert-ppv", paramLabel = "P", description = "Search floor: the best policy has at least this alert PPV (default: gate.min_alert_ppv's, ${DEFAULT-VALUE}).")
  double minAlertPpv = GateLimits.defaults().minAlertPpv();

  @Option(names = "--min-cell", defaultValue = "" + org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL, description = "Withhold encounter counts below this (default ${DEFAULT-VALUE}).")
  int minCell;

  @Option(names = "--summary", paramLabel = "FILE", description = {"Price a simulation summary (tollgate.simulation-summary/v3) made elsewhere, e.g. by the",
      "Spark job org.tollgate.spark.SimulateJob --summary-out, instead of --scores, --events and --policy."})
  Path summary;

  @Override
  public Integer call() {
    String fmt = reportOptions.format();
    Workflow w = workflow == null ? null : WorkflowFile.read(workflow);
    if (summary != null) {
      if (scores != null || events != null || policy != null || search || !by.isEmpty()) {
        throw new BadInputException(summary.toString(), "--summary replaces --scores, --events, --policy and --by (fixed when it was made); --search needs the scores");
      }
      RunFile f = Summaries.simulation(summary);
      Simulator.Run run = f.run();
      List<PolicyReport> reports = PolicyReport.all(run, w);
      Map<String, List<Map.Entry<String, List<PolicyReport>>>> strata = strata(run, run.policies(), w);
      reportOptions.write(spec.commandLine().getOut(), out -> {
        if (fmt.equals("json")) Json.write(out, SimulationJson.of(f.scores(), f.events(), f.outcome(), run, reports, strata, w, minCell, limit, null));
        else SimulationTable.print(reports, minCell, limit, null, out);
      });
      return ExitCodes.OK;
    }
    for (Object[] o : new Object[][] {{scores, "--scores FILE"}, {events, "--events FILE"}, {policy, "--policy FILE"}}) {
      if (o[0] == null) throw new BadInputException(null, "missing " + o[1] + " (or give --summary FILE)");
    }
    PolicyFile.Contents pf = PolicyFile.read(policy, mapping.scoreScale);
    List<String> attrs = by.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    ColumnMapping m = mapping.toMapping().withAttributes(attrs);
    PrintWriter err = spec.commandLine().getErr();
    ScoreTable table = Steps.get(err, "reading " + scores.getFileName(), () -> new PredictionReader().read(scores, m, Need.SCORE_STREAM));
    PredictionReader.warnings(table.input()).forEach(err::println);
    EventTable ev = EventReader.read(events, table, m.encounter(), m.zone());
    if (ev.unmatchedRows() > 0) {
      err.println(events + ": " + ev.unmatchedRows() + " event rows name encounters without scores and were ignored");
    }
    err.flush();
    List<AlertPolicy> policies = pf.policies();
    Simulator.Run run = policies.isEmpty() ? null
        : Steps.get(err, "simulating " + policies.size() + " policies", () -> Simulator.run(table, ev, pf.outcome(), policies, attrs));
    List<PolicyReport> reports = new ArrayList<>();
    Map<String, List<Map.Entry<String, List<PolicyReport>>>> strata = new LinkedHashMap<>();
    if (run != null) {
      reports.addAll(PolicyReport.all(run, w));
      strata.putAll(strata(run, policies, w));
    }
    PolicySearch.Result result = null;
    if (search) {
      PolicySearch.Grid grid = PolicyFile.grid(pf.search(), policies, mapping.scoreScale, PolicyFile.CLI_RAW_HINT);
      result = Steps.get(err, "searching the policy grid", () -> PolicySearch.run(table, ev, pf.outcome(), grid, w,
          // the clinical floors, as in a review: a "best" policy that detects almost nothing, or alerts to no purpose, is no fix
          new PolicySearch.Budget(w == null ? null : limit, maxPerShift, minSensitivity, minAlertPpv)));
    } else if (policies.isEmpty()) {
      throw new BadInputException(policy.toString(), "the file has only a search grid: add --search, or list policies");
    }
    final PolicySearch.Result res = result;
    reportOptions.write(spec.commandLine().getOut(), out -> {
      if (fmt.equals("json")) {
        Json.write(out, SimulationJson.of(table.input(), ev.input(), pf.outcome(), run, reports, strata,
            w, minCell, limit, res));
      } else {
        SimulationTable.print(reports, minCell, limit, res, out);
      }
    });
    return ExitCodes.OK;
  }

  /** Per group of each --by attribute, one report per policy. */
  private static Map<String, List<Map.Entry<String, List<PolicyReport>>>> strata(Simulator.Run run, List<AlertPolicy> policies, Workflow w) {
    Map<String, List<Map.Entry<String, List<PolicyReport>>>> strata = new LinkedHashMap<>();
    run.byStratum().forEach((attr, levels) -> {
      List<Map.Entry<String, List<PolicyReport>>> out = new ArrayList<>();
      for (Map.Entry<String, org.tollgate.alerts.PolicyCounts[]> level : levels) {
        List<PolicyReport> lr = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
          lr.add(PolicyReport.of(policies.get(p), level.getValue()[p], run.days(), Double.NaN, w));
        }
        out.add(Map.entry(level.getKey(), lr));
      }
      strata.put(attr, out);
    });
    return strata;
  }
}
