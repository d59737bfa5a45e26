package org.tollgate.ingest.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;

/**
 * Reads a policy file:
 * <pre>
 * policies:
 *   - name: dual-signal
 *     threshold: 0.6
 *     persistence: 2
 *     confirm: {type: lactate, at_least: 2.0, within_minutes: 240}
 *     suppress_during: [procedure]
 *     refire_after_minutes: 720
 *     max_alerts_per_encounter: 3
 *     digest_minutes: 60
 * outcome: {type: sepsis_onset, horizon_minutes: 720}
 * </pre>
 * Every policy field but {@code threshold} is optional; names must be unique (default "policy-N").
 */
public final class PolicyFile {
  static final Set<String> TOP = Set.of("policies", "outcome", "search");
  static final Set<String> POLICY = Set.of("name", "threshold", "persistence", "confirm", "suppress_during",
      "refire_after_minutes", "max_alerts_per_encounter", "digest_minutes");
  static final Set<String> CONFIRM = Set.of("type", "at_least", "within_minutes");
  static final Set<String> OUTCOME = Set.of("type", "horizon_minutes");

  /** The file's contents. {@code search} is null when the file has no search block. */
  public record Contents(List<AlertPolicy> policies, Outcome outcome, YamlNode search, Map<String, Long> lines) {}

  private PolicyFile() {}

  public static Contents read(Path file) {
    YamlNode root = YamlNode.read(file);
    Map<String, YamlNode> top = root.map(TOP);
    if (!top.containsKey("outcome")) {
      throw root.error("missing 'outcome' (e.g. outcome: {type: sepsis_onset, horizon_minutes: 720})");
    }
    Outcome outcome = outcome(top.get("outcome"));
    List<AlertPolicy> policies = new ArrayList<>();
    Map<String, Long> lines = new java.util.LinkedHashMap<>();
    if (top.containsKey("policies")) {
      Set<String> names = new HashSet<>();
      int i = 0;
      for (YamlNode n : top.get("policies").list()) {
        AlertPolicy p = policy(n, "policy-" + (++i));
        if (!names.add(p.name())) {
          throw n.error("policy name '" + p.name() + "' is used twice");
        }
        lines.put(p.name(), n.line());
        policies.add(p);
      }
    }
    if (policies.isEmpty() && !top.containsKey("search")) {
      throw root.error("no policies: give a 'policies' list (or a 'search' grid)");
    }
    return new Contents(policies, outcome, top.get("search"), lines);
  }

  static Outcome outcome(YamlNode n) {
    Map<String, YamlNode> m = n.map(OUTCOME);
    if (!m.containsKey("type")) throw n.error("outcome needs a 'type' (the event type of the outcome's onset)");
    int horizon = m.containsKey("horizon_minutes") ? m.get("horizon_minutes").positiveInt() : 720;
    return new Outcome(m.get("type").string(), horizon);
  }

  static AlertPolicy policy(YamlNode n, String defaultName) {
    Map<String, YamlNode> m = n.map(POLICY);
    if (!m.containsKey("threshold")) throw n.error("a policy needs a 'threshold'");
    String name = m.containsKey("name") ? m.get("name").string() : defaultName;
    double threshold = m.get("threshold").number();
    int persistence = m.containsKey("persistence") ? m.get("persistence").positiveInt() : 1;
    AlertPolicy.Confirm confirm = m.containsKey("confirm") ? confirm(m.get("confirm")) : null;
    List<String> suppress = m.containsKey("suppress_during") ? m.get("suppress_during").strings() : List.of();
    Integer refire = m.containsKey("refire_after_minutes") ? m.get("refire_after_minutes").positiveInt() : null;
    Integer max = m.containsKey("max_alerts_per_encounter") ? m.get("max_alerts_per_encounter").positiveInt() : null;
    Integer digest = m.containsKey("digest_minutes") ? m.get("digest_minutes").positiveInt() : null;
    return new AlertPolicy(name, threshold, persistence, confirm, suppress, refire, max, digest);
  }

  static AlertPolicy.Confirm confirm(YamlNode n) {
    Map<String, YamlNode> c = n.map(CONFIRM);
    if (!c.containsKey("type")) throw n.error("confirm needs a 'type' (the second signal's event type)");
    if (!c.containsKey("within_minutes")) throw n.error("confirm needs 'within_minutes'");
    double atLeast = c.containsKey("at_least") ? c.get("at_least").number() : Double.NEGATIVE_INFINITY;
    return new AlertPolicy.Confirm(c.get("type").string(), atLeast, c.get("within_minutes").positiveInt());
  }
}
