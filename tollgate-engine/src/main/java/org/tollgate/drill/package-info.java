/**
 * The downtime drill (launch checklist item 5): replays real outage windows over the score stream
 * through an alert policy, finds the care that would have been missed and the alert storm after
 * recovery, and renders the policy as a paper checklist staff can follow while the system is down.
 * Pure computation over the engine's tables and the alert simulator.
 */
package org.tollgate.drill;
