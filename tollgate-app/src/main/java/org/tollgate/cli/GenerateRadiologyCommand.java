package org.tollgate.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.tollgate.cohort.RadiologyReadingLog;
import org.tollgate.cohort.RadiologyReadingLog.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate generate radiology}: the reading-session interaction log of {@link RadiologyReadingLog}. */
@Command(
    name = "radiology",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Radiology reading-session interaction log around an AI go-live: half the sessions before (pre), half after",
      "(post). Each session opens a study, scrolls about 200 images, measures, dictates and signs; after go-live",
      "every scroll is 0.4 s slower (the essay's pilot: 80 extra seconds per session). Writes interactions.<format>",
      "and log.json. The RadiologyReadingLog javadoc documents every distribution.",
      "",
      "Size: about 205 rows per session; 48,800 sessions make 10 million rows."
    })
final class GenerateRadiologyCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "" + Settings.DEFAULT_SESSIONS,
      description = "Reading sessions, 2 to 5,000,000 (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Settings.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2025-01-06", description = "First day of the pre period, UTC (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--users", paramLabel = "N", defaultValue = "" + Settings.DEFAULT_USERS, description = "Radiologists and residents (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--sessions-per-day", paramLabel = "N", defaultValue = "" + Settings.DEFAULT_SESSIONS_PER_USER_PER_DAY,
      description = "Sessions per user per day, 1 to 32 (default: ${DEFAULT-VALUE}).")
  int perDay;

  @Option(names = "--scroll-penalty-ms", paramLabel = "MS", defaultValue = "" + Settings.DEFAULT_SCROLL_PENALTY_MILLIS,
      description = "Added to every post-period scroll, milliseconds (default: ${DEFAULT-VALUE}).")
  int penalty;

  @Option(names = "--no-session-id", description = "Leave out the session_id column (the audit then rebuilds sessions from idle gaps).")
  boolean noSessionId;

  @Mixin GenerateCommand.OutputOptions output = new GenerateCommand.OutputOptions();

  @Override
  public Integer call() {
    Settings settings;
    try {
      settings = new Settings(sessions, seed, date(spec, start), users, perDay, penalty);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage()
          .replace("sessions must", "--sessions must").replace("users must", "--users must")
          .replace("sessionsPerUserPerDay must", "--sessions-per-day must").replace("scrollPenaltyMillis must", "--scroll-penalty-ms must"));
    }
    RadiologyReadingLog gen = new RadiologyReadingLog(settings);
    return GenerateLogs.write(spec.commandLine(), output, Path.of("tollgate-data", gen.name()), gen.name(), settings.sessions() + " sessions",
        settings.seed(), (w, dir) -> w.writeRadiology(gen, !noSessionId, dir));
  }

  static java.time.Instant date(CommandLine.Model.CommandSpec spec, String s) {
    try {
      return LocalDate.parse(s.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--start must be a date like 2025-01-06, got '" + s + "'");
    }
  }
}
