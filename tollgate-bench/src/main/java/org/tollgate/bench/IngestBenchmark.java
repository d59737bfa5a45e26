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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;

/**
 * Ingest throughput of {@link PredictionReader#read}: a 10,000,000-row prediction log (patient_id,
 * encounter_id, time, score, label, age_band, sex, comorbidity_band; see {@link BenchData#predictionSql})
 * in Parquet and in CSV, read into a {@link ScoreTable} with the three attributes, as
 * {@code tollgate evaluate --by age_band,sex,comorbidity_band} reads it. The file is written once by
 * DuckDB ({@code COPY (SELECT ... FROM range(10000000)) TO ...}) in the trial setup and reused by
 * later runs. The score is in rows per second ({@code ops/s} = rows/s: one operation is one row).
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl tollgate-bench -am -DskipTests package
 * java -jar tollgate-bench/target/benchmarks.jar IngestBenchmark
 * </pre>
 * Options: {@code -p format=parquet} (or {@code csv}) for one format; {@code -p order=shuffled} for a
 * file in hash order, which the reader must sort; {@code -prof gc} for allocation. Issue target:
 * Parquet ≥ 20M rows/s on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class IngestBenchmark {
  /** Rows in the file; one benchmark operation is one row. */
  public static final int ROWS = 10_000_000;

  @Param({"parquet", "csv"})
  public String format;

  @Param({"sorted"})
  public String order;

  private Path file;
  private final PredictionReader reader = new PredictionReader();
  private final ColumnMapping mapping = ColumnMapping.defaults().withAttributes(List.of("age_band", "sex", "comorbidity_band"));

  @Setup(Level.Trial)
  public void writeFile() {
    BenchData.log("preparing " + ROWS + "-row " + order + " " + format + " file");
    file = BenchData.predictionLog(ROWS, format, order.equals("shuffled"));
    BenchData.log("using " + file);
  }

  /** Reads the whole file into a table (one invocation = {@value #ROWS} rows). */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public ScoreTable read() {
    ScoreTable t = reader.read(file, mapping, Need.SCORE_AND_LABEL);
    if (t.rows() != ROWS) {
      throw new IllegalStateException("read " + t.rows() + " rows, expected " + ROWS);
    }
    return t;
  }
}
