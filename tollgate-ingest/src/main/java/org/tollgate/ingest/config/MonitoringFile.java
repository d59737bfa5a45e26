package org.tollgate.ingest.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.tollgate.data.BadInputException;
import org.tollgate.monitor.Guardrail;
import org.tollgate.monitor.MonitorSettings;

/**
 * review.yaml's {@code monitoring:} block (docs/monitoring.md): the period, the guardrails and their limits,
 * and optionally where the live data are. Read apart from {@link ReviewFile} (which only admits the key) so
 * that a review that never goes live is unaffected. Every limit left out is a default of
 * {@link MonitorSettings} or derived from the approved run.
 *
 * @param live where the live data are (resolved against the review folder), or null when given on the command line
 */
public record MonitoringFile(MonitorSettings settings, Live live) {

  /**
   * The live prediction log, its events, the live system's alert log and the live features table (the bedside inputs as
   * charted, read as {@code data.features} is); any may be null.
   */
  public record Live(Path predictions, Path events, Path alerts, Path features) {
    /** Without a features table. */
    public Live(Path predictions, Path events, Path alerts) {
      this(predictions, events, alerts, null);
    }
  }

  static final Set<String> KEYS = Set.of("period", "checks", "limits", "window", "label_delay_days", "match_tolerance_minutes", "min_cell", "live");
  static final Set<String> LIMITS = Set.of("volume_sigma", "cusum_k", "cusum_h", "psi", "sensitivity_floor", "calibration_band", "false_alert_cost_per_month",
      "acted_on_tolerance", "policy_agreement", "feature_psi", "feature_missing_rise");

  /** The block of the review folder's review.yaml; the defaults when it has none. */
  public static MonitoringFile read(Path dir) {
    Path file = Files.isDirectory(dir) ? dir.resolve("review.yaml") : dir;
    Path base = file.toAbsolutePath().getParent();
    if (!Files.isRegularFile(file)) throw new BadInputException(file.toString(), "no review.yaml here");
    YamlNode root = YamlNode.read(file);
    YamlNode n = root.map(ReviewFile.TOP).get("monitoring");
    if (n == null) return new MonitoringFile(MonitorSettings.defaults(), null);
    Map<String, YamlNode> m = n.map(KEYS);
    Live live = null;
    if (m.containsKey("live")) {
      Map<String, YamlNode> v = m.get("live").map(Set.of("predictions", "events", "alerts", "features"));
      live = new Live(path(v, "predictions", base), path(v, "events", base), path(v, "alerts", base), path(v, "features", base));
    }
    return new MonitoringFile(settings(n), live);
  }

  /**
   * The guardrails as a committee decision attaches them (structured conditions): the {@code monitoring:} block's
   * settings as JSON with the same keys, every default filled in except the limits derived from the approved run
   * (sensitivity floor, cost limit), which stay derived unless set.
   */
  public static String toJson(MonitorSettings s) {
    StringBuilder b = new StringBuilder("{\"period\": \"").append(s.period().word()).append("\", \"checks\": [");
    int i = 0;
    for (Guardrail g : s.checks()) b.append(i++ == 0 ? "" : ", ").append('"').append(g.id()).append('"');
    b.append("], \"window\": ").append(s.window()).append(", \"label_delay_days\": ").append(s.labelDelayDays())
        .append(", \"match_tolerance_minutes\": ").append(s.matchToleranceMinutes()).append(", \"min_cell\": ").append(s.minCell())
        .append(", \"limits\": {\"volume_sigma\": ").append(s.volumeSigma()).append(", \"cusum_k\": ").append(s.cusumK())
        .append(", \"cusum_h\": ").append(s.cusumH()).append(", \"psi\": ").append(s.psiLimit());
    if (s.sensitivityFloor() != null) b.append(", \"sensitivity_floor\": ").append(s.sensitivityFloor());
    b.append(", \"calibration_band\": ").append(s.calibrationBand());
    if (s.costLimit() != null) b.append(", \"false_alert_cost_per_month\": ").append(s.costLimit());
    b.append(", \"acted_on_tolerance\": ").append(s.actedOnTolerance()).append(", \"policy_agreement\": ").append(s.policyAgreement())
        .append(", \"feature_psi\": ").append(s.featurePsiLimit()).append(", \"feature_missing_rise\": ").append(s.featureMissingRise()).append("}}");
    return b.toString();
  }

  /** The settings of guardrails a decision attached ({@link #toJson}); {@code name} names them in errors. */
  public static MonitorSettings fromJson(String json, String name) {
    return settings(YamlNode.parse(json, name));
  }

  /** A monitoring block's settings (its {@code live} paths aside). */
  static MonitorSettings settings(YamlNode n) {
    Map<String, YamlNode> m = n.map(KEYS);
    MonitorSettings d = MonitorSettings.defaults();
    try {
      MonitorSettings.Period period = m.containsKey("period") ? MonitorSettings.Period.parse(m.get("period").string()) : d.period();
      EnumSet<Guardrail> checks = EnumSet.noneOf(Guardrail.class);
      if (m.containsKey("checks")) {
        for (String c : m.get("checks").strings()) {
          Guardrail g = Guardrail.byId(c);
          if (g == null) throw m.get("checks").error("unknown check '" + c + "'; checks are " + java.util.Arrays.stream(Guardrail.values()).map(Guardrail::id).toList());
          checks.add(g);
        }
      }
      Map<String, YamlNode> l = m.containsKey("limits") ? m.get("limits").map(LIMITS) : Map.of();
      return new MonitorSettings(period, checks,
          num(l, "volume_sigma", d.volumeSigma()), num(l, "cusum_k", d.cusumK()), num(l, "cusum_h", d.cusumH()), num(l, "psi", d.psiLimit()),
          l.containsKey("sensitivity_floor") ? l.get("sensitivity_floor").probability() : null,
          num(l, "calibration_band", d.calibrationBand()),
          l.containsKey("false_alert_cost_per_month") ? l.get("false_alert_cost_per_month").nonNegative() : null,
          num(l, "acted_on_tolerance", d.actedOnTolerance()), num(l, "policy_agreement", d.policyAgreement()),
          m.containsKey("window") ? (int) m.get("window").nonNegative() : 0,
          m.containsKey("label_delay_days") ? m.get("label_delay_days").nonNegative() : 0,
          m.containsKey("match_tolerance_minutes") ? (int) m.get("match_tolerance_minutes").nonNegative() : d.matchToleranceMinutes(),
          m.containsKey("min_cell") ? m.get("min_cell").positiveInt() : d.minCell(),
          num(l, "feature_psi", d.featurePsiLimit()), num(l, "feature_missing_rise", d.featureMissingRise()));
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  private static double num(Map<String, YamlNode> l, String key, double dflt) {
    return l.containsKey(key) ? l.get(key).number() : dflt;
  }

  private static Path path(Map<String, YamlNode> d, String key, Path base) {
    return d.containsKey(key) ? ReviewFile.resolve(d.get(key), base) : null;
  }
}
