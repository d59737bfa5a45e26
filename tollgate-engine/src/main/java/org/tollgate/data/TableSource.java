package org.tollgate.data;

import java.util.Map;
import java.util.Objects;

/**
 * Provenance of a side table read from a file (an interaction log, an EHR event log, an encounters
 * table): what {@link InputRecord} is for prediction logs, without the prediction-log column mapping.
 *
 * @param path the path as given by the user
 * @param format csv or parquet
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param rows data rows read
 * @param columns role → column name actually used (e.g. {@code user → user_id}); absent optional roles are left out
 */
public record TableSource(String path, String format, String sha256, long rows, Map<String, String> columns) {
  public TableSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sha256, "sha256");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
  }
}
