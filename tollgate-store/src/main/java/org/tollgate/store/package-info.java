/**
 * The store: review runs (verdict, item results, input hashes, the dossier), people and roles,
 * attestations, committee decisions, and the tamper-evident audit log — over plain JDBC, on an embedded
 * H2 file by default or PostgreSQL in production, with the same Flyway migrations.
 *
 * <p>{@link org.tollgate.store.Store} opens a database; {@link org.tollgate.store.AuditLog},
 * {@link org.tollgate.store.Reviews} and {@link org.tollgate.store.People} are its three parts. Every write
 * that matters is one transaction that also appends its audit entry. The store holds summaries, counts
 * and hashes only, never patient-level rows or patient ids. FHIR export lives in {@code fhir/} so nothing
 * else here depends on HAPI. May depend on: JDBC drivers, Flyway, spring-security-crypto, Jackson. Must
 * not depend on the engine or the CLI.
 */
package org.tollgate.store;
