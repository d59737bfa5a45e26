package org.tollgate.gate;

/**
 * One row of the failure-consequence map (FMEA): a failure mode of a model output, the harm it can
 * cause, severity × occurrence × detection (each 1–10) = risk priority number, the worst-case delay,
 * the mitigation and whether the mitigation was verified.
 */
public record Risk(String failureMode, String output, String harm, int severity, int occurrence, int detection,
    double worstCaseDelayDays, String mitigation, boolean verified) {
  public Risk {
    check("severity", severity);
    check("occurrence", occurrence);
    check("detection", detection);
    if (worstCaseDelayDays < 0) throw new IllegalArgumentException("worst_case_delay_days must be ≥ 0");
  }

  private static void check(String what, int v) {
    if (v < 1 || v > 10) throw new IllegalArgumentException(what + " must be between 1 and 10, got " + v);
  }

  /** RPN = severity × occurrence × detection. */
  public int rpn() {
    return severity * occurrence * detection;
  }

  /** Mitigated means a mitigation is written down and was verified. */
  public boolean mitigated() {
    return verified && mitigation != null && !mitigation.isBlank();
  }
}
