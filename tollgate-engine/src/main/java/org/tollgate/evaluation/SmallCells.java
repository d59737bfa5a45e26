package org.tollgate.evaluation;

/**
 * The small-cell rule, owned once: a count of 1 to {@code minCell} − 1 (1 to 10 with the default 11) is withheld;
 * a zero is shown (the CMS cell-size suppression policy: counts of 1 to 10 are not released, zero is not a
 * small cell). Complementary withholding (a second cell withheld so that a total cannot give the first back) is
 * applied by the writers of tables whose cells add up, on top of this rule.
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

  /** Whether any of {@code counts} must be withheld. */
  public static boolean anyWithheld(int minCell, long... counts) {
    for (long c : counts) if (withheld(c, minCell)) return true;
    return false;
  }
}
