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
 * @param fhir how a FHIR RiskAssessment's prediction is read (ignored for CSV and Parquet); default {@link Fhir#UNSTATED}
 */
public record ColumnMapping(
    String id,
    String encounter,
    String time,
    String score,
    String label,
    List<String> attributes,
    ScoreScale scoreScale,
    ZoneId zone,
    Fhir fhir) {

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

  /** The unit of a FHIR {@code prediction.probabilityDecimal}. */
  public enum ProbabilityUnit {
    /** 0–100, as FHIR R4 defines it (invariant ras-2: probabilityDecimal ≤ 100). */
    PERCENT,
    /** 0–1, as many systems write it despite R4. */
    FRACTION
  }

  /**
   * How a FHIR RiskAssessment's prediction is read.
   *
   * @param probability the unit of {@code probabilityDecimal}; null when the user did not say (then R4's percent is read,
   *     and a file whose values all lie within [0, 1], which fits either unit, is refused)
   * @param outcome the outcome whose prediction is read, as a FHIR token: {@code SYSTEM|CODE}, {@code CODE} (any system) or
   *     {@code |CODE} (no system); null when each RiskAssessment must hold exactly one prediction
   */
  public record Fhir(ProbabilityUnit probability, String outcome) {
    /** Nothing stated: percent per R4 (refused when ambiguous), the only prediction. */
    public static final Fhir UNSTATED = new Fhir(null, null);

    public Fhir {
      if (outcome != null) {
        outcome = outcome.strip();
        int bar = outcome.indexOf('|');
        if (outcome.isEmpty() || bar == outcome.length() - 1 || outcome.indexOf('|', bar + 1) >= 0) {
          throw new IllegalArgumentException("'" + outcome + "' is not an outcome code: give SYSTEM|CODE, CODE or |CODE");
        }
      }
    }

    /** The outcome's system: null for any system, empty for a coding without one. */
    public String outcomeSystem() {
      if (outcome == null) return null;
      int bar = outcome.indexOf('|');
      return bar < 0 ? null : outcome.substring(0, bar);
    }

    /** The outcome's code, or null when no outcome is chosen. */
    public String outcomeCode() {
      return outcome == null ? null : outcome.substring(outcome.indexOf('|') + 1);
    }
  }

  /** Without FHIR settings ({@link Fhir#UNSTATED}). */
  public ColumnMapping(String id, String encounter, String time, String score, String label, List<String> attributes,
      ScoreScale scoreScale, ZoneId zone) {
    this(id, encounter, time, score, label, attributes, scoreScale, zone, Fhir.UNSTATED);
  }

  public ColumnMapping {
    Objects.requireNonNull(score, "score column must be named");
    fhir = fhir == null ? Fhir.UNSTATED : fhir;
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
    return new ColumnMapping(id, encounter, time, score, label, attrs, scoreScale, zone, fhir);
  }

  public ColumnMapping withFhir(Fhir f) {
    return new ColumnMapping(id, encounter, time, score, label, attributes, scoreScale, zone, f);
  }
}
