package org.tollgate.ingest.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.ResponseCurve;
import org.tollgate.alerts.Workflow;

/**
 * Reads a workflow profile:
 * <pre>
 * role: bedside nurse
 * minutes_per_alert: 1.8
 * hourly_rate: 45
 * hours_per_fte: 2080          # default
 * census: 120                  # occupied beds
 * nurses_per_shift: 24         # or patients_per_nurse (default 5)
 * shift_hours: 12              # default
 * benefit: {minutes_per_detection: 30, dollars_per_detection: 2000}
 * response:                    # human response model, off unless given
 *   alerts_per_shift: [0, 2, 6, 12, 24]
 *   probability_acted_on: [0.9, 0.9, 0.6, 0.3, 0.1]
 * </pre>
 */
public final class WorkflowFile {
  static final Set<String> KEYS = Set.of("role", "minutes_per_alert", "hourly_rate", "hours_per_fte", "census", "beds",
      "nurses_per_shift", "patients_per_nurse", "shift_hours", "benefit", "response");

  private WorkflowFile() {}

  public static Workflow read(Path file) {
    YamlNode root = YamlNode.read(file);
    return of(root);
  }

  public static Workflow of(YamlNode root) {
    Map<String, YamlNode> m = root.map(KEYS);
    for (String k : List.of("minutes_per_alert", "hourly_rate")) {
      if (!m.containsKey(k)) throw root.error("missing '" + k + "'");
    }
    Double census = m.containsKey("census") ? Double.valueOf(m.get("census").positive()) : m.containsKey("beds") ? m.get("beds").positive() : null;
    Double minutesBenefit = null;
    Double dollarsBenefit = null;
    if (m.containsKey("benefit")) {
      Map<String, YamlNode> b = m.get("benefit").map(Set.of("minutes_per_detection", "dollars_per_detection"));
      if (b.containsKey("minutes_per_detection")) minutesBenefit = b.get("minutes_per_detection").nonNegative();
      if (b.containsKey("dollars_per_detection")) dollarsBenefit = b.get("dollars_per_detection").nonNegative();
    }
    ResponseCurve curve = null;
    if (m.containsKey("response")) {
      YamlNode r = m.get("response");
      if (!r.isMap() && r.string().equalsIgnoreCase("default")) {
        curve = ResponseCurve.defaultCurve();
      } else {
        Map<String, YamlNode> rm = r.map(Set.of("alerts_per_shift", "probability_acted_on"));
        if (!rm.containsKey("alerts_per_shift") || !rm.containsKey("probability_acted_on")) {
          throw r.error("response needs 'alerts_per_shift' and 'probability_acted_on' lists of equal length (or 'response: default')");
        }
        List<YamlNode> xs = rm.get("alerts_per_shift").list();
        List<YamlNode> ys = rm.get("probability_acted_on").list();
        if (xs.size() != ys.size() || xs.isEmpty()) throw r.error("alerts_per_shift and probability_acted_on must be non-empty and of equal length");
        double[] x = new double[xs.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = xs.get(i).nonNegative();
          y[i] = ys.get(i).probability();
          if (i > 0 && !(x[i] > x[i - 1])) throw xs.get(i).error("alerts_per_shift must ascend strictly");
        }
        curve = new ResponseCurve(x, y);
      }
    }
    return new Workflow(
        m.containsKey("role") ? m.get("role").string() : "nurse",
        m.get("minutes_per_alert").nonNegative(),
        m.get("hourly_rate").nonNegative(),
        m.containsKey("hours_per_fte") ? m.get("hours_per_fte").positive() : Workflow.DEFAULT_HOURS_PER_FTE,
        census,
        m.containsKey("nurses_per_shift") ? m.get("nurses_per_shift").positive() : null,
        m.containsKey("patients_per_nurse") ? m.get("patients_per_nurse").positive() : 5,
        m.containsKey("shift_hours") ? m.get("shift_hours").positive() : 12,
        minutesBenefit,
        dollarsBenefit,
        curve);
  }
}
