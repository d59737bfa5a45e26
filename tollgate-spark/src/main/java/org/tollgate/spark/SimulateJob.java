package org.tollgate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.AlertPpv;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.RunFile;
import org.tollgate.alerts.ShownReport;
import org.tollgate.alerts.Simulator;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.ingest.config.PolicyFile;
import org.tollgate.ingest.config.WorkflowFile;

/**
 * The alert simulation on Spark. Score rows and event rows are put into one relation, repartitioned by
 * encounter and sorted within partitions by (encounter, events before scores, time, score descending,
 * attributes descending): a secondary sort, so no encounter is ever gathered into memory by a
 * {@code groupByKey}. One scan per partition drops duplicate (encounter, time) score rows as the
 * command line's reader does (the first of that order is the one it keeps), collects encounters into
 * batches of about a million score rows, and runs the engine's own {@link Simulator} on each batch.
 * Counters and exact lead times ({@link RunPart}) are combined with {@code treeAggregate}; the driver
 * makes the {@link Simulator.Run} that one process would have made, and the same {@link PolicyReport}s.
 *
 * <p><b>An encounter is never split.</b> The input is read in whatever pieces Spark makes of it (one encounter's
 * rows may lie in several files or input splits), but the {@code repartition} by encounter id hashes every row of
 * an encounter, score and event alike, to the same partition, and the sort makes them adjacent there; the scan
 * closes a batch only between two encounters ({@link PartitionScan}). So each engine call sees whole encounters,
 * and what is per encounter is computed as one process computes it: the policy's state (persistence, confirmation,
 * suppression, re-fire window, {@code max_alerts_per_encounter}, digests), and the encounter's alerts aᵢ and timely
 * alerts tᵢ, whose sums Σaᵢ², Σtᵢ², Σtᵢaᵢ are added across batches and partitions as they are (sums over disjoint sets
 * of whole encounters; no reduce by encounter is needed). Alert PPV's interval is therefore the engine's
 * cluster-aware one ({@link AlertPpv}: Wilson on the alerts divided by the Rao–Scott design effect), equal to the
 * command line's on the same data, not a Wilson interval that takes a re-firing policy's alerts as independent.
 *
 * <pre>
 * spark-submit --class org.tollgate.spark.SimulateJob tollgate-spark-job.jar s3a://lake/scores/ \
 *     --events s3a://lake/events/ --policy policy.yaml --workflow workflow.yaml --out simulation.tsv --summary-out run.tgr
 * </pre>
 * {@code --summary-out} writes the counters as a {@link RunFile}; {@code tollgate simulate --summary run.tgr} makes the
 * command line's table and {@code tollgate.simulation/v1} JSON from it.
 */
public final class SimulateJob {
  static final Set<String> OPTIONS = Set.of("--table", "--events", "--events-table", "--policy", "--workflow", "--by", "--partitions",
      "--out", "--min-cell", "--summary-out");
  /** Score rows per engine call within a partition: bounds an executor's memory at any partition size. */
  static final int BATCH_ROWS = 1 << 20;

  private SimulateJob() {}

  public static void main(String[] args) {
    System.exit(Jobs.run("simulate", () -> {
      JobArgs a = new JobArgs(args, OPTIONS);
      // The policies' thresholds are read on the --score-scale in use, as `tollgate simulate` reads them.
      PolicyFile.Contents pf = PolicyFile.read(Path.of(a.required("--policy")), a.scoreScale());
      Workflow w = a.get("--workflow") == null ? null : WorkflowFile.read(Path.of(a.get("--workflow")));
      List<String> by = a.list("--by");
      int minCell = a.intValue("--min-cell", org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL);
      SparkSession spark = Jobs.session("tollgate simulate");
      long t0 = System.nanoTime();
      RunFile file = simulate(spark, a.get("--table"), a.path(), a.get("--events-table"), a.get("--events"), a.mapping(by),
          pf.outcome(), pf.policies(), a.intValue("--partitions", 0));
      Simulator.Run run = file.run();
      if (a.get("--summary-out") != null) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        file.write(bytes);
        Jobs.writeAtomically(Path.of(a.get("--summary-out")), bytes.toByteArray());
      }
      String table = table(run, w, minCell);
      if (a.get("--out") == null) {
        System.out.print(table);
      } else {
        Jobs.writeAtomically(Path.of(a.get("--out")), table.getBytes(StandardCharsets.UTF_8));
      }
      System.err.printf(Locale.ROOT, "tollgate simulate (Spark): %d policies over %.1f days; %.1f s%n", run.policies().size(), run.days(),
          (System.nanoTime() - t0) / 1e9);
      return 0;
    }));
  }

  /**
   * Replays every policy over the scores.
   *
   * @param scoresTable a catalog table, or null; {@code scoresPath} a Parquet path otherwise (likewise the events)
   * @param mapping column mapping of the scores (patient and label are not read); its attributes are the {@code --by} groups
   */
  public static RunFile simulate(SparkSession spark, String scoresTable, String scoresPath, String eventsTable, String eventsPath,
      ColumnMapping mapping, Outcome outcome, List<AlertPolicy> policies, int partitions) {
    return simulate(spark, scoresTable, scoresPath, eventsTable, eventsPath, mapping, outcome, policies, partitions, BATCH_ROWS);
  }

  /** As above, handing the engine batches of about {@code batchRows} score rows (whole encounters). */
  static RunFile simulate(SparkSession spark, String scoresTable, String scoresPath, String eventsTable, String eventsPath,
      ColumnMapping mapping, Outcome outcome, List<AlertPolicy> policies, int partitions, int batchRows) {
    String display = SparkInput.display(scoresTable, scoresPath);
    String eventsDisplay = SparkInput.display(eventsTable, eventsPath);
    Dataset<Row> raw = SparkInput.raw(spark, scoresTable, scoresPath);
    ColumnMapping m = new ColumnMapping(null, mapping.encounter(), mapping.time(), mapping.score(), null, mapping.attributes(),
        mapping.scoreScale(), mapping.zone());
    SparkInput.Typed typed = SparkInput.predictions(spark, raw, display, scoresTable != null ? "spark-table" : "parquet", m, false, true);
    Dataset<Row> scores = typed.rows();
    Dataset<Row> events = SparkInput.events(spark, SparkInput.raw(spark, eventsTable, eventsPath), eventsDisplay, mapping.encounter(), mapping.zone());
    List<String> by = mapping.attributes();

    List<Column> aggs = new ArrayList<>();
    aggs.add(min(col("_t")));
    aggs.add(max(col("_t")));
    for (int i = 0; i < by.size(); i++) aggs.add(collect_set(col("_a" + i)));
    Row stats = scores.agg(count(lit(1)), aggs.toArray(new Column[0])).first();
    if (stats.getLong(0) == 0) throw new BadInputException(display, "has no rows");
    double days = (stats.getLong(2) - (double) stats.getLong(1)) / 86400.0;
    String[][] levels = SparkInput.levels(stats, 3, by, display);
    List<String> types = new ArrayList<>(events.agg(collect_set(col("_y"))).first().<String>getList(0));
    types.sort(SparkInput::compareUtf8);
    Simulator.checkTypes(eventsDisplay, types, outcome, policies); // over the whole table, not a partition's part

    Dataset<Row> sorted = PartitionScan.relation(scores, events, null, by.size(), partitions);

    int slots = 1;
    for (String[] l : levels) slots += l.length;
    final int nSlots = slots;
    int np = policies.size();
    List<AlertPolicy> ps = List.copyOf(policies);
    PartitionScan<RunPart> scan = new PartitionScan<>(display, eventsDisplay, m, levels, types, batchRows, () -> new RunPart(nSlots, np),
        (part, t, e, alerts) -> part.add(Simulator.run(t, e, outcome, ps, by)), RunPart::count);
    RunPart all = sorted.javaRDD().mapPartitions(scan).treeAggregate(new RunPart(slots, np), RunPart::merge, RunPart::merge);
    InputRecord scoresInput = new InputRecord(display, typed.input().format, Jobs.NO_SHA256, all.rows, all.duplicates, m);
    InputRecord eventsInput = new InputRecord(eventsDisplay, eventsTable != null ? "spark-table" : "parquet", Jobs.NO_SHA256, all.eventRows, 0,
        new ColumnMapping(null, mapping.encounter(), "time", "value", null, List.of(), ColumnMapping.ScoreScale.RAW, mapping.zone()));
    return new RunFile(all.toRun(policies, by, levels, days), outcome, scoresInput, eventsInput);
  }

  /**
   * The per-policy figures as a tab-separated table (the command line's {@code simulate} JSON and table
   * come from the same {@link PolicyReport}s), each policy through the engine's small-cell rule ({@link ShownReport}):
   * a count of 1 to {@code minCell} − 1, and a count that would give one back, reads {@code withheld}, and so does
   * every figure made from one. {@code alert_ppv_lower} and {@code alert_ppv_upper} are alert PPV's 95% interval and
   * {@code alert_ppv_design_effect} its design effect ({@link AlertPpv}: 1 when each encounter alerts at most once),
   * withheld with alert PPV.
   */
  static String table(Simulator.Run run, Workflow w, int minCell) {
    StringWriter sw = new StringWriter();
    PrintWriter out = new PrintWriter(sw);
    out.println(String.join("\t", "policy", "alerts", "timely", "late", "false", "encounters", "outcome_encounters", "detected",
        "sensitivity", "alert_ppv", "alert_ppv_lower", "alert_ppv_upper", "alert_ppv_design_effect", "lead_p25_min", "lead_median_min",
        "lead_p75_min", "alerts_per_day", "false_alert_cost_per_month", "fte"));
    for (PolicyReport r : PolicyReport.all(run, w)) {
      ShownReport v = ShownReport.of(r, minCell);
      boolean ppvHidden = v.alerts() == null || v.timely() == null;
      org.tollgate.evaluation.Interval ci = AlertPpv.interval(r.counts());
      out.println(String.join("\t", r.policy().name(), n(v.alerts()), n(v.timely()), n(v.late()), n(v.falseAlerts()), n(v.encounters()),
          n(v.outcomeEncounters()), n(v.detected()), f(v.sensitivity(), v.detected() == null || v.outcomeEncounters() == null),
          f(v.alertPpv(), ppvHidden), f(ci.lower(), ppvHidden), f(ci.upper(), ppvHidden), f(AlertPpv.designEffect(r.counts()), ppvHidden),
          f(v.leadP25(), v.detected() == null), f(v.leadMedian(), v.detected() == null), f(v.leadP75(), v.detected() == null),
          f(v.alertsPerDay(), v.alerts() == null), f(v.falseAlertCostPerMonth(), v.falseAlerts() == null), f(v.fte(), v.alerts() == null)));
    }
    out.flush();
    return sw.toString();
  }

  private static String n(Long v) {
    return v == null ? "withheld" : Long.toString(v);
  }

  /** A figure, or {@code withheld} when a count it is made from is withheld (empty when it is undefined). */
  private static String f(double v, boolean withheld) {
    return withheld ? "withheld" : f(v);
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }
}
