package org.tollgate.data;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Which input column holds what. A column a command does not need may be absent from the file; the
 * reader checks only the ones it is asked for.
 *
 * @param id patient identifier column (default {@code patient_id}); used to cluster bootstraps, never printed
 * @param encounter encounter identifier column (default {@code encounter_id})
 * @param time score time column (default {@code time}), ISO-8601; naive timestamps are taken in {@code zone}
 * @param score model score column (default {@code score})
 * @param label binary outcome column (default {@code label}): 0/1/true/false
 * @param attributes attribute columns to keep, dictionary-encoded (e.g. age_band, sex)
 * @param scoreScale {@link ScoreScale#PROBABILITY} requires scores in [0,1]; {@link ScoreScale#RAW} allows any finite value
 * @param zone zone for timestamps without an offset (default UTC)
 */
public record ColumnMapping(
    String id,
    String encounter,
    String time,
    String score,
    String label,
    List<String> attributes,
    ScoreScale scoreScale,
    ZoneId zone) {

  public static final String DEFAULT_ID = "patient_id";
  public static final String DEFAULT_ENCOUNTER = "encounter_id";
  public static final String DEFAULT_TIME = "time";
  public static final String DEFAULT_SCORE = "score";
  public static final String DEFAULT_LABEL = "label";

  /** How scores are bounded. */
  public enum ScoreScale {
    PROBABILITY,
    RAW
  }

  public ColumnMapping {
    Objects.requireNonNull(score, "score column must be named");
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    scoreScale = scoreScale == null ? ScoreScale.PROBABILITY : scoreScale;
    zone = zone == null ? ZoneOffset.UTC : zone;
    if (attributes.size() > 64) {
      throw new IllegalArgumentException("at most 64 attribute columns, got " + attributes.size());
    }
  }

  /** The defaults: patient_id, encounter_id, time, score, label, no attributes, probabilities, UTC. */
  public static ColumnMapping defaults() {
    return new ColumnMapping(
        DEFAULT_ID, DEFAULT_ENCOUNTER, DEFAULT_TIME, DEFAULT_SCORE, DEFAULT_LABEL, List.of(),
        ScoreScale.PROBABILITY, ZoneOffset.UTC);
  }

  public ColumnMapping withAttributes(List<String> attrs) {
    return new ColumnMapping(id, encounter, time, score, label, attrs, scoreScale, zone);
  }
}
