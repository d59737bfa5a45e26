import java.nio.file.*;
import java.sql.*;
import org.duckdb.*;

/**
 * Usage: java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/1.5.6.0/duckdb_jdbc-1.5.6.0.jar bench/probes/Probe.java FILE.sql
 * Runs SQL statements (separated by lines holding only ";") in one in-memory DuckDB and prints the wall and process CPU time of
 * each; SELECT results are pulled chunk by chunk as tollgate pulls them. Process CPU time counts DuckDB's threads too,
 * so it varies less than wall time on a shared machine.
 */
public class Probe {
  static long cpu() { return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
  public static void main(String[] a) throws Exception {
    String all = Files.readString(Path.of(a[0]));
    try (DuckDBConnection c = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class)) {
      for (String sql : all.split("\n;\n")) {
        sql = sql.strip();
        if (sql.isEmpty() || sql.startsWith("--")) continue;
        long t0 = System.nanoTime(); long c0 = cpu();
        String label = sql.lines().findFirst().orElse("").strip();
        if (sql.toUpperCase().startsWith("SELECT") || sql.toUpperCase().startsWith("WITH")) {
          long rows = 0; double chk = 0;
          try (DuckDBPreparedStatement ps = c.prepare(sql); DuckDBChunkedResult res = ps.query()) {
            while (res.nextChunk()) {
              DuckDBDataChunkReader ch = res.chunk();
              int m = (int) ch.rowCount();
              DuckDBReadableVector v = ch.vector(0);
              rows += m;
              if (m > 0) { try { chk += v.getLong(m - 1); } catch (RuntimeException e) { } }
            }
          }
          System.out.printf("%8.3f s wall %8.3f s cpu  %,d rows  %s%n", (System.nanoTime() - t0) / 1e9, (cpu() - c0) / 1e9, rows, label);
        } else {
          try (Statement st = c.createStatement()) { st.execute(sql); }
          System.out.printf("%8.3f s wall %8.3f s cpu  %s%n", (System.nanoTime() - t0) / 1e9, (cpu() - c0) / 1e9, label);
        }
      }
    }
  }
}
