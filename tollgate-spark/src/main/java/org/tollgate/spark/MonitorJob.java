package org.tollgate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.ingest.config.MonitoringFile;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.monitor.FeatureLog;
import org.tollgate.monitor.MonitorSettings;
import org.tollgate.monitor.PeriodSummary;
import org.tollgate.monitor.SummaryFile;
import org.tollgate.monitor.Summarizer;

/**
 * The monitor's per-period summaries on Spark, from a lake: the live scores and events in the relation
 * {@link SimulateJob} builds (repartitioned by encounter, secondary sort), batches of whole encounters through the
 * engine's own {@link Summarizer} ({@link PartitionScan}), and the partitions' summaries merged period by period
 * ({@link PeriodSummary#merge}, exact). The result equals what {@code tollgate monitor} makes in process from the
 * same files; {@code tollgate monitor DIR --summary FILE} finishes from it (baseline, guardrails, store).
 *
 * <pre>
 * spark-submit --class org.tollgate.spark.MonitorJob tollgate-spark-job.jar s3a://lake/live/scores/ \
 *     --events s3a://lake/live/events/ [--alerts s3a://lake/live/alerts/] --review /reviews/sepsis [--period week] [--as-of 2026-12-31] \
 *     --summary-out live.tgm
 * </pre>
 * The policy, outcome, breakdowns and monitoring settings are the review folder's (its chosen policy and its
 * {@code monitoring:} block); the period boundaries start at the first live score's day (UTC) and end at the as-of
 * time (default: the last live score or event). The live system's alert log ({@code --alerts} or {@code --alerts-table}:
 * an events relation whose rows of type {@value Summarizer.LiveAlerts#TYPE} are the live alerts, value 1 acted on, 0 not,
 * null unknown) joins the relation as a third kind of row and is matched encounter by encounter against the replay,
 * as {@code tollgate monitor --alerts} does (check 2: what runs is what was approved). The live features table
 * ({@code --features} or {@code --features-table}: {@code encounter_id}, {@code time} and a column per bedside input, as
 * {@code tollgate monitor --features} reads it) is summarised per period and input by each row's time (rows of encounters
 * without live scores dropped), batches of rows through the engine's own {@link Summarizer#withFeatures}, and merged into
 * the same periods: each input's rows, missing rows and histogram of values, equal to the in-process ones.
 */
public final class MonitorJob {
  static final Set<String> OPTIONS = Set.of("--table", "--events", "--events-table", "--alerts", "--alerts-table", "--features", "--features-table",
      "--review", "--period", "--as-of", "--partitions", "--summary-out");
  /** Feature rows handed to {@link Summarizer#withFeatures} at a time (bounds a partition's memory). */
  static final int FEATURE_BATCH_ROWS = 1 << 16;

  private MonitorJob() {}

  public static void main(String[] args) {
    System.exit(Jobs.run("monitor", () -> {
      JobArgs a = new JobArgs(args, OPTIONS);
      Path review = Path.of(a.required("--review"));
      ReviewFile rf = ReviewFile.read(review);
      MonitorSettings s = MonitoringFile.read(review).settings();
      if (a.get("--period") != null) s = s.withPeriod(MonitorSettings.Period.parse(a.get("--period")));
      Long asOf = a.get("--as-of") == null ? null : LocalDate.parse(a.get("--as-of")).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 86_399;
      AlertPolicy policy = rf.policies().stream().filter(p -> p.name().equals(rf.chosenPolicy())).findFirst()
          .orElseThrow(() -> new BadInputException(review.toString(), "review.yaml names no chosen policy to monitor"));
      SparkSession spark = Jobs.session("tollgate monitor");
      long t0 = System.nanoTime();
      SummaryFile f = summarize(spark, a.get("--table"), a.path(), a.get("--events-table"), a.get("--events"), a.get("--alerts-table"), a.get("--alerts"),
          a.get("--features-table"), a.get("--features"), a.mapping(rf.evaluation().by()), policy, rf.outcome(), s, asOf, a.intValue("--partitions", 0),
          SimulateJob.BATCH_ROWS);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      f.write(bytes);
      Jobs.writeAtomically(Path.of(a.required("--summary-out")), bytes.toByteArray());
      System.err.printf(Locale.ROOT, "tollgate monitor (Spark): %d %s periods; %.1f s%n", f.periods().size(), s.period().word(), (System.nanoTime() - t0) / 1e9);
      return 0;
    }));
  }

  /** What a partition accumulates: its encounters' period summaries (in the summary file's byte form) and row counts. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    byte[] periods;
    long rows;
    long duplicates;
    long eventRows;

    void add(List<PeriodSummary> p) {
      periods = SummaryFile.toBytes(periods == null ? p : merge(SummaryFile.fromBytes(periods), p));
    }

    Part merge(Part o) {
      Part r = new Part();
      r.periods = periods == null ? o.periods : o.periods == null ? periods : SummaryFile.toBytes(merge(SummaryFile.fromBytes(periods), SummaryFile.fromBytes(o.periods)));
      r.rows = rows + o.rows;
      r.duplicates = duplicates + o.duplicates;
      r.eventRows = eventRows + o.eventRows;
      return r;
    }

    static void count(Part p, long rows, long duplicates, long eventRows) {
      p.rows += rows;
      p.duplicates += duplicates;
      p.eventRows += eventRows;
    }

    private static List<PeriodSummary> merge(List<PeriodSummary> a, List<PeriodSummary> b) {
      List<PeriodSummary> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) out.add(a.get(i).merge(b.get(i)));
      return out;
    }
  }

  /** The per-period summaries of the live scores and events, without a live alert log. */
  public static SummaryFile summarize(SparkSession spark, String scoresTable, String scoresPath, String eventsTable, String eventsPath, ColumnMapping mapping,
      AlertPolicy policy, Outcome outcome, MonitorSettings s, Long asOf, int partitions, int batchRows) {
    return summarize(spark, scoresTable, scoresPath, eventsTable, eventsPath, null, null, mapping, policy, outcome, s, asOf, partitions, batchRows);
  }

  /** The per-period summaries of the live scores and events, and of the live alert log when one is given; no features table. */
  public static SummaryFile summarize(SparkSession spark, String scoresTable, String scoresPath, String eventsTable, String eventsPath, String alertsTable,
      String alertsPath, ColumnMapping mapping, AlertPolicy policy, Outcome outcome, MonitorSettings s, Long asOf, int partitions, int batchRows) {
    return summarize(spark, scoresTable, scoresPath, eventsTable, eventsPath, alertsTable, alertsPath, null, null, mapping, policy, outcome, s, asOf,
        partitions, batchRows);
  }

  /**
   * The per-period summaries of the live scores and events, of the live alert log and of the live features table when
   * they are given.
   *
   * @param alertsTable a catalog table, or null; {@code alertsPath} a Parquet path otherwise; both null: no live alert log
   * @param featuresTable a catalog table, or null; {@code featuresPath} a Parquet path otherwise; both null: no features table
   * @param asOf the as-of time (epoch seconds), or null for the last live score or event
   */
  public static SummaryFile summarize(SparkSession spark, String scoresTable, String scoresPath, String eventsTable, String eventsPath, String alertsTable,
      String alertsPath, String featuresTable, String featuresPath, ColumnMapping mapping, AlertPolicy policy, Outcome outcome, MonitorSettings s, Long asOf,
      int partitions, int batchRows) {
    String display = SparkInput.display(scoresTable, scoresPath);
    String eventsDisplay = SparkInput.display(eventsTable, eventsPath);
    ColumnMapping m = new ColumnMapping(null, mapping.encounter(), mapping.time(), mapping.score(), null, mapping.attributes(),
        mapping.scoreScale(), mapping.zone());
    SparkInput.Typed typed = SparkInput.predictions(spark, SparkInput.raw(spark, scoresTable, scoresPath), display,
        scoresTable != null ? "spark-table" : "parquet", m, false, true);
    Dataset<Row> scores = typed.rows();
    Dataset<Row> events = SparkInput.events(spark, SparkInput.raw(spark, eventsTable, eventsPath), eventsDisplay, mapping.encounter(), mapping.zone());
    List<String> by = mapping.attributes();
    List<Column> aggs = new ArrayList<>();
    aggs.add(min(col("_t")));
    aggs.add(max(col("_t")));
    for (int i = 0; i < by.size(); i++) aggs.add(collect_set(col("_a" + i)));
    Row stats = scores.agg(count(lit(1)), aggs.toArray(new Column[0])).first();
    if (stats.getLong(0) == 0) throw new BadInputException(display, "has no rows");
    String[][] levels = SparkInput.levels(stats, 3, by, display);
    Row ev = events.agg(collect_set(col("_y")), max(col("_t"))).first();
    List<String> types = new ArrayList<>(ev.<String>getList(0));
    types.sort(SparkInput::compareUtf8);
    Simulator.checkTypes(eventsDisplay, types, outcome, List.of(policy));
    long first = stats.getLong(1);
    long last = Math.max(stats.getLong(2), ev.isNullAt(1) ? Long.MIN_VALUE : ev.getLong(1));
    long as = asOf != null ? asOf : last;
    long[] bounds = s.bounds(Math.floorDiv(first, 86_400L) * 86_400L, Math.min(last, as) + 1);
    Summarizer.Settings set = new Summarizer.Settings(policy, outcome, by, Math.round(s.labelDelayDays() * 86_400), s.matchToleranceMinutes() * 60L, as);

    String alertsDisplay = alertsTable == null && alertsPath == null ? null : SparkInput.display(alertsTable, alertsPath);
    Dataset<Row> alerts = null;
    if (alertsDisplay != null) {
      alerts = SparkInput.events(spark, SparkInput.raw(spark, alertsTable, alertsPath), alertsDisplay, mapping.encounter(), mapping.zone());
      List<String> at = alerts.agg(collect_set(col("_y"))).first().<String>getList(0);
      if (!at.contains(Summarizer.LiveAlerts.TYPE)) {
        throw new BadInputException(alertsDisplay, 0, "type", "the live alert log has no rows of type '" + Summarizer.LiveAlerts.TYPE + "'; types are " + at);
      }
    }
    Dataset<Row> sorted = PartitionScan.relation(scores, events, alerts, by.size(), partitions);
    PartitionScan<Part> scan = new PartitionScan<>(display, eventsDisplay, alertsDisplay, m, levels, types, batchRows, Part::new,
        (part, t, e, live) -> part.add(Summarizer.summarize(t, e, live, bounds, set)), Part::count);
    Part all = sorted.javaRDD().mapPartitions(scan).treeAggregate(new Part(), Part::merge, Part::merge);
    List<PeriodSummary> periods = all.periods == null ? empty(bounds, alertsDisplay != null) : SummaryFile.fromBytes(all.periods);
    InputRecord featuresInput = null;
    if (featuresTable != null || featuresPath != null) {
      String featuresDisplay = SparkInput.display(featuresTable, featuresPath);
      Dataset<Row> raw = SparkInput.raw(spark, featuresTable, featuresPath);
      List<String> names = new ArrayList<>();
      for (org.tollgate.fallback.BedsideInput b : org.tollgate.fallback.BedsideInput.values()) {
        if (java.util.Arrays.asList(raw.columns()).contains(b.column())) names.add(b.column());
      }
      if (names.isEmpty()) {
        throw new BadInputException(featuresDisplay, "the features table has none of the bedside inputs a paper rule can use: "
            + java.util.Arrays.stream(org.tollgate.fallback.BedsideInput.values()).map(org.tollgate.fallback.BedsideInput::column).toList());
      }
      Dataset<Row> featureRows = SparkInput.features(spark, raw, featuresDisplay, mapping.encounter(), mapping.zone(), names);
      // Rows of encounters without live scores are read (and counted) but not summarised, as the command line's reader drops them.
      Dataset<Row> scored = scores.select(col("_e").as("_se")).distinct();
      List<Column> cols = new ArrayList<>(List.of(col("_t"), col("_se").isNotNull().as("_in")));
      for (int i = 0; i < names.size(); i++) cols.add(col("_f" + i));
      Dataset<Row> rel = featureRows.join(scored, featureRows.col("_e").equalTo(scored.col("_se")), "left").select(cols.toArray(new Column[0]));
      if (partitions > 0) rel = rel.repartition(partitions);
      Part fp = rel.javaRDD().mapPartitions(new FeatureScan(featuresDisplay, names, bounds)).treeAggregate(new Part(), Part::merge, Part::merge);
      List<PeriodSummary> fs = fp.periods == null ? Summarizer.withFeatures(empty(bounds, false), new FeatureLog(names, new long[0], new double[names.size()][0]))
          : SummaryFile.fromBytes(fp.periods);
      List<PeriodSummary> merged = new ArrayList<>(periods.size());
      for (int p = 0; p < periods.size(); p++) merged.add(periods.get(p).merge(fs.get(p)));
      periods = merged;
      featuresInput = new InputRecord(featuresDisplay, featuresTable != null ? "spark-table" : "parquet", Jobs.NO_SHA256, fp.rows, 0,
          new ColumnMapping(null, mapping.encounter(), "time", names.get(0), null, List.of(), ColumnMapping.ScoreScale.RAW, mapping.zone()));
    }
    InputRecord scoresInput = new InputRecord(display, typed.input().format, Jobs.NO_SHA256, all.rows, all.duplicates, m);
    InputRecord eventsInput = new InputRecord(eventsDisplay, eventsTable != null ? "spark-table" : "parquet", Jobs.NO_SHA256, all.eventRows, 0,
        new ColumnMapping(null, mapping.encounter(), "time", "value", null, List.of(), ColumnMapping.ScoreScale.RAW, mapping.zone()));
    return new SummaryFile(policy.name(), outcome.type(), outcome.horizonMinutes(), as, set.labelDelaySeconds(), set.matchToleranceSeconds(), scoresInput,
        eventsInput, featuresInput, periods);
  }

  /**
   * One partition of the features relation ({@code _t}, {@code _in} whether the encounter has live scores, {@code _f0…}):
   * every row counted, the rows of scored encounters summarised per period and input in batches of
   * {@value #FEATURE_BATCH_ROWS} by the engine ({@link Summarizer#withFeatures} over empty periods), the batches merged.
   */
  static final class FeatureScan implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Row>, Part> {
    private static final long serialVersionUID = 1L;
    private final String display;
    private final List<String> names;
    private final long[] bounds;

    FeatureScan(String display, List<String> names, long[] bounds) {
      this.display = display;
      this.names = List.copyOf(names);
      this.bounds = bounds.clone();
    }

    @Override
    public java.util.Iterator<Part> call(java.util.Iterator<Row> it) {
      Part part = new Part();
      List<PeriodSummary> skeleton = empty(bounds, false);
      int nf = names.size();
      long[] t = new long[FEATURE_BATCH_ROWS];
      double[][] v = new double[nf][FEATURE_BATCH_ROWS];
      int n = 0;
      long rows = 0;
      while (it.hasNext()) {
        Row r = it.next();
        rows++;
        if (!r.getBoolean(1)) continue;
        t[n] = SparkInput.time(r, 0, display, "time");
        for (int f = 0; f < nf; f++) v[f][n] = r.isNullAt(2 + f) ? Double.NaN : r.getDouble(2 + f);
        if (++n == FEATURE_BATCH_ROWS) {
          part.add(Summarizer.withFeatures(skeleton, log(t, v, n)));
          n = 0;
        }
      }
      if (n > 0) part.add(Summarizer.withFeatures(skeleton, log(t, v, n)));
      part.rows = rows;
      return List.of(part).iterator();
    }

    private FeatureLog log(long[] t, double[][] v, int n) {
      double[][] c = new double[v.length][];
      for (int f = 0; f < v.length; f++) c[f] = java.util.Arrays.copyOf(v[f], n);
      return new FeatureLog(names, java.util.Arrays.copyOf(t, n), c);
    }
  }

  /** Every period empty (no partition had rows); with a live alert log, its comparison empty too. */
  private static List<PeriodSummary> empty(long[] bounds, boolean alertLog) {
    List<PeriodSummary> out = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      out.add(new PeriodSummary(bounds[i], bounds[i + 1], new PeriodSummary.Volume(0, 0, 0, 0, 0, 0),
          new PeriodSummary.Scores(org.tollgate.monitor.Distribution.empty(), 0), alertLog ? new PeriodSummary.Match(0, 0, 0, 0, 0, 0) : null,
          new PeriodSummary.Performance(0, 0, 0, 0, 0, 0, org.tollgate.monitor.Distribution.empty(), org.tollgate.evaluation.ScoreCounts.empty()), List.of()));
    }
    return out;
  }
}
