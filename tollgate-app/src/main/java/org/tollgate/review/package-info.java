/**
 * Running a review, in three steps that do not call back into each other: load (review.yaml and every setting made
 * from it, then the inputs), judge (every piece of evidence — evaluation, alert economy and policy search, friction,
 * downtime drill, provenance, proxies, trade-offs, behavioral mapping — computed by the engine and handed to the gate;
 * {@link org.tollgate.review.ReviewRunner}), publish (every artifact written atomically and the run recorded;
 * {@link org.tollgate.review.ReviewPublisher}, shared by the command line, the web app and the demo). The I/O edge of
 * {@link org.tollgate.gate}.
 */
package org.tollgate.review;
