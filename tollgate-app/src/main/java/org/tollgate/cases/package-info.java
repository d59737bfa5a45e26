/**
 * The case library: the essay's cases as review folders ({@code cases/NAME/review.yaml} and README, packaged
 * in the jar), their data recipes on the generators of {@code org.tollgate.cohort}, and running them through
 * {@code org.tollgate.review.ReviewRunner}. Used by {@code tollgate demo}, {@code tollgate cases} and
 * {@code tollgate brief}; {@link org.tollgate.cases.CaseLibrary#caseFolders} gives any other consumer (a
 * server loading the reviews) the prepared folders. May depend on review, ingest and engine, not on cli.
 */
package org.tollgate.cases;
