package org.tollgate.ingest.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.PolicySearch;
import org.tollgate.alerts.Outcome;
import org.tollgate.data.ColumnMapping.ScoreScale;

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

  /** How a user of {@code --policy FILE} declares a raw score scale. */
  public static final String CLI_RAW_HINT = "add --score-scale raw (thresholds are then in the score's own units)";

  /** A policy file for scores that are probabilities. */
  public static Contents read(Path file) {
    return read(file, ScoreScale.PROBABILITY);
  }

  /**
   * A policy file whose thresholds (each policy's and the search grid's) are on {@code scale}, the command line's
   * {@code --score-scale}: on the probability scale a threshold outside [0, 1] is an error naming its line.
   */
  public static Contents read(Path file, ScoreScale scale) {
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
        AlertPolicy p = policy(n, "policy-" + (++i), scale, CLI_RAW_HINT);
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
    if (top.containsKey("search")) grid(top.get("search"), policies, scale, CLI_RAW_HINT);
    return new Contents(policies, outcome, top.get("search"), lines);
  }

  static Outcome outcome(YamlNode n) {
    Map<String, YamlNode> m = n.map(OUTCOME);
    if (!m.containsKey("type")) throw n.error("outcome needs a 'type' (the event type of the outcome's onset)");
    int horizon = m.containsKey("horizon_minutes") ? m.get("horizon_minutes").positiveInt() : 720;
    return new Outcome(m.get("type").string(), horizon);
  }

  static AlertPolicy policy(YamlNode n, String defaultName, ScoreScale scale, String rawHint) {
    Map<String, YamlNode> m = n.map(POLICY);
    if (!m.containsKey("threshold")) throw n.error("a policy needs a 'threshold'");
    String name = m.containsKey("name") ? m.get("name").string() : defaultName;
    double threshold = m.get("threshold").threshold(scale, rawHint);
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

  static final Set<String> SEARCH_KEYS = Set.of("thresholds", "persistence", "confirm", "suppress_during", "refire_after_minutes",
      "digest_minutes", "max_alerts_per_encounter");

  /**
   * The grid from the file's search block; absent keys default to: thresholds 0.1–0.9 by 0.1, persistence
   * [1, 2], the first policy's confirm and suppression, re-fire [once, 720 min], digest [none, 60 min].
   */
  public static PolicySearch.Grid grid(YamlNode node, List<AlertPolicy> policies) {
    return grid(node, policies, ScoreScale.PROBABILITY, CLI_RAW_HINT);
  }

  /**
   * {@link #grid(YamlNode, List)} with its thresholds checked against {@code scale}. On a raw scale the grid must name
   * its thresholds (the default 0.1–0.9 are probabilities).
   */
  public static PolicySearch.Grid grid(YamlNode node, List<AlertPolicy> policies, ScoreScale scale, String rawHint) {
    Map<String, YamlNode> m = node == null ? Map.of() : node.map(SEARCH_KEYS);
    List<Double> thresholds = new ArrayList<>();
    if (m.containsKey("thresholds")) {
      for (YamlNode n : m.get("thresholds").list()) thresholds.add(n.threshold(scale, rawHint));
    } else if (scale == ScoreScale.RAW) {
      String why = "on a raw score scale the search grid needs 'thresholds' in the score's own units (the default 0.1 to 0.9 are probabilities)";
      throw node == null ? new org.tollgate.data.BadInputException(null, why) : node.error(why);
    } else {
      for (int i = 1; i <= 9; i++) thresholds.add(i / 10.0);
    }
    List<Integer> persistence = new ArrayList<>();
    if (m.containsKey("persistence")) {
      for (YamlNode n : m.get("persistence").list()) persistence.add(n.positiveInt());
    } else {
      persistence.addAll(List.of(1, 2));
    }
    AlertPolicy first = policies.stream().filter(p -> p.confirm() != null).findFirst().orElse(null);
    AlertPolicy.Confirm confirm = m.containsKey("confirm") ? confirmOf(m.get("confirm")) : first == null ? null : first.confirm();
    List<String> suppress = m.containsKey("suppress_during") ? m.get("suppress_during").strings()
        : policies.stream().filter(p -> !p.suppressDuring().isEmpty()).findFirst().map(AlertPolicy::suppressDuring).orElse(List.of());
    List<Integer> refire = optionalInts(m.get("refire_after_minutes"), java.util.Arrays.asList(null, 720));
    List<Integer> digest = optionalInts(m.get("digest_minutes"), java.util.Arrays.asList(null, 60));
    Integer max = m.containsKey("max_alerts_per_encounter") ? m.get("max_alerts_per_encounter").positiveInt() : null;
    return new PolicySearch.Grid(thresholds, persistence, confirm, suppress, refire, digest, max);
  }

  private static AlertPolicy.Confirm confirmOf(YamlNode n) {
    Map<String, YamlNode> c = n.map(Set.of("type", "at_least", "within_minutes"));
    if (!c.containsKey("type") || !c.containsKey("within_minutes")) throw n.error("confirm needs 'type' and 'within_minutes'");
    return new AlertPolicy.Confirm(c.get("type").string(), c.containsKey("at_least") ? c.get("at_least").number() : Double.NEGATIVE_INFINITY,
        c.get("within_minutes").positiveInt());
  }

  private static List<Integer> optionalInts(YamlNode n, List<Integer> dflt) {
    if (n == null) return dflt;
    List<Integer> out = new ArrayList<>();
    for (YamlNode x : n.list()) out.add(x.isNull() ? null : x.positiveInt());
    return out;
  }
}
