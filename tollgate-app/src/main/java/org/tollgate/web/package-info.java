/**
 * The web app and REST API ({@code tollgate serve}): Javalin on Jetty 12, server-rendered pages that need no
 * JavaScript, JSON under {@code /api/v1} (documented in {@code openapi.yaml} next to this package's classes).
 * Everything is read from the store's summaries (runs, dossiers, attestations, decisions, the audit chain),
 * never from patient-level data; uploaded review bundles are run with {@link org.tollgate.review.ReviewRunner}
 * and recorded as {@code tollgate review} records them. Depends on the store, the review runner and the
 * report package (dossier HTML and PDF); nothing depends on it except the CLI's {@code serve} and {@code demo}.
 */
package org.tollgate.web;
