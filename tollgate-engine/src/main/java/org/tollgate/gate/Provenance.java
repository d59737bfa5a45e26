package org.tollgate.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.format.Units;

/**
 * Checklist item 1 — can the decision logic be reconstructed from auditable data? For each model
 * input in the provenance manifest: it must name a source system and field; the source system must be
 * one the review approves (an EHR, a lab system — not self-report or a store the record cannot keep);
 * every value must have a source timestamp; and no source timestamp may be later than the prediction
 * time (future leakage, a fatal flaw).
 */
public final class Provenance {
  private Provenance() {}

  /** One input of the manifest. {@code timestampColumn} names the data column with each value's source time. */
  public record Input(String name, String sourceSystem, String sourceField, String timestampColumn, boolean storedInRecord) {}

  /**
   * What the data say about one input.
   *
   * @param rows prediction rows checked
   * @param missingTimestamps values without a source timestamp
   * @param futureTimestamps values whose source timestamp is after the prediction time
   * @param maxFutureSeconds the largest such gap
   */
  public record Finding(Input input, long rows, long missingTimestamps, long futureTimestamps, long maxFutureSeconds, String problem) {}

  /** The whole check. */
  public record Result(List<Finding> findings, String dataSha256, boolean dataChecked) {
    public boolean leakage() {
      return findings.stream().anyMatch(f -> f.futureTimestamps() > 0);
    }

    public boolean problems() {
      return findings.stream().anyMatch(f -> f.problem() != null);
    }
  }

  /**
   * Checks one input's timestamps: {@code sourceTime[i]} is {@link Long#MIN_VALUE} when missing. The problem's counts
   * (values recorded late, values without a timestamp) go through the small-cell rule ({@link SmallCells}): a count of 1
   * to {@code minCell} − 1 reads "1 to 10 values", because each value is a patient's prediction.
   */
  public static Finding check(Input in, Set<String> approvedSystems, long[] predictionTime, long[] sourceTime, int minCell) {
    String problem = null;
    if (in.sourceSystem() == null || in.sourceSystem().isBlank() || in.sourceField() == null || in.sourceField().isBlank()) {
      problem = "has no source system and field";
    } else if (!approvedSystems.isEmpty() && approvedSystems.stream().noneMatch(a -> a.equalsIgnoreCase(in.sourceSystem()))) {
      problem = "comes from '" + in.sourceSystem() + "', which is not an approved source (" + String.join(", ", approvedSystems) + ")";
    } else if (!in.storedInRecord()) {
      problem = "cannot be stored in the patient record, so the decision cannot be reconstructed later";
    } else if (in.timestampColumn() == null || in.timestampColumn().isBlank()) {
      problem = "has no source timestamp column";
    }
    long missing = 0;
    long future = 0;
    long maxFuture = 0;
    int n = predictionTime == null ? 0 : predictionTime.length;
    for (int i = 0; i < n; i++) {
      long s = sourceTime[i];
      if (s == Long.MIN_VALUE) {
        missing++;
      } else if (s > predictionTime[i]) {
        future++;
        maxFuture = Math.max(maxFuture, s - predictionTime[i]);
      }
    }
    if (problem == null && future > 0) {
      problem = "has " + SmallCells.phrase(future, minCell, "value") + " recorded after the prediction time (up to " + Units.duration(maxFuture)
          + " later): future leakage";
    } else if (problem == null && missing > 0) {
      problem = "has " + SmallCells.phrase(missing, minCell, "value") + " without a source timestamp";
    }
    return new Finding(in, n, missing, future, maxFuture, problem);
  }

  /** A manifest-only result (no data file given): timestamps cannot be checked. */
  public static Result manifestOnly(List<Input> inputs, Set<String> approved) {
    List<Finding> f = new ArrayList<>();
    for (Input in : inputs) f.add(check(in, approved, null, null, 0));
    return new Result(f, null, false);
  }
}
