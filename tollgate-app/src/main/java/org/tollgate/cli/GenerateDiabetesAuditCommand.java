package org.tollgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tollgate.cohort.DiabetesAuditLog;
import org.tollgate.cohort.DiabetesAuditLog.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate generate diabetes-audit}: the clinic EHR audit log of {@link DiabetesAuditLog}. */
@Command(
    name = "diabetes-audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Diabetes-clinic EHR audit log: check-in, vitals, note signing and risk assessments per visit, with who did",
      "each (role, clinical credential yes/no) and when. 68% of risk assessments are done after the visit, about",
      "three quarters of those by staff without clinical credentials (the essay's pilot). Writes events.<format>,",
      "encounters.<format> (visit windows) and log.json. The DiabetesAuditLog javadoc documents every distribution.",
      "",
      "Size: about 3.9 events per visit."
    })
final class GenerateDiabetesAuditCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--visits", paramLabel = "N", defaultValue = "" + Settings.DEFAULT_VISITS,
      description = "Clinic visits, 1 to 10,000,000 (default: ${DEFAULT-VALUE}).")
  int visits;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Settings.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2025-03-03", description = "First clinic day, UTC (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--after-visit-share", paramLabel = "P", defaultValue = "" + Settings.DEFAULT_AFTER_VISIT_SHARE,
      description = "Probability that a risk assessment is done after the visit (default: ${DEFAULT-VALUE}).")
  double afterShare;

  @Mixin GenerateCommand.OutputOptions output = new GenerateCommand.OutputOptions();

  @Override
  public Integer call() {
    Settings settings;
    try {
      settings = new Settings(visits, seed, GenerateRadiologyCommand.date(spec, start), afterShare);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage()
          .replace("visits must", "--visits must").replace("afterVisitShare must", "--after-visit-share must"));
    }
    DiabetesAuditLog gen = new DiabetesAuditLog(settings);
    return GenerateLogs.write(spec.commandLine(), output, Path.of("tollgate-data", gen.name()), gen.name(), settings.visits() + " visits",
        settings.seed(), (w, dir) -> w.writeDiabetes(gen, dir));
  }
}
