import java.nio.file.*;
import java.util.*;
import org.tollgate.data.*;
import org.tollgate.evaluation.*;
import org.tollgate.alerts.*;
import org.tollgate.ingest.*;
import org.tollgate.ingest.config.PolicyFile;

/** Times the stages of evaluate and simulate on one cohort directory: java -cp benchmarks.jar Stages.java DIR [repeats]. */
public class Stages {
  static long t0, c0;
  static long cpu() { return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
  static void lap(String what) { long now = System.nanoTime(); long c = cpu(); System.out.printf("%-44s %8.3f s wall %8.3f s cpu%n", what, (now - t0) / 1e9, (c - c0) / 1e9); t0 = System.nanoTime(); c0 = cpu(); }
  static void heap(String what) { System.gc(); Runtime r = Runtime.getRuntime(); System.out.printf("%-44s %8.0f MB heap used%n", what, (r.totalMemory() - r.freeMemory()) / 1e6); t0 = System.nanoTime(); c0 = cpu(); }
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]);
    int reps = a.length > 1 ? Integer.parseInt(a[1]) : 2;
    String root = System.getProperty("tollgate.root", ".");
    List<String> by = List.of("age_band", "sex", "comorbidity_band");
    t0 = System.nanoTime(); c0 = cpu();
    ScoreTable t = new PredictionReader().read(dir.resolve("scores.parquet"), ColumnMapping.defaults().withAttributes(by), Need.SCORE_AND_LABEL);
    lap("read scores (evaluate mapping) " + t.rows() + " rows");
    heap("after read");
    EvaluationSettings s0 = EvaluationSettings.defaults().withBy(by, true);
    EvaluationSettings s1 = s0.withBootstrap(1000, EvaluationSettings.DEFAULT_SEED);
    for (int i = 0; i < reps; i++) {
      Cases c = Cases.from(t, by, null, null);
      lap("Cases.from (" + c.size() + " cases)");
      EvaluationSummary sum = EvaluationSummary.of(c);
      lap("EvaluationSummary.of");
      Evaluator.evaluate(t, s0);
      lap("Evaluator.evaluate, no bootstrap");
      Evaluator.evaluate(t, s1);
      lap("Evaluator.evaluate, bootstrap 1000");
    }
    t = null;
    heap("dropped table");
    ScoreTable st = new PredictionReader().read(dir.resolve("scores.parquet"), ColumnMapping.defaults(), Need.SCORE_STREAM);
    lap("read scores (simulate mapping)");
    EventTable ev = EventReader.read(dir.resolve("events.parquet"), st, null, java.time.ZoneOffset.UTC);
    lap("read events " + ev.rows());
    heap("after read");
    for (String pf : List.of("examples/sepsis/policy.yaml", "bench/policy-10.yaml")) {
      PolicyFile.Contents p = PolicyFile.read(Path.of(root, pf));
      for (int i = 0; i < reps; i++) {
        Simulator.run(st, ev, p.outcome(), p.policies(), List.of());
        lap("Simulator.run " + p.policies().size() + " policies");
      }
    }
  }
}
