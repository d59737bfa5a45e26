package org.tollgate.gate;

import java.util.List;

/**
 * The gate's decision.
 *
 * @param verdict GO when every rule passes; REDESIGN when every failure has a computed fix; NO-GO otherwise
 * @param fatalFlaw one sentence built from the evidence of the deciding failure (null for GO)
 * @param items the checklist items 1–7, then the checks beyond them
 * @param regulatory regulatory path scores
 * @param settingsChanged the gate settings that differ from tollgate's defaults, looser first
 *     ({@link GateLimits#changesFromDefaults()}): part of the verdict, printed beside it
 */
public record GateResult(Verdict verdict, String fatalFlaw, List<ItemResult> items, RegulatoryPath regulatory,
    List<GateSetting.SettingChange> settingsChanged) {

  public GateResult {
    settingsChanged = settingsChanged == null ? List.of() : List.copyOf(settingsChanged);
  }

  /** Whether any setting lets through what tollgate's default would stop. */
  public boolean loosened() {
    return settingsChanged.stream().anyMatch(GateSetting.SettingChange::looser);
  }

  /**
   * The one line every writer prints beside the verdict, or null when every setting is tollgate's default: "Gate settings
   * changed from tollgate's defaults: fallback share required 0% (default 80%, looser); …". A GO under a looser setting
   * starts "GO under loosened settings." — the verdict stays GO (every rule passed under the settings the review chose,
   * and the store, the API and the portfolio keep one meaning of GO), but no page may show it without the settings that
   * gave it.
   */
  public String settingsLine() {
    if (settingsChanged.isEmpty()) return null;
    StringBuilder b = new StringBuilder();
    if (verdict == Verdict.GO && loosened()) b.append("GO under loosened settings. ");
    b.append("Gate settings changed from tollgate's defaults: ");
    for (int i = 0; i < settingsChanged.size(); i++) b.append(i == 0 ? "" : "; ").append(settingsChanged.get(i).text());
    return b.toString();
  }

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
