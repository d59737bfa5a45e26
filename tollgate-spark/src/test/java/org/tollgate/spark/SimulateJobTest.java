package org.tollgate.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.AlertPpv;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.RunFile;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.PolicyFile;

/**
 * The Spark simulation against the command line's in-process path on the same Parquet files: ten
 * policies (bench/policy-10.yaml: thresholds, persistence, lactate confirmation, procedure
 * suppression, re-fire, digests) over a generated sepsis cohort; every counter and every lead time
 * equal, overall and per group, the per-encounter sums of alert PPV's cluster-aware interval among them (so its
 * interval equals the in-process one to 1e-12); observed days and patient-days to 1e-9. A hand-worked two-encounter
 * fixture checks the sums and the interval when one encounter's rows lie in two files.
 */
class SimulateJobTest {
  @TempDir static Path dir;
  static Path cohort;
  static PolicyFile.Contents policies;

  @BeforeAll
  static void data() throws IOException {
    cohort = SparkTestSupport.cohort(dir, 600, 60, 7);
    policies = PolicyFile.read(Path.of("..", "bench", "policy-10.yaml"));
  }

  static Simulator.Run inProcess(ColumnMapping m) {
    ScoreTable t = new PredictionReader().read(cohort.resolve("scores.parquet"), m, Need.SCORE_STREAM);
    EventTable ev = EventReader.read(cohort.resolve("events.parquet"), t, m.encounter(), m.zone());
    return Simulator.run(t, ev, policies.outcome(), policies.policies(), m.attributes());
  }

  static Simulator.Run spark(ColumnMapping m, int partitions) {
    return spark(m, partitions, SimulateJob.BATCH_ROWS);
  }

  static Simulator.Run spark(ColumnMapping m, int partitions, int batchRows) {
    return SimulateJob.simulate(SparkTestSupport.spark(), null, cohort.resolve("scores.parquet").toString(), null,
        cohort.resolve("events.parquet").toString(), m, policies.outcome(), policies.policies(), partitions, batchRows).run();
  }

  static void assertSameCounts(PolicyCounts a, PolicyCounts b, String what) {
    assertEquals(a.alerts(), b.alerts(), what + " alerts");
    assertEquals(a.timely(), b.timely(), what + " timely");
    assertEquals(a.late(), b.late(), what + " late");
    assertEquals(a.falseAlerts(), b.falseAlerts(), what + " false");
    assertEquals(a.encounters(), b.encounters(), what + " encounters");
    assertEquals(a.outcomeEncounters(), b.outcomeEncounters(), what + " outcome encounters");
    assertEquals(a.detected(), b.detected(), what + " detected");
    assertEquals(a.flagged(), b.flagged(), what + " flagged");
    assertTrue(a.hasEncounterSums() && b.hasEncounterSums(), what + " per-encounter sums");
    assertEquals(a.sumAlertsSquared(), b.sumAlertsSquared(), what + " sum of alerts squared");
    assertEquals(a.sumTimelySquared(), b.sumTimelySquared(), what + " sum of timely alerts squared");
    assertEquals(a.sumTimelyTimesAlerts(), b.sumTimelyTimesAlerts(), what + " sum of timely alerts times alerts");
    assertArrayEquals(a.leadMinutes(), b.leadMinutes(), what + " lead times");
  }

  @Test
  void everyCounterAndLeadTimeEqualsTheInProcessSimulation() {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("age_band", "unit"));
    Simulator.Run a = inProcess(m);
    Simulator.Run b = spark(m, 3);
    assertEquals(10, a.policies().size());
    assertTrue(a.overall()[0].alerts() > 100 && a.overall()[0].detected() > 10, "the cohort must exercise the policies");
    assertEquals(a.days(), b.days(), 1e-9);
    assertEquals(a.patientDays(), b.patientDays(), 1e-9 * a.patientDays());
    for (int p = 0; p < a.policies().size(); p++) {
      assertSameCounts(a.overall()[p], b.overall()[p], a.policies().get(p).name());
    }
    assertEquals(a.byStratum().keySet(), b.byStratum().keySet());
    for (String attr : a.byStratum().keySet()) {
      List<Map.Entry<String, PolicyCounts[]>> la = a.byStratum().get(attr);
      List<Map.Entry<String, PolicyCounts[]>> lb = b.byStratum().get(attr);
      assertEquals(la.stream().map(Map.Entry::getKey).toList(), lb.stream().map(Map.Entry::getKey).toList());
      for (int l = 0; l < la.size(); l++) {
        for (int p = 0; p < a.policies().size(); p++) {
          assertSameCounts(la.get(l).getValue()[p], lb.get(l).getValue()[p], attr + "=" + la.get(l).getKey());
        }
      }
    }
    // The reports made from them: lead quantiles exactly, rates to 1e-9.
    List<PolicyReport> ra = PolicyReport.all(a, null);
    List<PolicyReport> rb = PolicyReport.all(b, null);
    for (int p = 0; p < ra.size(); p++) {
      assertEquals(ra.get(p).leadMedian(), rb.get(p).leadMedian());
      assertEquals(ra.get(p).leadP25(), rb.get(p).leadP25());
      assertEquals(ra.get(p).alertsPerDay(), rb.get(p).alertsPerDay(), 1e-9);
      assertEquals(ra.get(p).alertsPer100PatientDays(), rb.get(p).alertsPer100PatientDays(), 1e-9);
    }
  }

  @Test
  void smallBatchesInManyPartitionsGiveTheSameCountsAsOneProcess() {
    ColumnMapping m = ColumnMapping.defaults();
    Simulator.Run a = inProcess(m);
    // 5 partitions, each handing the engine batches of about 2,000 score rows (a few encounters).
    Simulator.Run b = spark(m, 5, 2_000);
    for (int p = 0; p < a.policies().size(); p++) {
      assertSameCounts(a.overall()[p], b.overall()[p], a.policies().get(p).name());
    }
  }

  @Test
  void theRunFileCarriesTheSameCountsPoliciesAndOutcome() throws IOException {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    org.tollgate.alerts.RunFile f = SimulateJob.simulate(SparkTestSupport.spark(), null, cohort.resolve("scores.parquet").toString(), null,
        cohort.resolve("events.parquet").toString(), m, policies.outcome(), policies.policies(), 2);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    f.write(bytes);
    org.tollgate.alerts.RunFile back = org.tollgate.alerts.RunFile.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), "run.tgr");
    Simulator.Run a = inProcess(m);
    assertEquals(policies.policies(), back.run().policies());
    assertEquals(policies.outcome(), back.outcome());
    assertEquals(a.days(), back.run().days(), 1e-9);
    for (int p = 0; p < a.policies().size(); p++) {
      assertSameCounts(a.overall()[p], back.run().overall()[p], a.policies().get(p).name());
      for (int l = 0; l < 2; l++) {
        assertSameCounts(a.byStratum().get("sex").get(l).getValue()[p], back.run().byStratum().get("sex").get(l).getValue()[p], "sex " + l);
      }
    }
    assertEquals(new PredictionReader().read(cohort.resolve("scores.parquet"), m, Need.SCORE_STREAM).input().rows(), back.scores().rows());
  }

  /**
   * Policies that alert some encounters more than once on this cohort: three of bench/policy-10.yaml (re-fire without
   * a cap; its capped ones alert under ten encounters here) and one more with {@code max_alerts_per_encounter: 2}.
   */
  static final List<String> REFIRING = List.of("threshold-refire-4h", "threshold-0.3-refire-12h", "persist-3-suppressed", "refire-4h-at-most-2");

  @Test
  void alertPpvIntervalOfARefiringPolicyEqualsTheInProcessOneAndIsWiderThanWilsonOnAlerts() throws IOException {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    List<AlertPolicy> ps = new java.util.ArrayList<>(policies.policies());
    ps.add(new AlertPolicy("refire-4h-at-most-2", 0.5, 1, null, List.of(), 240, 2, null));
    ScoreTable t = new PredictionReader().read(cohort.resolve("scores.parquet"), m, Need.SCORE_STREAM);
    Simulator.Run a = Simulator.run(t, EventReader.read(cohort.resolve("events.parquet"), t, m.encounter(), m.zone()), policies.outcome(), ps,
        m.attributes());
    RunFile f = SimulateJob.simulate(SparkTestSupport.spark(), null, cohort.resolve("scores.parquet").toString(), null,
        cohort.resolve("events.parquet").toString(), m, policies.outcome(), ps, 3);
    // Through the simulation summary too: what `tollgate simulate --summary` and a review read.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    f.write(bytes);
    Simulator.Run back = RunFile.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), "run.tgr").run();
    for (Simulator.Run b : List.of(f.run(), back)) {
      for (int p = 0; p < a.policies().size(); p++) {
        String name = a.policies().get(p).name();
        assertSameInterval(a.overall()[p], b.overall()[p], name);
        for (int l = 0; l < 2; l++) {
          assertSameInterval(a.byStratum().get("sex").get(l).getValue()[p], b.byStratum().get("sex").get(l).getValue()[p], name + " sex " + l);
        }
      }
    }
    for (String name : REFIRING) {
      PolicyCounts c = f.run().overall()[ps.stream().map(AlertPolicy::name).toList().indexOf(name)];
      assertTrue(c.sumAlertsSquared() > c.alerts(), name + " must alert some encounter more than once on this cohort");
      Interval cluster = AlertPpv.interval(c);
      Interval naive = Stats.wilson(c.timely(), c.alerts());
      assertTrue(cluster.upper() - cluster.lower() > naive.upper() - naive.lower(), name + ": " + cluster + " vs Wilson " + naive);
    }
  }

  @Test
  void alertPpvIntervalOfAOneAlertPerEncounterPolicyIsPlainWilsonOnSparkAndInProcess() {
    ColumnMapping m = ColumnMapping.defaults();
    Simulator.Run a = inProcess(m);
    Simulator.Run b = spark(m, 3);
    for (String name : List.of("threshold-only", "threshold-0.7", "high-persist-2")) {
      int p = a.policies().stream().map(AlertPolicy::name).toList().indexOf(name);
      PolicyCounts c = b.overall()[p];
      assertTrue(c.alerts() > 0, name);
      assertEquals(c.alerts(), c.sumAlertsSquared(), name + ": no re-fire, so every alerting encounter alerts once");
      Interval w = Stats.wilson(c.timely(), c.alerts());
      for (PolicyCounts x : List.of(a.overall()[p], c)) {
        assertEquals(w.lower(), AlertPpv.interval(x).lower(), 1e-12, name);
        assertEquals(w.upper(), AlertPpv.interval(x).upper(), 1e-12, name);
      }
    }
  }

  @Test
  void theTableGivesAlertPpvIntervalBoundsAndDesignEffect() {
    Simulator.Run b = spark(ColumnMapping.defaults(), 2);
    String[] lines = SimulateJob.table(b, null, 11).split("\n");
    List<String> head = List.of(lines[0].split("\t"));
    int p = b.policies().stream().map(AlertPolicy::name).toList().indexOf("threshold-refire-4h");
    String[] row = lines[1 + p].split("\t");
    PolicyCounts c = b.overall()[p];
    Interval i = AlertPpv.interval(c);
    assertTrue(AlertPpv.designEffect(c) > 1, "a re-firing policy");
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", i.lower()), row[head.indexOf("alert_ppv_lower")]);
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", i.upper()), row[head.indexOf("alert_ppv_upper")]);
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", AlertPpv.designEffect(c)), row[head.indexOf("alert_ppv_design_effect")]);
    // A tiny cohort: every count is 1 to 10, so the figures made from them are withheld, the interval with them.
    String[] small = SimulateJob.table(hand(dir.resolve("table-fixture"), false), null, 11).split("\n");
    List<String> sh = List.of(small[0].split("\t"));
    for (String col : List.of("alerts", "timely", "alert_ppv", "alert_ppv_lower", "alert_ppv_upper", "alert_ppv_design_effect")) {
      assertEquals("withheld", small[1].split("\t")[sh.indexOf(col)], col);
    }
  }

  @Test
  void anEncounterSplitAcrossTwoFilesGivesTheHandWorkedSumsAndInterval() {
    // Encounter A: score 0.9 at 00:00, 01:00, 02:00, 03:00, sepsis onset 04:00. Re-fire after 60 min, at most 3
    // alerts: alerts at 00:00, 01:00, 02:00, all timely (onset within the 720-min horizon). Encounter B: 0.9 at 00:00
    // and 01:30, no onset: 2 false alerts. Encounter C: 0.2, no alert. a = (3, 2, 0), t = (3, 0, 0):
    // Σa² = 13, Σt² = 9, Σta = 9; p̂ = 3/5; Σ(t − p̂a)² = 9 − 2·0.6·9 + 0.36·13 = 2.88; d = 2.88 / (0.6·0.4·5) = 2.4.
    // Wilson on (3/2.4, 5/2.4) and, for the once-only policy (a = (1, 1, 0), t = (1, 0, 0), d = 1), on (1, 2), by
    // python3: z = NormalDist().inv_cdf(0.975); p = x/n; d = 1 + z*z/n; c = (p + z*z/(2*n))/d;
    // h = z/d*sqrt(p*(1-p)/n + z*z/(4*n*n)); (c - h, c + h).
    for (boolean split : List.of(false, true)) {
      Simulator.Run r = hand(dir.resolve("hand-" + split), split);
      String what = split ? "A split over two files" : "A in one file";
      PolicyCounts refire = r.overall()[0];
      assertEquals(5, refire.alerts(), what);
      assertEquals(3, refire.timely(), what);
      assertEquals(13, refire.sumAlertsSquared(), what);
      assertEquals(9, refire.sumTimelySquared(), what);
      assertEquals(9, refire.sumTimelyTimesAlerts(), what);
      assertEquals(2.4, AlertPpv.designEffect(refire), 1e-12, what);
      assertEquals(0.13539717929544032, AlertPpv.interval(refire).lower(), 1e-12, what);
      assertEquals(0.9349287757481357, AlertPpv.interval(refire).upper(), 1e-12, what);
      PolicyCounts once = r.overall()[1];
      assertEquals(2, once.alerts(), what);
      assertEquals(2, once.sumAlertsSquared(), what);
      assertEquals(1, AlertPpv.designEffect(once), 0, what);
      assertEquals(0.09453120573423074, AlertPpv.interval(once).lower(), 1e-12, what);
      assertEquals(0.9054687942657693, AlertPpv.interval(once).upper(), 1e-12, what);
    }
  }

  @Test
  void aCohortWithEveryEncounterSplitAcrossTwoFilesGivesTheSameSumsAsOneFile() {
    SparkSession spark = SparkTestSupport.spark();
    Path split = dir.resolve("split-scores");
    Dataset<Row> all = spark.read().parquet(cohort.resolve("scores.parquet").toString());
    // Even and odd minutes of each encounter's score rows in two separate writes: every encounter's rows in both files.
    Column even = functions.minute(functions.col("time")).mod(2).equalTo(0);
    all.filter(even).coalesce(1).write().parquet(split.toString());
    all.filter(functions.not(even)).coalesce(1).write().mode(SaveMode.Append).parquet(split.toString());
    ColumnMapping m = ColumnMapping.defaults();
    Simulator.Run a = inProcess(m);
    Simulator.Run b = SimulateJob.simulate(spark, null, split.toString(), null, cohort.resolve("events.parquet").toString(), m, policies.outcome(),
        policies.policies(), 3).run();
    for (int p = 0; p < a.policies().size(); p++) {
      assertSameCounts(a.overall()[p], b.overall()[p], a.policies().get(p).name() + " (split)");
      assertSameInterval(a.overall()[p], b.overall()[p], a.policies().get(p).name() + " (split)");
    }
  }

  /** The hand-worked fixture of encounters A, B, C (see above) through the Spark job; A's rows over two files when {@code split}. */
  static Simulator.Run hand(Path where, boolean split) {
    SparkSession spark = SparkTestSupport.spark();
    StructType scoreSchema = new StructType().add("encounter_id", DataTypes.StringType).add("time", DataTypes.StringType).add("score", DataTypes.DoubleType);
    List<Row> first = List.of(RowFactory.create("A", "2026-01-01T00:00:00", 0.9), RowFactory.create("A", "2026-01-01T02:00:00", 0.9),
        RowFactory.create("C", "2026-01-01T00:00:00", 0.2));
    List<Row> second = List.of(RowFactory.create("A", "2026-01-01T01:00:00", 0.9), RowFactory.create("A", "2026-01-01T03:00:00", 0.9),
        RowFactory.create("B", "2026-01-01T00:00:00", 0.9), RowFactory.create("B", "2026-01-01T01:30:00", 0.9));
    Path scores = where.resolve("scores");
    if (split) {
      spark.createDataFrame(first, scoreSchema).coalesce(1).write().parquet(scores.toString());
      spark.createDataFrame(second, scoreSchema).coalesce(1).write().mode(SaveMode.Append).parquet(scores.toString());
    } else {
      List<Row> rows = new java.util.ArrayList<>(first);
      rows.addAll(second);
      rows.sort(java.util.Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getString(1)));
      spark.createDataFrame(rows, scoreSchema).coalesce(1).write().parquet(scores.toString());
    }
    StructType eventSchema = new StructType().add("encounter_id", DataTypes.StringType).add("time", DataTypes.StringType).add("type", DataTypes.StringType);
    Path events = where.resolve("events");
    spark.createDataFrame(List.of(RowFactory.create("A", "2026-01-01T04:00:00", "sepsis_onset")), eventSchema).coalesce(1).write()
        .parquet(events.toString());
    List<AlertPolicy> ps = List.of(new AlertPolicy("refire-60-max-3", 0.5, 1, null, List.of(), 60, 3, null),
        new AlertPolicy("once", 0.5, 1, null, List.of(), null, null, null));
    return SimulateJob.simulate(spark, null, scores.toString(), null, events.toString(), ColumnMapping.defaults(), new Outcome("sepsis_onset", 720), ps, 2)
        .run();
  }

  static void assertSameInterval(PolicyCounts a, PolicyCounts b, String what) {
    assertEquals(AlertPpv.designEffect(a), AlertPpv.designEffect(b), 1e-12, what + " design effect");
    Interval ia = AlertPpv.interval(a);
    Interval ib = AlertPpv.interval(b);
    assertEquals(ia.estimate(), ib.estimate(), 1e-12, what + " alert PPV");
    assertEquals(ia.lower(), ib.lower(), 1e-12, what + " lower");
    assertEquals(ia.upper(), ib.upper(), 1e-12, what + " upper");
  }

  @Test
  void anOutcomeTypeThatDoesNotOccurIsNamed() {
    BadInputException e = assertThrows(BadInputException.class, () -> SimulateJob.simulate(SparkTestSupport.spark(), null,
        cohort.resolve("scores.parquet").toString(), null, cohort.resolve("events.parquet").toString(), ColumnMapping.defaults(),
        new org.tollgate.alerts.Outcome("cardiac_arrest", 60), policies.policies(), 2));
    assertTrue(e.getMessage().contains("cardiac_arrest") && e.getMessage().contains("events.parquet"), e.getMessage());
  }
}
