package org.tollgate.evaluation;

/**
 * The small-cell rule, owned once: a count of 1 to {@code minCell} − 1 (1 to 10 with the default 11) is withheld;
 * a zero is shown (the CMS cell-size suppression policy: counts of 1 to 10 are not released, zero is not a
 * small cell). Complementary withholding (a second cell withheld so that a total cannot give the first back,
 * {@link #complement}) is applied on top of it wherever cells add up to a shown total. Every writer (reports, dossier,
 * pages, PDF, command line, monitoring) takes its counts already withheld by the engine, or asks this class.
 *
 * <p>Reference: CMS Cell Size Suppression Policy (Centers for Medicare &amp; Medicaid Services, 2020):
 * "no cell (e.g. admittances, discharges, patients, services) 10 or less may be displayed", with zero counts
 * displayable.
 */
public final class SmallCells {
  private SmallCells() {}

  /**
   * The default minimum cell, 11: counts of 1 to 10 are withheld (CMS). Every setting's default ({@code gate.min_cell},
   * the drill's, the monitor's, the behavioral map's, the evaluation's and {@code tollgate inspect}'s) is this one.
   */
  public static final int DEFAULT_MIN_CELL = 11;

  /** Whether {@code count} must be withheld: 1 ≤ count &lt; minCell. */
  public static boolean withheld(long count, int minCell) {
    return count >= 1 && count < minCell;
  }

  /** The count as it may be printed: null when withheld, else the count (a zero is shown). */
  public static Long shown(long count, int minCell) {
    return withheld(count, minCell) ? null : count;
  }

  /**
   * A count of something as a sentence prints it, the small-cell rule applied: "1,234 values", "0 values", "1 to 10 values"
   * for a withheld count (with the default {@code minCell} 11). {@code noun} is singular; its plural adds "s".
   */
  public static String phrase(long count, int minCell, String noun) {
    if (withheld(count, minCell)) return "1 to " + (minCell - 1) + " " + org.tollgate.format.Units.plural(noun);
    return org.tollgate.format.Units.count(count, noun);
  }

  /** Cell {@code i} as it may be printed after {@link #withhold}: null when {@code hidden[i]}, else its count. */
  public static Long shown(long[] cells, boolean[] hidden, int i) {
    return hidden[i] ? null : cells[i];
  }

  /** Whether any of {@code counts} must be withheld. */
  public static boolean anyWithheld(int minCell, long... counts) {
    for (long c : counts) if (withheld(c, minCell)) return true;
    return false;
  }

  /**
   * Complementary withholding for sibling cells that add up to a shown total (the levels of one attribute, the bins of a
   * calibration table): when exactly one non-empty sibling is withheld, its counts would follow by subtraction, so the
   * smallest other non-empty sibling is withheld too. Marks {@code withheld} in place.
   *
   * @param size each sibling's size (a sibling of size 0 is empty and never picked)
   */
  public static void complement(boolean[] withheld, long[] size) {
    int hidden = 0;
    for (int i = 0; i < withheld.length; i++) if (withheld[i] && size[i] > 0) hidden++;
    if (hidden != 1) return;
    int pick = -1;
    for (int i = 0; i < withheld.length; i++) if (!withheld[i] && size[i] > 0 && (pick < 0 || size[i] < size[pick])) pick = i;
    if (pick >= 0) withheld[pick] = true;
  }

  /**
   * Complementary withholding over cells tied by sums (a policy's alerts = timely + late + false, its encounters = with the
   * outcome + without): which cells must be withheld so that no withheld count can be derived from what is shown.
   *
   * <p>Every cell of 1 to {@code minCell} − 1 is withheld first. Then, until nothing changes, for each sum
   * {@code total = part₁ + … + partₖ}:
   * <ul>
   *   <li>when the total is shown and its withheld parts are exactly one, or add up to 1 to {@code minCell} − 1 (their
   *       sum is the total minus the shown parts), the smallest shown non-empty part is withheld too (the total when no
   *       such part is left);
   *   <li>when the total is withheld and every part is shown (it would be their sum), the smallest non-empty part is withheld.
   * </ul>
   * A cell may be one that is never printed but can be derived (a policy's non-timely alerts, alerts − timely): marking it
   * costs nothing and makes the sums that contain it safe. Zero is never withheld (CMS) and never picked. The result
   * only grows, so the loop ends.
   *
   * <p>Order: after each cell withheld the sums are tried from the first again, so a caller that lists a group's own sums
   * before the sums across groups has every cell a withheld one forces inside its group settled before a sibling is
   * picked to cover it (three groups, the small one's missed cases withheld: the big group's, already forced by its own
   * withheld detections, covers them, and a group with no detections keeps its counts).
   *
   * @param cells the counts
   * @param sums each {@code {total, part, part, …}} as indices into {@code cells}
   * @return for each cell, whether it is withheld
   */
  public static boolean[] withhold(long[] cells, int[][] sums, int minCell) {
    boolean[] hide = new boolean[cells.length];
    for (int i = 0; i < cells.length; i++) hide[i] = withheld(cells[i], minCell);
    // first[c]: the first sum that holds cell c. A sum's state changes only when one of its cells does, so after a cell is
    // withheld the sums before its first one stay settled: going back there is the same as starting again from the first.
    int[] first = new int[cells.length];
    java.util.Arrays.fill(first, Integer.MAX_VALUE);
    for (int si = sums.length - 1; si >= 0; si--) for (int p : sums[si]) first[p] = si;
    int si = 0;
    while (si < sums.length) {
      int[] s = sums[si];
      int total = s[0];
      int hiddenParts = 0;
      long hiddenSum = 0;
      int pick = -1;
      for (int k = 1; k < s.length; k++) {
        int p = s[k];
        if (hide[p]) {
          hiddenParts++;
          hiddenSum += cells[p];
        } else if (cells[p] > 0 && (pick < 0 || cells[p] < cells[pick])) {
          pick = p;
        }
      }
      boolean derivable = hide[total] ? hiddenParts == 0 && cells[total] > 0
          : hiddenParts == 1 || (hiddenParts > 1 && withheld(hiddenSum, minCell));
      int mark = pick >= 0 ? pick : total;
      if (derivable && !hide[mark]) {
        // Back to the first sum that holds it: what this cell forces in the sums listed before is settled before any other choice.
        hide[mark] = true;
        si = first[mark];
      } else {
        si++;
      }
    }
    return hide;
  }

  /**
   * {@link #withhold} over a table of groups (the levels of an attribute, an evaluation's strata), cell by cell: every
   * group's cells are tied by the same sums ({@code within}, as cell positions {total, part, …}), and each cell's sum
   * over a family of sibling groups is their parent's cell (the attribute's total, the coarser stratum they split). The
   * groups' own sums come first, so a cell withheld in a group settles what it forces there before a sibling is picked.
   *
   * @param groups groups[g][k]: group g's count in cell k (every group has the same cells)
   * @param families each {parent, child, child, …} as group indices; parent −1 when the total is no group: it is then
   *     added after the groups (without sums of its own) and returned there, one row per such family, in order
   * @return hide[g][k]
   */
  public static boolean[][] withholdGroups(long[][] groups, int[][] within, java.util.List<int[]> families, int minCell) {
    int g = groups.length;
    int k = g == 0 ? 0 : groups[0].length;
    int virtual = 0;
    for (int[] f : families) if (f[0] < 0) virtual++;
    long[] cells = new long[(g + virtual) * k];
    for (int i = 0; i < g; i++) System.arraycopy(groups[i], 0, cells, i * k, k);
    java.util.List<int[]> sums = new java.util.ArrayList<>();
    for (int i = 0; i < g; i++) {
      for (int[] w : within) {
        int[] s = new int[w.length];
        for (int j = 0; j < w.length; j++) s[j] = i * k + w[j];
        sums.add(s);
      }
    }
    int v = g;
    for (int[] f : families) {
      int parent = f[0] >= 0 ? f[0] : v++;
      for (int c = 0; c < k; c++) {
        int[] s = new int[f.length];
        s[0] = parent * k + c;
        for (int j = 1; j < f.length; j++) {
          s[j] = f[j] * k + c;
          if (f[0] < 0) cells[parent * k + c] += groups[f[j]][c];
        }
        sums.add(s);
      }
    }
    boolean[] h = withhold(cells, sums.toArray(new int[0][]), minCell);
    boolean[][] out = new boolean[g + virtual][k];
    for (int i = 0; i < g + virtual; i++) System.arraycopy(h, i * k, out[i], 0, k);
    return out;
  }

}
