package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import org.tollgate.drill.DrillResult;
import org.tollgate.drill.PaperChecklist;
import org.tollgate.drill.ShownDrill;
import org.tollgate.evaluation.SmallCells;

/** The downtime drill's findings as JSON: the body of {@code tollgate.drill/v1} and the dossier's {@code drill} section. */
public final class DrillJson {
  private DrillJson() {}

  /**
   * @param minCell encounter counts (detected, missed care, caught) are withheld by the engine's {@link ShownDrill} at this
   *     minimum cell (null, with {@code _suppressed}); 0 shows every count
   */
  public static ObjectNode summary(DrillResult r, int minCell) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("on_outage", r.settings().mode().name().toLowerCase(Locale.ROOT));
    d.put("outages_replayed", r.outagesReplayed().size());
    d.put("downtime_hours", r.downtimeHours());
    d.put("longest_outage_hours", r.longestOutageHours());
    d.put("patient_hours_without_tool", r.encounterHoursWithoutTool());
    Json.count(d, "baseline_alerts", SmallCells.shown(r.baselineAlerts(), minCell));
    Json.count(d, "drill_alerts", SmallCells.shown(r.drillAlerts(), minCell));
    ShownDrill shown = ShownDrill.of(r, minCell);
    Json.count(d, "baseline_detected_encounters", shown.baselineDetected());
    Json.count(d, "drill_detected_encounters", shown.drillDetected());
    Json.count(d, "missed_care_encounters", shown.missedCare());
    Json.num(d, "normal_alerts_per_hour", r.normalHourlyRate());
    ArrayNode storms = d.putArray("storms");
    for (ShownDrill.Storm s : shown.storms()) {
      ObjectNode o = storms.addObject();
      o.put("system", s.outage().system());
      o.put("start", Instant.ofEpochSecond(s.outage().start()).toString());
      o.put("end", Instant.ofEpochSecond(s.outage().end()).toString());
      Json.count(o, "alerts_after_recovery", s.alertsAfterRecovery());
      Json.num(o, "storm_factor", s.factor());
      Json.num(o, "p", s.p());
      o.put("storm", s.storm());
    }
    if (shown.maxStormFactor() == null) {
      d.putNull("max_storm_factor");
      d.put("max_storm_factor_suppressed", true);
    } else {
      Json.num(d, "max_storm_factor", shown.maxStormFactor());
    }
    d.put("storm_limit", r.settings().stormLimit());
    if (r.checklist() != null) d.set("checklist", checklist(r.checklist()));
    if (shown.paper() != null) {
      ObjectNode p = d.putObject("paper_procedure");
      Json.count(p, "missed_care_without", shown.paper().missedWithout());
      Json.count(p, "missed_care_with", shown.paper().missedWith());
      Json.count(p, "caught", shown.paper().caught());
      Json.num(p, "share_caught", shown.paper().share().estimate());
      Json.num(p, "share_caught_lower", shown.paper().share().lower());
      Json.num(p, "share_caught_upper", shown.paper().share().upper());
      p.put("downtime_checks", shown.paper().checks());
    }
    ObjectNode item = d.putObject("item5");
    item.put("status", r.item5().status().word());
    item.put("reason", r.item5().reason());
    return d;
  }

  /** The one paper checklist as JSON; {@link #checklist(com.fasterxml.jackson.databind.JsonNode)} reads it back. */
  public static ObjectNode checklist(PaperChecklist c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("title", c.title());
    ArrayNode crit = o.putArray("criteria");
    c.criteria().forEach(crit::add);
    o.put("combination", c.combination());
    o.put("when", c.when());
    o.put("action", c.action());
    o.put("refire", c.refire());
    ArrayNode notes = o.putArray("notes");
    c.notes().forEach(notes::add);
    ObjectNode f = o.putObject("footer");
    f.put("use_case", c.footer().useCase());
    f.put("policy", c.footer().policy());
    f.put("run_id", c.footer().runId());
    f.put("date", c.footer().date());
    f.put("signer", c.footer().signer());
    o.put("one_line", c.oneLine());
    return o;
  }

  /** The checklist written by {@link #checklist(PaperChecklist)}, or null when {@code n} is not one. */
  public static PaperChecklist checklist(com.fasterxml.jackson.databind.JsonNode n) {
    if (n == null || !n.isObject() || !n.has("criteria")) return null;
    java.util.List<String> crit = new java.util.ArrayList<>();
    n.path("criteria").forEach(x -> crit.add(x.asText()));
    java.util.List<String> notes = new java.util.ArrayList<>();
    n.path("notes").forEach(x -> notes.add(x.asText()));
    com.fasterxml.jackson.databind.JsonNode f = n.path("footer");
    return new PaperChecklist(n.path("title").asText(), crit, n.path("combination").asText(), n.path("when").asText(), n.path("action").asText(),
        n.path("refire").asText(), notes, new PaperChecklist.Footer(text(f, "use_case"), text(f, "policy"), text(f, "run_id"), text(f, "date"), text(f, "signer")));
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String k) {
    return n.path(k).isTextual() ? n.path(k).asText() : null;
  }

}
