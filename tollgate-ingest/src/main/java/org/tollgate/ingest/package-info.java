/**
 * Reading prediction logs into the engine's {@link org.tollgate.data.ScoreTable}: CSV and Parquet
 * through an in-process DuckDB (validation, dictionary encoding and sorting done in SQL), FHIR R4
 * RiskAssessment NDJSON through HAPI FHIR. {@link org.tollgate.ingest.PredictionReader} is the entry
 * point; everything else here is machinery. Bad input always ends in a
 * {@link org.tollgate.data.BadInputException} that names the file, row or line, and column.
 *
 * <p>Depends on the engine's data package, DuckDB JDBC and HAPI FHIR structures; the engine never
 * depends on this package.
 */
package org.tollgate.ingest;
