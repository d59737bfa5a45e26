/**
 * Stratified evaluation: mergeable sufficient statistics ({@link org.tollgate.evaluation.ScoreCounts}
 * per finest stratum cell, patient clusters for the bootstrap), the metrics computed from them
 * (confusion counts, AUROC with DeLong variance, average precision, Brier, calibration, net benefit),
 * intervals (Wilson, DeLong, Poisson bootstrap), disparities with Holm adjustment, power, and threshold
 * sweeps, and the summary file ({@link org.tollgate.evaluation.SummaryFile}) in which a summary made elsewhere
 * (a Spark job) reaches the command line. Pure computation (the file is read from and written to streams): depends on {@code org.tollgate.data} and Commons RNG/Statistics only.
 */
package org.tollgate.evaluation;
