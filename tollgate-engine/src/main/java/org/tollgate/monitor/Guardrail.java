package org.tollgate.monitor;

import java.util.Locale;

/** The checks a period is held to; each has the id review.yaml's {@code monitoring.checks} and the JSON use. */
public enum Guardrail {
  /** Replayed alerts per patient-day inside the approved rate's control limits at the period's census. */
  VOLUME("volume", "alert volume"),
  /** No persistent shift in the standardised alert counts (tabular CUSUM). */
  VOLUME_CUSUM("volume_cusum", "alert volume CUSUM"),
  /** The live alert log agrees with the replay of the approved policy, encounter by encounter. */
  POLICY_MATCH("policy_match", "deployed policy"),
  /** Score distribution: PSI against the approved scores at most the limit. */
  SCORE_PSI("score_psi", "score drift"),
  /** Detected-in-time sensitivity not below the approved floor. */
  SENSITIVITY("sensitivity", "sensitivity"),
  /** Observed/expected outcomes within the band around the approved ratio. */
  CALIBRATION("calibration", "calibration (O/E)"),
  /** No subgroup's sensitivity significantly below its approved value (Holm-adjusted). */
  SUBGROUP_SENSITIVITY("subgroup_sensitivity", "subgroup sensitivity"),
  /** False-alert cost per month within the launch gate's limit (checklist item 2). */
  FALSE_ALERT_COST("false_alert_cost", "false-alert cost"),
  /** Share of live alerts acted on not below the response model the review assumed. */
  ACTED_ON("acted_on", "alerts acted on"),
  /** Every input of the features table: PSI against its approved values at most the limit. */
  FEATURE_PSI("feature_psi", "input drift"),
  /** Every input of the features table: missing share not risen more than the limit over its approved share. */
  FEATURE_MISSING("feature_missing", "input missingness");

  private final String id;
  private final String title;

  Guardrail(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** The guardrail with this id; null when there is none. */
  public static Guardrail byId(String id) {
    for (Guardrail g : values()) if (g.id.equals(id.toLowerCase(Locale.ROOT))) return g;
    return null;
  }
}
