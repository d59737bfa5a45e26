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
 * Pareto front of detected encounters ↑ against false-alert minutes per day ↓, and the best point
 * under a budget and its clinical floors.
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

  /**
   * A budget and the clinical floors a suggested policy must respect (null = no limit).
   *
   * @param minSensitivity floor on detected-in-time sensitivity (encounter level)
   * @param minAlertPpv floor on alert PPV (timely alerts / alerts)
   */
  public record Budget(Double maxFalseAlertCostPerMonth, Double maxAlertsPerStaffPerShift, Double minSensitivity, Double minAlertPpv) {
    /** A budget without sensitivity or PPV floors. */
    public Budget(Double maxFalseAlertCostPerMonth, Double maxAlertsPerStaffPerShift) {
      this(maxFalseAlertCostPerMonth, maxAlertsPerStaffPerShift, null, null);
    }

    /**
     * Whether {@code r} respects every limit and floor (an undefined figure, NaN, never does). The alerts per staff
     * member per shift are counted as interruptions: a digest's batch is one ({@link PolicyReport#interruptionsPerStaffPerShift()}).
     */
    public boolean admits(PolicyReport r) {
      if (maxFalseAlertCostPerMonth != null && !(r.falseAlertCostPerMonth() <= maxFalseAlertCostPerMonth)) return false;
      if (maxAlertsPerStaffPerShift != null && !(interruptions(r) <= maxAlertsPerStaffPerShift)) return false;
      if (minSensitivity != null && !(r.sensitivity() >= minSensitivity)) return false;
      return minAlertPpv == null || r.alertPpv() >= minAlertPpv;
    }
  }

  /** Alerts per staff member per shift, a digest's batch counted once (NaN without staffing). */
  public static double interruptions(PolicyReport r) {
    return Double.isNaN(r.interruptionsPerStaffPerShift()) ? r.alertsPerStaffPerShift() : r.interruptionsPerStaffPerShift();
  }

  /** The search result. */
  public record Result(List<PolicyReport> all, List<PolicyReport> pareto, PolicyReport best, Budget budget) {}

  private PolicySearch() {}

  /**
   * Simulates every grid point. Without a workflow profile nothing is priced, so there is no budget to be within: the
   * result then has no budget and no best point (whatever {@code budget} says), only the points and their front.
   */
  public static Result run(ScoreTable scores, EventTable events, Outcome outcome, Grid grid, Workflow workflow, Budget budget) {
    List<AlertPolicy> policies = grid.policies();
    Simulator.Run run = Simulator.run(scores, events, outcome, policies, List.of());
    List<PolicyReport> all = PolicyReport.all(run, workflow);
    Budget b = workflow == null ? null : budget;
    return new Result(all, pareto(all), b == null ? null : best(all, b), b);
  }

  /**
   * The points no other point dominates on the two objectives a person can read: detections in time (more
   * is better) against false-alert staff minutes per day (fewer is better). q dominates p when q detects at
   * least as many encounters at no more false-alert minutes, and is strictly better in one of the two. Lead
   * time is reported beside each point, not a third dimension (with three, most of a grid is on the front).
   * Points with equal detections and minutes are all kept. Sorted by false-alert minutes, then name.
   *
   * <p>The minutes are compared as false alerts: every point of one search shares the days and the minutes per
   * alert, so minutes = false alerts / days × minutes per alert orders the points as their false alerts do, and the
   * front is defined without a workflow profile too (counts only).
   */
  public static List<PolicyReport> pareto(List<PolicyReport> all) {
    List<PolicyReport> front = new ArrayList<>();
    for (PolicyReport p : all) {
      boolean dominated = false;
      for (PolicyReport q : all) {
        if (q == p) continue;
        long pd = p.counts().detected();
        long qd = q.counts().detected();
        long pm = p.counts().falseAlerts();
        long qm = q.counts().falseAlerts();
        if (qd >= pd && qm <= pm && (qd > pd || qm < pm)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) front.add(p);
    }
    front.sort(Comparator.comparingLong((PolicyReport r) -> r.counts().falseAlerts()).thenComparing(r -> r.policy().name()));
    return front;
  }

  /**
   * Within the budget and its floors ({@link Budget#admits}): most detected encounters, then longest median
   * lead, then lowest false-alert cost, then name (for a stable answer). Null when nothing fits.
   */
  public static PolicyReport best(List<PolicyReport> all, Budget b) {
    PolicyReport best = null;
    for (PolicyReport r : all) {
      if (b != null && !b.admits(r)) continue;
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
