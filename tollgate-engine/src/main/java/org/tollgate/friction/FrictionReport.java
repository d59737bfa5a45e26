package org.tollgate.friction;

import java.util.List;
import java.util.Objects;
import org.tollgate.data.TableSource;
import org.tollgate.evaluation.Interval;

/**
 * What a friction audit found. Durations are in seconds; every interval is a 95% percentile
 * bootstrap over sessions (see {@link FrictionAudit}). The formulas are on {@link FrictionAudit}.
 *
 * @param settings the settings of the run
 * @param source the log's provenance, or null for a log built in memory
 * @param sessionsRebuilt true when sessions were rebuilt from idle gaps (the log had no session column)
 * @param pre the pre period's size
 * @param post the post period's size
 * @param steps one entry per step, in order of first appearance in the log
 * @param compounding the per-step deltas compounded per session, per user per day and year, and in FTE
 * @param timeOnTask net cognitive load: time on task per session, pre vs post, and the gate verdict
 * @param roles time on task per session by role
 * @param redistributedTo roles whose time on task increased (interval above zero) while the overall verdict is not
 *     {@code increased}: load moved to them
 */
public record FrictionReport(
    FrictionSettings settings,
    TableSource source,
    boolean sessionsRebuilt,
    PeriodSummary pre,
    PeriodSummary post,
    List<StepFriction> steps,
    Compounding compounding,
    TimeOnTask timeOnTask,
    List<RoleLoad> roles,
    List<String> redistributedTo) {

  public FrictionReport {
    Objects.requireNonNull(settings, "settings");
    steps = List.copyOf(steps);
    roles = List.copyOf(roles);
    redistributedTo = List.copyOf(redistributedTo);
  }

  /**
   * The size of one period.
   *
   * @param rows interaction rows
   * @param sessions sessions
   * @param users distinct users with a session
   * @param days calendar days (in the settings' zone) from the first session's start to the last one's, inclusive
   * @param sessionsPerUserPerDay sessions / users / days
   */
  public record PeriodSummary(Period period, long rows, int sessions, int users, int days, double sessionsPerUserPerDay) {}

  /**
   * One step in one period.
   *
   * @param occurrences rows of the step
   * @param sessionsWithStep sessions with at least one
   * @param meanSeconds mean duration of one occurrence (total duration / occurrences); NaN without occurrences
   * @param medianSeconds median duration of one occurrence (R type 7: the mean of the two middle values for an even count)
   * @param perSession occurrences per session of the period (occurrences / sessions)
   */
  public record StepPeriod(long occurrences, int sessionsWithStep, double meanSeconds, double medianSeconds, double perSession) {}

  /**
   * One step, pre vs post.
   *
   * @param deltaSeconds post − pre mean duration of one occurrence; undefined when the step has no post occurrences
   * @param extraSecondsPerSession delta × post occurrences per session: what this step adds to every post session
   * @param undefinedReplicates bootstrap replicates in which the step had no pre occurrence (left out of its interval)
   */
  public record StepFriction(String step, StepPeriod pre, StepPeriod post, Interval deltaSeconds, Interval extraSecondsPerSession,
      int undefinedReplicates) {}

  /**
   * Small penalties compounded: the net change in time on task per session over a day, a year and the staff.
   *
   * @param extraSecondsPerSession the change in time on task per session, {@link TimeOnTask#deltaSeconds()} (the same
   *     figure, so a report prints one number per session): the part from steps taking longer ({@link TimeOnTask#fromStepTimes()},
   *     Σ over steps of delta × post occurrences per session) plus the part from steps done more or less often
   * @param sessionsPerUserPerDay post sessions per user per calendar day used below
   * @param sessionsPerDayFromData true when taken from the data, false when given as a setting
   * @param minutesPerUserPerDay extra seconds per session × sessions per user per day / 60
   * @param minutesPerUserPerYear minutes per user per day × 365
   * @param ftePerUser minutes per user per day × 365 / 60 / hours per FTE-year
   * @param users post-period users the all-users figures cover
   * @param minutesPerDayAllUsers minutes per user per day × users
   * @param fteAllUsers minutes per day for all users × 365 / 60 / hours per FTE-year
   * @param hoursPerFte hours per FTE-year used
   */
  public record Compounding(Interval extraSecondsPerSession, double sessionsPerUserPerDay, boolean sessionsPerDayFromData,
      Interval minutesPerUserPerDay, Interval minutesPerUserPerYear, Interval ftePerUser, int users,
      Interval minutesPerDayAllUsers, Interval fteAllUsers, double hoursPerFte) {}

  /**
   * Net cognitive load, measured as time on task: the sum of a session's step durations.
   *
   * @param deltaSeconds mean post − mean pre time on task per session
   * @param fromStepTimes the part of the delta from steps taking longer or shorter: Σ delta × post occurrences per session
   *     (the compounding's extra seconds per session)
   * @param fromStepCounts the part from steps happening more or less often: Σ pre mean × (post − pre occurrences per session);
   *     the two parts add up to the delta exactly
   * @param verdict launch checklist item 4
   * @param power sessions needed to resolve an inconclusive verdict, or null when the verdict is not inconclusive
   */
  public record TimeOnTask(double preMeanSeconds, double preSdSeconds, double postMeanSeconds, double postSdSeconds,
      Interval deltaSeconds, Interval fromStepTimes, Interval fromStepCounts, LoadVerdict verdict, Power power) {}

  /**
   * Sessions per period a two-sample comparison of mean time on task would need to detect the observed
   * delta δ with 80% power at two-sided α = 0.05, by the normal approximation
   * n = ⌈2 (z₀.₉₇₅ + z₀.₈)² σ² / δ²⌉ per period, σ² the pooled variance of time on task per session.
   *
   * @param pooledSdSeconds σ
   * @param sessionsPerPeriod n, or null when δ = 0 (no sample size detects a zero difference) or σ is undefined
   * @param morePreSessions max(0, n − pre sessions), or null with n
   * @param morePostSessions max(0, n − post sessions), or null with n
   */
  public record Power(double pooledSdSeconds, Long sessionsPerPeriod, Long morePreSessions, Long morePostSessions) {}

  /**
   * Time on task per session for one role (the role of the session's first row).
   *
   * @param deltaSeconds post − pre mean; undefined when the role has no sessions in a period
   * @param verdict the same rule as the overall verdict
   */
  public record RoleLoad(String role, int preSessions, int postSessions, double preMeanSeconds, double postMeanSeconds,
      Interval deltaSeconds, LoadVerdict verdict) {}
}
