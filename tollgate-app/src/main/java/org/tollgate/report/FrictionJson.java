package org.tollgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tollgate.data.TableSource;
import org.tollgate.friction.FrictionReport;
import org.tollgate.friction.FrictionSettings;
import org.tollgate.friction.LoadVerdict;

/** The {@code tollgate.friction/v2} document (docs/friction-json.md). Durations in seconds; user and session ids never appear. */
public final class FrictionJson {
  public static final String SCHEMA = "tollgate.friction/v2";

  private FrictionJson() {}

  public static ObjectNode of(FrictionReport r) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    source(doc, "input", r.source());
    FrictionSettings s = r.settings();
    ObjectNode set = doc.putObject("settings");
    set.put("bootstrap", s.bootstrap());
    set.put("seed", s.seed());
    set.put("session_gap_minutes", s.sessionGapMillis() / 60_000.0);
    set.put("hours_per_fte", s.hoursPerFte());
    if (s.sessionsPerUserPerDay() == null) set.putNull("sessions_per_user_per_day");
    else set.put("sessions_per_user_per_day", s.sessionsPerUserPerDay());
    set.put("zone", s.zone().getId());
    doc.put("sessions", r.sessionsRebuilt() ? "rebuilt_from_idle_gaps" : "from_column");
    ObjectNode periods = doc.putObject("periods");
    for (FrictionReport.PeriodSummary p : new FrictionReport.PeriodSummary[] {r.pre(), r.post()}) {
      ObjectNode o = periods.putObject(p.period().jsonName());
      o.put("rows", p.rows());
      o.put("sessions", p.sessions());
      o.put("users", p.users());
      o.put("days", p.days());
      Json.num(o, "sessions_per_user_per_day", p.sessionsPerUserPerDay());
    }
    ArrayNode steps = doc.putArray("steps");
    for (FrictionReport.StepFriction st : r.steps()) {
      ObjectNode o = steps.addObject();
      o.put("step", st.step());
      stepPeriod(o.putObject("pre"), st.pre());
      stepPeriod(o.putObject("post"), st.post());
      Json.interval(o, "delta_seconds", st.deltaSeconds());
      Json.interval(o, "extra_seconds_per_session", st.extraSecondsPerSession());
      o.put("undefined_replicates", st.undefinedReplicates());
    }
    FrictionReport.Compounding c = r.compounding();
    ObjectNode comp = doc.putObject("compounding");
    Json.interval(comp, "extra_seconds_per_session", c.extraSecondsPerSession());
    Json.num(comp, "sessions_per_user_per_day", c.sessionsPerUserPerDay());
    comp.put("sessions_per_user_per_day_source", c.sessionsPerDayFromData() ? "data" : "setting");
    Json.interval(comp, "minutes_per_user_per_day", c.minutesPerUserPerDay());
    Json.interval(comp, "minutes_per_user_per_year", c.minutesPerUserPerYear());
    Json.interval(comp, "fte_per_user", c.ftePerUser());
    comp.put("users", c.users());
    Json.interval(comp, "minutes_per_day_all_users", c.minutesPerDayAllUsers());
    Json.interval(comp, "fte_all_users", c.fteAllUsers());
    comp.put("hours_per_fte", c.hoursPerFte());
    FrictionReport.TimeOnTask t = r.timeOnTask();
    ObjectNode tot = doc.putObject("time_on_task");
    ObjectNode pre = tot.putObject("pre");
    pre.put("sessions", r.pre().sessions());
    Json.num(pre, "mean_seconds", t.preMeanSeconds());
    Json.num(pre, "sd_seconds", t.preSdSeconds());
    ObjectNode post = tot.putObject("post");
    post.put("sessions", r.post().sessions());
    Json.num(post, "mean_seconds", t.postMeanSeconds());
    Json.num(post, "sd_seconds", t.postSdSeconds());
    Json.interval(tot, "delta_seconds", t.deltaSeconds());
    Json.interval(tot, "from_step_times_seconds", t.fromStepTimes());
    Json.interval(tot, "from_step_counts_seconds", t.fromStepCounts());
    ArrayNode roles = doc.putArray("roles");
    for (FrictionReport.RoleLoad rl : r.roles()) {
      ObjectNode o = roles.addObject();
      o.put("role", rl.role());
      o.put("pre_sessions", rl.preSessions());
      o.put("post_sessions", rl.postSessions());
      Json.num(o, "pre_mean_seconds", rl.preMeanSeconds());
      Json.num(o, "post_mean_seconds", rl.postMeanSeconds());
      Json.interval(o, "delta_seconds", rl.deltaSeconds());
      o.put("verdict", rl.verdict().jsonName());
    }
    ObjectNode gate = doc.putObject("gate");
    gate.put("item", 4);
    gate.put("name", "Cognitive load reduced, not redistributed");
    // Item 4's verdict, as the review's rule reads it: load moved onto a role is "redistributed" even when the whole got faster;
    // the whole's own verdict is time_on_task_verdict (one fact, one name: r17 finding 6).
    gate.put("verdict", FrictionTable.itemVerdict(r));
    gate.put("time_on_task_verdict", t.verdict().jsonName());
    gate.put("rejects", t.verdict() == LoadVerdict.INCREASED);
    ArrayNode red = gate.putArray("redistributed_to");
    r.redistributedTo().forEach(red::add);
    if (t.power() == null) {
      gate.putNull("power");
    } else {
      ObjectNode p = gate.putObject("power");
      Json.num(p, "pooled_sd_seconds", t.power().pooledSdSeconds());
      Json.num(p, "sessions_per_period", t.power().sessionsPerPeriod());
      Json.num(p, "more_pre_sessions", t.power().morePreSessions());
      Json.num(p, "more_post_sessions", t.power().morePostSessions());
    }
    gate.put("finding", FrictionTable.finding(r));
    return doc;
  }

  private static void stepPeriod(ObjectNode o, FrictionReport.StepPeriod p) {
    o.put("occurrences", p.occurrences());
    o.put("sessions_with_step", p.sessionsWithStep());
    Json.num(o, "mean_seconds", p.meanSeconds());
    Json.num(o, "median_seconds", p.medianSeconds());
    Json.num(o, "per_session", p.perSession());
  }

  /** {@code {"path", "format", "sha256", "rows", "columns"}}, or null for an in-memory table. */
  static void source(ObjectNode parent, String key, TableSource s) {
    if (s == null) {
      parent.putNull(key);
      return;
    }
    ObjectNode o = parent.putObject(key);
    o.put("path", s.path());
    o.put("format", s.format());
    o.put("sha256", s.sha256());
    o.put("rows", s.rows());
    ObjectNode cols = o.putObject("columns");
    s.columns().forEach(cols::put);
  }
}
