/**
 * The paper fallback (launch checklist item 3): a rule a nurse can apply with a pen in under a minute,
 * on bedside inputs in clinical units (never the model's score), found from the features table or
 * written by the review's clinicians, and measured against the decision of the policy under review:
 * how many of its timely detections the rule keeps, overall and inside real outage windows.
 * Pure computation over the engine's tables and the alert simulator; the features file is read by
 * {@code org.tollgate.ingest}.
 */
package org.tollgate.fallback;
