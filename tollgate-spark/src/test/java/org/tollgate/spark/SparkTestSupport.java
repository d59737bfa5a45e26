package org.tollgate.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.ingest.write.CohortWriter;

/**
 * One {@code local[2]} session for the module's tests (loopback only, no UI), and small sepsis cohorts
 * written as Parquet by the command line's own cohort writer.
 */
final class SparkTestSupport {
  private static SparkSession spark;

  private SparkTestSupport() {}

  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("tollgate-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .getOrCreate();
    }
    return spark;
  }

  /** A sepsis cohort of {@code encounters} encounters over {@code days} days, as Parquet under {@code dir}. */
  static Path cohort(Path dir, int encounters, int days, long seed) throws IOException {
    Path out = dir.resolve("sepsis-" + encounters + "-" + seed);
    if (!Files.exists(out.resolve(CohortWriter.MANIFEST))) {
      SepsisCohort c = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(encounters).withPeriodDays(days).withSeed(seed));
      new CohortWriter(CohortWriter.Format.PARQUET, true, "tollgate-spark test", CohortWriter.Progress.NONE).write(c, out);
    }
    return out;
  }
}
