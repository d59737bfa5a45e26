package org.tollgate.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.Cases;
import org.tollgate.evaluation.EvaluationSummary;
import org.tollgate.evaluation.SummaryFile;

/**
 * What one partition (or a merge of several) contributes to an evaluation: the engine's
 * {@link EvaluationSummary} and the row counts for provenance. Travels between executors in the
 * summary file's own encoding ({@link SummaryFile}), so Spark never needs to know the engine's classes.
 */
final class SummaryPart implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final InputRecord PART = new InputRecord("part", "spark", "-", 0, 0, ColumnMapping.defaults());

  transient EvaluationSummary summary;
  long rows;
  long duplicates;

  SummaryPart(EvaluationSummary summary, long rows, long duplicates) {
    this.summary = summary;
    this.rows = rows;
    this.duplicates = duplicates;
  }

  /** The union of two disjoint sets of patients: exact, commutative and associative (canonical summaries). */
  SummaryPart merge(SummaryPart o) {
    return new SummaryPart(summary.merge(o.summary), rows + o.rows, duplicates + o.duplicates);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    byte[] b = new SummaryFile(summary, Cases.Per.ROW, Cases.Combine.MAX, Double.NaN, PART).toBytes();
    out.writeInt(b.length);
    out.write(b);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    summary = SummaryFile.fromBytes(b, "partition summary").summary();
  }
}
