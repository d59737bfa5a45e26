package org.tollgate.data;

import java.util.Map;
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
 * @param skipped records the reader left out on purpose, by reason (e.g. {@code status entered-in-error} for a FHIR
 *     RiskAssessment entered in error), in the order first met; not counted in {@code rows}; empty for most inputs
 */
public record InputRecord(String path, String format, String sha256, long rows, long duplicateRows, ColumnMapping mapping,
    Map<String, Long> skipped) {
  /** Nothing skipped. */
  public InputRecord(String path, String format, String sha256, long rows, long duplicateRows, ColumnMapping mapping) {
    this(path, format, sha256, rows, duplicateRows, mapping, Map.of());
  }

  /** Records skipped, all reasons together. */
  public long skippedRows() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Writes this record as the summary files ({@code tollgate.summary/v1}, {@code tollgate.simulation-summary/v3})
   * hold it: path, format, sha256, rows, duplicate rows, then the mapping (patient?, encounter?, time?,
   * score, label?, attributes, score scale, zone), {@code ?} = a boolean "present" before the string.
   */
  public void writeTo(java.io.DataOutput d) throws java.io.IOException {
    d.writeUTF(path);
    d.writeUTF(format);
    d.writeUTF(sha256);
    d.writeLong(rows);
    d.writeLong(duplicateRows);
    optional(d, mapping.id());
    optional(d, mapping.encounter());
    optional(d, mapping.time());
    d.writeUTF(mapping.score());
    optional(d, mapping.label());
    d.writeInt(mapping.attributes().size());
    for (String a : mapping.attributes()) d.writeUTF(a);
    d.writeUTF(mapping.scoreScale().name());
    d.writeUTF(mapping.zone().getId());
  }

  /** Reads what {@link #writeTo} wrote; {@code IllegalArgumentException} (or a {@code DateTimeException}) when a value is invalid. */
  public static InputRecord readFrom(java.io.DataInput d) throws java.io.IOException {
    String path = d.readUTF();
    String format = d.readUTF();
    String sha = d.readUTF();
    long rows = d.readLong();
    long dups = d.readLong();
    String id = optional(d);
    String enc = optional(d);
    String time = optional(d);
    String score = d.readUTF();
    String label = optional(d);
    int na = d.readInt();
    if (na < 0 || na > 64) throw new IllegalArgumentException(na + " attribute columns");
    java.util.List<String> attrs = new java.util.ArrayList<>();
    for (int i = 0; i < na; i++) attrs.add(d.readUTF());
    ColumnMapping.ScoreScale scale = ColumnMapping.ScoreScale.valueOf(d.readUTF());
    java.time.ZoneId zone = java.time.ZoneId.of(d.readUTF());
    return new InputRecord(path, format, sha, rows, dups, new ColumnMapping(id, enc, time, score, label, attrs, scale, zone));
  }

  private static void optional(java.io.DataOutput d, String s) throws java.io.IOException {
    d.writeBoolean(s != null);
    if (s != null) d.writeUTF(s);
  }

  private static String optional(java.io.DataInput d) throws java.io.IOException {
    return d.readBoolean() ? d.readUTF() : null;
  }

  public InputRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(mapping, "mapping");
    skipped = skipped == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skipped));
    if (rows < 0 || duplicateRows < 0) {
      throw new IllegalArgumentException("row counts must be >= 0: rows=" + rows + " duplicates=" + duplicateRows);
    }
  }
}
