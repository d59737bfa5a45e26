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

  /** Whether {@code count} must be withheld: 1 ≤ count &lt; minCell. */
  public static boolean withheld(long count, int minCell) {
    return count >= 1 && count < minCell;
  }

  /** The count as it may be printed: null when withheld, else the count (a zero is shown). */
  public static Long shown(long count, int minCell) {
    return withheld(count, minCell) ? null : count;
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
}
