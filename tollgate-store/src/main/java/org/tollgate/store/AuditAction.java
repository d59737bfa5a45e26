package org.tollgate.store;

/**
 * Every action the store writes to the audit trail: {@link AuditLog#append} takes nothing else, so this enum is
 * the complete list (the FHIR export publishes it as a CodeSystem, one concept per constant).
 */
public enum AuditAction {
  USE_CASE_CREATE("use_case.create", "A use case was created"),
  REVIEW_RUN("review.run", "A launch review was run and its dossier recorded"),
  REVIEW_REPLAY("review.replay", "A stored review was re-run from the same inputs"),
  SETTINGS_CHANGE("settings.change", "A use case's review settings changed"),
  ATTESTATION("attestation", "A checklist item was attested"),
  ATTESTATION_REFUSED("attestation.refused", "An attestation was refused (role not allowed)"),
  DECISION("decision", "The governance committee's decision was recorded"),
  DECISION_REFUSED("decision.refused", "A decision was refused (only the committee chair may record one)"),
  MONITOR_PERIOD("monitor.period", "A monitoring period of a live tool was recorded against its guardrails"),
  GUARDRAIL_BREACH("guardrail.breach", "A monitored live tool breached a guardrail of its committee decision"),
  LOGIN_FAILURE("login.failure", "A login failed (wrong password, unknown user or locked account)"),
  PASSWORD_CHANGE("password.change", "A person changed their password"),
  PASSWORD_RESET("password.reset", "An admin reset a person's password"),
  TOKEN_ISSUE("token.issue", "An API token was issued"),
  TOKEN_REVOKE("token.revoke", "API tokens were revoked"),
  USER_ADD("user.add", "A person was added with roles"),
  USER_LOCK("user.lock", "An admin locked an account; its sessions and API tokens ended"),
  USER_UNLOCK("user.unlock", "A locked account was unlocked"),
  USER_ROLES("user.roles", "An admin replaced an account's roles; its sessions and API tokens ended"),
  USER_BREAK_GLASS("user.break_glass",
      "The break-glass command, run on the server host, lifted an account's lock and set a temporary password"),
  AUDIT_CHECKPOINT("audit.checkpoint", "The audit trail's head was published outside the store");

  private final String code;
  private final String definition;

  AuditAction(String code, String definition) {
    this.code = code;
    this.definition = definition;
  }

  /** The code stored in {@code audit_log.action}. */
  public String code() {
    return code;
  }

  /** What the action means, in a sentence. */
  public String definition() {
    return definition;
  }

  /** The action stored as {@code code}, or null for a code this version does not write. */
  public static AuditAction of(String code) {
    for (AuditAction a : values()) {
      if (a.code.equals(code)) return a;
    }
    return null;
  }
}
