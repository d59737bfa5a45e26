package org.tollgate.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.behavior.BehaviorReport;
import org.tollgate.behavior.BehaviorSettings;
import org.tollgate.behavior.BehavioralMap;
import org.tollgate.behavior.EventLog;
import org.tollgate.data.BadInputException;
import org.tollgate.format.Units;
import org.tollgate.ingest.EventLogReader;
import org.tollgate.report.BehaviorJson;
import org.tollgate.report.BehaviorTable;
import org.tollgate.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate behavior LOG}: behavioral mapping from an EHR event log. */
@Command(name = "behavior", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Behavioral mapping: when each task is actually done relative to the visit (before, during, after),",
        "by which roles, and how much by staff without clinical credentials, from an EHR event log rather than interviews.",
        "",
        "The log has user_id, role, task, time, encounter_id and optionally clinical (yes/no); visit windows come from",
        "--encounters (encounter_id, visit_start, visit_end) or from visit_start and visit_end columns of the log.",
        "Counts below --min-cell are withheld, with a complementary cell where needed.",
        "",
        "Example:",
        "  tollgate behavior data/diabetes-audit/events.parquet --encounters data/diabetes-audit/encounters.parquet \\",
        "      --task risk_assessment --clinical-roles physician,nurse,medical_assistant"})
final class BehaviorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions reportOptions;

  @Parameters(index = "0", paramLabel = "LOG", description = "EHR event log, CSV or Parquet.")
  Path log;

  @Option(names = "--encounters", paramLabel = "FILE", description = "Encounters table with visit_start and visit_end (default: columns of the log).")
  Path encounters;

  @Option(names = "--task", paramLabel = "NAME", description = "Map only this task (default: every task).")
  String task;

  @Option(names = "--clinical-roles", paramLabel = "ROLE", split = ",",
      description = "Roles that hold a clinical credential; every other role does not (default: the log's clinical column).")
  List<String> clinicalRoles;

  @Option(names = "--task-column", paramLabel = "COL", defaultValue = "task", description = "Task (action) column (default: ${DEFAULT-VALUE}).")
  String taskColumn;

  @Option(names = "--min-cell", paramLabel = "N", defaultValue = "" + BehaviorSettings.DEFAULT_MIN_CELL,
      description = "Withhold counts below this (default: ${DEFAULT-VALUE}).")
  int minCell;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", converter = MappingOptions.ZoneConverter.class,
      description = "Zone of timestamps without an offset (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Override
  public Integer call() {
    String fmt = reportOptions.format();
    BehaviorSettings settings;
    try {
      settings = new BehaviorSettings(task, null, minCell).withClinicalRoles(clinicalRoles == null ? null
          : clinicalRoles.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(null, e.getMessage().replace("minCell must", "--min-cell must").replace("task must", "--task must"));
    }
    EventLog events = EventLogReader.read(log, encounters, EventLogReader.Columns.defaults().withTask(taskColumn), zone);
    BehaviorReport report;
    try {
      report = BehavioralMap.run(events, settings);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(log.toString(), 0, taskColumn, e.getMessage());
    }
    if (report.unmatchedEvents() > 0) {
      spec.commandLine().getErr().println(log + ": " + Units.count(report.unmatchedEvents(), "event") + " name" + (report.unmatchedEvents() == 1 ? "s an encounter" : " encounters")
          + " without visit times and " + (report.unmatchedEvents() == 1 ? "was" : "were") + " left out");
      spec.commandLine().getErr().flush();
    }
    reportOptions.write(spec.commandLine().getOut(), out -> {
      if (fmt.equals("json")) {
        Json.write(out, BehaviorJson.of(report));
      } else {
        BehaviorTable.print(report, out);
      }
    });
    return ExitCodes.OK;
  }
}
