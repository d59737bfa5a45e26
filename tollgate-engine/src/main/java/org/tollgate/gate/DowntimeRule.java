package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tollgate.drill.DrillResult;
import org.tollgate.drill.ShownDrill;
import org.tollgate.format.Units;

/**
 * Checklist item 5: tested on edge cases from real downtime events, from the downtime drill's replay of
 * the outage log (an alert storm after recovery fails, with the digest as its fix).
 */
final class DowntimeRule implements Rule {
  static final String TITLE = "Tested on edge cases from real downtime events";

  @Override public String id() { return "5"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.DRILL); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    DrillResult d = in.drill();
    if (d == null) {
      return ItemResult.missing(id(), TITLE, "no downtime drill: no outage log was replayed", "give the outage (downtime) log of the data's period");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("outages_replayed", d.outagesReplayed().size());
    ev.put("downtime_hours", d.downtimeHours());
    ev.put("missed_care_encounters", d.missedCare());
    // the factor as it may be printed: withheld with the count of alerts it would give back (the drill judged on the real one)
    ShownDrill shown = ShownDrill.of(d, d.settings().minCell());
    ItemResult.putShown(ev, "max_storm_factor", shown.maxStormFactor(), shown.maxStormFactor() == null);
    ev.put("storm_limit", d.settings().stormLimit());
    Double worst = shown.worstStormFactor();
    return switch (d.item5().status()) {
      case PASS -> ItemResult.pass(id(), TITLE, d.item5().reason(), ev);
      case FAIL -> ItemResult.fail(id(), TITLE, d.item5().reason(), ev, "deliver alerts queued during downtime as a digest after recovery",
          "When the system comes back it floods staff: " + (worst == null ? "an alert rate above the storm limit (its factor is " + ShownDrill.FACTOR_WITHHELD + ")"
              : Units.factor(worst) + " the normal alert rate") + " in the hour after an outage.");
      case MISSING -> ItemResult.missing(id(), TITLE, d.item5().reason(), "give the outage log of the data's period");
    };
  }
}
