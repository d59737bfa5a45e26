package org.tollgate.ingest;

/** The prediction-log formats tollgate reads; {@link #id()} is what {@link org.tollgate.data.InputRecord#format()} records. */
public enum InputFormat {
  /** Comma-separated text with a header row, optionally gzip-compressed. */
  CSV("csv"),
  /** Apache Parquet: one file, a directory of {@code .parquet} files, or a glob. */
  PARQUET("parquet"),
  /** FHIR R4 RiskAssessment resources, one JSON object per line, optionally gzip-compressed. */
  FHIR_NDJSON("fhir-ndjson");

  private final String id;

  InputFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
