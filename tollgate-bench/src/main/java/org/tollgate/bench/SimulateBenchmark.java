package org.tollgate.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.PolicyFile;

/**
 * {@link Simulator#run} over an in-memory score stream and event table: the work of
 * {@code tollgate simulate --scores scores.parquet --events events.parquet --policy FILE} after the
 * reads. Policies: {@code examples/sepsis/policy.yaml} (the 4 example policies) and
 * {@code bench/policy-10.yaml} (those 4 and 6 more: 10 policies in 7 rule groups). Data: the sepsis
 * generator's cohort (default 20,000 encounters ≈ 9.2M score rows), generated once under
 * {@code /tmp/tollgate-bench}, read once per trial.
 *
 * <p>Run from the repository root (the policy files are found relative to it, or pass {@code -Dtollgate.root=DIR}
 * in the fork's arguments):
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl tollgate-bench -am -DskipTests package
 * java -jar tollgate-bench/target/benchmarks.jar SimulateBenchmark
 * </pre>
 * Options: {@code -p policies=examples/sepsis/policy.yaml}; {@code -p encounters=222000 -p days=1095}
 * for the 101.6M-row cohort, with
 * {@code -jvmArgsAppend "-Xmx8g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED"} (replaces the arguments below).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimulateBenchmark {
  @Param({"20000"})
  public int encounters;

  @Param({"365"})
  public int days;

  @Param({"examples/sepsis/policy.yaml", "bench/policy-10.yaml"})
  public String policies;

  private ScoreTable scores;
  private EventTable events;
  private PolicyFile.Contents policy;

  @Setup(Level.Trial)
  public void load() {
    policy = PolicyFile.read(BenchData.repoFile(policies));
    BenchData.log("preparing the sepsis cohort of " + encounters + " encounters over " + days + " days");
    Path dir = BenchData.sepsis(encounters, days);
    scores = new PredictionReader().read(dir.resolve("scores.parquet"), ColumnMapping.defaults(), Need.SCORE_STREAM);
    events = EventReader.read(dir.resolve("events.parquet"), scores, null, ColumnMapping.defaults().zone());
    BenchData.log("read " + scores.rows() + " score rows, " + events.rows() + " events; " + policy.policies().size() + " policies");
  }

  /** Every policy of the file in one replay. */
  @Benchmark
  public Simulator.Run simulate() {
    return Simulator.run(scores, events, policy.outcome(), policy.policies(), List.of());
  }
}
