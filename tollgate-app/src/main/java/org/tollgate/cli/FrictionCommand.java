package org.tollgate.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.data.BadInputException;
import org.tollgate.friction.FrictionAudit;
import org.tollgate.friction.FrictionReport;
import org.tollgate.friction.FrictionSettings;
import org.tollgate.friction.InteractionLog;
import org.tollgate.friction.LoadVerdict;
import org.tollgate.ingest.InteractionLogReader;
import org.tollgate.ingest.config.WorkflowHours;
import org.tollgate.report.FrictionJson;
import org.tollgate.report.FrictionTable;
import org.tollgate.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate friction LOG}: the friction audit, launch checklist item 4's evidence. */
@Command(name = "friction", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Friction audit: time deltas at every interaction point, pre vs post go-live, from an interaction log;",
        "small penalties compounded per session, per user per day and year, and in FTE; net time on task per session",
        "with a bootstrap interval and the verdict for launch checklist item 4 (cognitive load reduced, not redistributed).",
        "",
        "The log has session_id (optional: without it sessions are rebuilt from idle gaps), user_id, role, step,",
        "start_time, end_time (ISO-8601 with any fraction of a second, or epoch numbers) and period (pre or post).",
        "Exit code 3 when time on task increased (the gate rejects); the report is written first.",
        "",
        "Example:",
        "  tollgate friction data/radiology/interactions.parquet --workflow examples/sepsis/workflow.yaml"})
final class FrictionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions reportOptions;

  @Parameters(index = "0", paramLabel = "LOG", description = "Interaction log, CSV or Parquet.")
  Path log;

  @Option(names = "--session-gap", paramLabel = "MINUTES", defaultValue = "5",
      description = "Without a session column: a user's next step more than this after the last one ends starts a new session (default: ${DEFAULT-VALUE}).")
  double sessionGapMinutes;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "" + FrictionSettings.DEFAULT_BOOTSTRAP,
      description = "Bootstrap replicates over sessions, at least 100 (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + FrictionSettings.DEFAULT_SEED,
      description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--workflow", paramLabel = "FILE",
      description = "Workflow profile (YAML); only hours_per_fte is used (default 2,080 hours per FTE-year).")
  Path workflow;

  @Option(names = "--sessions-per-day", paramLabel = "N",
      description = "Post-period sessions per user per calendar day for the compounding (default: from the data).")
  Double sessionsPerDay;

  @Option(names = "--attributes", paramLabel = "COL", split = ",",
      description = "Attribute columns to keep (default: site and shift when present).")
  List<String> attributes;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", converter = MappingOptions.ZoneConverter.class,
      description = "Zone of timestamps without an offset, and of the calendar days that count sessions per day (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Override
  public Integer call() {
    String fmt = reportOptions.format();
    if (!(sessionGapMinutes > 0) || !Double.isFinite(sessionGapMinutes)) {
      throw new BadInputException(null, "--session-gap must be a positive number of minutes, got " + sessionGapMinutes);
    }
    double hours = workflow == null ? FrictionSettings.DEFAULT_HOURS_PER_FTE : WorkflowHours.read(workflow);
    FrictionSettings settings;
    try {
      settings = new FrictionSettings(bootstrap, seed, Math.round(sessionGapMinutes * 60_000), hours, sessionsPerDay, zone);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(null, e.getMessage()
          .replace("bootstrap must", "--bootstrap must")
          .replace("sessionsPerUserPerDay must", "--sessions-per-day must"));
    }
    InteractionLog l = InteractionLogReader.read(log, InteractionLogReader.Columns.defaults().withAttributes(attributes), zone);
    FrictionReport report;
    try {
      report = FrictionAudit.run(l, settings);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(log.toString(), e.getMessage());
    }
    reportOptions.write(spec.commandLine().getOut(), out -> {
      if (fmt.equals("json")) {
        Json.write(out, FrictionJson.of(report));
      } else {
        FrictionTable.print(report, out);
      }
    });
    return report.timeOnTask().verdict() == LoadVerdict.INCREASED ? ExitCodes.HALTED : ExitCodes.OK;
  }
}
