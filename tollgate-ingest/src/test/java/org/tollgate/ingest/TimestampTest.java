package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.ingest.Fixtures.riskAssessment;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;

/** Naive vs offset timestamps, zones, DST edges, and agreement of the CSV (SQL) and NDJSON (Java) paths. */
class TimestampTest {
  @TempDir Path dir;

  private final PredictionReader reader = new PredictionReader();

  private static ColumnMapping timeIn(String zone) {
    return new ColumnMapping(null, null, "time", "score", null, null, null, zone == null ? null : ZoneId.of(zone));
  }

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  /** Reads one timestamp through the CSV path (DuckDB + SQL zone rule). */
  private long viaCsv(String text, String zone) {
    Path f = write(dir, "t.csv", "time,score", text + ",0.5");
    return reader.read(f, timeIn(zone), Need.SCORE_ONLY).epochSecond(0);
  }

  /** Reads one timestamp through the NDJSON path (Java parser). */
  private long viaFhir(String text, String zone) {
    // 50, an R4 percentage: the unit is then not ambiguous, and only the time is under test.
    Path f = write(dir, "t.ndjson", riskAssessment("P1", "E1", text, "50", null));
    return reader.read(f, timeIn(zone), Need.SCORE_ONLY).epochSecond(0);
  }

  private void assertBoth(String text, String zone, String expectedInstant) {
    assertEquals(epoch(expectedInstant), viaCsv(text, zone), "CSV: " + text + " in " + zone);
    assertEquals(epoch(expectedInstant), viaFhir(text, zone), "NDJSON: " + text + " in " + zone);
  }

  @Test
  void naiveTimestampIsUtcByDefault() {
    assertBoth("2024-03-01T10:00:00", null, "2024-03-01T10:00:00Z");
  }

  @Test
  void naiveTimestampIsTakenInTheMappingZone() {
    assertBoth("2024-03-01T10:00:00", "America/New_York", "2024-03-01T15:00:00Z");
    assertBoth("2024-07-01T10:00:00", "America/New_York", "2024-07-01T14:00:00Z");
  }

  @Test
  void offsetAndZuluAreHonouredWhateverTheMappingZone() {
    assertBoth("2024-03-01T10:00:00Z", "America/New_York", "2024-03-01T10:00:00Z");
    assertBoth("2024-03-01T10:00:00+02:00", "America/New_York", "2024-03-01T08:00:00Z");
    assertBoth("2024-03-01T10:00:00-05:30", "Asia/Tokyo", "2024-03-01T15:30:00Z");
  }

  @Test
  void everyOffsetSpellingIsHonouredNotTakenAsWallClock() {
    // DuckDB's plain TIMESTAMP cast would accept these and drop the offset; the reader must not.
    String ny = "America/New_York";
    assertEquals(epoch("2024-03-01T15:00:00Z"), viaCsv("2024-03-01T10:00:00-05", ny));
    assertEquals(epoch("2024-03-01T08:00:00Z"), viaCsv("2024-03-01T10:00:00+0200", ny));
    assertEquals(epoch("2024-03-01T10:00:00Z"), viaCsv("2024-03-01 10:00:00 UTC", ny));
    assertEquals(epoch("2024-03-01T09:00:00Z"), viaCsv("2024-03-01 10:00:00 Europe/Paris", ny));
    assertEquals(epoch("2024-03-01T15:00:00Z"), viaCsv(" 2024-03-01T10:00:00 ", ny), "surrounding blanks, still wall-clock");
  }

  @Test
  void fixedOffsetZoneWithHalfHourApplies() {
    assertBoth("2024-03-01T10:00:00", "+05:30", "2024-03-01T04:30:00Z");
  }

  @Test
  void dateOnlyIsMidnightInTheZone() {
    assertBoth("2024-03-01", "Europe/Paris", "2024-02-29T23:00:00Z");
  }

  @Test
  void fractionalSecondsAreDroppedTowardThePast() {
    assertBoth("2024-03-01T10:00:00.999Z", null, "2024-03-01T10:00:00Z");
    assertBoth("1969-12-31T23:59:59.5Z", null, "1969-12-31T23:59:59Z");
  }

  @Test
  void spaceSeparatorAndMissingSecondsAreAcceptedInTabularFiles() {
    // FHIR's dateTime grammar allows neither, so only the CSV path and the shared parser see them.
    assertEquals(epoch("2024-03-01T10:00:00Z"), viaCsv("2024-03-01 10:00", null));
    assertEquals(epoch("2024-03-01T10:00:00Z"), Timestamps.parseEpochSecond("2024-03-01 10:00", ZoneOffset.UTC));
  }

  @Test
  void wallTimeInASpringForwardGapMovesLaterByTheGap() {
    // 02:30 does not exist on 2024-03-10 in New York; java.time moves it to 03:30 EDT.
    assertBoth("2024-03-10T02:30:00", "America/New_York", "2024-03-10T07:30:00Z");
  }

  @Test
  void wallTimeInAFallBackOverlapTakesTheEarlierInstant() {
    // 01:30 happens twice on 2024-11-03 in New York; the earlier is EDT (-4).
    assertBoth("2024-11-03T01:30:00", "America/New_York", "2024-11-03T05:30:00Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"America/New_York", "Europe/Dublin", "Australia/Lord_Howe", "Asia/Kolkata", "UTC", "-03:30"})
  void sqlZoneRuleAgreesWithJavaForEveryQuarterHourOfTwoYears(String zoneId) throws Exception {
    ZoneId zone = ZoneId.of(zoneId);
    LocalDateTime start = LocalDateTime.of(2023, 1, 1, 0, 0);
    LocalDateTime end = LocalDateTime.of(2025, 1, 1, 0, 0);
    long minWall = start.toEpochSecond(ZoneOffset.UTC);
    long maxWall = end.toEpochSecond(ZoneOffset.UTC);
    String expr = Timestamps.wallToEpochSql("w", zone, minWall, maxWall);
    List<Long> expected = new ArrayList<>();
    for (LocalDateTime t = start; !t.isAfter(end); t = t.plusMinutes(15)) {
      expected.add(Timestamps.wallToEpoch(t, zone));
    }
    List<Long> actual = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + expr + " FROM (SELECT CAST(w AS BIGINT) AS w FROM range("
            + minWall + ", " + (maxWall + 1) + ", 900) t(w)) ORDER BY w")) {
      while (rs.next()) {
        actual.add(rs.getLong(1));
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void naiveAndOffsetTimestampsMayBeMixedInOneFile() {
    Path f = write(dir, "mixed.csv", "time,score", "2024-03-01T10:00:00,0.1", "2024-03-01T10:00:00+01:00,0.2");
    ScoreTable t = reader.read(f, timeIn("America/New_York"), Need.SCORE_ONLY);
    assertEquals(epoch("2024-03-01T15:00:00Z"), t.epochSecond(0));
    assertEquals(epoch("2024-03-01T09:00:00Z"), t.epochSecond(1));
    assertEquals(epoch("2024-03-01T09:00:00Z"), t.timeBase(), "base is the earliest instant");
  }
}
