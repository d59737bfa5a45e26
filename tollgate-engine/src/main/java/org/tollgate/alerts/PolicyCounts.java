package org.tollgate.alerts;

import java.util.Arrays;

/**
 * The mergeable counters of one policy over a set of encounters: alert counts by kind, encounter
 * counts (all, with the outcome, detected in time, flagged by at least one alert), and the lead times of detected encounters (kept exactly: one long per detected encounter,
 * a few thousand even for a year of a large system). {@link #merge} of disjoint encounter sets equals
 * counting their union.
 */
public final class PolicyCounts {
  long alerts;
  long timely;
  long late;
  long falseAlerts;
  long encounters;
  long outcomeEncounters;
  long detected;
  long flagged;
  /**
   * Per-encounter sums for a cluster-aware alert PPV ({@link AlertPpv}): Σ aᵢ², Σ tᵢ², Σ tᵢ·aᵢ over encounters, aᵢ the
   * encounter's alerts and tᵢ its timely ones; −1 when unknown (counters read from a summary made without them).
   */
  long sumAlertsSq;
  long sumTimelySq;
  long sumTimelyAlerts;
  long[] leadSeconds = new long[8];
  int leads;

  /**
   * Counters made elsewhere (another process, a Spark partition): the values {@link #merge} and the
   * getters work with. {@code leadSeconds} holds one lead time per detected encounter (copied).
   *
   * @param flagged encounters with at least one alert (detected ≤ flagged ≤ min(encounters, alerts))
   */
  public static PolicyCounts of(long alerts, long timely, long late, long falseAlerts, long encounters, long outcomeEncounters,
      long detected, long flagged, long[] leadSeconds) {
    if (alerts != timely + late + falseAlerts || alerts < 0 || timely < 0 || late < 0 || falseAlerts < 0) {
      throw new IllegalArgumentException("alerts must be timely + late + false, each >= 0: " + alerts + " vs " + timely + " + " + late + " + " + falseAlerts);
    }
    if (detected != leadSeconds.length || detected > outcomeEncounters || outcomeEncounters > encounters || encounters < 0) {
      throw new IllegalArgumentException("need one lead time per detected encounter and detected <= outcome encounters <= encounters");
    }
    if (flagged < detected || flagged > encounters || flagged > alerts) {
      throw new IllegalArgumentException("flagged encounters must be >= detected and <= encounters and <= alerts: " + flagged);
    }
    PolicyCounts c = new PolicyCounts();
    c.alerts = alerts;
    c.timely = timely;
    c.late = late;
    c.falseAlerts = falseAlerts;
    c.encounters = encounters;
    c.outcomeEncounters = outcomeEncounters;
    c.detected = detected;
    c.flagged = flagged;
    c.leadSeconds = leadSeconds.clone();
    c.leads = leadSeconds.length;
    c.sumAlertsSq = -1;
    c.sumTimelySq = -1;
    c.sumTimelyAlerts = -1;
    return c;
  }

  /**
   * As {@link #of(long, long, long, long, long, long, long, long, long[])}, with the per-encounter sums Σ aᵢ², Σ tᵢ², Σ tᵢ·aᵢ
   * that make alert PPV's interval cluster-aware ({@link AlertPpv}).
   */
  public static PolicyCounts of(long alerts, long timely, long late, long falseAlerts, long encounters, long outcomeEncounters,
      long detected, long flagged, long[] leadSeconds, long sumAlertsSq, long sumTimelySq, long sumTimelyAlerts) {
    PolicyCounts c = of(alerts, timely, late, falseAlerts, encounters, outcomeEncounters, detected, flagged, leadSeconds);
    if (sumAlertsSq < alerts || sumTimelySq < timely || sumTimelyAlerts < timely) {
      throw new IllegalArgumentException("per-encounter sums of squares cannot be below the counts: " + sumAlertsSq + ", " + sumTimelySq + ", " + sumTimelyAlerts);
    }
    c.sumAlertsSq = sumAlertsSq;
    c.sumTimelySq = sumTimelySq;
    c.sumTimelyAlerts = sumTimelyAlerts;
    return c;
  }

  /** Adds one encounter's alerts and timely alerts to the per-encounter sums. */
  void encounterAlerts(long alerts, long timely) {
    sumAlertsSq += alerts * alerts;
    sumTimelySq += timely * timely;
    sumTimelyAlerts += timely * alerts;
  }

  /** Whether the per-encounter sums are known (counted here, not read from a summary made without them). */
  public boolean hasEncounterSums() {
    return sumAlertsSq >= 0;
  }

  /** Σ over encounters of (alerts)²; −1 when unknown. */
  public long sumAlertsSquared() {
    return sumAlertsSq;
  }

  /** Σ over encounters of (timely alerts)²; −1 when unknown. */
  public long sumTimelySquared() {
    return sumTimelySq;
  }

  /** Σ over encounters of timely alerts × alerts; −1 when unknown. */
  public long sumTimelyTimesAlerts() {
    return sumTimelyAlerts;
  }

  /** Lead times in seconds of the detected encounters, in no particular order (a copy). */
  public long[] leadSeconds() {
    return Arrays.copyOf(leadSeconds, leads);
  }

  void lead(long seconds) {
    if (leads == leadSeconds.length) leadSeconds = Arrays.copyOf(leadSeconds, leads * 2);
    leadSeconds[leads++] = seconds;
  }

  public PolicyCounts merge(PolicyCounts o) {
    PolicyCounts r = new PolicyCounts();
    r.alerts = alerts + o.alerts;
    r.timely = timely + o.timely;
    r.late = late + o.late;
    r.falseAlerts = falseAlerts + o.falseAlerts;
    r.encounters = encounters + o.encounters;
    r.outcomeEncounters = outcomeEncounters + o.outcomeEncounters;
    r.detected = detected + o.detected;
    r.flagged = flagged + o.flagged;
    boolean sums = hasEncounterSums() && o.hasEncounterSums();
    r.sumAlertsSq = sums ? sumAlertsSq + o.sumAlertsSq : -1;
    r.sumTimelySq = sums ? sumTimelySq + o.sumTimelySq : -1;
    r.sumTimelyAlerts = sums ? sumTimelyAlerts + o.sumTimelyAlerts : -1;
    r.leadSeconds = Arrays.copyOf(leadSeconds, leads + o.leads);
    System.arraycopy(o.leadSeconds, 0, r.leadSeconds, leads, o.leads);
    r.leads = leads + o.leads;
    return r;
  }

  void addInto(PolicyCounts target) {
    PolicyCounts m = target.merge(this);
    target.alerts = m.alerts;
    target.timely = m.timely;
    target.late = m.late;
    target.falseAlerts = m.falseAlerts;
    target.encounters = m.encounters;
    target.outcomeEncounters = m.outcomeEncounters;
    target.detected = m.detected;
    target.flagged = m.flagged;
    target.sumAlertsSq = m.sumAlertsSq;
    target.sumTimelySq = m.sumTimelySq;
    target.sumTimelyAlerts = m.sumTimelyAlerts;
    target.leadSeconds = m.leadSeconds;
    target.leads = m.leads;
  }

  public long alerts() {
    return alerts;
  }

  public long timely() {
    return timely;
  }

  public long late() {
    return late;
  }

  public long falseAlerts() {
    return falseAlerts;
  }

  public long encounters() {
    return encounters;
  }

  public long outcomeEncounters() {
    return outcomeEncounters;
  }

  public long detected() {
    return detected;
  }

  /** Encounters with at least one alert (the policy's flag rate is flagged / encounters). */
  public long flagged() {
    return flagged;
  }

  /** Lead times in minutes of the detected encounters, ascending. */
  public double[] leadMinutes() {
    double[] m = new double[leads];
    for (int i = 0; i < leads; i++) m[i] = leadSeconds[i] / 60.0;
    Arrays.sort(m);
    return m;
  }
}
