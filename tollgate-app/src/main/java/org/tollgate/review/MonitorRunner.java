package org.tollgate.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.fallback.FeatureTable;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.FeatureReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.MonitoringFile;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.monitor.Baseline;
import org.tollgate.monitor.FeatureLog;
import org.tollgate.monitor.Monitor;
import org.tollgate.monitor.MonitorSettings;
import org.tollgate.monitor.PeriodSummary;
import org.tollgate.monitor.Summarizer;

/**
 * {@code tollgate monitor}'s work: the approved run's data (the review folder's predictions and events, the
 * chosen policy, outcome, breakdowns and workflow) summarised into the baseline, the live data summarised
 * into periods, and every period judged. The live data are read with the review's column mapping and
 * readers (CSV, Parquet folder or glob, FHIR NDJSON); the live alert log is an events file with one row
 * per alert (type {@value #ALERT_TYPE}, value 1 acted on, 0 not, empty unknown); as with any events file, rows
 * of encounters the live scores do not have are dropped by the reader (and counted in its provenance). The live
 * features table is read as the review reads {@code data.features} ({@link FeatureReader}: the bedside inputs, rows of
 * encounters without scores dropped) and compared input by input with the approved one; the approved features table is
 * read only when live features are given (without them the two features guardrails are not evaluated anyway).
 */
public final class MonitorRunner {
  /** The event type of a row of the live alert log. */
  public static final String ALERT_TYPE = Summarizer.LiveAlerts.TYPE;

  private MonitorRunner() {}

  /**
   * The result.
   *
   * @param results every live period, judged
   * @param asOf the as-of time: outcome windows closing after it are pending
   * @param inputs provenance (path, SHA-256, rows) of the approved and live inputs, the approved ones first
   * @param approvedInputs how many of {@code inputs} are the approved run's (predictions, events, and the features table when read)
   */
  public record Outcome(ReviewFile review, MonitorSettings settings, AlertPolicy policy, Baseline baseline, List<Monitor.PeriodResult> results,
      long asOf, List<InputRecord> inputs, int approvedInputs) {}

  /**
   * @param live the live data's paths (predictions and events required, alerts and features optional)
   * @param asOf the as-of time in epoch seconds, or null for the last time in the live scores and events
   */
  public static Outcome run(ReviewFile rf, MonitoringFile mf, MonitoringFile.Live live, Long asOf) {
    MonitorSettings s = mf.settings();
    Approved a = approved(rf, s, live != null && live.features() != null);
    if (live == null || live.predictions() == null || live.events() == null) {
      throw new BadInputException(rf.dir().resolve("review.yaml").toString(), "no live data: give --scores and --events (or --summary), or monitoring.live in review.yaml");
    }
    List<InputRecord> inputs = new ArrayList<>(a.inputs());
    PredictionReader reader = new PredictionReader();
    ScoreTable scores = reader.read(live.predictions(), a.mapping(), Need.SCORE_ONLY);
    EventTable events = EventReader.read(live.events(), scores, a.mapping().encounter(), a.mapping().zone());
    inputs.add(scores.input());
    inputs.add(events.input());
    Summarizer.LiveAlerts alerts = null;
    if (live.alerts() != null) {
      EventTable log = EventReader.read(live.alerts(), scores, a.mapping().encounter(), a.mapping().zone());
      inputs.add(log.input());
      alerts = liveAlerts(log, live.alerts());
    }
    FeatureLog features = null;
    if (live.features() != null) {
      FeatureTable ft = FeatureReader.read(live.features(), scores, a.mapping().encounter(), a.mapping().zone());
      inputs.add(ft.input());
      features = FeatureLog.of(ft);
    }
    long[] span = span(scores, events);
    long as = asOf != null ? asOf : span[1];
    // Periods end at the as-of time: nothing after it was in the extract (the last period may be partial).
    long[] liveBounds = s.bounds(day(span[0]), Math.min(span[1], as) + 1);
    Summarizer.Settings set = new Summarizer.Settings(a.policy(), rf.outcome(), rf.evaluation().by(), Math.round(s.labelDelayDays() * 86_400),
        s.matchToleranceMinutes() * 60L, as);
    List<PeriodSummary> periods = Summarizer.summarize(scores, events, alerts, liveBounds, set);
    if (features != null) periods = Summarizer.withFeatures(periods, features);
    return new Outcome(rf, s, a.policy(), a.baseline(), Monitor.judge(a.baseline(), periods, s), as, inputs, a.inputs().size());
  }

  /**
   * Finishes from live periods summarised elsewhere ({@code MonitorJob} on Spark): the file's policy and outcome must
   * be the review's; its periods and as-of time are taken as they are.
   */
  public static Outcome fromSummary(ReviewFile rf, MonitoringFile mf, Path file) {
    org.tollgate.monitor.SummaryFile f;
    try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
      f = org.tollgate.monitor.SummaryFile.read(in, file.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadInputException(file.toString(), "file not found");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading " + file, e);
    }
    MonitorSettings s = mf.settings();
    boolean features = f.periods().stream().anyMatch(p -> !p.features().isEmpty());
    Approved a = approved(rf, s, features);
    if (!f.policy().equals(a.policy().name()) || !f.outcomeType().equals(rf.outcome().type()) || f.horizonMinutes() != rf.outcome().horizonMinutes()) {
      throw new BadInputException(file.toString(), "summarises policy '" + f.policy() + "' with outcome " + f.outcomeType() + " (" + f.horizonMinutes()
          + " min); the review approved '" + a.policy().name() + "' with " + rf.outcome().type() + " (" + rf.outcome().horizonMinutes() + " min)");
    }
    if (f.periods().isEmpty()) throw new BadInputException(file.toString(), "holds no period");
    List<InputRecord> inputs = new ArrayList<>(a.inputs());
    inputs.add(f.scores());
    inputs.add(f.events());
    if (f.features() != null) inputs.add(f.features());
    return new Outcome(rf, s, a.policy(), a.baseline(), Monitor.judge(a.baseline(), f.periods(), s), f.asOf(), inputs, a.inputs().size());
  }

  /**
   * The monitoring block the live tool is held to.
   *
   * @param attached the sentence naming the decision whose guardrails these are, or null when they are review.yaml's
   */
  public record Held(MonitoringFile file, String attached) {}

  /**
   * The guardrails attached to the committee's latest decision that has some (as structured conditions), with
   * review.yaml's live data paths; review.yaml's {@code monitoring:} block when no decision has guardrails.
   */
  public static Held heldTo(org.tollgate.store.Store st, String useCaseId, MonitoringFile mf) {
    List<org.tollgate.store.People.Decision> ds = st.people().decisions(useCaseId);
    for (int i = ds.size() - 1; i >= 0; i--) {
      org.tollgate.store.People.Decision d = ds.get(i);
      if (d.guardrails() != null) {
        return new Held(new MonitoringFile(MonitoringFile.fromJson(d.guardrails(), "the guardrails of the decision of " + d.createdAt()), mf.live()),
            "Guardrails: attached to the committee's decision (" + d.outcome() + ") of " + d.createdAt() + " by " + d.user());
      }
    }
    return new Held(mf, null);
  }

  /**
   * Records the reported periods (each period's {@code tollgate.monitoring/v1} object from {@code doc}, with the inputs) and
   * their audit entries; the use case turns re-review due when the last reported period breaches a guardrail, or when
   * the committee's latest review date has passed by the as-of time.
   */
  public static org.tollgate.store.Monitoring.Recorded record(org.tollgate.store.Store st, Outcome o, List<Monitor.PeriodResult> shown,
      com.fasterxml.jackson.databind.JsonNode doc, String actor) {
    String id = o.review().useCase().id();
    List<org.tollgate.store.Monitoring.Period> periods = new ArrayList<>();
    String inputs = doc.get("inputs").toString();
    for (int i = 0; i < shown.size(); i++) {
      com.fasterxml.jackson.databind.JsonNode p = doc.get("periods").get(i);
      periods.add(new org.tollgate.store.Monitoring.Period(p.get("start").asText(), p.get("end").asText(), o.settings().period().word(), p.toString(),
          shown.get(i).breached(), inputs));
    }
    String reason = Monitor.breachSentence(shown, o.settings());
    if (reason == null) reason = reviewDatePassed(st, id, o.asOf());
    return st.monitoring().record(id, o.review().useCase().title(), periods, reason, actor);
  }

  /** "the committee's review date D has passed", when the latest decision's review date is before the as-of day; else null. */
  static String reviewDatePassed(org.tollgate.store.Store st, String useCaseId, long asOf) {
    List<org.tollgate.store.People.Decision> ds = st.people().decisions(useCaseId);
    if (ds.isEmpty()) return null;
    String date = ds.get(ds.size() - 1).reviewDate();
    if (date == null) return null;
    java.time.LocalDate d = java.time.LocalDate.parse(date);
    return d.isBefore(java.time.LocalDate.ofInstant(java.time.Instant.ofEpochSecond(asOf), java.time.ZoneOffset.UTC)) ? "the committee's review date " + d + " has passed" : null;
  }

  /** The approved side: its policy, column mapping, baseline and inputs. */
  private record Approved(AlertPolicy policy, ColumnMapping mapping, Baseline baseline, List<InputRecord> inputs) {}

  /**
   * @param features whether live features are compared: then the approved features table ({@code data.features}, when
   *     it has bedside inputs) is summarised into the baseline too
   */
  private static Approved approved(ReviewFile rf, MonitorSettings s, boolean features) {
    if (rf.policies().isEmpty() || rf.outcome() == null) {
      throw new BadInputException(rf.dir().resolve("review.yaml").toString(), "monitoring replays the approved policy: review.yaml needs policies and an outcome");
    }
    ReviewFile.Data d = rf.data();
    if (d.predictions() == null || d.events() == null) {
      throw new BadInputException(rf.dir().resolve("review.yaml").toString(), "monitoring compares with the approved data: review.yaml needs data.predictions and data.events");
    }
    AlertPolicy policy = ReviewRunner.chosenPolicy(rf);
    ColumnMapping mapping = ReviewRunner.mapping(d).withAttributes(rf.evaluation().by());
    ScoreTable approved = new PredictionReader().read(d.predictions(), mapping, Need.SCORE_ONLY);
    EventTable approvedEvents = EventReader.read(d.events(), approved, mapping.encounter(), mapping.zone());
    long[] aspan = span(approved, null);
    List<PeriodSummary> base = Summarizer.summarize(approved, approvedEvents, null, s.bounds(day(aspan[0]), aspan[1] + 1),
        new Summarizer.Settings(policy, rf.outcome(), rf.evaluation().by(), 0, s.matchToleranceMinutes() * 60L, Long.MAX_VALUE));
    List<InputRecord> inputs = new ArrayList<>(List.of(approved.input(), approvedEvents.input()));
    // The approved features table, when it has bedside inputs (one that only holds provenance times has none to compare).
    if (features && d.features() != null && !FeatureReader.inputs(d.features()).isEmpty()) {
      FeatureTable ft = FeatureReader.read(d.features(), approved, mapping.encounter(), mapping.zone());
      inputs.add(ft.input());
      base = Summarizer.withFeatures(base, FeatureLog.of(ft));
    }
    double days = (aspan[1] - aspan[0]) / 86_400.0;
    Baseline b = Baseline.of(base, days, rf.workflow(), rf.limits().falseAlertCostPerMonth(), expectedActedOn(policy, PeriodSummary.mergeAll(base), days, rf.workflow()));
    return new Approved(policy, mapping, b, List.copyOf(inputs));
  }

  /** The review's response model at the approved alerts per staff member per shift, as the review priced it; NaN without one. */
  static double expectedActedOn(AlertPolicy policy, PeriodSummary total, double days, Workflow w) {
    if (w == null || w.response() == null) return Double.NaN;
    long a = total.volume().alerts();
    PolicyCounts c = PolicyCounts.of(a, 0, 0, a, 0, 0, 0, 0, new long[0]);
    return PolicyReport.of(policy, c, days, total.volume().patientDays(), w).probabilityActedOn();
  }

  private static Summarizer.LiveAlerts liveAlerts(EventTable log, Path file) {
    if (log.typeCode(ALERT_TYPE) < 0) {
      throw new BadInputException(file.toString(), 0, "type", "the live alert log has no rows of type '" + ALERT_TYPE + "'; types are " + log.typeNames());
    }
    return Summarizer.LiveAlerts.of(log, file.toString());
  }

  private static long day(long t) {
    return Math.floorDiv(t, 86_400L) * 86_400L;
  }

  /** First and last time of the scores (and events, when given). */
  private static long[] span(ScoreTable s, EventTable e) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int r = 0; r < s.rows(); r++) {
      long t = s.epochSecond(r);
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (s.rows() == 0) throw new BadInputException(s.input() == null ? "scores" : s.input().path(), "no score rows");
    if (e != null) for (int i = 0; i < e.rows(); i++) max = Math.max(max, e.time(i));
    return new long[] {min, max};
  }
}
