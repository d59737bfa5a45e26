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

  /**
   * How scores are bounded, and so what a threshold on them means. The one setting behind the CLI's
   * {@code --score-scale} and review.yaml's {@code data.score_scale}: both parse with {@link #parse} and check
   * every threshold with {@link #thresholdProblem}.
   */
  public enum ScoreScale {
    /** Scores are probabilities in [0, 1]; so is every threshold. */
    PROBABILITY,
    /** Scores are in the model's own units (any finite number); so is every threshold. Calibration, Brier score and net benefit are undefined. */
    RAW;

    /**
     * Why calibration, the Brier score, net benefit and the decision curve are not reported on a raw scale; the
     * words every writer prints where those figures would be.
     */
    public static final String RAW_OMITS = "not computed: the scores are on their own (raw) scale, not probabilities";

    /** The sentence a report prints where calibration, the Brier score and net benefit would be. */
    public static final String RAW_SENTENCE = "Calibration, Brier score and net benefit: " + RAW_OMITS + ".";

    /** The lower-case word a user writes: "probability" or "raw". */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What is wrong with {@code value} when {@link #parse} refuses it; the one wording of the CLI's --score-scale and the Spark jobs'. */
    public static String notAScale(String value) {
      return "'" + value + "' is not a score scale (expected probability or raw)";
    }

    /** "probability" or "raw" (any case, surrounding blanks ignored); null for anything else. */
    public static ScoreScale parse(String s) {
      if (s == null) return null;
      return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "probability" -> PROBABILITY;
        case "raw" -> RAW;
        default -> null;
      };
    }

    /**
     * What is wrong with {@code t} as a threshold on this scale, or null when it is fine: on the probability scale a
     * threshold outside [0, 1] (a percent such as 50 never fires; a negative one fires on every score); on either scale a
     * value that is not finite. {@code rawHint} says how to switch to the raw scale where the value was given (e.g.
     * "set data.score_scale: raw", "add --score-scale raw").
     */
    public String thresholdProblem(double t, String rawHint) {
      if (!Double.isFinite(t)) return "a threshold must be a finite number, got " + t;
      if (this == RAW || (t >= 0 && t <= 1)) return null;
      String v = org.tollgate.format.Units.plain(t).replace('−', '-'); // echoed as the user typed it (ASCII minus)
      String why = t > 1
          ? " (no score reaches it, so nothing would ever be flagged" + (t <= 100 ? "; " + v + "% as a probability is " + org.tollgate.format.Units.plain(t / 100) : "") + ")"
          : " (every score is above it, so every score would be flagged)";
      return v + " is not a probability: the scores are probabilities, so a threshold must lie in [0, 1]" + why
          + "; if the scores are in their own units, " + rawHint;
    }
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
