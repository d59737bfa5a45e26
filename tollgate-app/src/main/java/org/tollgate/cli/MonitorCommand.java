package org.tollgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tollgate.data.BadInputException;
import org.tollgate.format.Units;
import org.tollgate.ingest.config.MonitoringFile;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.monitor.Monitor;
import org.tollgate.report.Json;
import org.tollgate.report.MonitoringJson;
import org.tollgate.review.MonitorRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate monitor DIR}: the live tool against what the committee approved. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"Holds a live tool to its approved review: the approved policy replayed on the live scores (alerts per",
        "patient-day against control limits at the live census, and a CUSUM), the live alert log against that replay,",
        "score drift (PSI in bins fixed on the approved scores, Kolmogorov-Smirnov), and once outcomes mature",
        "(label delay explicit) sensitivity, observed/expected, subgroup sensitivity (Holm), false-alert cost and the",
        "share of alerts acted on; with the live features table, each bedside input's missingness and PSI against the",
        "approved data.features. Limits come from review.yaml's monitoring: block, defaults from the approved run.",
        "Exit code 0 when every reported period holds, 3 when a guardrail is breached (named on standard error),",
        "2 for bad input. See docs/monitoring.md."})
final class MonitorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The approved review folder (review.yaml and its data).")
  Path dir;

  @Option(names = "--scores", paramLabel = "PATH", description = "The live prediction log (default: monitoring.live.predictions). With --scores or --events, review.yaml's monitoring.live block is not used: name the alert log and features table here too.")
  Path scores;

  @Option(names = "--events", paramLabel = "PATH", description = "The live events, outcomes included (default: monitoring.live.events).")
  Path events;

  @Option(names = "--summary", paramLabel = "FILE", description = "Finish from live periods summarised elsewhere (tollgate.monitor-summary/v2, the Spark job MonitorJob) instead of --scores/--events.")
  Path summary;

  @Option(names = "--alerts", paramLabel = "PATH", description = "The live system's alert log: an events file, type 'alert', value 1/0/empty for acted on.")
  Path alerts;

  @Option(names = "--features", paramLabel = "PATH", description = "The live features table (the bedside inputs as charted, as data.features; default: monitoring.live.features): each input's missingness and PSI against the approved one.")
  Path features;

  @Option(names = "--period", paramLabel = "day|week|month", description = "Period length (default: monitoring.period, else week).")
  String period;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Report (and gate on) the periods that end after this day only.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Report (and gate on) the periods that start on or before this day only.")
  String to;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "When the data were extracted (end of that day, UTC): windows closing later are pending. Default: the last time in the live data.")
  String asOf;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the tollgate.monitoring/v1 JSON here.")
  Path output;

  @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Standard output: table (default) or json.")
  String format;

  @picocli.CommandLine.Mixin StoreOptions store;

  @Option(names = "--no-store", description = "Do not record the periods (and a breach) in the store.")
  boolean noStore;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) throw new BadInputException("--format", "must be table or json, got '" + format + "'");
    ReviewFile rf = ReviewFile.read(dir);
    MonitoringFile mf = MonitoringFile.read(dir);
    String attached = null;
    if (!noStore) {
      // The committee's latest decision with guardrails attached holds the live tool to them, not the editable review.yaml.
      try (org.tollgate.store.Store st = store.open()) {
        MonitorRunner.Held h = MonitorRunner.heldTo(st, rf.useCase().id(), mf);
        mf = h.file();
        attached = h.attached();
      }
    }
    if (period != null) {
      try {
        mf = new MonitoringFile(mf.settings().withPeriod(org.tollgate.monitor.MonitorSettings.Period.parse(period)), mf.live());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--period", e.getMessage());
      }
    }
    // The live scores and events are one extract with its alert log and features table: naming either on the command
    // line sets review.yaml's live block aside (a features table of another extract would match none of its encounters).
    MonitoringFile.Live cfg = scores != null || events != null ? null : mf.live();
    MonitoringFile.Live live = new MonitoringFile.Live(scores != null ? scores : cfg == null ? null : cfg.predictions(),
        events != null ? events : cfg == null ? null : cfg.events(), alerts != null ? alerts : cfg == null ? null : cfg.alerts(),
        features != null ? features : cfg == null ? null : cfg.features());
    Long as = asOf == null ? null : day("--as-of", asOf) + 86_400 - 1;
    long lo = from == null ? Long.MIN_VALUE : day("--from", from);
    long hi = to == null ? Long.MAX_VALUE : day("--to", to) + 86_400 - 1;
    if (summary != null && (scores != null || events != null || alerts != null || features != null || asOf != null)) {
      throw new BadInputException("--summary", "give either --summary or --scores/--events/--alerts/--features/--as-of (the summary has its own as-of time)");
    }
    MonitorRunner.Outcome o = summary != null ? MonitorRunner.fromSummary(rf, mf, summary) : MonitorRunner.run(rf, mf, live, as);
    List<Monitor.PeriodResult> shown = o.results().stream().filter(r -> r.summary().end() > lo && r.summary().start() <= hi).toList();
    if (shown.isEmpty()) throw new BadInputException("--from/--to", "no live period in that range");
    String version = new Main.Version().getVersion()[0];
    String doc = Json.MAPPER.writeValueAsString(MonitoringJson.of(o, shown, version));
    if (output != null) Output.atomic(output, s -> s.write((doc + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) out.println(doc);
    else {
      if (attached != null) out.println(attached);
      table(o, shown, out);
    }
    if (!noStore) record(o, shown, Json.MAPPER.readTree(doc), out);
    out.flush();
    List<Monitor.PeriodResult> breached = shown.stream().filter(Monitor.PeriodResult::breached).toList();
    if (!breached.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("GUARDRAIL BREACHED" + (shown.size() > 1 ? " in " + breached.size() + " of " + shown.size() + " " + o.settings().period().word() + "s" : "") + "; "
          + lastBreach(o, breached.get(breached.size() - 1)));
      err.flush();
      return ExitCodes.HALTED;
    }
    return ExitCodes.OK;
  }

  /** Records the reported periods in the store with their audit entries (see {@link MonitorRunner#record}). */
  private void record(MonitorRunner.Outcome o, List<Monitor.PeriodResult> shown, com.fasterxml.jackson.databind.JsonNode doc, PrintWriter out) {
    try (org.tollgate.store.Store st = store.open()) {
      org.tollgate.store.Monitoring.Recorded r = MonitorRunner.record(st, o, shown, doc, StoreOptions.actor());
      out.println("Stored " + Units.count(r.periods(), "period") + " in " + st.url() + (r.breachRecorded() ? "; the use case is now re-review due" : "")
          + (r.checkpoint() == null ? "" : "; audit checkpoint " + r.checkpoint()));
    } catch (org.tollgate.store.StoreException e) {
      throw new org.tollgate.store.StoreException(e.getMessage() + " (the report is written; --no-store skips the store)", e);
    }
  }

  /** The latest breached period's sentence, with the run of periods each guardrail has been breached for. */
  private static String lastBreach(MonitorRunner.Outcome o, Monitor.PeriodResult last) {
    List<Monitor.PeriodResult> upTo = o.results().subList(0, o.results().indexOf(last) + 1);
    return "the " + o.settings().period().word() + " from " + Instant.ofEpochSecond(last.summary().start()).toString().substring(0, 10) + ": "
        + Monitor.breachSentence(upTo, o.settings());
  }

  private static void table(MonitorRunner.Outcome o, List<Monitor.PeriodResult> shown, PrintWriter w) {
    w.println(o.review().useCase().title() + " (" + o.review().useCase().id() + "), policy " + o.policy().name() + ", " + o.settings().period().word() + "ly");
    w.println("Approved: " + Units.rate(o.baseline().alertsPerDay()) + " alerts a day, " + Units.rate(o.baseline().rate() * 100) + " per 100 patient-days, census "
        + Units.number(o.baseline().census(), 0) + "; sensitivity " + Units.percent(o.baseline().sensitivity().estimate()));
    w.printf(Locale.ROOT, "%-10s %7s %8s %13s %9s %6s %7s  %s%n", "Period", "Census", "Alerts/d", "Per 100 pt-d", "Limits", "CUSUM", "PSI", "Guardrails");
    for (Monitor.PeriodResult r : shown) {
      String lim = r.limits() == null ? "—" : Units.rate(r.limits().lower() * 100) + "–" + Units.rate(r.limits().upper() * 100);
      StringBuilder g = new StringBuilder();
      for (Monitor.Finding f : r.findings()) if (f.status() == Monitor.Status.BREACH) g.append(g.length() == 0 ? "BREACH " : ", ").append(f.guardrail().id());
      w.printf(Locale.ROOT, "%-10s %7s %8s %13s %9s %6s %7s  %s%n", Instant.ofEpochSecond(r.summary().start()).toString().substring(0, 10),
          Units.number(r.census(), 0), Units.rate(r.alertsPerDay()), Units.rate(r.rate() * 100), lim, Units.number(Math.max(r.cusum().plus(), r.cusum().minus()), 1),
          Units.number(r.psi(), 3), g.length() == 0 ? "ok" : g);
    }
    Monitor.PeriodResult last = shown.get(shown.size() - 1);
    w.println();
    w.println("Last period, every guardrail:");
    for (Monitor.Finding f : last.findings()) w.printf(Locale.ROOT, "  [%-13s] %s: %s%n", f.status().word(), f.guardrail().title(), f.sentence());
    if (!last.features().isEmpty()) features(o, last, w);
  }

  /** The last period's inputs of the features table: rows, missing share with its interval, the approved share, PSI. */
  private static void features(MonitorRunner.Outcome o, Monitor.PeriodResult last, PrintWriter w) {
    int minCell = o.settings().minCell();
    w.println();
    w.println("Last period, the model's inputs (features table):");
    w.printf(Locale.ROOT, "  %-18s %9s %24s %17s %7s%n", "Input", "Rows", "Missing (95% CI)", "Approved missing", "PSI");
    last.features().forEach((name, d) -> {
      org.tollgate.monitor.PeriodSummary.Feature ref = o.baseline().feature(name);
      String missing = Monitor.shareWithheld(d.missing(), d.rows(), minCell) ? "withheld"
          : Units.percent(d.missingShare()) + " (" + Units.percentRange(d.missingInterval().lower(), d.missingInterval().upper()) + ")";
      String approved = ref == null ? "—" : Monitor.shareWithheld(ref.missing(), ref.rows(), minCell) ? "withheld" : Units.percent(ref.missingShare());
      w.printf(Locale.ROOT, "  %-18s %9s %24s %17s %7s%n", name, Monitor.cell(d.rows(), minCell), missing, approved,
          Units.number(d.psi(), 3));
    });
  }

  private static long day(String option, String s) {
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new BadInputException(option, "must be a date YYYY-MM-DD, got '" + s + "'");
    }
  }
}
