/**
 * JMH benchmarks of tollgate's hot paths: ingest ({@link org.tollgate.bench.IngestBenchmark}), stratified
 * evaluation ({@link org.tollgate.bench.EvaluateBenchmark}) and alert simulation
 * ({@link org.tollgate.bench.SimulateBenchmark}). Each class's javadoc gives the command that runs it.
 * {@link org.tollgate.bench.BenchData} makes the input files once under {@code /tmp/tollgate-bench}
 * (override with {@code -Dtollgate.bench.dir=DIR}) and reuses them. Nothing here runs during
 * {@code mvn verify}; the end-to-end comparison with pandas is {@code bench/run.sh}.
 *
 * <p>Depends on the engine and ingest modules only; nothing depends on it.
 */
package org.tollgate.bench;
