package org.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.alerts.GroupCounts;
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.evaluation.Comparisons;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.SmallCells;

/**
 * The policy under review, group by group: what goes live, judged per level of each protected attribute from the
 * simulator's per-group counters (one pass, {@link org.tollgate.alerts.Simulator}), safe to print.
 *
 * <p>Per group, at the encounter level: detected in time (sensitivity) = detected / encounters with the outcome;
 * alert PPV = timely alerts / alerts; encounters flagged = encounters with at least one alert / encounters. Each is
 * compared with the reference group's by {@link Comparisons#proportion} (Wilson, Newcombe, Katz, pooled z, Fleiss
 * power figure), and the model's AUROC per group is taken from the evaluation's comparison of the same groups
 * (unpaired DeLong, Hanley–McNeil power figure); the whole family is Holm-adjusted together ({@link Comparisons#judge}).
 * Alert PPV counts alerts: when the policy re-fires, alerts of one encounter are not independent, so alert PPV is
 * compared on each group's effective counts (its counts divided by its design effect, Rao &amp; Scott 1992,
 * doi:10.2307/2532311; {@link org.tollgate.alerts.AlertPpv}); without re-fire, the default, an encounter alerts once,
 * the design effect is 1 and the comparison is the plain one.
 *
 * <p>Small cells ({@link SmallCells}, applied here, before any writer sees a number), cell by cell: each group's
 * encounters, encounters with and without the outcome, detected and missed, flagged and not flagged, alerts, timely and
 * other alerts; a count of 1 to min cell − 1 is withheld (null), a zero is shown. Complementary withholding
 * ({@link SmallCells#withhold}) runs over every sum the cells are tied by: within a group (encounters = with + without
 * the outcome, …) and over the levels of an attribute (they add up to the policy's overall counts), so no withheld count
 * follows from what is shown. A group keeps the counts that need no withholding: a large group with five false alerts
 * loses its alert counts, not its detections. A comparison is made only on counts shown on both sides (its intervals and
 * p-value are functions of them); otherwise it is suppressed.
 *
 * <p>Reference group per attribute: among the levels with the most compared proportions shown (and a denominator above
 * zero), the level named in the evaluation's settings, else the one the evaluation compared the attribute's groups
 * with, else the level with the most encounters.
 *
 * <p>All other groups pooled: complementary withholding over a count's sum across the levels can take the reference's
 * count to cover a small group's (A 80 detected, B 0, C 5: C's 5 withholds A's 80, B's zero is never picked), and B's
 * 0 of 100 would be compared with nothing. A group that shows a metric's counts (with a denominator above zero) when the
 * reference does not is compared with every other level of its attribute added up ({@link Comparisons#pooled}); so is the
 * reference when no other level shows them. The pool is the attribute's total minus the group: when the total's cells and
 * the group's are shown it gives nothing withheld back and is printed like any reference; when a cell of the total is
 * withheld the comparison stays suppressed (its difference and p-value would give the pool back).
 *
 * @param groups every group of the judged attributes, in the simulator's level order
 * @param comparisons the Holm-adjusted family: per non-reference group, detected_in_time, alert_ppv, encounters_flagged
 *     and auroc (auroc only when the evaluation compared the group)
 */
public record PolicyByGroup(String policy, List<Group> groups, List<Disparity> comparisons) {

  /**
   * One group, each count null when withheld.
   *
   * @param reference whether this is its attribute's reference group
   * @param withheld whether any of its counts (printed or following from them) is withheld
   */
  public record Group(String attribute, String level, boolean reference, boolean withheld, Long encounters, Long outcomeEncounters,
      Long detected, Long flagged, Long alerts, Long timelyAlerts) {
    public Map<String, String> by() {
      return Map.of(attribute, level);
    }

    /** Whether the counts of {@code metric} (one of {@link #METRICS} but auroc) are shown, so the group can be compared on it. */
    public boolean shows(String metric) {
      return switch (metric) {
        case "detected_in_time" -> detected != null && outcomeEncounters != null;
        case "alert_ppv" -> timelyAlerts != null && alerts != null;
        case "encounters_flagged" -> flagged != null && encounters != null;
        default -> false;
      };
    }
  }

  /** The metrics of the family, in order. */
  /** How alert PPV comparisons are tested: on counts divided by each group's design effect ({@link org.tollgate.alerts.AlertPpv}). */
  public static final String ALERT_PPV_TEST = "two-proportion z on encounter-clustered alerts (Rao–Scott)";

  public static final List<String> METRICS = List.of("detected_in_time", "alert_ppv", "encounters_flagged", "auroc");

  /**
   * The policy under review per group of {@code attributes}; null when the policy has no group counts for any of them.
   *
   * @param evaluation the evaluation whose AUROC comparisons join the family, or null
   * @param powerLimit a non-significant comparison that cannot detect a difference this large is underpowered
   */
  public static PolicyByGroup of(PolicyReport policy, Evaluation evaluation, List<String> attributes, int minCell, double powerLimit) {
    if (policy == null) return null;
    List<Group> groups = new ArrayList<>();
    List<Comparisons.Row> rows = new ArrayList<>();
    for (String attr : attributes) {
      List<GroupCounts> levels = policy.groups().stream().filter(g -> g.attribute().equals(attr) && g.counts().encounters() > 0).toList();
      if (levels.isEmpty()) continue;
      int n = levels.size();
      boolean[] hide = withhold(levels, minCell);
      boolean[][] shown = new boolean[n][3];
      for (int i = 0; i < n; i++) {
        for (int m = 0; m < 3; m++) {
          boolean ok = true;
          for (int k : METRIC_CELLS[m]) ok &= !hide[i * CELLS + k];
          shown[i][m] = ok;
        }
      }
      int ref = reference(attr, levels, evaluation, shown);
      for (int i = 0; i < n; i++) {
        PolicyCounts c = levels.get(i).counts();
        int o = i * CELLS;
        boolean any = false;
        for (int k = 0; k < CELLS; k++) any |= hide[o + k];
        groups.add(new Group(attr, levels.get(i).level(), i == ref, any, cell(c.encounters(), hide[o + ENC]), cell(c.outcomeEncounters(), hide[o + OUT]),
            cell(c.detected(), hide[o + DET]), cell(c.flagged(), hide[o + FLAG]), cell(c.alerts(), hide[o + ALERTS]), cell(c.timely(), hide[o + TIMELY])));
      }
      Map<String, String> refBy = Map.of(attr, levels.get(ref).level());
      PolicyCounts r = levels.get(ref).counts();
      for (int i = 0; i < n; i++) {
        Map<String, String> by = Map.of(attr, levels.get(i).level());
        PolicyCounts c = levels.get(i).counts();
        if (i == ref) {
          // A reference no other group can be compared with in a metric (their counts withheld) is compared with them pooled.
          for (int m = 0; m < 3; m++) {
            boolean alone = true;
            for (int j = 0; j < n; j++) if (j != ref && shown[j][m] && denominator(levels.get(j).counts(), m) > 0) alone = false;
            if (alone && n > 1 && shown[ref][m] && denominator(c, m) > 0 && poolShown(hide, n, m)) {
              PolicyCounts pool = othersPooled(levels, i);
              if (denominator(pool, m) > 0) rows.add(compare(by, Comparisons.pooled(attr), m, c, pool));
            }
          }
          continue;
        }
        for (int m = 0; m < 3; m++) {
          // A comparison is made only on counts shown on both sides: its intervals, difference and p-value are functions of them.
          if (shown[i][m] && shown[ref][m]) {
            rows.add(compare(by, refBy, m, c, r));
            continue;
          }
          // The reference withholds them (complementary withholding can take a large group's count to cover a small one's):
          // the group is compared with all other groups pooled, when the pool (the policy's total minus the group, both
          // shown) gives nothing withheld back. Otherwise nothing is compared.
          PolicyCounts pool = shown[i][m] && denominator(c, m) > 0 && poolShown(hide, n, m) ? othersPooled(levels, i) : null;
          rows.add(pool != null && denominator(pool, m) > 0 ? compare(by, Comparisons.pooled(attr), m, c, pool)
              : Comparisons.suppressed(by, refBy, METRICS.get(m), m == 1 ? ALERT_PPV_TEST : "two-proportion z"));
        }
        Disparity auc = evaluation == null ? null : evaluation.disparities().stream()
            .filter(d -> d.metric().equals("auroc") && d.group().equals(by)).findFirst().orElse(null);
        if (auc != null) {
          rows.add(auc.status() == Disparity.Status.SUPPRESSED ? Comparisons.suppressed(by, auc.reference(), "auroc", auc.test())
              : new Comparisons.Row(by, auc.reference(), "auroc", auc.groupValue(), auc.referenceValue(), auc.difference(), auc.ratio(), auc.p(),
                  auc.test(), false, auc.minDetectableDifference()));
        }
      }
    }
    if (groups.isEmpty()) return null;
    return new PolicyByGroup(policy.policy().name(), List.copyOf(groups), Comparisons.judge(rows, minCell, powerLimit));
  }

  // The cells of one group, in order: encounters, with the outcome, without; detected, missed; flagged, not flagged; alerts,
  // timely alerts, other alerts. Missed, not flagged and other alerts are never printed but follow from the others.
  private static final int ENC = 0, OUT = 1, NOT_OUT = 2, DET = 3, MISSED = 4, FLAG = 5, NOT_FLAG = 6, ALERTS = 7, TIMELY = 8, OTHER = 9, CELLS = 10;
  /** The cells each compared proportion is made of: detected in time, alert PPV, encounters flagged. */
  private static final int[][] METRIC_CELLS = {{OUT, DET, MISSED}, {ALERTS, TIMELY, OTHER}, {ENC, FLAG, NOT_FLAG}};

  /**
   * Which cells of an attribute's levels are withheld ({@link SmallCells#withhold}), cell by cell: each group's sums
   * (encounters = with + without the outcome; with the outcome = detected + missed; encounters = flagged + not flagged;
   * alerts = timely + other) and each cell's sum over the levels (the policy's overall count, shown elsewhere). A group
   * keeps every count that needs no withholding: one small cell (five false alerts in 5,000 encounters) withholds that
   * cell and what would give it back, not the group.
   *
   * @return for level i and cell k, {@code hide[i * CELLS + k]}; the attribute's totals follow the levels (i = n)
   */
  static boolean[] withhold(List<GroupCounts> levels, int minCell) {
    int n = levels.size();
    long[][] cells = new long[n][];
    int[] family = new int[n + 1];
    family[0] = -1;
    for (int i = 0; i < n; i++) {
      PolicyCounts c = levels.get(i).counts();
      cells[i] = new long[] {c.encounters(), c.outcomeEncounters(), c.encounters() - c.outcomeEncounters(), c.detected(), c.outcomeEncounters() - c.detected(),
          c.flagged(), c.encounters() - c.flagged(), c.alerts(), c.timely(), c.alerts() - c.timely()};
      family[i + 1] = i;
    }
    boolean[][] h = SmallCells.withholdGroups(cells, WITHIN, List.of(family), minCell);
    boolean[] hide = new boolean[(n + 1) * CELLS];
    for (int i = 0; i <= n; i++) System.arraycopy(h[i], 0, hide, i * CELLS, CELLS);
    return hide;
  }

  /** The sums inside a group: encounters = with + without the outcome; with the outcome = detected + missed; encounters = flagged + not; alerts = timely + other. */
  private static final int[][] WITHIN = {{ENC, OUT, NOT_OUT}, {OUT, DET, MISSED}, {ENC, FLAG, NOT_FLAG}, {ALERTS, TIMELY, OTHER}};


  /** Group {@code c} against {@code r} (a level, or the other levels pooled) on metric {@code m} of {@link #METRICS}. */
  private static Comparisons.Row compare(Map<String, String> by, Map<String, String> refBy, int m, PolicyCounts c, PolicyCounts r) {
    return switch (m) {
      case 0 -> Comparisons.proportion(by, refBy, "detected_in_time", c.detected(), c.outcomeEncounters(), r.detected(), r.outcomeEncounters());
      case 1 -> {
        // Alerts cluster in encounters (re-fires): the comparison is on the Rao–Scott effective counts (AlertPpv).
        double[] ec = org.tollgate.alerts.AlertPpv.effective(c);
        double[] er = org.tollgate.alerts.AlertPpv.effective(r);
        yield Comparisons.proportion(by, refBy, "alert_ppv", ec[0], ec[1], er[0], er[1], ALERT_PPV_TEST);
      }
      default -> Comparisons.proportion(by, refBy, "encounters_flagged", c.flagged(), c.encounters(), r.flagged(), r.encounters());
    };
  }

  /** What metric {@code m} divides by: encounters with the outcome, alerts, encounters. */
  private static long denominator(PolicyCounts c, int m) {
    return m == 0 ? c.outcomeEncounters() : m == 1 ? c.alerts() : c.encounters();
  }

  /**
   * Whether the others pooled may be printed beside a group whose counts of metric {@code m} are shown: the pool is the
   * attribute's total minus the group, so it gives nothing withheld back when the total's cells are shown too.
   */
  private static boolean poolShown(boolean[] hide, int n, int m) {
    for (int k : METRIC_CELLS[m]) if (hide[n * CELLS + k]) return false;
    return true;
  }

  /** Every level of the attribute but {@code i}, added up. */
  private static PolicyCounts othersPooled(List<GroupCounts> levels, int i) {
    PolicyCounts pool = null;
    for (int j = 0; j < levels.size(); j++) if (j != i) pool = pool == null ? levels.get(j).counts() : pool.merge(levels.get(j).counts());
    return pool;
  }

  private static Long cell(long count, boolean hidden) {
    return hidden ? null : count;
  }

  /**
   * The attribute's reference: among the levels with the most compared proportions shown (counts not withheld, a
   * denominator above zero), the level named in the evaluation's settings, else the one the evaluation compared the
   * attribute's groups with, else the one with the most encounters. A reference whose counts are withheld could judge nothing.
   */
  private static int reference(String attr, List<GroupCounts> levels, Evaluation e, boolean[][] shown) {
    String named = e == null ? null : e.settings().reference().get(attr);
    if (named == null && e != null) {
      named = e.disparities().stream().filter(d -> d.attributes().equals(List.of(attr))).map(d -> d.reference().get(attr)).findFirst().orElse(null);
    }
    int best = -1;
    int bestScore = -1;
    for (int i = 0; i < levels.size(); i++) {
      PolicyCounts c = levels.get(i).counts();
      long[] denominators = {c.outcomeEncounters(), c.alerts(), c.encounters()};
      int score = 0;
      for (int m = 0; m < 3; m++) if (shown[i][m] && denominators[m] > 0) score++;
      boolean isNamed = levels.get(i).level().equals(named);
      if (best < 0 || score > bestScore
          || score == bestScore && !levels.get(best).level().equals(named)
              && (isNamed || c.encounters() > levels.get(best).counts().encounters())) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /** The groups with a count withheld by the small-cell rule, as "attribute level". */
  public List<String> withheldGroups() {
    return groups.stream().filter(Group::withheld).map(g -> g.attribute() + " " + g.level()).toList();
  }

  /** Group label → group, for writers. */
  public Map<String, Group> byLabel() {
    Map<String, Group> m = new LinkedHashMap<>();
    for (Group g : groups) m.put(g.attribute() + " " + g.level(), g);
    return m;
  }
}
