/**
 * Writers that turn engine results into the documented, versioned outputs: JSON documents
 * ({@code tollgate.evaluation/v1}, ...) and plain-text tables. They print only what the engine has
 * already made safe (small cells suppressed); they never see patient identifiers.
 */
package org.tollgate.report;
