package org.tollgate.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

/**
 * Explores a grid of policies (thresholds × persistence × confirm on/off × re-fire × digest) in one
 * replay: every grid point is simulated in the same pass, and points that share threshold,
 * persistence and confirm share the candidate scan ({@link Simulator}). Returns every point, the
 * Pareto front of (detected encounters ↑, median lead time ↑) against (false-alert minutes per day ↓),
 * and the best point under a budget.
 */
public final class PolicySearch {

  /**
   * The grid. {@code confirm} is the second signal toggled on/off (null: off only); null entries in
   * {@code refireMinutes} / {@code digestMinutes} mean "unset".
   */
  public record Grid(List<Double> thresholds, List<Integer> persistence, AlertPolicy.Confirm confirm, List<String> suppressDuring,
      List<Integer> refireMinutes, List<Integer> digestMinutes, Integer maxAlertsPerEncounter) {
    public Grid {
      if (thresholds.isEmpty()) throw new IllegalArgumentException("search grid needs at least one threshold");
      persistence = persistence.isEmpty() ? List.of(1) : List.copyOf(persistence);
      suppressDuring = suppressDuring == null ? List.of() : List.copyOf(suppressDuring);
      refireMinutes = refireMinutes.isEmpty() ? java.util.Collections.singletonList(null) : java.util.Collections.unmodifiableList(new ArrayList<>(refireMinutes));
      digestMinutes = digestMinutes.isEmpty() ? java.util.Collections.singletonList(null) : java.util.Collections.unmodifiableList(new ArrayList<>(digestMinutes));
      thresholds = List.copyOf(thresholds);
    }

    /** Every policy of the grid, named by its settings. */
    public List<AlertPolicy> policies() {
      List<AlertPolicy> out = new ArrayList<>();
      List<AlertPolicy.Confirm> confirms = new ArrayList<>();
      confirms.add(null);
      if (confirm != null) confirms.add(confirm);
      for (double t : thresholds) {
        for (int k : persistence) {
          for (AlertPolicy.Confirm c : confirms) {
            for (Integer rf : refireMinutes) {
              for (Integer dg : digestMinutes) {
                String name = String.format(Locale.ROOT, "t%.2f-k%d%s%s%s", t, k, c == null ? "" : "-confirm",
                    rf == null ? "-once" : "-refire" + rf, dg == null ? "" : "-digest" + dg);
                out.add(new AlertPolicy(name, t, k, c, suppressDuring, rf, maxAlertsPerEncounter, dg));
              }
            }
          }
        }
      }
      return out;
    }
  }

  /** A budget: limits a chosen policy must respect (null = no limit). */
  public record Budget(Double maxFalseAlertCostPerMonth, Double maxAlertsPerStaffPerShift) {}

  /** The search result. */
  public record Result(List<PolicyReport> all, List<PolicyReport> pareto, PolicyReport best, Budget budget) {}

  private PolicySearch() {}

  public static Result run(ScoreTable scores, EventTable events, Outcome outcome, Grid grid, Workflow workflow, Budget budget) {
    List<AlertPolicy> policies = grid.policies();
    Simulator.Run run = Simulator.run(scores, events, outcome, policies, List.of());
    List<PolicyReport> all = PolicyReport.all(run, workflow);
    return new Result(all, pareto(all), best(all, budget), budget);
  }

  /**
   * The points no other point dominates: q dominates p when q detects at least as many encounters,
   * with at least the median lead time (NaN counts as 0), at no more false-alert minutes per day,
   * and is strictly better in one of the three. Sorted by false-alert minutes.
   */
  public static List<PolicyReport> pareto(List<PolicyReport> all) {
    List<PolicyReport> front = new ArrayList<>();
    for (PolicyReport p : all) {
      boolean dominated = false;
      for (PolicyReport q : all) {
        if (q == p) continue;
        double pl = lead(p);
        double ql = lead(q);
        long pd = p.counts().detected();
        long qd = q.counts().detected();
        double pm = p.falseAlertMinutesPerDay();
        double qm = q.falseAlertMinutesPerDay();
        if (qd >= pd && ql >= pl && qm <= pm && (qd > pd || ql > pl || qm < pm)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) front.add(p);
    }
    front.sort(Comparator.comparingDouble(PolicyReport::falseAlertMinutesPerDay).thenComparing(r -> r.policy().name()));
    return front;
  }

  /**
   * Within the budget: most detected encounters, then longest median lead, then lowest false-alert
   * cost, then name (for a stable answer). Null when nothing fits.
   */
  public static PolicyReport best(List<PolicyReport> all, Budget b) {
    PolicyReport best = null;
    for (PolicyReport r : all) {
      if (b != null && b.maxFalseAlertCostPerMonth() != null && !(r.falseAlertCostPerMonth() <= b.maxFalseAlertCostPerMonth())) continue;
      if (b != null && b.maxAlertsPerStaffPerShift() != null && !(r.alertsPerStaffPerShift() <= b.maxAlertsPerStaffPerShift())) continue;
      if (best == null || better(r, best)) best = r;
    }
    return best;
  }

  private static boolean better(PolicyReport a, PolicyReport b) {
    if (a.counts().detected() != b.counts().detected()) return a.counts().detected() > b.counts().detected();
    if (lead(a) != lead(b)) return lead(a) > lead(b);
    if (a.falseAlertCostPerMonth() != b.falseAlertCostPerMonth()) return a.falseAlertCostPerMonth() < b.falseAlertCostPerMonth();
    return a.policy().name().compareTo(b.policy().name()) < 0;
  }

  private static double lead(PolicyReport r) {
    return Double.isNaN(r.leadMedian()) ? 0 : r.leadMedian();
  }
}
