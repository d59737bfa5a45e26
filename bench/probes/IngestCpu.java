import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;

/**
 * Reads a prediction file REPEATS times as IngestBenchmark does (attributes age_band, sex,
 * comorbidity_band unless a third argument lists others) and prints wall and process CPU seconds per read
 * (DuckDB's threads included) with the load average, since on the shared machine CPU time is the steadier
 * figure. Run it with two builds in turn to compare them under the same load:
 * {@code java -Xmx6g [-Dtollgate.ingest.trace=true] -cp tollgate-app/target/tollgate.jar bench/probes/IngestCpu.java FILE REPEATS}
 */
public class IngestCpu {
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] a) throws Exception {
    List<String> attrs = a.length > 2 ? List.of(a[2].split(",")) : List.of("age_band", "sex", "comorbidity_band");
    ColumnMapping m = ColumnMapping.defaults().withAttributes(attrs);
    int reps = Integer.parseInt(a[1]);
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      long c0 = cpu();
      ScoreTable t = new PredictionReader().read(Path.of(a[0]), m, Need.SCORE_AND_LABEL);
      double w = (System.nanoTime() - t0) / 1e9;
      double c = (cpu() - c0) / 1e9;
      System.out.printf("rows %d: %.3f s wall %.3f s cpu  %.2f M rows/s wall, %.2f M rows per CPU-s  load %s%n", t.rows(), w, c,
          t.rows() / w / 1e6, t.rows() / c / 1e6, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
  }
}
