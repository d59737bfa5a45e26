package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.ingest.Fixtures.parquet;
import static org.tollgate.ingest.Fixtures.sqlPath;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;
import org.tollgate.friction.InteractionLog;
import org.tollgate.friction.Period;

/** Interaction logs: sub-second times in every form, optional columns, and every bad input with its exact message. */
class InteractionLogReaderTest {
  @TempDir Path dir;

  static final String HEADER = "session_id,user_id,role,step,start_time,end_time,period,site";

  private Path log(String... rows) {
    String[] lines = new String[rows.length + 1];
    lines[0] = HEADER;
    System.arraycopy(rows, 0, lines, 1, rows.length);
    return write(dir, "log.csv", lines);
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private String message(Path f) {
    return assertThrows(BadInputException.class, () -> InteractionLogReader.read(f)).getMessage();
  }

  @Test
  void fractionalSecondsAreKeptToTheMillisecond() {
    Path f = log(
        "S1,u1,radiologist,scroll_image,2025-01-06T08:00:00.125Z,2025-01-06T08:00:01.525Z,pre,north",
        "S1,u1,radiologist,scroll_image,2025-01-06T08:00:01.5Z,2025-01-06T08:00:02.9001Z,pre,north",
        "S2,u1,radiologist,scroll_image,2025-02-03 08:00:00.000123,2025-02-03 08:00:01.4009,POST,");
    InteractionLog l = InteractionLogReader.read(f);
    assertEquals(3, l.rows());
    assertTrue(l.hasSessions());
    assertEquals(ms("2025-01-06T08:00:00.125Z"), l.startMillis(0));
    assertEquals(1400, l.endMillis(0) - l.startMillis(0));
    assertEquals(1400, l.endMillis(1) - l.startMillis(1), "sub-millisecond digits are floored");
    assertEquals(ms("2025-02-03T08:00:00Z"), l.startMillis(2), "naive time in UTC, 0.000123 s floored");
    assertEquals(1400, l.endMillis(2) - l.startMillis(2));
    assertEquals(Period.POST, l.period(2), "period in any case");
    assertEquals(List.of("site"), l.attributeNames());
    assertEquals("(missing)", l.attributeLevel(0, l.attributeCode(0, 2)));
    assertEquals("csv", l.source().format());
    assertEquals(3, l.source().rows());
    assertEquals(64, l.source().sha256().length());
    assertEquals("session_id", l.source().columns().get("session"));
  }

  @Test
  void epochNumbersAreSecondsBelowTenToTheElevenAndMillisecondsAbove() {
    Path f = write(dir, "epoch.csv", "user_id,role,step,start_time,end_time,period",
        "u,r,a,1736150400.25,1736150401,pre",
        "u,r,a,1736150400250,1736150401650,post");
    InteractionLog l = InteractionLogReader.read(f);
    assertFalse(l.hasSessions(), "no session column: sessions are rebuilt");
    assertEquals(1_736_150_400_250L, l.startMillis(0));
    assertEquals(750, l.endMillis(0) - l.startMillis(0));
    assertEquals(1_736_150_400_250L, l.startMillis(1));
    assertEquals(1400, l.endMillis(1) - l.startMillis(1));
  }

  @Test
  void parquetTimestampsKeepMillisecondsWithAndWithoutZone() {
    Path p = parquet(dir.resolve("log.parquet"),
        "SELECT 'S1' AS session_id, 'u1' AS user_id, 'radiologist' AS role, 'scroll_image' AS step,"
            + " TIMESTAMPTZ '2025-01-06 08:00:00.125+00' AS start_time, TIMESTAMP '2025-01-06 08:00:01.525' AS end_time,"
            + " 'pre' AS period, 'day' AS shift"
            + " UNION ALL SELECT 'S2', 'u1', 'radiologist', 'scroll_image', TIMESTAMPTZ '2025-02-03 08:00:00.5+00',"
            + " TIMESTAMP '2025-02-03 08:00:01.9', 'post', 'night'");
    InteractionLog l = InteractionLogReader.read(p, InteractionLogReader.Columns.defaults(), ZoneOffset.UTC);
    assertEquals("parquet", l.source().format());
    assertEquals(ms("2025-01-06T08:00:00.125Z"), l.startMillis(0));
    assertEquals(1400, l.endMillis(0) - l.startMillis(0));
    assertEquals(1400, l.endMillis(1) - l.startMillis(1));
    assertEquals(List.of("shift"), l.attributeNames());
    // A naive Parquet TIMESTAMP is wall-clock time in the zone given.
    InteractionLog ny = InteractionLogReader.read(p, InteractionLogReader.Columns.defaults(), ZoneId.of("America/New_York"));
    assertEquals(ms("2025-01-06T13:00:01.525Z"), ny.endMillis(0));
  }

  @Test
  void endBeforeStartNamesRowAndColumn() {
    Path f = log("S1,u,r,a,2025-01-06T08:00:01.5Z,2025-01-06T08:00:01Z,pre,n", "S2,u,r,a,2025-02-03T08:00:00Z,2025-02-03T08:00:01Z,post,n");
    assertEquals(f + ": row 1, column 'end_time': end_time is before start_time (by 0.500 s)", message(f));
  }

  @Test
  void aPeriodOtherThanPreOrPostNamesRowAndColumn() {
    Path f = log("S1,u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n", "S2,u,r,a,2025-02-03T08:00:00Z,2025-02-03T08:00:01Z,during,n");
    assertEquals(f + ": row 2, column 'period': period must be 'pre' or 'post', got 'during'", message(f));
  }

  @Test
  void aStepWithNoPreRowsIsNamedWithItsFirstRow() {
    Path f = log(
        "S1,u,r,open,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n",
        "S2,u,r,open,2025-02-03T08:00:00Z,2025-02-03T08:00:01Z,post,n",
        "S2,u,r,ai_triage,2025-02-03T08:00:01Z,2025-02-03T08:00:04Z,post,n",
        "S2,u,r,ai_feedback,2025-02-03T08:00:04Z,2025-02-03T08:00:05Z,post,n");
    assertEquals(f + ": row 3, column 'step': step 'ai_triage' has no 'pre' rows, so its change cannot be measured;"
        + " add pre-period data for it or leave it out (also without pre rows: [ai_feedback])", message(f));
  }

  @Test
  void aLogWithoutPostRowsIsRefused() {
    Path f = log("S1,u,r,open,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n");
    assertEquals(f + ": column 'period': no 'post' rows: the audit compares pre with post go-live", message(f));
  }

  @Test
  void aSessionSpanningPeriodsOrUsersNamesTheRow() {
    Path f = log("S1,u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n", "S1,u,r,a,2025-02-03T08:00:00Z,2025-02-03T08:00:01Z,post,n");
    assertEquals(f + ": row 2, column 'period': session 'S1' has rows in both periods; a session lies in one period", message(f));
    Path g = log("S1,u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n", "S1,v,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n");
    assertEquals(g + ": row 2, column 'user_id': session 'S1' already belongs to another user; a session is one user's", message(g));
  }

  @Test
  void badTimesAndMissingColumnsAndEmptyFilesAreNamed() throws Exception {
    Path f = log("S1,u,r,a,yesterday,2025-01-06T08:00:01Z,pre,n");
    assertEquals(f + ": row 1, column 'start_time': not an ISO-8601 timestamp or epoch number: 'yesterday'", message(f));
    Path g = write(dir, "nostep.csv", "user_id,role,start_time,end_time,period", "u,r,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre");
    assertTrue(message(g).startsWith(g + ": column 'step': missing column; the file has [user_id, role, start_time, end_time, period]"),
        message(g));
    Path h = write(dir, "header.csv", HEADER);
    assertEquals(h + ": the file has no data rows", message(h));
    Path e = dir.resolve("empty.csv");
    Files.writeString(e, "");
    assertEquals(e + ": empty file: no header and no data rows", message(e));
    Path empty = log("S1,u,,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n");
    assertEquals(empty + ": row 1, column 'role': empty value", message(empty));
  }

  @Test
  void askedForAttributesMustExist() {
    Path f = log("S1,u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n");
    BadInputException e = assertThrows(BadInputException.class, () -> InteractionLogReader.read(f,
        InteractionLogReader.Columns.defaults().withAttributes(List.of("unit")), ZoneOffset.UTC));
    assertTrue(e.getMessage().startsWith(f + ": column 'unit': missing column"), e.getMessage());
  }

  @Test
  void csvAndParquetOfTheSameLogReadAlike() {
    Path f = log(
        "S1,u1,r,a,2025-01-06T08:00:00.100Z,2025-01-06T08:00:01.250Z,pre,n",
        "S2,u2,r,a,2025-02-03T08:00:00Z,2025-02-03T08:00:00.001Z,post,s");
    Path p = parquet(dir.resolve("same.parquet"), "SELECT * FROM read_csv(" + sqlPath(f) + ", all_varchar = true)");
    InteractionLog a = InteractionLogReader.read(f);
    InteractionLog b = InteractionLogReader.read(p);
    for (int i = 0; i < 2; i++) {
      assertEquals(a.startMillis(i), b.startMillis(i));
      assertEquals(a.endMillis(i), b.endMillis(i));
    }
    assertEquals(1, b.endMillis(1) - b.startMillis(1));
  }

  /**
   * The fast path (single typed Parquet file, text encoded in DuckDB) gives the very log the
   * row-by-row path gives: same codes in first-appearance order, times, periods, attributes, with
   * stripped values, blank attributes as "(missing)" and integer epoch columns.
   */
  @Test
  void parquetFastPathGivesTheSameLogAsRowByRow() {
    Path p = parquet(dir.resolve("fast.parquet"),
        "SELECT * FROM (VALUES"
            + " ('S2', 'u2 ', 'resident', 'scroll', TIMESTAMPTZ '2025-01-06 08:00:00.125+00', 1736150401, 'PRE', NULL),"
            + " ('S1', 'u1', 'radiologist', 'open', TIMESTAMPTZ '2025-01-06 09:00:00+00', 1736154001250, 'pre', 'north'),"
            + " ('S2', 'u2', 'resident', 'open', TIMESTAMPTZ '2025-01-06 08:00:02+00', 1736150403, 'pre', ' '),"
            + " ('S3', 'u1', 'radiologist', 'scroll', TIMESTAMPTZ '2025-02-03 08:00:00+00', 1738569601, 'post', 'south'))"
            + " t(session_id, user_id, role, step, start_time, end_time, period, site)");
    InputSource src = InputSource.resolve(p);
    InteractionLogReader.Columns c = InteractionLogReader.Columns.defaults();
    InteractionLog fast = InteractionLogSql.tryRead(src, c, List.of("site"), true, ZoneOffset.UTC, java.util.Map.of());
    assertTrue(fast != null, "the fast path applies");
    InteractionLog slow;
    System.setProperty("tollgate.ingest.rowByRow", "true");
    try {
      slow = InteractionLogReader.read(p, c.withAttributes(List.of("site")), ZoneOffset.UTC);
    } finally {
      System.clearProperty("tollgate.ingest.rowByRow");
    }
    assertEquals(slow.rows(), fast.rows());
    assertEquals(slow.sessionCount(), fast.sessionCount());
    assertEquals(slow.userCount(), fast.userCount(), "'u2 ' and 'u2' are one user");
    for (int i = 0; i < slow.rows(); i++) {
      assertEquals(slow.session(i), fast.session(i));
      assertEquals(slow.user(i), fast.user(i));
      assertEquals(slow.roleName(slow.role(i)), fast.roleName(fast.role(i)));
      assertEquals(slow.step(i), fast.step(i));
      assertEquals(slow.stepName(slow.step(i)), fast.stepName(fast.step(i)));
      assertEquals(slow.startMillis(i), fast.startMillis(i));
      assertEquals(slow.endMillis(i), fast.endMillis(i));
      assertEquals(slow.period(i), fast.period(i));
      assertEquals(slow.attributeLevel(0, slow.attributeCode(0, i)), fast.attributeLevel(0, fast.attributeCode(0, i)));
    }
    assertEquals("(missing)", fast.attributeLevel(0, fast.attributeCode(0, 0)));
    assertEquals(1_736_154_001_250L, fast.endMillis(1), "an epoch number from 10^11 is milliseconds");
    assertEquals(0, fast.firstRowOfStep(0));
  }

  @Test
  void parquetBadInputFallsBackToTheRowByRowMessage() {
    Path p = parquet(dir.resolve("badfast.parquet"),
        "SELECT * FROM (VALUES"
            + " ('S1', 'u1', 'r', 'a', TIMESTAMPTZ '2025-01-06 08:00:00+00', TIMESTAMPTZ '2025-01-06 08:00:01+00', 'pre'),"
            + " ('S2', 'u1', 'r', 'a', TIMESTAMPTZ '2025-02-03 08:00:02+00', TIMESTAMPTZ '2025-02-03 08:00:01+00', 'post'))"
            + " t(session_id, user_id, role, step, start_time, end_time, period)");
    assertEquals(p + ": row 2, column 'end_time': end_time is before start_time (by 1 s)", message(p));
    assertNull(InteractionLogSql.tryRead(InputSource.resolve(p), InteractionLogReader.Columns.defaults(), List.of(), true,
        ZoneOffset.UTC, java.util.Map.of()));
    Path q = parquet(dir.resolve("period.parquet"),
        "SELECT * FROM (VALUES"
            + " ('S1', 'u1', 'r', 'a', TIMESTAMPTZ '2025-01-06 08:00:00+00', TIMESTAMPTZ '2025-01-06 08:00:01+00', 'pre'),"
            + " ('S2', 'u1', 'r', 'a', TIMESTAMPTZ '2025-02-03 08:00:00+00', TIMESTAMPTZ '2025-02-03 08:00:01+00', 'later'))"
            + " t(session_id, user_id, role, step, start_time, end_time, period)");
    assertEquals(q + ": row 2, column 'period': period must be 'pre' or 'post', got 'later'", message(q));
    // CSV, and naive timestamps in a zone with daylight saving, always take the row-by-row path.
    assertNull(InteractionLogSql.tryRead(InputSource.resolve(log("S1,u,r,a,2025-01-06T08:00:00Z,2025-01-06T08:00:01Z,pre,n")),
        InteractionLogReader.Columns.defaults(), List.of(), true, ZoneOffset.UTC, java.util.Map.of()));
  }
}
