/**
 * The friction audit: per-step time deltas pre vs post go-live from an interaction log, compounded
 * per session, per user per day and year and in FTE, and the net change in time on task that
 * launch checklist item 4 ("cognitive load reduced, not redistributed") is judged on, with seeded
 * bootstrap intervals over sessions. Sessions come from the log or are rebuilt from idle gaps.
 *
 * <p>{@link org.tollgate.friction.FrictionAudit} is the entry point; {@link
 * org.tollgate.friction.InteractionLog} the input. Pure computation: depends on {@code
 * org.tollgate.data}, {@code org.tollgate.evaluation} (intervals, quantiles) and Commons RNG only.
 */
package org.tollgate.friction;
