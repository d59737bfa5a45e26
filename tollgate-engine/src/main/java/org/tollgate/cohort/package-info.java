/**
 * Deterministic synthetic cohorts: seeded generators that stream encounters, score rows, events and
 * outage windows to small sink interfaces without holding the cohort in memory; also a radiology
 * reading-session interaction log ({@link org.tollgate.cohort.RadiologyReadingLog}) and a diabetes-clinic
 * EHR audit log ({@link org.tollgate.cohort.DiabetesAuditLog}) for the friction audit and behavioral
 * mapping. Used for demos, benchmarks and other modules' tests. Pure computation: depends on {@code org.tollgate.data} and
 * Commons RNG only; the files are written by {@code org.tollgate.ingest.write}.
 */
package org.tollgate.cohort;
