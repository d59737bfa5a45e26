package org.tollgate.drill;

import java.util.List;

/**
 * What the drill found.
 *
 * @param outagesReplayed outage windows that overlap the score stream's period (only these count as replayed)
 * @param downtimeHours total hours of those windows (overlaps between systems counted once)
 * @param longestOutageHours the longest single window
 * @param encounterHoursWithoutTool Σ over encounters of hours of their stay (first to last score) inside downtime: how long staff worked without the tool
 * @param baselineDetected encounters detected with no outage
 * @param drillDetected encounters detected with the outages replayed
 * @param missedCare outcome encounters detected without outages but not with them: their only timely alert fell in an outage
 * @param normalHourlyRate alerts per hour outside outages and their recovery windows
 * @param storms per outage: alerts delivered in the window after recovery and the storm factor
 * @param maxStormFactor the largest storm factor (NaN when no alert outside outages gives a normal rate)
 * @param checklist the paper checklist, or null when the review has no paper rule (no features table)
 * @param paper the paper rule in force during the outages: of the missed-care encounters, how many it catches; null without one
 */
public record DrillResult(
    List<OutageWindow> outagesReplayed,
    double downtimeHours,
    double longestOutageHours,
    double encounterHoursWithoutTool,
    long baselineDetected,
    long drillDetected,
    long missedCare,
    long baselineAlerts,
    long drillAlerts,
    double normalHourlyRate,
    List<Storm> storms,
    double maxStormFactor,
    PaperChecklist checklist,
    DrillSettings settings,
    Item5 item5,
    org.tollgate.fallback.Replication.Outage paper) {

  /** Without a paper rule in force. */
  public DrillResult(List<OutageWindow> outagesReplayed, double downtimeHours, double longestOutageHours, double encounterHoursWithoutTool,
      long baselineDetected, long drillDetected, long missedCare, long baselineAlerts, long drillAlerts, double normalHourlyRate,
      List<Storm> storms, double maxStormFactor, PaperChecklist checklist, DrillSettings settings, Item5 item5) {
    this(outagesReplayed, downtimeHours, longestOutageHours, encounterHoursWithoutTool, baselineDetected, drillDetected, missedCare, baselineAlerts,
        drillAlerts, normalHourlyRate, storms, maxStormFactor, checklist, settings, item5, null);
  }

  /** Missed care with the paper procedure in force, or −1 without one. */
  public long missedCareWithPaper() {
    return paper == null ? -1 : paper.missedWith();
  }

  /**
   * The burst after one outage: alerts in the window after recovery, the factor over the normal rate,
   * the Poisson tail probability of that many or more, and whether it is a storm (factor above the limit
   * and p &lt; 0.05).
   */
  public record Storm(OutageWindow outage, long alertsAfterRecovery, double factor, double p, boolean storm) {}

  /** Launch checklist item 5 from the drill: pass, fail or missing, with a one-line reason. */
  public record Item5(Status status, String reason) {
    /** The item's outcome from the drill. */
    public enum Status {
      PASS,
      FAIL,
      MISSING;

      public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }
}
