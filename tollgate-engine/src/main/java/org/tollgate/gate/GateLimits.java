package org.tollgate.gate;

/**
 * The gate's limits, with the essay's defaults, and the clinical floors every suggested policy must meet.
 *
 * @param falseAlertCostPerMonth item 2: false-alert labor cost above this fails (default $5,000)
 * @param minCell small cells below this are withheld (default 11)
 * @param stormFactor item 5: alert-storm factor limit (default 3)
 * @param disparity an absolute subgroup difference above this with adjusted p &lt; 0.05 fails (default 0.10)
 * @param proxyAuroc a model input predicting a protected attribute with one-vs-rest AUROC above this is a proxy (default 0.70)
 * @param proxyCramersV or with Cramér's V above this (default 0.30)
 * @param rpn an unmitigated risk with RPN above this fails (default 200)
 * @param severity an unmitigated risk with severity at or above this fails (default 9)
 * @param minPeerTrained item 7: at least this many frontline staff trained by peers (default 1)
 * @param minSensitivityShare floor: a suggested policy detects in time at least this share of what the policy under review
 *     detects (default 0.8: a fix may give up at most a fifth of the detections)
 * @param minSensitivity floor: and never less than this detected-in-time sensitivity (default 0.3: below it the alert
 *     misses more than two cases in three, which no clinician would call an early warning)
 * @param maxAlertsPerStaffPerShift floor: at most this many alerts per staff member per shift (default 6: one every two hours
 *     of a 12-hour shift)
 * @param minAlertPpv floor: at least this alert PPV (default 0.10: at most ten alerts worked up per timely detection)
 * @param minFallbackReplication item 3: the paper rule must keep at least this share of the policy's timely
 *     detections (default {@value #DEFAULT_MIN_FALLBACK_REPLICATION})
 */
public record GateLimits(double falseAlertCostPerMonth, int minCell, double stormFactor, double disparity, double proxyAuroc,
    double proxyCramersV, int rpn, int severity, int minPeerTrained, double minSensitivityShare, double minSensitivity,
    double maxAlertsPerStaffPerShift, double minAlertPpv, double minFallbackReplication) {

  public static final double MIN_SENSITIVITY_SHARE = 0.8;
  public static final double MIN_SENSITIVITY = 0.3;
  public static final double MAX_ALERTS_PER_STAFF_PER_SHIFT = 6;
  public static final double MIN_ALERT_PPV = 0.10;
  public static final double DEFAULT_MIN_FALLBACK_REPLICATION = 0.8;

  /** Every setting within {@link GateSetting}'s bounds (review.yaml's reader names the line of one that is not). */
  public GateLimits {
    GateSetting.FALSE_ALERT_COST_PER_MONTH.require(falseAlertCostPerMonth);
    GateSetting.MIN_CELL.require(minCell);
    GateSetting.STORM_FACTOR.require(stormFactor);
    GateSetting.DISPARITY.require(disparity);
    GateSetting.PROXY_AUROC.require(proxyAuroc);
    GateSetting.PROXY_CRAMERS_V.require(proxyCramersV);
    GateSetting.RPN.require(rpn);
    GateSetting.SEVERITY.require(severity);
    GateSetting.MIN_PEER_TRAINED.require(minPeerTrained);
    GateSetting.MIN_SENSITIVITY_SHARE.require(minSensitivityShare);
    GateSetting.MIN_SENSITIVITY.require(minSensitivity);
    GateSetting.MAX_ALERTS_PER_STAFF_PER_SHIFT.require(maxAlertsPerStaffPerShift);
    GateSetting.MIN_ALERT_PPV.require(minAlertPpv);
    GateSetting.MIN_FALLBACK_REPLICATION.require(minFallbackReplication);
  }

  /**
   * The settings that differ from {@link #defaults()}, looser ones first (then in review.yaml's order): part of the verdict,
   * printed beside it on every page, since a GO under loosened settings is not the GO a committee expects.
   */
  public java.util.List<GateSetting.SettingChange> changesFromDefaults() {
    GateLimits d = defaults();
    java.util.List<GateSetting.SettingChange> looser = new java.util.ArrayList<>();
    java.util.List<GateSetting.SettingChange> stricter = new java.util.ArrayList<>();
    for (GateSetting s : GateSetting.values()) {
      double v = s.of(this);
      double def = s.of(d);
      if (Double.compare(v, def) == 0) continue;
      boolean l = s.looser(v, def);
      (l ? looser : stricter).add(new GateSetting.SettingChange(s, v, def, l));
    }
    looser.addAll(stricter);
    return java.util.List.copyOf(looser);
  }

  /** With the default clinical floors and replication share. */
  public GateLimits(double falseAlertCostPerMonth, int minCell, double stormFactor, double disparity, double proxyAuroc,
      double proxyCramersV, int rpn, int severity, int minPeerTrained) {
    this(falseAlertCostPerMonth, minCell, stormFactor, disparity, proxyAuroc, proxyCramersV, rpn, severity, minPeerTrained,
        MIN_SENSITIVITY_SHARE, MIN_SENSITIVITY, MAX_ALERTS_PER_STAFF_PER_SHIFT, MIN_ALERT_PPV, DEFAULT_MIN_FALLBACK_REPLICATION);
  }

  public static GateLimits defaults() {
    return new GateLimits(5000, org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL, 3, 0.10, 0.70, 0.30, 200, 9, 1);
  }
}
