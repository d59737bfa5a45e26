package org.tollgate.ingest.config;

import java.nio.file.Path;
import java.util.Map;
import org.tollgate.alerts.Workflow;

/**
 * Hours per FTE-year from a workflow profile, for commands that need only that (the friction audit):
 * the profile may be the same file {@code simulate} reads, so its keys are checked against the same
 * list ({@link WorkflowFile}) — a typo is an error, not a silent default — but the alert keys
 * ({@code minutes_per_alert}, {@code hourly_rate}) are not required.
 */
public final class WorkflowHours {
  private WorkflowHours() {}

  /** {@code hours_per_fte}, or 2,080 when the profile does not give it. */
  public static double read(Path file) {
    YamlNode root = YamlNode.read(file);
    Map<String, YamlNode> m = root.map(WorkflowFile.KEYS);
    return m.containsKey("hours_per_fte") ? m.get("hours_per_fte").positive() : Workflow.DEFAULT_HOURS_PER_FTE;
  }
}
