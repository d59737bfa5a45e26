/**
 * Writers that turn engine results into the documented, versioned outputs: JSON documents
 * ({@code tollgate.evaluation/v2}, ...) and plain-text tables. They print only what the engine has
 * already made safe (small cells suppressed); they never see patient identifiers. The dossier pages
 * ({@link org.tollgate.report.DossierHtml}) are made from the stored dossier JSON alone, with charts from
 * {@code report.chart}.
 */
package org.tollgate.report;
