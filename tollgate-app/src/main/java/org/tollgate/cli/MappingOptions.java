package org.tollgate.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ColumnMapping.ProbabilityUnit;
import org.tollgate.data.ColumnMapping.ScoreScale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The column-mapping flags every command that reads a prediction log shares; add it with
 * {@code @Mixin MappingOptions mapping;} and call {@link #toMapping()}. An empty value for a role
 * column ({@code --label ''}) means the role is not read even if such a column exists.
 */
public final class MappingOptions {
  @Option(names = "--id", paramLabel = "COL", defaultValue = ColumnMapping.DEFAULT_ID,
      description = "Patient id column (default: ${DEFAULT-VALUE}). Ids are only counted, never printed.")
  String id;

  @Option(names = "--encounter", paramLabel = "COL", defaultValue = ColumnMapping.DEFAULT_ENCOUNTER,
      description = "Encounter id column (default: ${DEFAULT-VALUE}).")
  String encounter;

  @Option(names = "--time", paramLabel = "COL", defaultValue = ColumnMapping.DEFAULT_TIME,
      description = "Score time column, ISO-8601 (default: ${DEFAULT-VALUE}).")
  String time;

  @Option(names = "--score", paramLabel = "COL", defaultValue = ColumnMapping.DEFAULT_SCORE,
      description = "Model score column (default: ${DEFAULT-VALUE}).")
  String score;

  @Option(names = "--label", paramLabel = "COL", defaultValue = ColumnMapping.DEFAULT_LABEL,
      description = "Outcome column: 0/1/true/false (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--attributes", paramLabel = "COL", split = ",",
      description = "Attribute columns to stratify by, comma-separated (e.g. age_band,sex).")
  List<String> attributes;

  @Option(names = "--score-scale", paramLabel = "probability|raw", defaultValue = "probability",
      converter = ScaleConverter.class,
      description = "probability: scores must lie in [0, 1]; raw: any finite number (default: ${DEFAULT-VALUE}).")
  ScoreScale scoreScale;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ZoneConverter.class,
      description = "Zone of timestamps without an offset, e.g. America/New_York or +05:30 (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(names = "--fhir-probability", paramLabel = "percent|fraction", converter = UnitConverter.class,
      description = {"FHIR RiskAssessment input: prediction.probabilityDecimal is a percentage 0-100 (as R4 defines it) or a",
          "fraction 0-1 (as many systems write it). Not given: read as R4's percentage, and refused when every value lies",
          "within [0, 1] (either unit fits, so tollgate does not guess)."})
  ProbabilityUnit fhirProbability;

  @Option(names = "--fhir-outcome-code", paramLabel = "SYSTEM|CODE",
      description = {"FHIR RiskAssessment input: read the prediction whose outcome has this coding (CODE alone: any system).",
          "Not given: each RiskAssessment must hold exactly one prediction."})
  String fhirOutcome;

  /**
   * {@code value} of option {@code name} as a threshold on the --score-scale in use: exit 2 naming the option when it is
   * not a probability on the probability scale.
   */
  double threshold(String name, double value) {
    String problem = scoreScale.thresholdProblem(value, org.tollgate.ingest.config.PolicyFile.CLI_RAW_HINT);
    if (problem != null) throw new BadInputException(null, name + ": " + problem);
    return value;
  }

  /** True when the user named attribute columns. */
  public boolean attributesGiven() {
    return attributes != null;
  }

  /** The mapping these flags describe. */
  public ColumnMapping toMapping() {
    String s = blankToNull(score);
    if (s == null) {
      throw new BadInputException(null, "--score must name a column");
    }
    return new ColumnMapping(blankToNull(id), blankToNull(encounter), blankToNull(time), s, blankToNull(label),
        attributes == null ? List.of() : attributes.stream().map(String::strip).filter(a -> !a.isEmpty()).toList(),
        scoreScale, zone, fhir());
  }

  /** The FHIR reading settings these flags describe. */
  ColumnMapping.Fhir fhir() {
    try {
      return new ColumnMapping.Fhir(fhirProbability, fhirOutcome);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(null, "--fhir-outcome-code: " + e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static final class ScaleConverter implements ITypeConverter<ScoreScale> {
    @Override
    public ScoreScale convert(String value) {
      ScoreScale s = ScoreScale.parse(value);
      if (s == null) throw new TypeConversionException(ScoreScale.notAScale(value));
      return s;
    }
  }

  static final class UnitConverter implements ITypeConverter<ProbabilityUnit> {
    @Override
    public ProbabilityUnit convert(String value) {
      switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "percent":
          return ProbabilityUnit.PERCENT;
        case "fraction":
          return ProbabilityUnit.FRACTION;
        default:
          throw new TypeConversionException("'" + value + "' is not a probability unit (expected percent or fraction)");
      }
    }
  }

  static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value.strip());
      } catch (DateTimeException e) {
        throw new TypeConversionException("'" + value + "' is not a time zone (e.g. UTC, Europe/Paris, +05:30)");
      }
    }
  }
}
