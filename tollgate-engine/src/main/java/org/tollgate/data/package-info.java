/**
 * The engine's in-memory data: column-oriented score tables (primitive arrays, dictionary-encoded
 * attributes), the column mapping that says which input column is which, the provenance record of an
 * ingest, and the bad-input exception every reader throws. Depends on nothing outside the JDK.
 */
package org.tollgate.data;
