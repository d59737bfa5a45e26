package org.tollgate.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.tollgate.data.BadInputException;

/** What both jobs share: the session, exit codes, and turning a failed task back into the user's problem. */
final class Jobs {
  /** The provenance's SHA-256 field for data read by Spark: hashing a lake's files is not the job's business. */
  static final String NO_SHA256 = "not computed (read by Spark)";

  private Jobs() {}

  /** The session of spark-submit, or {@code local[*]} when the job is started without a master. */
  static SparkSession session(String name) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(name);
    if (!conf.contains("spark.master")) {
      b = b.master("local[*]");
    }
    return b.getOrCreate();
  }

  /**
   * Runs a job body: exit 0; 2 for bad input or usage, with the message (naming the file and column)
   * on stderr; 1 for anything else.
   */
  static int run(String name, Callable<Integer> body) {
    try {
      return body.call();
    } catch (Throwable e) {
      BadInputException bad = badInput(e);
      if (bad != null) {
        System.err.println("tollgate " + name + ": " + bad.getMessage());
        return 2;
      }
      System.err.println("tollgate " + name + ": internal error");
      e.printStackTrace();
      return 1;
    }
  }

  /** The bad-input exception behind a failure, also when an executor threw it inside a Spark task. */
  static BadInputException badInput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadInputException b) return b;
    }
    return null;
  }

  /** Writes a file through a temporary file in the same folder, renamed at the end: never half-written. */
  static void writeAtomically(Path out, byte[] bytes) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    org.tollgate.ingest.write.AtomicFile.write(out, o -> o.write(bytes));
  }


}
