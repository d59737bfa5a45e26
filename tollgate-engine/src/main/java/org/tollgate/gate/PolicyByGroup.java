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
 * <p>Small cells ({@link SmallCells}, applied here, before any writer sees a number): a group is withheld when any of
 * its encounters, encounters with and without the outcome, detected and missed, flagged and not flagged, alerts, timely
 * and other alerts is a count of 1 to min cell − 1; then every count of it is null and every comparison it takes part
 * in (as group or as reference) is suppressed. The levels of an attribute add up to the policy's overall counts, so a
 * lone withheld level withholds the smallest other level too ({@link SmallCells#complement}).
 *
 * <p>Reference group per attribute: the level named in the evaluation's settings, else the one the evaluation
 * compared the attribute's groups with, else the level with the most encounters.
 *
 * @param groups every group of the judged attributes, in the simulator's level order
 * @param comparisons the Holm-adjusted family: per non-reference group, detected_in_time, alert_ppv, encounters_flagged
 *     and auroc (auroc only when the evaluation compared the group)
 */
public record PolicyByGroup(String policy, List<Group> groups, List<Disparity> comparisons) {

  /**
   * One group, its counts null when withheld.
   *
   * @param reference whether this is its attribute's reference group
   */
  public record Group(String attribute, String level, boolean reference, boolean withheld, Long encounters, Long outcomeEncounters,
      Long detected, Long flagged, Long alerts, Long timelyAlerts) {
    public Map<String, String> by() {
      return Map.of(attribute, level);
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
      boolean[] withheld = new boolean[n];
      long[] size = new long[n];
      for (int i = 0; i < n; i++) {
        PolicyCounts c = levels.get(i).counts();
        size[i] = c.encounters();
        withheld[i] = SmallCells.anyWithheld(minCell, c.encounters(), c.outcomeEncounters(), c.encounters() - c.outcomeEncounters(), c.detected(),
            c.outcomeEncounters() - c.detected(), c.flagged(), c.encounters() - c.flagged(), c.alerts(), c.timely(), c.alerts() - c.timely());
      }
      SmallCells.complement(withheld, size);
      int ref = reference(attr, levels, evaluation);
      for (int i = 0; i < n; i++) {
        PolicyCounts c = levels.get(i).counts();
        groups.add(withheld[i]
            ? new Group(attr, levels.get(i).level(), i == ref, true, null, null, null, null, null, null)
            : new Group(attr, levels.get(i).level(), i == ref, false, c.encounters(), c.outcomeEncounters(), c.detected(), c.flagged(), c.alerts(), c.timely()));
      }
      Map<String, String> refBy = Map.of(attr, levels.get(ref).level());
      PolicyCounts r = levels.get(ref).counts();
      for (int i = 0; i < n; i++) {
        if (i == ref) continue;
        Map<String, String> by = Map.of(attr, levels.get(i).level());
        PolicyCounts c = levels.get(i).counts();
        if (withheld[i] || withheld[ref]) {
          for (String m : METRICS.subList(0, 3)) rows.add(Comparisons.suppressed(by, refBy, m, "two-proportion z"));
        } else {
          rows.add(Comparisons.proportion(by, refBy, "detected_in_time", c.detected(), c.outcomeEncounters(), r.detected(), r.outcomeEncounters()));
          // Alerts cluster in encounters (re-fires): the comparison is on the Rao–Scott effective counts (AlertPpv).
          double[] ec = org.tollgate.alerts.AlertPpv.effective(c);
          double[] er = org.tollgate.alerts.AlertPpv.effective(r);
          rows.add(Comparisons.proportion(by, refBy, "alert_ppv", ec[0], ec[1], er[0], er[1], ALERT_PPV_TEST));
          rows.add(Comparisons.proportion(by, refBy, "encounters_flagged", c.flagged(), c.encounters(), r.flagged(), r.encounters()));
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

  private static int reference(String attr, List<GroupCounts> levels, Evaluation e) {
    String named = e == null ? null : e.settings().reference().get(attr);
    if (named == null && e != null) {
      named = e.disparities().stream().filter(d -> d.attributes().equals(List.of(attr))).map(d -> d.reference().get(attr)).findFirst().orElse(null);
    }
    int best = 0;
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).level().equals(named)) return i;
      if (levels.get(i).counts().encounters() > levels.get(best).counts().encounters()) best = i;
    }
    return best;
  }

  /** The groups withheld by the small-cell rule, as "attribute level". */
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
