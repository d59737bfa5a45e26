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
    return c;
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
