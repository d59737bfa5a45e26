package org.tollgate.gate;

import java.util.Map;

/**
 * One rule's outcome.
 *
 * @param id "1".."7" for the checklist, or a name for the checks beyond it (stratified_performance,
 *     accuracy_paradox, label_choice, proxies, failure_consequences)
 * @param title what the rule asks, in the essay's words
 * @param status pass, fail or missing
 * @param reason one line built from the evidence
 * @param evidence the numbers behind the reason (with the inputs' hashes where data were used)
 * @param fix for a failure that has a computed remedy (e.g. a cheaper policy that passes), what to do; null otherwise
 * @param flaw the fatal-flaw sentence this failure would give the verdict; null when passing
 */
public record ItemResult(String id, String title, Status status, String reason, Map<String, Object> evidence, String fix, String flaw) {
  /** Rule outcome. */
  public enum Status {
    PASS,
    FAIL,
    MISSING;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One of the seven checklist items (id "1" to "7"), not a further rule such as "accuracy_paradox". */
  public boolean isChecklistItem() {
    return id.matches("\\d");
  }

  /**
   * Puts a figure into an evidence map through the small-cell rule: the value, or (null when {@code withheld}) null with
   * {@code KEY_withheld: true}, so a reader of the dossier tells a withheld figure from an undefined one. The
   * {@code KEY_lower}/{@code KEY_upper} bounds go in only with a shown value.
   */
  static void putShown(Map<String, Object> ev, String key, Number value, boolean withheld) {
    if (withheld) {
      ev.put(key, null);
      ev.put(key + "_withheld", true);
    } else {
      ev.put(key, value);
    }
  }

  public static ItemResult pass(String id, String title, String reason, Map<String, Object> evidence) {
    return new ItemResult(id, title, Status.PASS, reason, evidence, null, null);
  }

  public static ItemResult missing(String id, String title, String reason, String fix) {
    return new ItemResult(id, title, Status.MISSING, reason, Map.of(), fix, reason);
  }

  public static ItemResult fail(String id, String title, String reason, Map<String, Object> evidence, String fix, String flaw) {
    return new ItemResult(id, title, Status.FAIL, reason, evidence, fix, flaw);
  }
}
