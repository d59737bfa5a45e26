/**
 * FHIR R4 export of the audit trail (HAPI FHIR structures): an AuditEvent per audit entry and a Provenance
 * per review run. The only package of the store that depends on HAPI; it reads the store and writes NDJSON.
 */
package org.tollgate.store.fhir;
