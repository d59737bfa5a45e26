package org.tollgate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.Cells;
import org.tollgate.evaluation.EvaluationSummary;
import org.tollgate.evaluation.ScoreCounts;
import org.tollgate.evaluation.SummaryFile;

/**
 * The stratified evaluation on Spark. Cases are made where the rows are: the rows are
 * hash-partitioned by patient (by encounter without a patient column), so every case of a patient
 * lands in one partition, and sorted within partitions by (patient, encounter, time, score descending,
 * label descending, attributes descending). One scan per partition then does what the command line's
 * reader and {@link Cases} do in one process, in the same order: drop duplicate (encounter, time) rows
 * keeping the first of that order (the reader's tie-break), combine an encounter's scores, take its
 * attributes from its first row, and build the engine's {@link EvaluationSummary}. Spark combines the
 * partitions' summaries with {@code treeAggregate}; because summaries are canonical, the result is the
 * same bytes whatever the partitioning and the merge order, and equals the summary the command line
 * makes of the same rows.
 *
 * <p>The driver writes it as a {@link SummaryFile} ({@code tollgate.summary/v1});
 * {@code tollgate evaluate --summary FILE} then runs the command line's own evaluation on it (every
 * metric, interval, disparity, suppression rule, and the {@code tollgate.evaluation/v2} JSON).
 *
 * <pre>
 * spark-submit --class org.tollgate.spark.EvaluateJob tollgate-spark-job.jar \
 *     s3a://lake/scores/ --by age_band,sex,comorbidity_band --out summary.tgs
 * </pre>
 */
public final class EvaluateJob {
  static final Set<String> OPTIONS = Set.of("--table", "--by", "--per", "--combine", "--partitions", "--out");

  private EvaluateJob() {}

  public static void main(String[] args) {
    System.exit(Jobs.run("evaluate", () -> {
      JobArgs a = new JobArgs(args, OPTIONS);
      Path out = Path.of(a.required("--out"));
      List<String> by = a.list("--by");
      Cases.Per per = a.get("--per") == null ? null : org.tollgate.data.EnumOption.parse(Cases.Per.class, a.get("--per"), "--per");
      Cases.Combine combine = a.get("--combine") == null ? null : org.tollgate.data.EnumOption.parse(Cases.Combine.class, a.get("--combine"), "--combine");
      SparkSession spark = Jobs.session("tollgate evaluate");
      long t0 = System.nanoTime();
      SummaryFile f = summarize(spark, a.get("--table"), a.path(), a.mapping(by), per, combine, a.intValue("--partitions", 0));
      write(f, out);
      System.err.printf(Locale.ROOT, "tollgate evaluate (Spark): %,d rows, %,d cases in %,d cells, %,d multi-case patients; %.1f s. Wrote %s%n",
          f.input().rows(), cases(f.summary()), f.summary().cells().count(), f.summary().clusters(), (System.nanoTime() - t0) / 1e9, out);
      System.err.println("Report: tollgate evaluate --summary " + out + " [--intersections --bootstrap N --format json ...]");
      return 0;
    }));
  }

  /** Writes the summary file atomically. */
  static void write(SummaryFile f, Path out) throws IOException {
    Jobs.writeAtomically(out, f.toBytes());
  }

  static long cases(EvaluationSummary s) {
    long n = 0;
    for (int c = 0; c < s.cells().count(); c++) n += s.cell(c).n();
    return n;
  }

  /**
   * Summarises a prediction log.
   *
   * @param table a catalog table name, or null
   * @param path a Parquet path, or null (exactly one of the two)
   * @param mapping column mapping; its attributes are the stratification attributes
   * @param partitions shuffle partitions, 0 for Spark's default
   */
  public static SummaryFile summarize(SparkSession spark, String table, String path, ColumnMapping mapping, Cases.Per per,
      Cases.Combine combine, int partitions) {
    String display = SparkInput.display(table, path);
    Dataset<Row> raw = SparkInput.raw(spark, table, path);
    SparkInput.Typed typed = SparkInput.predictions(spark, raw, display, table != null ? "spark-table" : "parquet", mapping, true, false);
    SparkInput in = typed.input();
    Dataset<Row> rows = typed.rows();
    Cases.Per p = per == null ? Cases.Per.ENCOUNTER : per;
    Cases.Combine c = combine == null ? Cases.Combine.MAX : combine;
    if ((c == Cases.Combine.FIRST || c == Cases.Combine.LAST) && !in.hasTime) {
      throw new BadInputException(display, 0, mapping.time(), "--combine " + c.name().toLowerCase(Locale.ROOT) + " needs a time column");
    }

    // One pass: row count, time range, and every attribute's levels.
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    aggs.add(in.hasTime ? min(col("_t")) : lit(null));
    aggs.add(in.hasTime ? max(col("_t")) : lit(null));
    for (int i = 0; i < in.attributes.size(); i++) aggs.add(collect_set(col("_a" + i)));
    Row stats = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long n = stats.getLong(0);
    if (n == 0) throw new BadInputException(display, "has no rows");
    String[][] levels = SparkInput.levels(stats, 3, in.attributes, display);
    Cells cells = new Cells(in.attributes, levels);
    double days = in.hasTime && !stats.isNullAt(1) ? (stats.getLong(2) - (double) stats.getLong(1)) / 86400.0 : Double.NaN;

    String key = in.hasPatient ? "_p" : "_e";
    List<Column> order = new ArrayList<>();
    order.add(col(key));
    if (in.hasPatient) order.add(col("_e"));
    if (in.hasTime) order.add(col("_t"));
    order.add(col("_s").desc());
    order.add(col("_l").desc());
    for (int i = 0; i < in.attributes.size(); i++) order.add(col("_a" + i).desc());
    Dataset<Row> sorted = (partitions > 0 ? rows.repartition(partitions, col(key)) : rows.repartition(col(key)))
        .sortWithinPartitions(order.toArray(new Column[0]));

    Scan scan = new Scan(in, mapping, cells, p, c);
    ScoreCounts[] none = new ScoreCounts[cells.count()];
    SummaryPart zero = new SummaryPart(EvaluationSummary.fromCells(cells, none), 0, 0);
    SummaryPart all = sorted.javaRDD().mapPartitions(scan).treeAggregate(zero, SummaryPart::merge, SummaryPart::merge);

    ColumnMapping used = new ColumnMapping(in.hasPatient ? mapping.id() : null, mapping.encounter(), in.hasTime ? mapping.time() : null,
        mapping.score(), mapping.label(), mapping.attributes(), mapping.scoreScale(), mapping.zone());
    InputRecord input = new InputRecord(display, in.format, Jobs.NO_SHA256, all.rows, all.duplicates, used);
    return new SummaryFile(all.summary, p, c, days, input);
  }

  /** One partition's rows, sorted as the class comment says, to its summary. */
  static final class Scan implements FlatMapFunction<Iterator<Row>, SummaryPart> {
    private static final long serialVersionUID = 1L;
    private final SparkInput in;
    /** Column names for messages: patient, encounter, time, score, label. */
    private final String[] names;
    private final List<String> attributes;
    private final String[][] levels;
    private final Cases.Per per;
    private final Cases.Combine combine;
    private final boolean probability;

    Scan(SparkInput in, ColumnMapping mapping, Cells cells, Cases.Per per, Cases.Combine combine) {
      this.in = in;
      this.names = new String[] {mapping.id(), mapping.encounter(), mapping.time(), mapping.score(), mapping.label()};
      this.attributes = cells.attributes();
      this.levels = new String[attributes.size()][];
      for (int i = 0; i < levels.length; i++) levels[i] = cells.levels(i);
      this.per = per;
      this.combine = combine;
      this.probability = mapping.scoreScale() == ColumnMapping.ScoreScale.PROBABILITY;
    }

    @Override
    public Iterator<SummaryPart> call(Iterator<Row> it) {
      int na = attributes.size();
      List<Map<String, Integer>> codes = new ArrayList<>();
      for (String[] l : levels) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < l.length; i++) m.put(l[i], i);
        codes.add(m);
      }
      int[] radix = new int[na];
      for (int i = 0; i < na; i++) radix[i] = Math.max(1, levels[i].length);
      Cells cells = new Cells(attributes, levels);
      int ip = in.hasPatient ? 0 : -1;
      int ie = in.hasPatient ? 1 : 0;
      int it2 = in.hasTime ? ie + 1 : -1;
      int is = (in.hasTime ? it2 : ie) + 1;
      int il = is + 1;
      int ia = il + 1;

      Cases0 cases = new Cases0();
      long rows = 0;
      long dups = 0;
      String prevPatient = null;
      String prevEnc = null;
      long prevTime = 0;
      int patient = -1;
      // The current encounter (per encounter).
      int count = 0;
      double value = 0;
      byte label = 0;
      int cell = 0;
      while (it.hasNext()) {
        Row r = it.next();
        rows++;
        String pid = ip >= 0 ? r.getString(ip) : null;
        if (ip >= 0 && pid == null) bad(names[0], "missing patient id");
        String enc = r.getString(ie);
        if (enc == null) bad(names[1], "missing encounter id");
        long t = it2 >= 0 ? SparkInput.time(r, it2, in.display, names[2]) : 0;
        double s = SparkInput.score(r, is, in.display, names[3], probability);
        if (r.isNullAt(il)) bad(names[4], "label is not 0, 1, true or false");
        byte l = r.getByte(il);
        boolean newEnc = !enc.equals(prevEnc);
        if (!newEnc && it2 >= 0 && t == prevTime) {
          dups++;
          continue;
        }
        boolean newPatient = ip >= 0 ? !pid.equals(prevPatient) : newEnc;
        if (newPatient) patient++;
        int rowCell = 0;
        if (per == Cases.Per.ROW || newEnc) {
          for (int a = 0; a < na; a++) {
            rowCell = rowCell * radix[a] + codes.get(a).get(r.getString(ia + a));
          }
        }
        if (per == Cases.Per.ROW) {
          cases.add(s, l, rowCell, patient);
        } else {
          if (newEnc) {
            if (count > 0) cases.add(combine == Cases.Combine.MEAN ? value / count : value, label, cell, cases.lastPatient);
            count = 0;
            value = s;
            label = 0;
            cell = rowCell;
            cases.lastPatient = patient;
          } else {
            switch (combine) {
              case MAX -> value = Math.max(value, s);
              case MEAN -> value += s;
              case FIRST -> { }
              case LAST -> value = s;
            }
          }
          count++;
          if (l == 1) label = 1;
        }
        prevPatient = pid;
        prevEnc = enc;
        prevTime = t;
      }
      if (per == Cases.Per.ENCOUNTER && count > 0) {
        cases.add(combine == Cases.Combine.MEAN ? value / count : value, label, cell, cases.lastPatient);
      }
      if (rows == 0) return List.<SummaryPart>of().iterator();
      Cases c = Cases.of(Arrays.copyOf(cases.score, cases.n), Arrays.copyOf(cases.label, cases.n), Arrays.copyOf(cases.cell, cases.n),
          in.hasPatient ? Arrays.copyOf(cases.patient, cases.n) : null, cells);
      return List.of(new SummaryPart(EvaluationSummary.of(c), rows, dups)).iterator();
    }

    private void bad(String column, String problem) {
      throw new BadInputException(in.display, 0, column, problem);
    }
  }

  /** Growable case columns. */
  private static final class Cases0 {
    int n;
    double[] score = new double[1024];
    byte[] label = new byte[1024];
    int[] cell = new int[1024];
    int[] patient = new int[1024];
    int lastPatient;

    void add(double s, byte l, int c, int p) {
      if (n == score.length) {
        int m = n * 2;
        score = Arrays.copyOf(score, m);
        label = Arrays.copyOf(label, m);
        cell = Arrays.copyOf(cell, m);
        patient = Arrays.copyOf(patient, m);
      }
      score[n] = s;
      label[n] = l;
      cell[n] = c;
      patient[n++] = p;
    }
  }
}
