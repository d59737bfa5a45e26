package org.tollgate.behavior;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tollgate.data.TableSource;
import org.tollgate.evaluation.Interval;

/**
 * What a behavioral map found: for each task, when in the visit it was done, by whom, and how much of
 * it by staff without clinical credentials. Shares carry 95% Wilson intervals. Counts from 1 to
 * min cell − 1 are withheld, with complementary cells (see {@link BehavioralMap}).
 *
 * @param settings the settings of the run
 * @param events provenance of the event log, or null
 * @param visits provenance of the encounters table, or null when visit times came with the events
 * @param eventsRead events in the log
 * @param unmatchedEvents events whose encounter has no visit start and end; left out of every figure
 * @param encounters distinct encounters named by events
 * @param clinicalSource where clinical credentials came from
 * @param tasks one entry per mapped task, in order of first appearance
 */
public record BehaviorReport(
    BehaviorSettings settings,
    TableSource events,
    TableSource visits,
    int eventsRead,
    int unmatchedEvents,
    int encounters,
    ClinicalSource clinicalSource,
    List<TaskMap> tasks) {

  public BehaviorReport {
    Objects.requireNonNull(settings, "settings");
    tasks = List.copyOf(tasks);
  }

  /** Where the clinical yes/no of an event came from. */
  public enum ClinicalSource {
    /** The settings' list of clinical roles. */
    ROLES,
    /** The log's clinical column. */
    COLUMN,
    /** Neither: every event is of unknown credential. */
    NONE;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A count and its share of a total, or withheld.
   *
   * @param count the count, or null when withheld
   * @param share count / total with a Wilson interval; null when withheld or when the total is 0
   * @param suppressed true when withheld (a small cell, or its complement)
   */
  public record Cell(Long count, Interval share, boolean suppressed) {
    public static final Cell SUPPRESSED = new Cell(null, null, true);
  }

  /**
   * When a task was done relative to its encounter's visit: before (time &lt; visit start), during
   * (start ≤ time ≤ end) or after (time &gt; end). Shares are of the row's events.
   */
  public record Timing(Cell before, Cell during, Cell after) {}

  /**
   * Hours from visit end to completion, for events done after the visit: quartiles by R type 7, or
   * all null when fewer than min cell such events (a few values would be shown nearly as they are).
   */
  public record Delay(Double p25, Double median, Double p75) {
    public static final Delay WITHHELD = new Delay(null, null, null);
  }

  /**
   * One role's part in a task.
   *
   * @param clinical the role's credential: from the role mapping, or from the clinical column when all the role's events
   *     agree; null when mixed or unknown
   * @param events the role's events and their share of the task's events
   * @param timing the role's events by timing; shares of the role's events
   */
  public record RoleMap(String role, Boolean clinical, Cell events, Timing timing) {}

  /**
   * One task.
   *
   * @param events the task's classified events (share is null: it is the total)
   * @param timing all the task's events by timing
   * @param afterVisitHours delay of after-visit completions
   * @param roles per role, in order of first appearance in the log (roles with no events of the task are left out)
   * @param clinical events done by staff with clinical credentials; share of all events
   * @param nonClinical events done by staff without; share of all events — the essay's "often by staff with no clinical training"
   * @param unknownClinical events of unknown credential
   * @param afterVisitNonClinical after-visit events done by staff without clinical credentials; share of after-visit events
   */
  public record TaskMap(String task, Cell events, Timing timing, Delay afterVisitHours, List<RoleMap> roles, Cell clinical,
      Cell nonClinical, Cell unknownClinical, Cell afterVisitNonClinical) {
    public TaskMap {
      roles = List.copyOf(roles);
    }
  }
}
