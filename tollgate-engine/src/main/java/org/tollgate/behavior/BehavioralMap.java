package org.tollgate.behavior;

import java.util.ArrayList;
import java.util.List;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.Stats;

/**
 * Behavioral mapping: what systems make people do, read from audit logs rather than interviews. For
 * each task in an EHR event log, when it was done relative to the visit and by whom — the essay's
 * diabetes pilot found that "68% of risk assessments were completed after the visit, often by staff
 * with no clinical training".
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li>Unit: one event (one completion of the task). Events whose encounter has no visit start and end
 *       are counted as unmatched and left out.
 *   <li>Timing, with the visit's [start, end] closed at both ends: <b>before</b> iff time &lt; start,
 *       <b>during</b> iff start ≤ time ≤ end, <b>after</b> iff time &gt; end.
 *   <li>Clinical credential: with a role list in the settings, an event is clinical iff its role is in the list
 *       (case-insensitive); otherwise the log's clinical column decides, and events without it are unknown.
 *   <li>Shares: count / total with the 95% Wilson score interval ({@link Stats#wilson}); totals are the task's
 *       events (timing, roles, credentials), a role's events (that role's timing) or the after-visit events
 *       (after-visit share without clinical credentials).
 *   <li>Delay after the visit: hours from visit end to the event, quartiles by R type 7.
 * </ul>
 *
 * <h2>Small cells</h2>
 * Counts from 1 to min cell − 1 (10 by default) are withheld with their shares; zero is shown (nobody
 * can be singled out). Complementary suppression, applied in every table whose total is shown, so a
 * withheld count cannot be recovered by subtraction: when exactly one count of a row, or of a
 * column, is withheld, the smallest other non-zero count there is withheld too, repeated until
 * nothing changes. A task with fewer than min cell events is withheld entirely; a role with a
 * withheld count of events has its timing withheld too. (Protection against every linear
 * combination across tables is not attempted; the rows and columns of each table are.)
 *
 * <p>Pure and stateless.
 */
public final class BehavioralMap {
  static final int BEFORE = 0;
  static final int DURING = 1;
  static final int AFTER = 2;

  private BehavioralMap() {}

  /**
   * Maps every task, or the settings' task.
   *
   * @throws IllegalArgumentException when the settings name a task the log does not have (the message lists some that it has)
   */
  public static BehaviorReport run(EventLog log, BehaviorSettings settings) {
    int only = -1;
    if (settings.task() != null) {
      only = log.taskCode(settings.task());
      if (only < 0) {
        List<String> some = new ArrayList<>();
        for (int t = 0; t < Math.min(20, log.taskCount()); t++) some.add(log.taskName(t));
        throw new IllegalArgumentException("task '" + settings.task() + "' does not occur; tasks are " + some
            + (log.taskCount() > 20 ? " and " + (log.taskCount() - 20) + " more" : ""));
      }
    }
    boolean anyColumn = false;
    for (int i = 0; i < log.events() && !anyColumn; i++) anyColumn = log.clinical(i) != EventLog.UNKNOWN;
    BehaviorReport.ClinicalSource source = settings.clinicalRoles() != null ? BehaviorReport.ClinicalSource.ROLES
        : anyColumn ? BehaviorReport.ClinicalSource.COLUMN : BehaviorReport.ClinicalSource.NONE;
    byte[] roleClinical = new byte[log.roleCount()];
    for (int r = 0; r < roleClinical.length; r++) {
      roleClinical[r] = settings.isClinicalRole(log.roleName(r)) ? EventLog.CLINICAL : EventLog.NOT_CLINICAL;
    }

    int tasks = log.taskCount();
    int roles = log.roleCount();
    long[][][] timing = new long[tasks][roles][3];
    long[][] credential = new long[tasks][3]; // clinical, not, unknown
    long[][] afterCredential = new long[tasks][3];
    // Per task and role: which clinical flags its events carry (bit 0 not, bit 1 clinical, bit 2 unknown).
    int[][] flags = new int[tasks][roles];
    List<List<Double>> delays = new ArrayList<>();
    for (int t = 0; t < tasks; t++) delays.add(new ArrayList<>());
    for (int i = 0; i < log.events(); i++) {
      long start = log.visitStart(i);
      if (start == EventLog.NO_VISIT) continue;
      int t = log.task(i);
      if (only >= 0 && t != only) continue;
      long time = log.epochSecond(i);
      long end = log.visitEnd(i);
      int when = when(time, start, end);
      int r = log.role(i);
      timing[t][r][when]++;
      byte c = source == BehaviorReport.ClinicalSource.ROLES ? roleClinical[r] : log.clinical(i);
      int ci = c == EventLog.CLINICAL ? 0 : c == EventLog.NOT_CLINICAL ? 1 : 2;
      credential[t][ci]++;
      flags[t][r] |= c == EventLog.CLINICAL ? 2 : c == EventLog.NOT_CLINICAL ? 1 : 4;
      if (when == AFTER) {
        afterCredential[t][ci]++;
        delays.get(t).add((time - end) / 3600.0);
      }
    }

    List<BehaviorReport.TaskMap> out = new ArrayList<>();
    int min = settings.minCell();
    for (int t = 0; t < tasks; t++) {
      if (only >= 0 && t != only) continue;
      long[] byTiming = new long[3];
      long[] roleTotal = new long[roles];
      for (int r = 0; r < roles; r++) {
        for (int w = 0; w < 3; w++) {
          byTiming[w] += timing[t][r][w];
          roleTotal[r] += timing[t][r][w];
        }
      }
      long n = byTiming[0] + byTiming[1] + byTiming[2];
      if (n == 0 && only < 0) continue; // every event of the task was unmatched
      out.add(task(log.taskName(t), n, byTiming, roleTotal, timing[t], flags[t], credential[t], afterCredential[t],
          delays.get(t), log, min));
    }
    return new BehaviorReport(settings, log.eventSource(), log.visitSource(), log.events(), log.unmatchedEvents(),
        log.encounterCount(), source, out);
  }

  private static BehaviorReport.TaskMap task(String name, long n, long[] byTiming, long[] roleTotal, long[][] cells, int[] flags,
      long[] credential, long[] afterCredential, List<Double> delays, EventLog log, int min) {
    if (small(n, min)) {
      BehaviorReport.Cell s = BehaviorReport.Cell.SUPPRESSED;
      BehaviorReport.Timing st = new BehaviorReport.Timing(s, s, s);
      return new BehaviorReport.TaskMap(name, s, st, BehaviorReport.Delay.WITHHELD, List.of(), s, s, s, s);
    }
    BehaviorReport.Cell total = new BehaviorReport.Cell(n, null, false);
    boolean[] hideTiming = Suppression.oneWay(byTiming, true, min);
    BehaviorReport.Timing timing = timing(byTiming, hideTiming, n);

    // Roles × timing, with role totals a partition of n and the timing totals as shown above.
    int roles = roleTotal.length;
    boolean[] hideRole = Suppression.oneWay(roleTotal, true, min);
    boolean[][] hideCell = Suppression.twoWay(cells, roleTotal, hideRole, hideTiming, min);
    List<BehaviorReport.RoleMap> roleMaps = new ArrayList<>();
    for (int r = 0; r < roles; r++) {
      if (roleTotal[r] == 0) continue;
      Boolean clinical = switch (flags[r]) {
        case 1 -> Boolean.FALSE;
        case 2 -> Boolean.TRUE;
        default -> null;
      };
      BehaviorReport.Cell events = cell(roleTotal[r], n, hideRole[r]);
      BehaviorReport.Timing t = timing(cells[r], hideCell[r], roleTotal[r]);
      roleMaps.add(new BehaviorReport.RoleMap(log.roleName(r), clinical, events, t));
    }

    boolean[] hideCred = Suppression.oneWay(credential, true, min);
    long after = byTiming[AFTER];
    boolean[] hideAfterCred = hideTiming[AFTER]
        ? new boolean[] {true, true, true}
        : Suppression.oneWay(afterCredential, true, min);
    BehaviorReport.Delay delay = BehaviorReport.Delay.WITHHELD;
    if (delays.size() >= min) {
      double[] d = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      delay = new BehaviorReport.Delay(Stats.quantileSorted(d, d.length, 0.25), Stats.quantileSorted(d, d.length, 0.5),
          Stats.quantileSorted(d, d.length, 0.75));
    }
    return new BehaviorReport.TaskMap(name, total, timing, delay, roleMaps, cell(credential[0], n, hideCred[0]),
        cell(credential[1], n, hideCred[1]), cell(credential[2], n, hideCred[2]), cell(afterCredential[1], after, hideAfterCred[1]));
  }

  private static BehaviorReport.Timing timing(long[] counts, boolean[] hide, long total) {
    return new BehaviorReport.Timing(cell(counts[BEFORE], total, hide[BEFORE]), cell(counts[DURING], total, hide[DURING]),
        cell(counts[AFTER], total, hide[AFTER]));
  }

  private static BehaviorReport.Cell cell(long count, long total, boolean hide) {
    if (hide) return BehaviorReport.Cell.SUPPRESSED;
    Interval share = total == 0 ? null : Stats.wilson(count, total);
    return new BehaviorReport.Cell(count, share, false);
  }

  static boolean small(long count, int min) {
    return org.tollgate.evaluation.SmallCells.withheld(count, min);
  }

  /** Small-cell and complementary suppression of one table. */
  static final class Suppression {
    private Suppression() {}

    /**
     * A partition of a total: hides counts 1…min−1; when the total is shown and exactly one count is
     * hidden, also hides the smallest other non-zero count.
     */
    static boolean[] oneWay(long[] counts, boolean totalShown, int min) {
      boolean[] hide = new boolean[counts.length];
      for (int i = 0; i < counts.length; i++) hide[i] = small(counts[i], min);
      if (totalShown) complement(counts, hide);
      return hide;
    }

    /**
     * Rows × columns: row r's cells are hidden wholesale when its total is; then small cells; then, until
     * nothing changes, each row with a shown total and each column with a shown total that has exactly one
     * hidden cell gets its smallest other non-zero cell hidden too.
     */
    static boolean[][] twoWay(long[][] cells, long[] rowTotal, boolean[] rowHidden, boolean[] colHidden, int min) {
      int rows = cells.length;
      int cols = colHidden.length;
      boolean[][] hide = new boolean[rows][cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) hide[r][c] = rowHidden[r] || small(cells[r][c], min);
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int r = 0; r < rows; r++) {
          if (!rowHidden[r]) changed |= complement(cells[r], hide[r]);
        }
        for (int c = 0; c < cols; c++) {
          if (colHidden[c]) continue;
          long[] col = new long[rows];
          boolean[] h = new boolean[rows];
          for (int r = 0; r < rows; r++) {
            col[r] = cells[r][c];
            h[r] = hide[r][c];
          }
          if (complement(col, h)) {
            changed = true;
            for (int r = 0; r < rows; r++) hide[r][c] = h[r];
          }
        }
      }
      return hide;
    }

    /** When exactly one entry is hidden, hides the smallest other non-zero one; returns whether anything changed. */
    private static boolean complement(long[] counts, boolean[] hide) {
      int hidden = 0;
      for (boolean h : hide) if (h) hidden++;
      if (hidden != 1) return false;
      int pick = -1;
      for (int i = 0; i < counts.length; i++) {
        if (!hide[i] && counts[i] > 0 && (pick < 0 || counts[i] < counts[pick])) pick = i;
      }
      if (pick < 0) return false;
      hide[pick] = true;
      return true;
    }
  }

  /** Before (0), during (1) or after (2) a visit [start, end], closed at both ends. */
  static int when(long time, long start, long end) {
    return time < start ? BEFORE : time <= end ? DURING : AFTER;
  }
}
