/**
 * After the launch: the live tool held to what the committee approved. Mergeable per-period summaries
 * of a live prediction log ({@link org.tollgate.monitor.PeriodSummary}), the drift statistics
 * ({@link org.tollgate.monitor.Drift}: PSI with bins fixed on the approved data, two-sample
 * Kolmogorov–Smirnov), count control limits and CUSUM ({@link org.tollgate.monitor.ControlChart}),
 * observed/expected with its exact interval ({@link org.tollgate.monitor.ObservedExpected}), and the
 * guardrails that judge each period against the approved run ({@link org.tollgate.monitor.Monitor}).
 * Pure computation: depends on {@code org.tollgate.data}, {@code org.tollgate.alerts} (the replay),
 * {@code org.tollgate.evaluation} (intervals, Holm, calibration), {@code org.tollgate.fallback} (the features table's
 * bedside inputs) and Commons Statistics only.
 */
package org.tollgate.monitor;
