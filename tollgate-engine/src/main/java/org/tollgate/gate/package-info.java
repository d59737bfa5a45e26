/**
 * The launch gate: the review's facts (use case, attestations, risks, business model, limits), the
 * seven checklist items and the checks beyond them as rules over computed evidence, regulatory path
 * scoring, the verdict (GO / REDESIGN / NO-GO) and the fatal-flaw sentence. Pure: the evidence is
 * computed elsewhere (evaluation, alerts, friction, drill) and handed in.
 */
package org.tollgate.gate;
