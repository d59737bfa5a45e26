package org.tollgate.bench;

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
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.EvaluationSettings;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;

/**
 * {@link Evaluator#evaluate(ScoreTable, EvaluationSettings)} on an in-memory table: the work of
 * {@code tollgate evaluate scores.parquet --by age_band,sex,comorbidity_band --intersections [--bootstrap 1000]}
 * after the read. The table is the sepsis generator's ({@code tollgate generate sepsis --encounters N},
 * default 20,000 encounters ≈ 9.2M score rows, one year), generated once under {@code /tmp/tollgate-bench}
 * and read once per trial. Per-encounter cases (max score), patient-clustered Poisson bootstrap.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl tollgate-bench -am -DskipTests package
 * java -jar tollgate-bench/target/benchmarks.jar EvaluateBenchmark
 * </pre>
 * Options: {@code -p encounters=222000 -p days=1095} for the 101.6M-row cohort of the target (generated on
 * first use, about 2 minutes; the table needs a 2.5 GB heap, so add
 * {@code -jvmArgsAppend "-Xmx8g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED"}, which replaces the
 * arguments below); {@code -prof gc}; {@code -prof jfr} for a flight recording.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluateBenchmark {
  @Param({"20000"})
  public int encounters;

  @Param({"365"})
  public int days;

  private ScoreTable table;
  private EvaluationSettings noBootstrap;
  private EvaluationSettings bootstrap;

  @Setup(Level.Trial)
  public void load() {
    BenchData.log("preparing the sepsis cohort of " + encounters + " encounters over " + days + " days");
    java.nio.file.Path dir = BenchData.sepsis(encounters, days);
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("age_band", "sex", "comorbidity_band"));
    table = new PredictionReader().read(dir.resolve("scores.parquet"), m, Need.SCORE_AND_LABEL);
    BenchData.log("read " + table.rows() + " rows, " + table.encounterCount() + " encounters");
    noBootstrap = EvaluationSettings.defaults().withBy(List.of("age_band", "sex", "comorbidity_band"), true);
    bootstrap = noBootstrap.withBootstrap(1000, EvaluationSettings.DEFAULT_SEED);
  }

  /** Strata, Wilson and DeLong intervals, disparities, sweep; no bootstrap. */
  @Benchmark
  public Evaluation evaluate() {
    return Evaluator.evaluate(table, noBootstrap);
  }

  /** The same with 1,000 Poisson-bootstrap replicates for AUPRC, Brier, calibration and net benefit. */
  @Benchmark
  public Evaluation evaluateBootstrap1000() {
    return Evaluator.evaluate(table, bootstrap);
  }
}
