/**
 * Running a review: reads a review folder, computes every piece of evidence (evaluation, alert
 * economy and policy search, friction, downtime drill, provenance, proxies, trade-offs, behavioral
 * mapping) with the engine, hands it to the gate, and writes the dossier. The I/O edge of {@link org.tollgate.gate}.
 */
package org.tollgate.review;
