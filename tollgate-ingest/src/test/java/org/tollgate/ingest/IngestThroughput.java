package org.tollgate.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

/**
 * Ingest throughput harness (not a test; never run by {@code mvn verify}). Generates a synthetic
 * prediction log with DuckDB and times {@link PredictionReader#read} on it.
 *
 * <p>Run from the worktree root:
 * <pre>
 * ./mvnw -q -B -o -pl tollgate-ingest -am test-compile
 * ./mvnw -q -B -o -pl tollgate-ingest dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * CP=tollgate-ingest/target/test-classes:tollgate-ingest/target/classes:tollgate-engine/target/classes:$(cat /tmp/cp.txt)
 * java -Xmx6g -cp $CP org.tollgate.ingest.IngestThroughput generate /tmp/bench 10000000
 * java -Xmx6g -cp $CP org.tollgate.ingest.IngestThroughput read /tmp/bench/pred-10000000.parquet 5
 * java -Xmx6g -cp $CP org.tollgate.ingest.IngestThroughput read /tmp/bench/pred-10000000.csv 3
 * </pre>
 *
 * <p>Data: 20 scores per encounter 15 minutes apart, 2 encounters per patient, 10% of encounters
 * positive, three attributes (age band 4 levels, sex 2, race 5), rows shuffled (a hash order), so
 * the reader must sort. Every value is a hash of the row number, so the files are the same on every run. Parquet time is a TIMESTAMP column; CSV time is ISO-8601 text without offset.
 */
public final class IngestThroughput {
  private IngestThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Long.parseLong(args[2]));
    } else if (args.length >= 2 && args[0].equals("read")) {
      read(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5);
    } else {
      System.err.println("usage: IngestThroughput generate DIR ROWS | read FILE [REPEATS]");
      System.exit(2);
    }
  }

  /** The SELECT that generates {@code rows} shuffled prediction rows. */
  static String generatorSql(long rows) {
    return "SELECT 'P' || lpad(CAST((i // 20) // 2 AS VARCHAR), 7, '0') AS patient_id,"
        + " 'E' || lpad(CAST(i // 20 AS VARCHAR), 8, '0') AS encounter_id,"
        + " TIMESTAMP '2024-01-01 00:00:00' + to_seconds((i // 20) * 37 + (i % 20) * 900) AS time,"
        + " CAST(hash(i, 42) % 1000000 AS DOUBLE) / 1e6 AS score,"
        + " CAST(hash(i // 20) % 10 = 0 AS INTEGER) AS label,"
        + " ['18-44', '45-64', '65-79', '80+'][1 + CAST(hash(i // 20 + 1) % 4 AS BIGINT)] AS age_band,"
        + " ['F', 'M'][1 + CAST(hash(i // 20 + 2) % 2 AS BIGINT)] AS sex,"
        + " ['A', 'B', 'C', 'D', 'E'][1 + CAST(hash(i // 20 + 3) % 5 AS BIGINT)] AS race"
        + " FROM range(" + rows + ") t(i) ORDER BY hash(i * 7919)";
  }

  static void generate(Path dir, long rows) throws Exception {
    Files.createDirectories(dir);
    Path parquet = dir.resolve("pred-" + rows + ".parquet");
    Path csv = dir.resolve("pred-" + rows + ".csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (" + generatorSql(rows) + ") TO '" + parquet + "' (FORMAT parquet)");
      st.execute("COPY (SELECT patient_id, encounter_id, strftime(time, '%Y-%m-%dT%H:%M:%S') AS time, score, label,"
          + " age_band, sex, race FROM '" + parquet + "') TO '" + csv + "' (HEADER, DELIMITER ',')");
    }
    System.out.println("wrote " + parquet + " (" + Files.size(parquet) + " bytes) and " + csv + " (" + Files.size(csv) + " bytes)");
  }

  static void read(Path file, int repeats) {
    ColumnMapping mapping = ColumnMapping.defaults().withAttributes(List.of("age_band", "sex", "race"));
    PredictionReader reader = new PredictionReader();
    // Process CPU time (JVM and DuckDB's native threads) alongside wall time: on a shared machine the
    // wall time swings with other load, the CPU time much less.
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < repeats; i++) {
      double load = os.getSystemLoadAverage();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      ScoreTable t = reader.read(file, mapping, Need.SCORE_AND_LABEL);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf("run %d: %,d rows (%,d encounters, %,d patients) in %.3f s wall = %,.0f rows/s;"
          + " %.3f s CPU; load average before %.2f; sha256 %s%n",
          i + 1, t.rows(), t.encounterCount(), t.patientCount(), s, t.input().rows() / s, cpu, load, t.input().sha256());
    }
  }
}
