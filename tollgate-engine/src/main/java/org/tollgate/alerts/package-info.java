/**
 * The alert economy: alert policies (threshold, persistence, a confirming second signal, context
 * suppression, re-fire limits, digests) replayed over timestamped score streams, the clinical burden
 * they cause (alerts per day, per nurse per shift, labor minutes, FTE, false-alert cost), the human
 * response model, and the policy search. Pure computation over {@link org.tollgate.data.ScoreTable}
 * and {@link org.tollgate.data.EventTable}.
 */
package org.tollgate.alerts;
