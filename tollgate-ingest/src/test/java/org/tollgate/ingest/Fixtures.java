package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

/** Test files and table comparisons. */
final class Fixtures {
  static final String OUTCOME = FhirNdjsonReader.OUTCOME_URL;

  private Fixtures() {}

  static Path write(Path dir, String name, String... lines) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, String.join("\n", lines) + (lines.length == 0 ? "" : "\n"), StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path gzip(Path dir, String name, String... lines) {
    try {
      Path p = dir.resolve(name);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs DuckDB statements (e.g. {@code COPY (...) TO 'x.parquet' (FORMAT parquet)}). */
  static void duck(String... sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the rows of a SELECT to a Parquet file. */
  static Path parquet(Path file, String select) {
    duck("COPY (" + select + ") TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)");
    return file;
  }

  static String sqlPath(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** A RiskAssessment NDJSON line. Null arguments leave the field out; label may be null. */
  static String riskAssessment(String patient, String encounter, String time, String probability, Boolean label) {
    StringBuilder sb = new StringBuilder("{\"resourceType\":\"RiskAssessment\",\"status\":\"final\"");
    if (patient != null) {
      sb.append(",\"subject\":{\"reference\":\"Patient/").append(patient).append("\"}");
    }
    if (encounter != null) {
      sb.append(",\"encounter\":{\"reference\":\"Encounter/").append(encounter).append("\"}");
    }
    if (time != null) {
      sb.append(",\"occurrenceDateTime\":\"").append(time).append('"');
    }
    if (probability != null) {
      sb.append(",\"prediction\":[{\"probabilityDecimal\":").append(probability).append("}]");
    }
    if (label != null) {
      sb.append(",\"extension\":[{\"url\":\"").append(OUTCOME).append("\",\"valueBoolean\":").append(label).append("}]");
    }
    return sb.append('}').toString();
  }

  static ColumnMapping mapping(String... attributes) {
    return ColumnMapping.defaults().withAttributes(List.of(attributes));
  }

  /** Same rows, codes, ids, times, scores, labels and attributes (provenance not compared). */
  static void assertSameTable(ScoreTable expected, ScoreTable actual) {
    assertEquals(expected.rows(), actual.rows(), "rows");
    assertEquals(expected.hasEncounters(), actual.hasEncounters(), "has encounters");
    assertEquals(expected.hasPatients(), actual.hasPatients(), "has patients");
    assertEquals(expected.hasTime(), actual.hasTime(), "has time");
    assertEquals(expected.hasLabels(), actual.hasLabels(), "has labels");
    assertEquals(expected.encounterCount(), actual.encounterCount(), "encounters");
    assertEquals(expected.patientCount(), actual.patientCount(), "patients");
    for (int e = 0; e < expected.encounterCount(); e++) {
      assertEquals(expected.encounterId(e), actual.encounterId(e), "encounter id " + e);
      if (expected.hasPatients()) {
        assertEquals(expected.patient(e), actual.patient(e), "patient of encounter " + e);
      }
    }
    if (expected.hasTime()) {
      assertEquals(expected.timeBase(), actual.timeBase(), "time base");
    }
    assertEquals(expected.attributeNames(), actual.attributeNames(), "attribute names");
    for (int a = 0; a < expected.attributeNames().size(); a++) {
      assertArrayEquals(expected.attributeLevels(a), actual.attributeLevels(a), "levels of " + expected.attributeNames().get(a));
    }
    for (int r = 0; r < expected.rows(); r++) {
      if (expected.hasEncounters()) {
        assertEquals(expected.encounter(r), actual.encounter(r), "encounter of row " + r);
      } else if (expected.hasPatients()) {
        assertEquals(expected.patient(r), actual.patient(r), "patient of row " + r);
      }
      if (expected.hasTime()) {
        assertEquals(expected.epochSecond(r), actual.epochSecond(r), "time of row " + r);
      }
      assertEquals(expected.score(r), actual.score(r), "score of row " + r);
      assertEquals(expected.label(r), actual.label(r), "label of row " + r);
      for (int a = 0; a < expected.attributeNames().size(); a++) {
        assertEquals(expected.attributeCode(a, r), actual.attributeCode(a, r), "attribute " + a + " of row " + r);
      }
    }
  }
}
