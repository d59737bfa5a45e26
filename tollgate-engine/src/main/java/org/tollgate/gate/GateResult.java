package org.tollgate.gate;

import java.util.List;

/**
 * The gate's decision.
 *
 * @param verdict GO when every rule passes; REDESIGN when every failure has a computed fix; NO-GO otherwise
 * @param fatalFlaw one sentence built from the evidence of the deciding failure (null for GO)
 * @param items the checklist items 1–7, then the checks beyond them
 * @param regulatory regulatory path scores
 */
public record GateResult(Verdict verdict, String fatalFlaw, List<ItemResult> items, RegulatoryPath regulatory) {

  /** The three outcomes. */
  public enum Verdict {
    GO,
    REDESIGN,
    NO_GO;

    public String word() {
      return this == NO_GO ? "NO-GO" : name();
    }
  }

  /**
   * Regulatory path mapping: each dimension scored 1 (least defensible) to 5 (most), with the reasons;
   * defensibility is their mean. {@code validationScore} is the clinical validation dimension: 6 − the burden stated in
   * review.yaml ({@code regulatory.clinical_validation_burden}, 1 light … 5 heavy), else derived from the decision role;
   * {@code validationBurdenStated} is the stated burden itself, or null when it was derived.
   */
  public record RegulatoryPath(int validationScore, Integer validationBurdenStated, String validationReason, int provenanceClarity,
      String provenanceReason, int fallbackExistence, String fallbackReason) {
    public double defensibility() {
      return (validationScore + provenanceClarity + fallbackExistence) / 3.0;
    }
  }
}
