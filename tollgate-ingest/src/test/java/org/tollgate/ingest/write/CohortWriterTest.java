package org.tollgate.ingest.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cohort.Cohort;
import org.tollgate.cohort.EncounterSink;
import org.tollgate.cohort.EventSink;
import org.tollgate.cohort.Outage;
import org.tollgate.cohort.ScoreSink;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.data.BadInputException;
import org.tollgate.ingest.write.CohortWriter.Format;

class CohortWriterTest {

  @TempDir Path tmp;

  private static final SepsisCohort COHORT = SepsisCohort.of(150, 21);

  /** Row counts taken from the generator's sinks, independently of the writer. */
  private static long[] expectedCounts(Cohort c) {
    long[] n = new long[5];
    c.generate(e -> n[2]++, (e, t, s) -> n[0]++, (e, t, type, v, end) -> n[1]++);
    n[3] = c.outages().size();
    if (c instanceof org.tollgate.cohort.BedsideCohort b) b.generateFeatures(0, c.encounters(), null, (e, t, v, s) -> n[4]++);
    return n;
  }

  private static CohortWriter writer(Format f) {
    return new CohortWriter(f, false, "tollgate test", CohortWriter.Progress.NONE);
  }

  @Test
  void parquetFilesReadBackWithTheGeneratorsRowCountsTypesAndValues() throws Exception {
    Path dir = tmp.resolve("cohort");
    CohortWriter.Result r = writer(Format.PARQUET).write(COHORT, dir);
    long[] expected = expectedCounts(COHORT);
    // the sepsis cohort also charts its bedside inputs (the features table)
    assertEquals(Map.of("scores", expected[0], "events", expected[1], "encounters", expected[2], "outages", expected[3], "features", expected[4]), r.rows());
    assertTrue(expected[4] > 0);
    try (Connection c = duck()) {
      assertEquals(expected[0], single(c, "SELECT count(*) FROM '" + dir.resolve("scores.parquet") + "'"));
      assertEquals(expected[1], single(c, "SELECT count(*) FROM '" + dir.resolve("events.parquet") + "'"));
      assertEquals(expected[2], single(c, "SELECT count(*) FROM '" + dir.resolve("encounters.parquet") + "'"));
      assertEquals(expected[3], single(c, "SELECT count(*) FROM '" + dir.resolve("outages.parquet") + "'"));
      assertEquals(expected[4], single(c, "SELECT count(*) FROM '" + dir.resolve("features.parquet") + "'"));
      // no value without its source time, no source time after the row's time
      assertEquals(0, single(c, "SELECT count(*) FROM '" + dir.resolve("features.parquet") + "' WHERE (heart_rate IS NULL) <> (heart_rate_time IS NULL)"
          + " OR lactate_time > \"time\" OR wbc_time > \"time\" OR unit_time > \"time\""));
      assertEquals(
          List.of("patient_id VARCHAR", "encounter_id VARCHAR", "time TIMESTAMP WITH TIME ZONE", "score DOUBLE",
              "label INTEGER", "age_band VARCHAR", "sex VARCHAR", "race_ethnicity VARCHAR", "comorbidity_band VARCHAR",
              "unit VARCHAR", "payer VARCHAR", "zip3 VARCHAR"),
          describe(c, dir.resolve("scores.parquet")));
      assertEquals(
          List.of("encounter_id VARCHAR", "time TIMESTAMP WITH TIME ZONE", "type VARCHAR", "value DOUBLE",
              "end_time TIMESTAMP WITH TIME ZONE"),
          describe(c, dir.resolve("events.parquet")));
      assertEquals(List.of("start TIMESTAMP WITH TIME ZONE", "end TIMESTAMP WITH TIME ZONE", "system VARCHAR"),
          describe(c, dir.resolve("outages.parquet")));

      // the first score row is the generator's first row, the instant preserved exactly
      long[] firstTime = {0};
      double[] firstScore = {-1};
      COHORT.generate(0, 1, null, (e, t, s) -> {
        if (firstScore[0] < 0) {
          firstTime[0] = t;
          firstScore[0] = s;
        }
      }, null);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT encounter_id, patient_id, epoch(\"time\")::BIGINT, score, \"time\" FROM '"
              + dir.resolve("scores.parquet") + "' LIMIT 1")) {
        assertTrue(rs.next());
        assertEquals(COHORT.encounter(0).encounterId(), rs.getString(1));
        assertEquals(COHORT.encounter(0).patientId(), rs.getString(2));
        assertEquals(firstTime[0], rs.getLong(3));
        assertEquals(firstScore[0], rs.getDouble(4));
        assertEquals(Instant.ofEpochSecond(firstTime[0]), rs.getObject(5, OffsetDateTime.class).toInstant());
      }
      // positive encounters carry label 1 on every row, and nulls are real NULLs
      assertEquals(0L, single(c, "SELECT count(*) FROM '" + dir.resolve("events.parquet")
          + "' WHERE (type = 'lactate') = (value IS NULL) OR (type = 'procedure') = (end_time IS NULL)"));
      assertEquals(0L, single(c, "SELECT count(*) FROM '" + dir.resolve("scores.parquet") + "' s JOIN '"
          + dir.resolve("encounters.parquet") + "' e USING (encounter_id) WHERE s.label <> e.label"));
    }
  }

  @Test
  void csvFilesHaveHeadersIsoUtcTimesAndEmptyNulls() throws Exception {
    Path dir = tmp.resolve("csv");
    writer(Format.CSV).write(COHORT, dir);
    List<String> scores;
    try (Stream<String> lines = Files.lines(dir.resolve("scores.csv"))) {
      scores = lines.limit(3).toList();
    }
    assertEquals("patient_id,encounter_id,time,score,label,age_band,sex,race_ethnicity,comorbidity_band,unit,payer,zip3", scores.get(0));
    assertTrue(scores.get(1).matches("P\\d{7},E0000001,\\d{4}-\\d\\d-\\d\\dT\\d\\d:(00|15|30|45):00Z,[01]\\.\\d{1,3},[01],.*"), scores.get(1));
    assertEquals("encounter_id,time,type,value,end_time", Files.readAllLines(dir.resolve("events.csv")).get(0));
    assertTrue(Files.readAllLines(dir.resolve("events.csv")).stream()
        .filter(l -> l.contains(",lactate,")).allMatch(l -> l.matches("E\\d{7},[-0-9T:]+Z,lactate,\\d+\\.\\d,")));
    assertTrue(Files.readAllLines(dir.resolve("events.csv")).stream()
        .filter(l -> l.contains(",procedure,")).allMatch(l -> l.matches("E\\d{7},[-0-9T:]+Z,procedure,,[-0-9T:]+Z")));
    assertEquals("start,end,system", Files.readAllLines(dir.resolve("outages.csv")).get(0));
    long[] expected = expectedCounts(COHORT);
    try (Connection c = duck()) {
      assertEquals(expected[0], single(c, "SELECT count(*) FROM read_csv('" + dir.resolve("scores.csv") + "')"));
      assertEquals(expected[1], single(c, "SELECT count(*) FROM read_csv('" + dir.resolve("events.csv") + "')"));
      assertEquals(expected[2], single(c, "SELECT count(*) FROM read_csv('" + dir.resolve("encounters.csv") + "')"));
    }
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDifferentScores() throws Exception {
    writer(Format.PARQUET).write(COHORT, tmp.resolve("a"));
    writer(Format.PARQUET).write(SepsisCohort.of(150, 21), tmp.resolve("b"));
    writer(Format.PARQUET).write(SepsisCohort.of(150, 22), tmp.resolve("c"));
    for (String f : List.of("scores.parquet", "events.parquet", "encounters.parquet", "outages.parquet", "cohort.json")) {
      assertEquals(org.tollgate.ingest.Hashes.file(tmp.resolve("a").resolve(f)), org.tollgate.ingest.Hashes.file(tmp.resolve("b").resolve(f)), f);
    }
    assertNotEquals(org.tollgate.ingest.Hashes.file(tmp.resolve("a/scores.parquet")), org.tollgate.ingest.Hashes.file(tmp.resolve("c/scores.parquet")));
  }

  @Test
  void manifestRecordsGeneratorSettingsRowCountsAndFileHashes() throws Exception {
    Path dir = tmp.resolve("m");
    CohortWriter.Result r = writer(Format.PARQUET).write(COHORT, dir);
    assertEquals(dir.resolve("cohort.json"), r.files().get(r.files().size() - 1));
    try (Connection c = duck(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT schema, generator, settings.seed, settings.encounters, tool_version, format, "
            + "files[1].rows, files[1].sha256, files[1].file, len(files) FROM read_json('" + dir.resolve("cohort.json") + "')")) {
      assertTrue(rs.next());
      assertEquals("tollgate.cohort/v1", rs.getString(1));
      assertEquals("sepsis", rs.getString(2));
      assertEquals(21, rs.getLong(3));
      assertEquals(150, rs.getLong(4));
      assertEquals("tollgate test", rs.getString(5));
      assertEquals("parquet", rs.getString(6));
      assertEquals(r.rows().get("scores"), rs.getLong(7));
      assertEquals(org.tollgate.ingest.Hashes.file(dir.resolve("scores.parquet")), rs.getString(8));
      assertEquals("scores.parquet", rs.getString(9));
      assertEquals(5, rs.getInt(10), "scores, events, encounters, outages, features");
    }
  }

  @Test
  void nonEmptyDirectoryIsRefusedWithoutOverwriteAndLeftUntouched() throws Exception {
    Path dir = tmp.resolve("taken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "keep me");
    BadInputException e = assertThrows(BadInputException.class, () -> writer(Format.CSV).write(COHORT, dir));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("keep me", Files.readString(dir.resolve("notes.txt")));
    assertEquals(List.of("taken"), listing(tmp));
  }

  @Test
  void overwriteReplacesTheWholeDirectory() throws Exception {
    Path dir = tmp.resolve("taken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "old");
    new CohortWriter(Format.CSV, true, "t", null).write(COHORT, dir);
    assertEquals(List.of("cohort.json", "encounters.csv", "events.csv", "features.csv", "outages.csv", "scores.csv"), listing(dir));
    assertEquals(List.of("taken"), listing(tmp));
  }

  @Test
  void emptyExistingDirectoryIsFilled() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    writer(Format.CSV).write(COHORT, dir);
    assertTrue(Files.exists(dir.resolve("scores.csv")));
  }

  @Test
  void aFileInTheWayIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("out"), "x");
    BadInputException e = assertThrows(BadInputException.class, () -> new CohortWriter(Format.CSV, true, "t", null).write(COHORT, file));
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
  }

  @Test
  void generatorFailureMidwayLeavesNeitherTargetNorTemporaryDirectory() {
    Path dir = tmp.resolve("never");
    CohortWriteException e = assertThrows(CohortWriteException.class,
        () -> writer(Format.PARQUET).write(new FailingCohort(COHORT, 20_000), dir));
    assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    assertEquals(List.of(), listing(tmp));
  }

  @Test
  void failedOverwriteKeepsTheOldDirectory() throws Exception {
    Path dir = tmp.resolve("keep");
    new CohortWriter(Format.CSV, false, "t", null).write(COHORT, dir);
    String before = org.tollgate.ingest.Hashes.file(dir.resolve("scores.csv"));
    assertThrows(CohortWriteException.class,
        () -> new CohortWriter(Format.CSV, true, "t", null).write(new FailingCohort(SepsisCohort.of(150, 99), 10_000), dir));
    assertEquals(before, org.tollgate.ingest.Hashes.file(dir.resolve("scores.csv")));
    assertEquals(List.of("keep"), listing(tmp));
  }

  @Test
  void cancellingMidwayLeavesNothingBehind() {
    Path dir = tmp.resolve("cancelled");
    CohortWriter[] w = new CohortWriter[1];
    w[0] = new CohortWriter(Format.PARQUET, false, "t", (phase, done, total) -> {
      if (done == 50) {
        w[0].cancel();
      }
    });
    assertThrows(CancellationException.class, () -> w[0].write(COHORT, dir));
    assertEquals(List.of(), listing(tmp));
  }

  @Test
  void progressReachesEveryEncounterInEveryPhase() throws Exception {
    long[] last = new long[CohortWriter.Phase.values().length];
    new CohortWriter(Format.CSV, false, "t", (phase, done, total) -> {
      assertTrue(done >= last[phase.ordinal()] && done <= total);
      last[phase.ordinal()] = done;
    }).write(COHORT, tmp.resolve("p"));
    for (long l : last) {
      assertEquals(150, l);
    }
  }

  @Test
  void formatParsesEitherCaseAndRejectsOthers() {
    assertEquals(Format.PARQUET, Format.parse("Parquet"));
    assertEquals(Format.CSV, Format.parse("csv"));
    assertThrows(IllegalArgumentException.class, () -> Format.parse("xlsx"));
  }

  // ------------------------------------------------------------------ helpers

  /** Delegates to a real cohort but throws after {@code rows} score rows, like a failing disk or a generator bug. */
  private record FailingCohort(Cohort inner, long rows) implements Cohort {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public int encounters() {
      return inner.encounters();
    }

    @Override
    public List<String> attributeNames() {
      return inner.attributeNames();
    }

    @Override
    public Map<String, Object> describe() {
      return inner.describe();
    }

    @Override
    public List<Outage> outages() {
      return inner.outages();
    }

    @Override
    public void generate(int from, int to, EncounterSink encounters, ScoreSink scores, EventSink events) {
      long[] n = {0};
      inner.generate(from, to, encounters, scores == null ? null : (e, t, s) -> {
        if (++n[0] > rows) {
          throw new IllegalStateException("disk on fire");
        }
        scores.score(e, t, s);
      }, events);
    }
  }

  private static Connection duck() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static List<String> describe(Connection c, Path file) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM '" + file + "'")) {
      while (rs.next()) {
        cols.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return cols;
  }

  private static List<String> listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void listingSeesHiddenDirectoriesSoLeftoverTemporariesWouldFailTheTests() throws IOException {
    Files.createDirectories(tmp.resolve(".hidden"));
    assertFalse(listing(tmp).isEmpty());
  }
}
