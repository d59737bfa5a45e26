package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import org.tollgate.drill.DrillResult;

/** The downtime drill's findings as JSON: the body of {@code tollgate.drill/v1} and the dossier's {@code drill} section. */
public final class DrillJson {
  private DrillJson() {}

  /**
   * @param minCell encounter counts (detected, missed care) below this are null, as everywhere in the dossier; 0 shows every count
   */
  public static ObjectNode summary(DrillResult r, int minCell) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("on_outage", r.settings().mode().name().toLowerCase(Locale.ROOT));
    d.put("outages_replayed", r.outagesReplayed().size());
    d.put("downtime_hours", r.downtimeHours());
    d.put("longest_outage_hours", r.longestOutageHours());
    d.put("patient_hours_without_tool", r.encounterHoursWithoutTool());
    d.put("baseline_alerts", r.baselineAlerts());
    d.put("drill_alerts", r.drillAlerts());
    count(d, "baseline_detected_encounters", r.baselineDetected(), minCell);
    count(d, "drill_detected_encounters", r.drillDetected(), minCell);
    count(d, "missed_care_encounters", r.missedCare(), minCell);
    Json.num(d, "normal_alerts_per_hour", r.normalHourlyRate());
    ArrayNode storms = d.putArray("storms");
    for (DrillResult.Storm s : r.storms()) {
      ObjectNode o = storms.addObject();
      o.put("system", s.outage().system());
      o.put("start", Instant.ofEpochSecond(s.outage().start()).toString());
      o.put("end", Instant.ofEpochSecond(s.outage().end()).toString());
      o.put("alerts_after_recovery", s.alertsAfterRecovery());
      Json.num(o, "storm_factor", s.factor());
      Json.num(o, "p", s.p());
      o.put("storm", s.storm());
    }
    Json.num(d, "max_storm_factor", r.maxStormFactor());
    d.put("storm_limit", r.settings().stormLimit());
    ObjectNode c = d.putObject("checklist");
    c.put("title", r.checklist().title());
    ArrayNode conds = c.putArray("conditions");
    r.checklist().conditions().forEach(conds::add);
    c.put("action", r.checklist().action());
    ArrayNode notes = c.putArray("notes");
    r.checklist().notes().forEach(notes::add);
    c.put("one_line", r.checklist().oneLine());
    ObjectNode item = d.putObject("item5");
    item.put("status", r.item5().status().word());
    item.put("reason", r.item5().reason());
    return d;
  }

  /** A count of encounters, or null (with {@code KEY_suppressed: true}) below the minimum cell size. */
  static void count(ObjectNode o, String key, long v, int minCell) {
    if (org.tollgate.evaluation.SmallCells.withheld(v, minCell)) {
      o.putNull(key);
      o.put(key + "_suppressed", true);
    } else {
      o.put(key, v);
    }
  }
}
