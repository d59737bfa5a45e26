package org.tollgate.gate;

/**
 * The gate's limits, with the essay's defaults.
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
 * @param minFallbackReplication item 3: the paper rule must keep at least this share of the policy's timely
 *     detections (default {@value #DEFAULT_MIN_FALLBACK_REPLICATION})
 */
public record GateLimits(double falseAlertCostPerMonth, int minCell, double stormFactor, double disparity, double proxyAuroc,
    double proxyCramersV, int rpn, int severity, int minPeerTrained, double minFallbackReplication) {
  public static final double DEFAULT_MIN_FALLBACK_REPLICATION = 0.8;

  /** With the default replication share for item 3. */
  public GateLimits(double falseAlertCostPerMonth, int minCell, double stormFactor, double disparity, double proxyAuroc,
      double proxyCramersV, int rpn, int severity, int minPeerTrained) {
    this(falseAlertCostPerMonth, minCell, stormFactor, disparity, proxyAuroc, proxyCramersV, rpn, severity, minPeerTrained,
        DEFAULT_MIN_FALLBACK_REPLICATION);
  }

  public static GateLimits defaults() {
    return new GateLimits(5000, 11, 3, 0.10, 0.70, 0.30, 200, 9, 1, DEFAULT_MIN_FALLBACK_REPLICATION);
  }
}
