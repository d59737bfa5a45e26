package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tollgate.format.Units;
import org.tollgate.gate.ItemResult.Status;

/** Failure consequence mapping: every output has a harm scenario, and no unmitigated risk is catastrophic (severity or RPN above the limits). */
final class FailureConsequencesRule implements Rule {
  static final String TITLE = "Every output has a harm scenario; no unmitigated catastrophic risk";

  @Override public String id() { return "failure_consequences"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.RISKS, Evidence.USE_CASE); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    List<Risk> risks = in.risks() == null ? List.of() : in.risks();
    List<String> outputs = in.useCase() == null ? List.of() : in.useCase().outputs();
    if (risks.isEmpty()) {
      return ItemResult.missing(id(), TITLE, "no failure-consequence map (risks) in the review", "write the FMEA table: failure mode, harm, severity, occurrence, detection, mitigation");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("risks", risks.size());
    for (String out : outputs) {
      if (risks.stream().noneMatch(r -> out.equalsIgnoreCase(r.output()))) {
        ev.put("output_without_harm_scenario", out);
        return new ItemResult(id(), TITLE, Status.MISSING, "output '" + out + "' has no harm scenario", ev,
            "add at least one harm scenario for '" + out + "'", "Nobody has asked what happens when '" + out + "' is wrong.");
      }
    }
    Risk worst = null;
    for (Risk r : risks) {
      if (!r.mitigated() && (r.severity() >= lim.severity() || r.rpn() > lim.rpn())) {
        if (worst == null || r.rpn() > worst.rpn()) worst = r;
      }
    }
    int maxRpn = risks.stream().mapToInt(Risk::rpn).max().orElse(0);
    ev.put("max_rpn", maxRpn);
    if (worst != null) {
      ev.put("failure_mode", worst.failureMode());
      ev.put("severity", worst.severity());
      ev.put("rpn", worst.rpn());
      ev.put("worst_case_delay_days", worst.worstCaseDelayDays());
      return ItemResult.fail(id(), TITLE, String.format(Locale.ROOT, "'%s' (severity %d, RPN %d) has no verified mitigation",
          worst.failureMode(), worst.severity(), worst.rpn()), ev, null, String.format(Locale.ROOT,
          "In the worst case %s: %s%s, and no verified mitigation exists.", worst.failureMode(), worst.harm(),
          worst.worstCaseDelayDays() > 0 ? " (diagnosis delayed up to " + Units.days(worst.worstCaseDelayDays()) + ")" : ""));
    }
    return ItemResult.pass(id(), TITLE, Units.count(risks.size(), "risk") + " mapped; every output has a harm scenario; highest RPN " + maxRpn
        + "; none unmitigated above the limits", ev);
  }
}
