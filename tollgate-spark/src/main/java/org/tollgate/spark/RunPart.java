package org.tollgate.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.PolicyCounts;
import org.tollgate.alerts.Simulator;

/**
 * The alert simulation's counters from some of the encounters, in plain arrays so Spark can ship them:
 * per slot (0 = all encounters, then every level of every {@code --by} attribute in order) and policy,
 * the eight counters of {@link PolicyCounts}, its three per-encounter sums Σaᵢ², Σtᵢ², Σtᵢaᵢ (alerts aᵢ and timely
 * alerts tᵢ of encounter i; they make alert PPV's interval cluster-aware, {@link org.tollgate.alerts.AlertPpv}) and the
 * lead times of the detected encounters. The sums add across parts because each part's encounters are whole: the job
 * hands the engine whole encounters only ({@link SimulateJob}), so every aᵢ and tᵢ is squared once, complete. Lead times
 * are kept exactly (one long per detected encounter), so merged quantiles equal the in-process ones
 * exactly; no sketch is needed at that size (a year of a 20,000-bed system detects some 10^5 encounters
 * per policy, under a megabyte).
 */
final class RunPart implements Serializable {
  private static final long serialVersionUID = 3L;
  /** The eight counters, then Σaᵢ², Σtᵢ², Σtᵢaᵢ. */
  private static final int COUNTERS = 11;

  final long[][] counters;
  final long[][][] leads;
  double patientDays;
  long rows;
  long duplicates;
  long eventRows;

  RunPart(int slots, int policies) {
    counters = new long[slots][policies * COUNTERS];
    leads = new long[slots][policies][0];
  }

  /** Adds the rows a partition scan read (see {@link PartitionScan}). */
  static void count(RunPart p, long rows, long duplicates, long eventRows) {
    p.rows += rows;
    p.duplicates += duplicates;
    p.eventRows += eventRows;
  }

  /** Adds one {@link Simulator#run} over a batch of encounters. */
  void add(Simulator.Run r) {
    int slot = 0;
    addSlot(slot++, r.overall());
    for (List<Map.Entry<String, PolicyCounts[]>> levels : r.byStratum().values()) {
      for (Map.Entry<String, PolicyCounts[]> level : levels) addSlot(slot++, level.getValue());
    }
    patientDays += r.patientDays();
  }

  private void addSlot(int slot, PolicyCounts[] pcs) {
    for (int p = 0; p < pcs.length; p++) {
      PolicyCounts c = pcs[p];
      if (!c.hasEncounterSums()) throw new IllegalStateException("the simulator's counters lack the per-encounter sums");
      long[] v = {c.alerts(), c.timely(), c.late(), c.falseAlerts(), c.encounters(), c.outcomeEncounters(), c.detected(), c.flagged(),
          c.sumAlertsSquared(), c.sumTimelySquared(), c.sumTimelyTimesAlerts()};
      for (int k = 0; k < COUNTERS; k++) counters[slot][p * COUNTERS + k] += v[k];
      leads[slot][p] = concat(leads[slot][p], c.leadSeconds());
    }
  }

  RunPart merge(RunPart o) {
    RunPart r = new RunPart(counters.length, leads.length == 0 ? 0 : leads[0].length);
    for (int s = 0; s < counters.length; s++) {
      for (int k = 0; k < counters[s].length; k++) r.counters[s][k] = counters[s][k] + o.counters[s][k];
      for (int p = 0; p < leads[s].length; p++) r.leads[s][p] = concat(leads[s][p], o.leads[s][p]);
    }
    r.patientDays = patientDays + o.patientDays;
    r.rows = rows + o.rows;
    r.duplicates = duplicates + o.duplicates;
    r.eventRows = eventRows + o.eventRows;
    return r;
  }

  private PolicyCounts[] slot(int s, int policies) {
    PolicyCounts[] out = new PolicyCounts[policies];
    for (int p = 0; p < policies; p++) {
      long[] c = counters[s];
      int b = p * COUNTERS;
      out[p] = PolicyCounts.of(c[b], c[b + 1], c[b + 2], c[b + 3], c[b + 4], c[b + 5], c[b + 6], c[b + 7], leads[s][p], c[b + 8], c[b + 9],
          c[b + 10]);
    }
    return out;
  }

  /** The run these counters make, as {@link Simulator#run} returns it for all the encounters at once. */
  Simulator.Run toRun(List<AlertPolicy> policies, List<String> by, String[][] levels, double days) {
    int np = policies.size();
    Map<String, List<Map.Entry<String, PolicyCounts[]>>> strata = new LinkedHashMap<>();
    int s = 1;
    for (int a = 0; a < by.size(); a++) {
      List<Map.Entry<String, PolicyCounts[]>> l = new ArrayList<>();
      for (String level : levels[a]) l.add(Map.entry(level, slot(s++, np)));
      strata.put(by.get(a), l);
    }
    return new Simulator.Run(List.copyOf(policies), slot(0, np), strata, days, patientDays);
  }

  private static long[] concat(long[] a, long[] b) {
    if (b.length == 0) return a;
    long[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
