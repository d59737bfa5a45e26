package org.tollgate.ingest.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.ingest.write.StreamedTable.Column;
import org.tollgate.ingest.write.StreamedTable.Kind;

/**
 * Compares ways of getting a cohort's score rows into one Parquet file with DuckDB, side by side
 * in one run (absolute times on a shared machine mean little; the ratios do):
 *
 * <ol>
 *   <li>{@code table-function}: what {@link CohortWriter} does — a Java table function fed by a
 *       generator thread, one {@code COPY (SELECT …) TO 'x.parquet'};
 *   <li>{@code appender}: DuckDB's appender into a table of a temporary DuckDB file, then
 *       {@code COPY table TO 'x.parquet'};
 *   <li>{@code csv-then-convert}: the table function to CSV, then {@code COPY (FROM read_csv(…)) TO
 *       'x.parquet'}.
 * </ol>
 *
 * Not a unit test (surefire runs {@code *Test} only). Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl tollgate-engine,tollgate-ingest -am test-compile
 * ./mvnw -q -pl tollgate-ingest dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp tollgate-ingest/target/test-classes:tollgate-ingest/target/classes:tollgate-engine/target/classes:$(cat tollgate-ingest/target/cp.txt) \
 *   org.tollgate.ingest.write.WriteStrategiesBenchmark 20000 3
 * </pre>
 *
 * Arguments: encounters (default 20,000) and repetitions (default 3); prints the best time of each.
 */
public final class WriteStrategiesBenchmark {

  private WriteStrategiesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SepsisCohort cohort = SepsisCohort.of(n, 1);
    Path dir = Files.createTempDirectory("tollgate-bench");
    try {
      Map<String, Double> best = new HashMap<>();
      long rows = 0;
      for (int r = 0; r < reps; r++) {
        for (String strategy : List.of("table-function", "appender", "csv-then-convert")) {
          long t0 = System.nanoTime();
          rows = run(strategy, cohort, dir);
          double s = (System.nanoTime() - t0) / 1e9;
          best.merge(strategy, s, Math::min);
          System.out.printf(Locale.ROOT, "rep %d %-18s %.2f s%n", r + 1, strategy, s);
        }
      }
      double base = best.get("table-function");
      System.out.printf(Locale.ROOT, "%,d encounters, %,d score rows; best of %d:%n", n, rows, reps);
      for (String strategy : List.of("table-function", "appender", "csv-then-convert")) {
        double s = best.get(strategy);
        System.out.printf(Locale.ROOT, "  %-18s %6.2f s  %,12.0f rows/s  %.2fx%n", strategy, s, rows / s, s / base);
      }
    } finally {
      OutputDirectory.deleteRecursively(dir);
    }
  }

  private static long run(String strategy, SepsisCohort cohort, Path dir) throws Exception {
    Path parquet = dir.resolve(strategy + ".parquet");
    Files.deleteIfExists(parquet);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = c.createStatement()) {
        st.execute("SET memory_limit = '" + CohortWriter.DUCKDB_MEMORY_LIMIT + "'");
        st.execute("SET temp_directory = '" + dir.resolve("tmp") + "'");
      }
      String select = "SELECT patient_id, encounter_id, to_timestamp(t) AS \"time\", score, label, age_band, sex, "
          + "race_ethnicity, comorbidity_band, unit, payer, zip3 FROM ";
      switch (strategy) {
        case "table-function" -> {
          return tableFunction(c, cohort, "COPY (" + select + "$FN) TO '" + parquet + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        case "csv-then-convert" -> {
          Path csv = dir.resolve("scores.csv");
          long rows = tableFunction(c, cohort, "COPY (SELECT * FROM $FN) TO '" + csv + "' (FORMAT csv, HEADER true)");
          try (Statement st = c.createStatement()) {
            st.execute("COPY (" + select.replace("to_timestamp(t)", "to_timestamp(t::BIGINT)")
                + "read_csv('" + csv + "', all_varchar = false, types = {'zip3': 'VARCHAR'})) TO '" + parquet
                + "' (FORMAT parquet, COMPRESSION zstd)");
          }
          Files.delete(csv);
          return rows;
        }
        case "appender" -> {
          return appender(c, cohort, dir.resolve("bench.duckdb"), select, parquet);
        }
        default -> throw new IllegalArgumentException(strategy);
      }
    }
  }

  private static List<Column> columns(SepsisCohort cohort) {
    List<Column> cols = new ArrayList<>(List.of(
        new Column("patient_id", Kind.VARCHAR), new Column("encounter_id", Kind.VARCHAR),
        new Column("t", Kind.BIGINT), new Column("score", Kind.DOUBLE), new Column("label", Kind.INTEGER)));
    for (String a : cohort.attributeNames()) {
      cols.add(new Column(a, Kind.VARCHAR));
    }
    return cols;
  }

  private static long tableFunction(Connection c, SepsisCohort cohort, String sql) throws SQLException {
    String fn = "bench_" + Long.toHexString(System.nanoTime());
    return new StreamedTable(columns(cohort), new AtomicBoolean()).copy(c, fn, sql.replace("$FN", fn + "()"), rows -> {
      byte[][] current = new byte[2 + cohort.attributeNames().size()][];
      Map<String, byte[]> levels = new HashMap<>();
      cohort.generate(
          e -> {
            current[0] = StreamedTable.utf8(e.patientId());
            current[1] = StreamedTable.utf8(e.encounterId());
            for (int a = 0; a < cohort.attributeNames().size(); a++) {
              current[2 + a] = levels.computeIfAbsent(e.attribute(a), StreamedTable::utf8);
            }
          },
          (e, t, s) -> {
            rows.beginRow();
            rows.setString(0, current[0]);
            rows.setString(1, current[1]);
            rows.setLong(2, t);
            rows.setDouble(3, s);
            rows.setInt(4, e.label());
            for (int a = 2; a < current.length; a++) {
              rows.setString(3 + a, current[a]);
            }
            rows.endRow();
          },
          null);
    });
  }

  private static long appender(Connection c, SepsisCohort cohort, Path db, String select, Path parquet) throws Exception {
    Files.deleteIfExists(db);
    try (Statement st = c.createStatement()) {
      st.execute("ATTACH '" + db + "' AS bench");
      st.execute("CREATE TABLE bench.scores (patient_id VARCHAR, encounter_id VARCHAR, t BIGINT, score DOUBLE, label INTEGER, "
          + "age_band VARCHAR, sex VARCHAR, race_ethnicity VARCHAR, comorbidity_band VARCHAR, unit VARCHAR, payer VARCHAR, zip3 VARCHAR)");
    }
    long[] rows = {0};
    try (DuckDBAppender app = ((DuckDBConnection) c).createAppender("bench", "main", "scores")) {
      cohort.generate(null, (e, t, s) -> {
        try {
          app.beginRow();
          app.append(e.patientId());
          app.append(e.encounterId());
          app.append(t);
          app.append(s);
          app.append(e.label());
          for (String v : e.attributes()) {
            app.append(v);
          }
          app.endRow();
          rows[0]++;
        } catch (SQLException ex) {
          throw new IllegalStateException(ex);
        }
      }, null);
    }
    try (Statement st = c.createStatement()) {
      st.execute("COPY (" + select + "bench.scores) TO '" + parquet + "' (FORMAT parquet, COMPRESSION zstd)");
      st.execute("DETACH bench");
    }
    Files.deleteIfExists(db);
    Files.deleteIfExists(db.resolveSibling("bench.duckdb.wal"));
    return rows[0];
  }
}
