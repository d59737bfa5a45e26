package org.tollgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.alerts.Burden;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;
import org.tollgate.ingest.config.WorkflowFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate burden}: the essay's arithmetic, every step shown with its numbers. */
@Command(name = "burden", mixinStandardHelpOptions = true,
    description = {"Clinical burden math: what alerts or unnecessary referrals cost in staff time and money.",
        "Every step is printed with its numbers so it can be checked by hand.", "",
        "Examples:",
        "  tollgate burden --alerts-per-day 120 --minutes-per-alert 1.8 --hourly-rate 45",
        "  tollgate burden --alerts-per-day 47 --minutes-per-alert 1 --hourly-rate 60 --ignored 0.89",
        "  tollgate burden --per-100 18 --patients-per-year 60000 --minutes-each 30 --hourly-rate 425"})
final class BurdenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--alerts-per-day", description = "Alerts (or any work items) per day.")
  Double alertsPerDay;

  @Option(names = "--minutes-per-alert", description = "Staff minutes each alert takes.")
  Double minutesPerAlert;

  @Option(names = "--ignored", description = "Share of alerts ignored, 0–1.")
  Double ignored;

  @Option(names = "--per-100", description = "Unnecessary events (e.g. referrals) per 100 patients.")
  Double per100;

  @Option(names = "--patients-per-year", description = "Patient volume per year (with --per-100).")
  Double patientsPerYear;

  @Option(names = "--minutes-each", description = "Staff minutes per event (with --per-100).")
  Double minutesEach;

  @Option(names = "--hourly-rate", description = "Loaded hourly cost of the staff role, dollars.")
  Double hourlyRate;

  @Option(names = "--hours-per-fte", defaultValue = "2080", description = "Hours in one FTE-year (default ${DEFAULT-VALUE}).")
  double hoursPerFte;

  @Option(names = "--workflow", description = "Workflow profile YAML: takes minutes per alert and hourly rate from it.")
  java.nio.file.Path workflow;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (workflow != null) {
      Workflow w = WorkflowFile.read(workflow);
      if (minutesPerAlert == null) minutesPerAlert = w.minutesPerAlert();
      if (hourlyRate == null) hourlyRate = w.hourlyRate();
      hoursPerFte = w.hoursPerFte();
    }
    if (hourlyRate == null) throw new BadInputException(null, "--hourly-rate is required (or a --workflow file)");
    List<Burden.Step> steps;
    try {
      if (per100 != null) {
        if (patientsPerYear == null || minutesEach == null) {
          throw new BadInputException(null, "--per-100 needs --patients-per-year and --minutes-each");
        }
        steps = Burden.ofRate(per100, patientsPerYear, minutesEach, hourlyRate, hoursPerFte);
      } else {
        if (alertsPerDay == null || minutesPerAlert == null) {
          throw new BadInputException(null, "give --alerts-per-day and --minutes-per-alert, or --per-100 with --patients-per-year and --minutes-each");
        }
        steps = Burden.ofAlerts(alertsPerDay, minutesPerAlert, hourlyRate, hoursPerFte, ignored == null ? Double.NaN : ignored);
      }
    } catch (IllegalArgumentException e) {
      throw new BadInputException(null, e.getMessage());
    }
    for (Burden.Step s : steps) out.println(s.render());
    out.flush();
    return ExitCodes.OK;
  }
}
