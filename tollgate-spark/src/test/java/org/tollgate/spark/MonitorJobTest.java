package org.tollgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
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

/**
 * The Spark job's per-period summaries equal the in-process ones on the same Parquet files, period by period and
 * field by field (histograms, counts, subgroups, the features table's inputs), whatever the partitioning and batch size;
 * and they survive the summary file.
 */
class MonitorJobTest {
  @TempDir static Path dir;
  static Path cohort;
  static final AlertPolicy POLICY = new AlertPolicy("context", 0.25, 2, null, List.of("procedure"), 720, null, null);
  static final Outcome SEPSIS = new Outcome("sepsis_onset", 720);

  @BeforeAll
  static void data() throws Exception {
    cohort = SparkTestSupport.cohort(dir, 600, 60, 7);
  }

  /**
   * With the live features table (the generator's bedside inputs, plus a row of an encounter without scores that both
   * readers drop), each period's per-input rows, missing rows and value histograms equal the in-process ones too.
   */
  @Test
  void sparkSummariesEqualTheInProcessSummaries() throws Exception {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex", "age_band"));
    MonitorSettings s = MonitorSettings.defaults();
    ScoreTable t = new PredictionReader().read(cohort.resolve("scores.parquet"), m, Need.SCORE_ONLY);
    EventTable ev = EventReader.read(cohort.resolve("events.parquet"), t, m.encounter(), m.zone());
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int r = 0; r < t.rows(); r++) {
      first = Math.min(first, t.epochSecond(r));
      last = Math.max(last, t.epochSecond(r));
    }
    for (int i = 0; i < ev.rows(); i++) last = Math.max(last, ev.time(i));
    long asOf = last - 10 * 86_400L; // some windows still open
    long[] bounds = s.bounds(Math.floorDiv(first, 86_400L) * 86_400L, asOf + 1);
    Path features = dir.resolve("features-plus-unscored.parquet");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement st = c.createStatement()) {
      String f = "read_parquet('" + cohort.resolve("features.parquet") + "')";
      st.execute("COPY (SELECT * FROM " + f + " UNION ALL BY NAME SELECT 'NO-SUCH-ENCOUNTER' AS encounter_id, (SELECT min(time) FROM " + f
          + ") AS time, 80.0 AS heart_rate) TO '" + features + "' (FORMAT PARQUET)");
    }
    org.tollgate.fallback.FeatureTable ft = org.tollgate.ingest.FeatureReader.read(features, t, m.encounter(), m.zone());
    List<PeriodSummary> local = Summarizer.withFeatures(
        Summarizer.summarize(t, ev, null, bounds, new Summarizer.Settings(POLICY, SEPSIS, m.attributes(), 0, 3600, asOf)), org.tollgate.monitor.FeatureLog.of(ft));
    PeriodSummary all = PeriodSummary.mergeAll(local);
    assertTrue(local.size() >= 7 && all.volume().alerts() > 20 && all.performance().pending() > 0 && all.performance().detected() > 0,
        "the cohort must exercise alerts and open windows: " + local.size() + " periods, " + all.volume() + ", " + all.performance());
    assertTrue(all.features().size() >= 5 && all.features().stream().allMatch(x -> x.values().n() > 0) && all.features().stream().anyMatch(x -> x.missing() > 0),
        "the inputs must have values, and some missing rows: " + all.features());
    for (int[] split : new int[][] {{3, SimulateJob.BATCH_ROWS}, {2, 5_000}}) {
      SummaryFile f = MonitorJob.summarize(SparkTestSupport.spark(), null, cohort.resolve("scores.parquet").toString(), null,
          cohort.resolve("events.parquet").toString(), null, null, null, features.toString(), m, POLICY, SEPSIS, s, asOf, split[0], split[1]);
      assertEquals(local.size(), f.periods().size());
      for (int p = 0; p < local.size(); p++) assertEquals(local.get(p), f.periods().get(p), "period " + p + " with " + split[0] + " partitions, batches of " + split[1]);
      assertEquals(t.rows(), f.scores().rows());
      assertEquals(ft.input().rows(), f.features().rows(), "every feature row read, the unscored one too");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      f.write(out);
      SummaryFile back = SummaryFile.read(new ByteArrayInputStream(out.toByteArray()), "live.tgm");
      assertEquals(f.periods(), back.periods());
      assertEquals(asOf, back.asOf());
    }
  }

  /**
   * With the live system's alert log (check 2: what runs is what was approved), the Spark job's comparison equals the
   * in-process one: the log of a deployed policy that differs from the approved one (acted on, not, unknown by turns),
   * plus a row of an encounter without scores (dropped by both readers) and a row of another type (ignored by both).
   */
  @Test
  void withTheLiveAlertLogSparkSummariesEqualTheInProcessSummaries() throws Exception {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    MonitorSettings s = MonitorSettings.defaults();
    ScoreTable t = new PredictionReader().read(cohort.resolve("scores.parquet"), m, Need.SCORE_ONLY);
    EventTable ev = EventReader.read(cohort.resolve("events.parquet"), t, m.encounter(), m.zone());
    AlertPolicy deployed = new AlertPolicy("deployed", 0.2, 1, null, List.of(), 720, null, null);
    List<Object[]> log = new java.util.ArrayList<>();
    org.tollgate.alerts.Simulator.run(t, ev, SEPSIS, List.of(deployed), List.of(), 0,
        (e, fired, delivered, kind) -> log.add(new Object[] {t.encounterId(e), fired, "alert", log.size() % 3 == 2 ? null : (double) (log.size() % 3)}));
    log.add(new Object[] {"NO-SUCH-ENCOUNTER", log.get(0)[1], "alert", 1.0});
    log.add(new Object[] {log.get(0)[0], log.get(0)[1], "page", null});
    Path alerts = dir.resolve("alerts.parquet");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE a (encounter_id VARCHAR, t BIGINT, type VARCHAR, value DOUBLE)");
      try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO a VALUES (?, ?, ?, ?)")) {
        for (Object[] r : log) {
          ps.setString(1, (String) r[0]);
          ps.setLong(2, (Long) r[1]);
          ps.setString(3, (String) r[2]);
          if (r[3] == null) ps.setNull(4, java.sql.Types.DOUBLE);
          else ps.setDouble(4, (Double) r[3]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      st.execute("COPY (SELECT encounter_id, CAST(make_timestamp(t * 1000000) AS TIMESTAMPTZ) AS time, type, value FROM a) TO '" + alerts
          + "' (FORMAT PARQUET)");
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int r = 0; r < t.rows(); r++) {
      first = Math.min(first, t.epochSecond(r));
      last = Math.max(last, t.epochSecond(r));
    }
    long asOf = last;
    long[] bounds = s.bounds(Math.floorDiv(first, 86_400L) * 86_400L, asOf + 1);
    EventTable alertLog = EventReader.read(alerts, t, m.encounter(), m.zone());
    List<PeriodSummary> local = Summarizer.summarize(t, ev, Summarizer.LiveAlerts.of(alertLog, alerts.toString()), bounds,
        new Summarizer.Settings(POLICY, SEPSIS, m.attributes(), 0, 3600, asOf));
    PeriodSummary.Match all = PeriodSummary.mergeAll(local).match();
    assertTrue(all.matched() > 0 && all.liveOnly() > 0 && all.replayOnly() > 0 && all.actedKnown() > all.acted() && all.acted() > 0,
        "the log must exercise every comparison counter: " + all);
    for (int[] split : new int[][] {{3, SimulateJob.BATCH_ROWS}, {2, 5_000}}) {
      SummaryFile f = MonitorJob.summarize(SparkTestSupport.spark(), null, cohort.resolve("scores.parquet").toString(), null,
          cohort.resolve("events.parquet").toString(), null, alerts.toString(), m, POLICY, SEPSIS, s, asOf, split[0], split[1]);
      assertEquals(local.size(), f.periods().size());
      for (int p = 0; p < local.size(); p++) assertEquals(local.get(p), f.periods().get(p), "period " + p + " with " + split[0] + " partitions, batches of " + split[1]);
    }
  }
}
