import java.nio.file.Files;
import java.nio.file.Path;
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
 * What the paper fallback adds to a review, as FallbackBenchmark measures it, printed as wall and process CPU
 * seconds (all threads) with the load average, since on a shared machine CPU time is the steadier figure.
 * DIR is a demo cohort folder ({@code tollgate demo} writes tollgate-data/demo/sepsis: scores.parquet,
 * events.parquet, features.parquet); the policy is dual-signal-context of examples/sepsis/policy.yaml.
 * {@code java -Xmx4g -cp tollgate-app/target/tollgate.jar bench/probes/FallbackCpu.java DIR REPEATS}
 */
public class FallbackCpu {
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String load() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]);
    int reps = Integer.parseInt(a[1]);
    PolicyFile.Contents file = PolicyFile.read(Path.of("examples/sepsis/policy.yaml"));
    AlertPolicy policy = file.policies().stream().filter(p -> p.name().equals("dual-signal-context")).findFirst().orElseThrow();
    Workflow workflow = WorkflowFile.read(Path.of("examples/sepsis/workflow.yaml"));
    ScoreTable scores = new PredictionReader().read(dir.resolve("scores.parquet"), ColumnMapping.defaults(), Need.SCORE_STREAM);
    EventTable events = EventReader.read(dir.resolve("events.parquet"), scores, null, ColumnMapping.defaults().zone());
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      long c0 = cpu();
      FeatureTable features = FeatureReader.read(dir.resolve("features.parquet"), scores, null, ColumnMapping.defaults().zone());
      double rw = (System.nanoTime() - t0) / 1e9;
      double rc = (cpu() - c0) / 1e9;
      t0 = System.nanoTime();
      c0 = cpu();
      Fallback.Result r = Fallback.run(scores, events, features, file.outcome(), policy, workflow, Fallback.Settings.defaults());
      double w = (System.nanoTime() - t0) / 1e9;
      double c = (cpu() - c0) / 1e9;
      System.out.printf("%d score rows, %d chart rows: read features %.2f s wall %.2f CPU-s; find and measure %.2f s wall %.2f CPU-s; load %s%n",
          scores.rows(), features.rows(), rw, rc, w, c, load());
      if (i == reps - 1) System.out.println("rule: " + (r.rule() == null ? "none" : r.rule().oneLine()) + "; keeps " + r.replication().share());
    }
  }
}
