/**
 * Behavioral mapping: from an EHR-style event log joined to visit windows, when each task is actually
 * done (before, during or after the visit), by which roles, and how much by staff without clinical
 * credentials, with Wilson intervals and small-cell suppression. {@link
 * org.tollgate.behavior.BehavioralMap} is the entry point; {@link org.tollgate.behavior.EventLog} the
 * input. Pure computation: depends on {@code org.tollgate.data} and {@code org.tollgate.evaluation}
 * (Wilson intervals, quantiles) only.
 */
package org.tollgate.behavior;
