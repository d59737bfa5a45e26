package org.tollgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.EvaluationSettings;
import org.tollgate.evaluation.EvaluationSummary;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.evaluation.SummaryFile;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;

/**
 * The Spark evaluation against the command line's in-process path on the same Parquet files (the
 * sepsis generator, 600 encounters, about 1,200 patients' worth of multi-encounter clusters): the
 * summaries must be equal (every count, every clustered case, in the same canonical order), so every
 * figure of the evaluation — bootstrap intervals included — is identical.
 */
class EvaluateJobTest {
  static final List<String> BY = List.of("age_band", "sex", "comorbidity_band");
  @TempDir static Path dir;
  static Path scores;

  @BeforeAll
  static void data() throws IOException {
    scores = SparkTestSupport.cohort(dir, 600, 60, 7).resolve("scores.parquet");
  }

  static ScoreTable inProcess(ColumnMapping m) {
    return new PredictionReader().read(scores, m, Need.SCORE_AND_LABEL);
  }

  @Test
  void summaryEqualsTheInProcessSummaryAndSoDoesTheWholeEvaluation() throws IOException {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(BY);
    SummaryFile spark = EvaluateJob.summarize(SparkTestSupport.spark(), null, scores.toString(), m, null, null, 3);
    ScoreTable t = inProcess(m);
    EvaluationSettings s = EvaluationSettings.defaults().withBy(BY, true).withBootstrap(200, 11);
    Cases cases = Cases.from(t, BY, null, null);
    EvaluationSummary local = EvaluationSummary.of(cases);
    assertTrue(local.clusters() > 20, "the cohort must have multi-encounter patients: " + local.clusters());
    assertEquals(local, spark.summary());
    assertEquals(t.input().rows(), spark.input().rows());
    assertEquals(t.input().duplicateRows(), spark.input().duplicateRows());

    Evaluation a = Evaluator.evaluate(t, s);
    // Through the file, as `tollgate evaluate --summary` reads it.
    SummaryFile back = SummaryFile.read(new ByteArrayInputStream(spark.toBytes()), "summary");
    Evaluation b = back.evaluate(s);
    assertEquals(a.days(), b.days(), 1e-9);
    assertEquals(a.overall(), b.overall());
    assertEquals(a.strata(), b.strata());
    assertEquals(a.disparities(), b.disparities());
    assertEquals(a.sweep(), b.sweep());
    assertEquals(a.calibration(), b.calibration());
    assertEquals(a.warnings(), b.warnings());
    assertEquals(a.rawOverall(), b.rawOverall());
  }

  @Test
  void partitionCountDoesNotChangeTheSummary() {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    SummaryFile one = EvaluateJob.summarize(SparkTestSupport.spark(), null, scores.toString(), m, null, null, 1);
    SummaryFile seven = EvaluateJob.summarize(SparkTestSupport.spark(), null, scores.toString(), m, null, null, 7);
    assertEquals(one.summary(), seven.summary());
  }

  @Test
  void aCatalogTableGivesTheSameSummaryAsItsParquetFiles() {
    SparkTestSupport.spark().read().parquet(scores.toString()).createOrReplaceTempView("sepsis_scores");
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    SummaryFile byTable = EvaluateJob.summarize(SparkTestSupport.spark(), "sepsis_scores", null, m, null, null, 2);
    assertEquals(EvaluationSummary.of(Cases.from(inProcess(m), List.of("sex"), null, null)), byTable.summary());
    assertEquals("table sepsis_scores", byTable.input().path());
    assertEquals("spark-table", byTable.input().format());
  }

  @Test
  void perRowAndMeanCombineMatchTheInProcessCases() {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("sex"));
    ScoreTable t = inProcess(m);
    for (Cases.Per per : Cases.Per.values()) {
      for (Cases.Combine c : List.of(Cases.Combine.MEAN, Cases.Combine.FIRST, Cases.Combine.LAST)) {
        if (per == Cases.Per.ROW && c != Cases.Combine.MEAN) continue;
        SummaryFile spark = EvaluateJob.summarize(SparkTestSupport.spark(), null, scores.toString(), m, per, c, 2);
        assertEquals(EvaluationSummary.of(Cases.from(t, List.of("sex"), per, c)), spark.summary(), per + " " + c);
      }
    }
  }

  @Test
  void missingColumnIsBadInputNamingIt() {
    ColumnMapping m = ColumnMapping.defaults().withAttributes(List.of("no_such_column"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> EvaluateJob.summarize(SparkTestSupport.spark(), null, scores.toString(), m, null, null, 2));
    assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
  }

  @Test
  void scoreOutsideTheUnitIntervalStopsTheJobWithTheColumnNamed(@TempDir Path tmp) {
    String bad = tmp.resolve("bad.parquet").toString();
    SparkTestSupport.spark().read().parquet(scores.toString()).selectExpr("patient_id", "encounter_id", "time", "score * 2 AS score", "label")
        .write().parquet(bad);
    Throwable e = assertThrows(Throwable.class,
        () -> EvaluateJob.summarize(SparkTestSupport.spark(), null, bad, ColumnMapping.defaults(), null, null, 2));
    BadInputException b = Jobs.badInput(e);
    assertTrue(b != null && b.getMessage().contains("score") && b.getMessage().contains("outside [0, 1]"), String.valueOf(e));
    assertTrue(b.getMessage().contains(bad), b.getMessage());
  }

  @Test
  void summaryFileRejectsOtherFilesAndTruncation() throws IOException {
    SummaryFile f = EvaluateJob.summarize(SparkTestSupport.spark(), null, scores.toString(), ColumnMapping.defaults(), null, null, 2);
    byte[] b = f.toBytes();
    BadInputException trunc = assertThrows(BadInputException.class,
        () -> SummaryFile.read(new ByteArrayInputStream(java.util.Arrays.copyOf(b, b.length - 3)), "s.tgs"));
    assertTrue(trunc.getMessage().contains("s.tgs") && trunc.getMessage().contains("truncated"), trunc.getMessage());
    BadInputException other = assertThrows(BadInputException.class,
        () -> SummaryFile.read(new ByteArrayInputStream("patient_id,score\n".getBytes()), "x.csv"));
    assertTrue(other.getMessage().contains("not a tollgate summary"), other.getMessage());
  }
}
