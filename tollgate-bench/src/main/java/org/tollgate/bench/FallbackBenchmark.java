package org.tollgate.bench;

import java.nio.file.Path;
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
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;
import org.tollgate.fallback.Fallback;
import org.tollgate.fallback.FeatureTable;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.FeatureReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.config.PolicyFile;
import org.tollgate.ingest.config.WorkflowFile;

/**
 * What the paper fallback adds to a review of the one-year demo cohort ({@code tollgate demo}'s 9,000
 * encounters ≈ 4M score rows): {@link #readFeatures} reads the features table against the scores, and
 * {@link #findAndMeasure} replays the policy, builds the 4-hourly checks, searches the rule and measures
 * its replication ({@link Fallback#run}). The policy is {@code dual-signal-context} of
 * {@code examples/sepsis/policy.yaml} with {@code examples/sepsis/workflow.yaml}. Single-shot: each
 * measurement is one review's worth of work.
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl tollgate-bench -am -DskipTests package
 * java -jar tollgate-bench/target/benchmarks.jar FallbackBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class FallbackBenchmark {
  @Param({"9000"})
  public int encounters;

  private Path dir;
  private ScoreTable scores;
  private EventTable events;
  private FeatureTable features;
  private AlertPolicy policy;
  private PolicyFile.Contents file;
  private Workflow workflow;

  @Setup(Level.Trial)
  public void load() {
    file = PolicyFile.read(BenchData.repoFile("examples/sepsis/policy.yaml"));
    policy = file.policies().stream().filter(p -> p.name().equals("dual-signal-context")).findFirst().orElseThrow();
    workflow = WorkflowFile.read(BenchData.repoFile("examples/sepsis/workflow.yaml"));
    BenchData.log("preparing the sepsis cohort of " + encounters + " encounters");
    dir = BenchData.sepsis(encounters, 365);
    scores = new PredictionReader().read(dir.resolve("scores.parquet"), ColumnMapping.defaults(), Need.SCORE_STREAM);
    events = EventReader.read(dir.resolve("events.parquet"), scores, null, ColumnMapping.defaults().zone());
    features = readFeatures();
    BenchData.log("read " + scores.rows() + " score rows, " + events.rows() + " events, " + features.rows() + " chart rows");
  }

  @Benchmark
  public FeatureTable readFeatures() {
    return FeatureReader.read(dir.resolve("features.parquet"), scores, null, ColumnMapping.defaults().zone());
  }

  @Benchmark
  public Fallback.Result findAndMeasure() {
    Fallback.Result r = Fallback.run(scores, events, features, file.outcome(), policy, workflow, Fallback.Settings.defaults());
    BenchData.log("rule: " + r.rule() + "; replication " + (r.replication() == null ? "—" : r.replication().share()));
    return r;
  }
}
