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
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.PolicyFile;

/**
 * The Spark simulation against the command line's in-process path on the same Parquet files: ten
 * policies (bench/policy-10.yaml: thresholds, persistence, lactate confirmation, procedure
 * suppression, re-fire, digests) over a generated sepsis cohort; every counter and every lead time
 * equal, overall and per group; observed days and patient-days to 1e-9.
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

  @Test
  void anOutcomeTypeThatDoesNotOccurIsNamed() {
    BadInputException e = assertThrows(BadInputException.class, () -> SimulateJob.simulate(SparkTestSupport.spark(), null,
        cohort.resolve("scores.parquet").toString(), null, cohort.resolve("events.parquet").toString(), ColumnMapping.defaults(),
        new org.tollgate.alerts.Outcome("cardiac_arrest", 60), policies.policies(), 2));
    assertTrue(e.getMessage().contains("cardiac_arrest") && e.getMessage().contains("events.parquet"), e.getMessage());
  }
}
