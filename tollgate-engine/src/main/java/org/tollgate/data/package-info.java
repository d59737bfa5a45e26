/**
 * The engine's in-memory data: column-oriented score tables (primitive arrays, dictionary-encoded
 * attributes), the column mapping that says which input column is which, the provenance record of an
 * ingest, the bad-input exception every reader throws, and {@link org.tollgate.data.TableSummary}, what a
 * table holds with small counts suppressed. Depends on nothing outside the JDK.
 */
package org.tollgate.data;
