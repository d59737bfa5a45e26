/**
 * Writes generated cohorts ({@code org.tollgate.cohort}) to a directory of Parquet or CSV files
 * through in-process DuckDB, streaming with bounded memory and replacing the target directory only
 * once every file is complete. Depends on the engine and DuckDB; the CLI depends on it.
 */
package org.tollgate.ingest.write;
