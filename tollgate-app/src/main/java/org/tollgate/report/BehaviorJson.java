package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tollgate.behavior.BehaviorReport;

/**
 * The {@code tollgate.behavior/v1} document (docs/behavior-json.md). Withheld counts are null with
 * {@code "suppressed": true}, and so are their shares; user and encounter ids never appear.
 */
public final class BehaviorJson {
  public static final String SCHEMA = "tollgate.behavior/v1";

  private BehaviorJson() {}

  public static ObjectNode of(BehaviorReport r) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    ObjectNode in = doc.putObject("inputs");
    FrictionJson.source(in, "events", r.events());
    FrictionJson.source(in, "encounters", r.visits());
    ObjectNode s = doc.putObject("settings");
    if (r.settings().task() == null) s.putNull("task");
    else s.put("task", r.settings().task());
    if (r.settings().clinicalRoles() == null) {
      s.putNull("clinical_roles");
    } else {
      ArrayNode roles = s.putArray("clinical_roles");
      r.settings().clinicalRoles().forEach(roles::add);
    }
    s.put("min_cell", r.settings().minCell());
    doc.put("events_read", r.eventsRead());
    doc.put("unmatched_events", r.unmatchedEvents());
    doc.put("encounters", r.encounters());
    doc.put("clinical_source", r.clinicalSource().jsonName());
    ArrayNode tasks = doc.putArray("tasks");
    for (BehaviorReport.TaskMap t : r.tasks()) {
      ObjectNode o = tasks.addObject();
      o.put("task", t.task());
      cell(o, "events", t.events());
      timing(o, t.timing());
      ObjectNode d = o.putObject("after_visit_hours");
      num(d, "p25", t.afterVisitHours().p25());
      num(d, "median", t.afterVisitHours().median());
      num(d, "p75", t.afterVisitHours().p75());
      cell(o, "clinical", t.clinical());
      cell(o, "non_clinical", t.nonClinical());
      cell(o, "unknown_clinical", t.unknownClinical());
      cell(o, "after_visit_non_clinical", t.afterVisitNonClinical());
      ArrayNode roles = o.putArray("roles");
      for (BehaviorReport.RoleMap rm : t.roles()) {
        ObjectNode ro = roles.addObject();
        ro.put("role", rm.role());
        if (rm.clinical() == null) ro.putNull("clinical");
        else ro.put("clinical", rm.clinical());
        cell(ro, "events", rm.events());
        timing(ro, rm.timing());
      }
      o.put("finding", BehaviorTable.finding(t, r.clinicalSource()));
    }
    return doc;
  }

  private static void timing(ObjectNode parent, BehaviorReport.Timing t) {
    ObjectNode o = parent.putObject("timing");
    cell(o, "before", t.before());
    cell(o, "during", t.during());
    cell(o, "after", t.after());
  }

  /** {@code {"count", "share", "suppressed"}}. */
  private static void cell(ObjectNode parent, String key, BehaviorReport.Cell c) {
    ObjectNode o = parent.putObject(key);
    Json.num(o, "count", c.count());
    Json.interval(o, "share", c.share());
    o.put("suppressed", c.suppressed());
  }

  private static void num(ObjectNode o, String key, Double v) {
    if (v == null) o.putNull(key);
    else Json.num(o, key, v.doubleValue());
  }
}
