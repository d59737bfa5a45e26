package org.tollgate.cohort;

import java.util.List;
import java.util.Objects;

/**
 * One generated hospital encounter with the attributes repeated on each of its score rows.
 *
 * @param index 0-based position in the cohort; encounter {@code k} is the same in every cohort with
 *     the same settings apart from the encounter count
 * @param encounterId e.g. {@code E0000457}
 * @param patientId e.g. {@code P0381220}; several encounters may share one
 * @param admitEpochSecond admission time
 * @param dischargeEpochSecond discharge time, after admission
 * @param label 1 when the outcome occurs during the stay, else 0
 * @param onsetEpochSecond outcome onset (inside the stay) when {@code label == 1}, else {@link #NO_ONSET}
 * @param attributes attribute values in the order of the cohort's {@link Cohort#attributeNames()}
 */
public record Encounter(
    int index,
    String encounterId,
    String patientId,
    long admitEpochSecond,
    long dischargeEpochSecond,
    int label,
    long onsetEpochSecond,
    List<String> attributes) {

  /** {@code onsetEpochSecond} of an encounter without the outcome. */
  public static final long NO_ONSET = Long.MIN_VALUE;

  public Encounter {
    Objects.requireNonNull(encounterId, "encounterId");
    Objects.requireNonNull(patientId, "patientId");
    attributes = List.copyOf(attributes);
    if (dischargeEpochSecond <= admitEpochSecond) {
      throw new IllegalArgumentException(encounterId + ": discharge must be after admission");
    }
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException(encounterId + ": label must be 0 or 1, got " + label);
    }
    if (label == 1 && (onsetEpochSecond < admitEpochSecond || onsetEpochSecond > dischargeEpochSecond)) {
      throw new IllegalArgumentException(encounterId + ": onset must lie inside the stay");
    }
    if (label == 0 && onsetEpochSecond != NO_ONSET) {
      throw new IllegalArgumentException(encounterId + ": an encounter without the outcome has no onset");
    }
  }

  public boolean hasOnset() {
    return label == 1;
  }

  /** The value of attribute {@code i} (position in {@link Cohort#attributeNames()}). */
  public String attribute(int i) {
    return attributes.get(i);
  }
}
