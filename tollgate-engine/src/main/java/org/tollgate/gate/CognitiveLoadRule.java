package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tollgate.format.Units;
import org.tollgate.friction.LoadVerdict;
import org.tollgate.gate.ItemResult.Status;

/**
 * Checklist item 4: cognitive load reduced, not redistributed, from the friction audit's time on task
 * before and after. A net increase fails, and so does a role that absorbs work others no longer do.
 */
final class CognitiveLoadRule implements Rule {
  static final String TITLE = "Cognitive load reduced, not redistributed";

  @Override public String id() { return "4"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.FRICTION); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    GateInputs.FrictionEvidence f = in.friction();
    if (f == null) {
      return ItemResult.missing(id(), TITLE, "no friction audit: time-on-task before and after is unknown",
          "give an interaction log with pre and post periods");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("verdict", f.verdict().jsonName());
    ev.put("delta_seconds_per_session", f.deltaSecondsPerSession());
    ev.put("lower", f.lower());
    ev.put("upper", f.upper());
    if (f.inputSha256() != null) ev.put("input_sha256", f.inputSha256());
    // One figure, one format: the reason and the fatal flaw print the change the same way (Units).
    String delta = Units.signedSeconds(f.deltaSecondsPerSession()) + " per session (95% CI " + Units.signedSeconds(f.lower()) + " to "
        + Units.signedSeconds(f.upper()) + ")";
    if (!f.redistributedTo().isEmpty() && f.verdict() != LoadVerdict.INCREASED) {
      // The checklist asks whether load is reduced *or redistributed*: a role that absorbs the work
      // others no longer do fails the item even when the whole workflow got faster.
      GateInputs.RoleShift w = f.redistributedTo().get(0);
      // One fact, one source: the evidence prints the rule's verdict (redistributed), and the whole's own verdict under its own name.
      ev.put("verdict", "redistributed");
      ev.put("time_on_task_verdict", f.verdict().jsonName());
      ev.put("redistributed_to", f.redistributedTo().stream().map(GateInputs.RoleShift::role).toList());
      ev.put("role_delta_seconds_per_session", w.deltaSeconds());
      if (Double.isFinite(w.minutesPerDay())) ev.put("role_minutes_per_day", w.minutesPerDay());
      // What it would take, for the next review. Not a fix: a fix makes the failure a redesign, and load moved onto a role is
      // rejected (checklist item 4: "net increase → reject"), so the verdict stays NO-GO and the remedy goes with the evidence.
      ev.put("remedy", remedy(w));
      String role = w.role().replace('_', ' ');
      String shift = role + " sessions take " + Units.seconds(w.deltaSeconds()) + " longer (95% CI " + Units.seconds(w.lower()) + " to "
          + Units.seconds(w.upper()) + ")";
      return ItemResult.fail(id(), TITLE, "load redistributed: " + shift + " while the whole changed by " + delta, ev, null,
          "The tool moves work instead of removing it: " + shift + " while the workflow as a whole did not slow down. That is automating blame, not care.");
    }
    return switch (f.verdict()) {
      case REDUCED -> ItemResult.pass(id(), TITLE, "time-on-task fell: " + delta, ev);
      case INCREASED -> ItemResult.fail(id(), TITLE, "time-on-task rose: " + delta, ev, null,
          "The tool adds work instead of removing it: every session takes " + Units.seconds(f.deltaSecondsPerSession()) + " longer (95% CI "
              + Units.seconds(f.lower()) + " to " + Units.seconds(f.upper()) + "), and small penalties compound across a day.");
      case INCONCLUSIVE -> {
        ev.put("sessions_needed", f.sessionsNeeded());
        yield new ItemResult(id(), TITLE, Status.MISSING, "time-on-task change is inconclusive: " + delta + "; about " + f.sessionsNeeded()
            + " more sessions per period are needed", ev, "collect " + f.sessionsNeeded() + " more sessions per period and re-run",
            "Whether the tool reduces cognitive load is not yet known: " + delta + ".");
      }
    };
  }

  /**
   * What it would take to remove load moved onto a role: move the task back, or staff the role for what it now carries, "60.0 min a day moved
   * onto case managers" (change per session × the role's sessions a day); without sessions a day, the change per session.
   */
  static String remedy(GateInputs.RoleShift w) {
    String roles = Units.plural(w.role().replace('_', ' '));
    String load = Double.isFinite(w.minutesPerDay()) && w.minutesPerDay() > 0
        ? Units.minutes(w.minutesPerDay()) + " a day moved onto " + roles
        : Units.seconds(w.deltaSeconds()) + " more per session of " + roles;
    return "move the task back to the roles that did it before, or staff the receiving role for it: " + load + " (and re-run the friction audit)";
  }
}
