package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cases.CaseLibrary;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.monitor.MonitorSettings;
import org.tollgate.monitor.PeriodSummary;
import org.tollgate.monitor.SummaryFile;
import org.tollgate.monitor.Summarizer;

/** {@code tollgate monitor --summary FILE} finishes from periods summarised elsewhere exactly as from the rows. */
class MonitorSummaryTest {
  @TempDir Path dir;

  @Test
  void monitorFromASummaryFileGivesTheSameDocumentAsFromTheRows() throws Exception {
    Path folder = CaseLibrary.prepare(CaseLibrary.find("13-sepsis-after-launch"), CaseLibraryTest.ROOT);
    long asOf = java.time.LocalDate.parse("2026-09-30").atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() + 86_399;
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    ScoreTable t = new PredictionReader().read(folder.resolve("data/live/scores.parquet"), m, Need.SCORE_ONLY);
    EventTable ev = EventReader.read(folder.resolve("data/live/events.parquet"), t, m.encounter(), m.zone());
    long first = Long.MAX_VALUE;
    for (int r = 0; r < t.rows(); r++) first = Math.min(first, t.epochSecond(r));
    long[] bounds = MonitorSettings.defaults().bounds(Math.floorDiv(first, 86_400L) * 86_400L, asOf + 1);
    var policy = new org.tollgate.alerts.AlertPolicy("dual-signal-context", 0.25, 2, new org.tollgate.alerts.AlertPolicy.Confirm("lactate", 2.0, 240),
        List.of("procedure"), 720, null, null);
    var outcome = new org.tollgate.alerts.Outcome("sepsis_onset", 720);
    List<PeriodSummary> periods = Summarizer.summarize(t, ev, null, bounds, new Summarizer.Settings(policy, outcome, List.of("sex"), 2 * 86_400L, 3600, asOf));
    // the live features table (monitoring.live.features), summarised as the Spark job does
    org.tollgate.fallback.FeatureTable ft = org.tollgate.ingest.FeatureReader.read(folder.resolve("data/live/features.parquet"), t, m.encounter(), m.zone());
    periods = Summarizer.withFeatures(periods, org.tollgate.monitor.FeatureLog.of(ft));
    Path file = dir.resolve("live.tgm");
    try (OutputStream out = Files.newOutputStream(file)) {
      new SummaryFile(policy.name(), outcome.type(), outcome.horizonMinutes(), asOf, 2 * 86_400L, 3600, t.input(), ev.input(), ft.input(), periods).write(out);
    }
    InspectCommandTest.Run rows = InspectCommandTest.run("monitor", folder.toString(), "--as-of", "2026-09-30", "--from", "2026-07-02", "--to", "2026-07-08",
        "--format", "json", "--no-store");
    InspectCommandTest.Run summary = InspectCommandTest.run("monitor", folder.toString(), "--summary", file.toString(), "--from", "2026-07-02", "--to", "2026-07-08",
        "--format", "json", "--no-store");
    assertEquals(3, rows.exit(), rows.err());
    assertEquals(3, summary.exit(), summary.err());
    JsonNode a = new ObjectMapper().readTree(rows.out());
    JsonNode b = new ObjectMapper().readTree(summary.out());
    assertEquals(a.get("periods"), b.get("periods"));
    assertTrue(b.get("periods").get(0).get("features").has("lactate"), "the features table's inputs come through the summary file");
    assertEquals(a.get("reason"), b.get("reason"));
    assertTrue(b.get("reason").asText().startsWith("alert volume"), b.toString());
    InspectCommandTest.Run wrong = InspectCommandTest.run("monitor", folder.toString(), "--summary", dir.resolve("none.tgm").toString(), "--no-store");
    assertEquals(2, wrong.exit(), wrong.err());
  }

  /**
   * Guardrails the committee attached to its decision (structured conditions) hold the live tool instead of the review
   * folder's monitoring block: with only the volume check at ±100 standard deviations attached, the surge week passes;
   * the JSON round-trips the settings; the decision's audit entry carries them.
   */
  @Test
  void guardrailsAttachedToTheDecisionOverrideReviewYaml() throws Exception {
    Path folder = CaseLibrary.prepare(CaseLibrary.find("13-sepsis-after-launch"), CaseLibraryTest.ROOT);
    MonitorSettings lax = new MonitorSettings(MonitorSettings.Period.WEEK, java.util.EnumSet.of(org.tollgate.monitor.Guardrail.VOLUME), 100, 0.5, 5, 0.2,
        0.3, 1.25, 4000.0, 0.1, 0.95, 4, 2, 60, 11);
    String json = org.tollgate.ingest.config.MonitoringFile.toJson(lax);
    assertEquals(lax, org.tollgate.ingest.config.MonitoringFile.fromJson(json, "test"));
    String db = org.tollgate.store.Store.h2File(dir.resolve("store"));
    try (org.tollgate.store.Store st = org.tollgate.store.Store.open(db)) {
      st.people().addUser("admin", java.util.EnumSet.of(org.tollgate.store.People.Role.ADMIN), "correct horse battery".toCharArray(), null);
      var admin = st.people().login("admin", "correct horse battery".toCharArray());
      st.people().addUser("chair", java.util.EnumSet.of(org.tollgate.store.People.Role.COMMITTEE_CHAIR), "correct horse battery".toCharArray(), admin);
      org.tollgate.review.TestRuns.record(st, "case-13-sepsis-after-launch", "REDESIGN"); // approving with contingencies needs a GO or REDESIGN run
      st.people().decide(st.people().login("chair", "correct horse battery".toCharArray()), "case-13-sepsis-after-launch",
          org.tollgate.store.People.Outcome.APPROVE_WITH_CONTINGENCIES, "volume guardrail", org.tollgate.store.People.date("2027-01-31"), null, json);
      assertTrue(st.audit().entries("use_case/case-13-sepsis-after-launch").stream().filter(e -> e.action().equals("decision")).findFirst()
          .orElseThrow().payload().contains("volume_sigma"));
    }
    InspectCommandTest.Run r = InspectCommandTest.run("monitor", folder.toString(), "--from", "2026-07-02", "--to", "2026-07-08", "--db", db);
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("Guardrails: attached to the committee's decision (approve_with_contingencies)"), r.out());
    InspectCommandTest.Run own = InspectCommandTest.run("monitor", folder.toString(), "--from", "2026-07-02", "--to", "2026-07-08", "--no-store");
    assertEquals(3, own.exit(), "review.yaml's own guardrails breach: " + own.err());
  }
}
