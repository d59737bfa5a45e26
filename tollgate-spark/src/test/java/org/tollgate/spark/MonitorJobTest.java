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
 * field by field (histograms, counts, subgroups), whatever the partitioning and batch size; and they survive the
 * summary file.
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
    List<PeriodSummary> local = Summarizer.summarize(t, ev, null, bounds, new Summarizer.Settings(POLICY, SEPSIS, m.attributes(), 0, 3600, asOf));
    PeriodSummary all = PeriodSummary.mergeAll(local);
    assertTrue(local.size() >= 7 && all.volume().alerts() > 20 && all.performance().pending() > 0 && all.performance().detected() > 0,
        "the cohort must exercise alerts and open windows: " + local.size() + " periods, " + all.volume() + ", " + all.performance());
    for (int[] split : new int[][] {{3, SimulateJob.BATCH_ROWS}, {2, 5_000}}) {
      SummaryFile f = MonitorJob.summarize(SparkTestSupport.spark(), null, cohort.resolve("scores.parquet").toString(), null,
          cohort.resolve("events.parquet").toString(), m, POLICY, SEPSIS, s, asOf, split[0], split[1]);
      assertEquals(local.size(), f.periods().size());
      for (int p = 0; p < local.size(); p++) assertEquals(local.get(p), f.periods().get(p), "period " + p + " with " + split[0] + " partitions, batches of " + split[1]);
      assertEquals(t.rows(), f.scores().rows());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      f.write(out);
      SummaryFile back = SummaryFile.read(new ByteArrayInputStream(out.toByteArray()), "live.tgm");
      assertEquals(f.periods(), back.periods());
      assertEquals(asOf, back.asOf());
    }
  }
}
