package org.tollgate.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;

/** review.yaml's {@code data.fhir} block: how FHIR RiskAssessment predictions are read (issue 19 item 16). */
class ReviewFileFhirTest {
  @TempDir Path dir;

  private ReviewFile.Data data(String yaml) {
    String indented = ("data:\n" + yaml.replaceAll("(?m)^", "  ")).stripTrailing() + "\n";
    return ReviewFile.data(YamlNode.parse(indented, "review.yaml").map(java.util.Set.of("data")).get("data"), dir);
  }

  @Test
  void dataFhirGivesTheProbabilityUnitAndTheOutcomeCode() {
    ReviewFile.Data d = data("fhir:\n  probability: fraction\n  outcome_code: \"http://snomed.info/sct|91302008\"\n");
    assertEquals(new ColumnMapping.Fhir(ColumnMapping.ProbabilityUnit.FRACTION, "http://snomed.info/sct|91302008"), d.fhir());
  }

  @Test
  void withoutDataFhirNothingIsStated() {
    assertEquals(ColumnMapping.Fhir.UNSTATED, data("columns:\n  score: risk\n").fhir());
  }

  @Test
  void anUnknownProbabilityUnitIsRefusedNamingItsLine() {
    BadInputException e = assertThrows(BadInputException.class, () -> data("fhir:\n  probability: percentage\n"));
    assertEquals("review.yaml: line 3, column 'data.fhir.probability': must be percent (0-100, as FHIR R4 defines probabilityDecimal) or"
        + " fraction (0-1), got 'percentage'", e.getMessage());
  }

  @Test
  void anOutcomeCodeWithTwoBarsIsRefused() {
    BadInputException e = assertThrows(BadInputException.class, () -> data("fhir:\n  outcome_code: \"a|b|c\"\n"));
    assertEquals("review.yaml: line 3, column 'data.fhir.outcome_code': 'a|b|c' is not an outcome code: give SYSTEM|CODE, CODE or |CODE", e.getMessage());
  }
}
