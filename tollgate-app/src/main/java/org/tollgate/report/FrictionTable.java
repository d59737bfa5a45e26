package org.tollgate.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.tollgate.evaluation.Interval;
import org.tollgate.format.Units;
import org.tollgate.friction.FrictionReport;
import org.tollgate.friction.LoadVerdict;

/** Plain-text friction audit: the per-step table, the compounding arithmetic with its numbers, and the gate verdict in words. */
public final class FrictionTable {
  private FrictionTable() {}

  public static void print(FrictionReport r, PrintWriter out) {
    if (r.source() != null) {
      out.printf(Locale.ROOT, "Friction audit of %s (%s; sessions %s)%n", r.source().path(), Units.count(r.source().rows(), "row"),
          r.sessionsRebuilt() ? "rebuilt from idle gaps of " + Units.minutes(r.settings().sessionGapMillis() / 60_000.0) : "from the session column");
    }
    for (FrictionReport.PeriodSummary p : new FrictionReport.PeriodSummary[] {r.pre(), r.post()}) {
      out.printf(Locale.ROOT, "  %-4s %9s sessions by %s over %s (%s sessions per user per day)%n", p.period().jsonName(),
          Units.count(p.sessions()), Units.count(p.users(), "user"), Units.count(p.days(), "day"), Units.rate(p.sessionsPerUserPerDay()));
    }
    out.println();
    String head = String.format(Locale.ROOT, "%-20s %11s %11s %11s %11s %9s %9s  %-30s %s", "Step", "Pre mean", "Pre median",
        "Post mean", "Post median", "Pre/sess", "Post/sess", "Delta per occurrence (95% CI)", "Extra per session (95% CI)");
    out.println(head);
    out.println("-".repeat(head.length()));
    for (FrictionReport.StepFriction s : r.steps()) {
      out.printf(Locale.ROOT, "%-20s %11s %11s %11s %11s %9s %9s  %-30s %s%n", trunc(s.step(), 20), sec(s.pre().meanSeconds()),
          sec(s.pre().medianSeconds()), sec(s.post().meanSeconds()), sec(s.post().medianSeconds()), Units.rate(s.pre().perSession()),
          Units.rate(s.post().perSession()), interval(s.deltaSeconds()), interval(s.extraSecondsPerSession()));
    }
    FrictionReport.Compounding c = r.compounding();
    FrictionReport.TimeOnTask t = r.timeOnTask();
    double e = c.extraSecondsPerSession().estimate();
    out.println();
    out.printf(Locale.ROOT, "Time on task per session: pre %s, post %s; change %s%n", sec(t.preMeanSeconds()), sec(t.postMeanSeconds()),
        interval(t.deltaSeconds()));
    out.printf(Locale.ROOT, "  = steps taking longer (Σ delta × post occurrences per session) %s s + steps done more or less often %s s%n",
        Units.signedFigure(t.fromStepTimes().estimate()), Units.signedFigure(t.fromStepCounts().estimate()));
    if (r.roles().size() > 1) {
      for (FrictionReport.RoleLoad rl : r.roles()) {
        out.printf(Locale.ROOT, "  %-20s %7s → %7s sessions, %s → %s, change %s: %s%n", trunc(rl.role(), 20), Units.count(rl.preSessions()),
            Units.count(rl.postSessions()), sec(rl.preMeanSeconds()), sec(rl.postMeanSeconds()), interval(rl.deltaSeconds()), rl.verdict().jsonName());
      }
    }
    out.println();
    out.printf(Locale.ROOT, "Compounding the change: per user per day = %s s × %s sessions/day (%s) / 60 = %s min%n", Units.figure(e), Units.figure(c.sessionsPerUserPerDay()),
        c.sessionsPerDayFromData() ? "from the data" : "as given", Units.figure(c.minutesPerUserPerDay().estimate()));
    out.printf(Locale.ROOT, "  per user per year = %s min/day × 365 = %s min%n", Units.figure(c.minutesPerUserPerDay().estimate()),
        Units.figure(c.minutesPerUserPerYear().estimate()));
    out.printf(Locale.ROOT, "  FTE per user = %s min/day × 365 / 60 / %s h per FTE-year = %s FTE; all %s: %s FTE (95%% CI %s to %s)%n",
        Units.figure(c.minutesPerUserPerDay().estimate()), Units.figure(c.hoursPerFte()), Units.figure(c.ftePerUser().estimate()), Units.count(c.users(), "user"),
        Units.figure(c.fteAllUsers().estimate()), Units.figure(c.fteAllUsers().lower()), Units.figure(c.fteAllUsers().upper()));
    out.println();
    out.println("Gate item 4, cognitive load reduced, not redistributed: " + itemVerdict(r).toUpperCase(Locale.ROOT));
    out.println("  " + finding(r));
    out.flush();
  }

  /** The verdict in one or two sentences, neutral words, numbers included. */
  /**
   * Item 4's verdict as the review's rule reads it: "redistributed" when a role's time rose while the whole's did not (even
   * if the whole got faster), otherwise the whole's verdict (reduced, increased, inconclusive). One source for the rule, the
   * friction JSON's gate and the page (r17 finding 6: "Finding: reduced" beside a failed "load redistributed").
   */
  public static String itemVerdict(FrictionReport r) {
    return !r.redistributedTo().isEmpty() && r.timeOnTask().verdict() != LoadVerdict.INCREASED ? "redistributed" : r.timeOnTask().verdict().jsonName();
  }

  public static String finding(FrictionReport r) {
    FrictionReport.TimeOnTask t = r.timeOnTask();
    Interval d = t.deltaSeconds();
    String ci = " per session (95% CI " + Units.seconds(d.lower()) + " to " + Units.seconds(d.upper()) + ")";
    StringBuilder sb = new StringBuilder();
    switch (t.verdict()) {
      case INCREASED -> sb.append("Time on task rose by ").append(Units.seconds(d.estimate())).append(ci).append(": the gate rejects.");
      case REDUCED -> sb.append("Time on task fell by ").append(Units.seconds(-d.estimate())).append(" per session (95% CI of the change ")
          .append(Units.signedSeconds(d.lower())).append(" to ").append(Units.signedSeconds(d.upper())).append(").");
      default -> {
        sb.append("Time on task changed by ").append(Units.signedSeconds(d.estimate())).append(" per session (95% CI ")
            .append(Units.signedSeconds(d.lower())).append(" to ").append(Units.signedSeconds(d.upper())).append("); the interval includes no change.");
        FrictionReport.Power p = t.power();
        if (p != null && p.sessionsPerPeriod() != null) {
          sb.append(" Detecting a change this size with 80% power (two-sided α 0.05) needs about ").append(Units.count(p.sessionsPerPeriod(), "session"))
              .append(" per period: ").append(Units.count(p.morePreSessions())).append(" more pre and ").append(Units.count(p.morePostSessions()))
              .append(" more post.");
        } else if (p != null) {
          sb.append(" The observed change is zero; no number of sessions would detect it.");
        }
      }
    }
    if (!r.redistributedTo().isEmpty() && t.verdict() != LoadVerdict.INCREASED) {
      sb.append(" Load moved to ").append(String.join(", ", r.redistributedTo()))
          .append(", whose time on task rose (interval above zero): redistributed, not reduced.");
    }
    return sb.toString();
  }

  /**
   * "+0.395 s (0.363 to 0.428)": a change in seconds with its interval, as worked figures (a step's delta is small: one
   * decimal would print 0.4 to 0.4).
   */
  static String interval(Interval i) {
    if (i == null || !i.defined()) return "—";
    String change = Units.signedFigure(i.estimate()) + " s";
    return Double.isNaN(i.lower()) ? change : change + " (" + Units.figure(i.lower()) + " to " + Units.figure(i.upper()) + ")";
  }

  /** A duration: seconds below two minutes, else minutes (Units). */
  static String sec(double s) {
    if (Double.isNaN(s)) return "—";
    return Math.abs(s) >= 120 ? Units.minutes(s / 60) : Units.seconds(s);
  }

  private static String trunc(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
