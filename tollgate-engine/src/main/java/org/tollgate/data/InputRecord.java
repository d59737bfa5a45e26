package org.tollgate.data;

import java.util.Objects;

/**
 * Provenance of one ingest: the first brick of the audit trail. Every number computed from a table
 * can point back to the exact bytes it came from.
 *
 * @param path the path as given by the user
 * @param format csv, parquet or fhir-ndjson
 * @param sha256 lower-case hex SHA-256 of the file's bytes (of the concatenated files, in name order, for a directory)
 * @param rows data rows read (before duplicate removal)
 * @param duplicateRows rows dropped because another row had the same (encounter, time); the max score was kept
 * @param mapping the column mapping used
 */
public record InputRecord(String path, String format, String sha256, long rows, long duplicateRows, ColumnMapping mapping) {
  public InputRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(mapping, "mapping");
    if (rows < 0 || duplicateRows < 0) {
      throw new IllegalArgumentException("row counts must be >= 0: rows=" + rows + " duplicates=" + duplicateRows);
    }
  }
}
