package org.tollgate.ingest.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.behavior.EventLog;
import org.tollgate.cohort.DiabetesAuditLog;
import org.tollgate.cohort.RadiologyReadingLog;
import org.tollgate.data.BadInputException;
import org.tollgate.friction.InteractionLog;
import org.tollgate.ingest.EventLogReader;
import org.tollgate.ingest.InteractionLogReader;
import org.tollgate.ingest.write.CohortWriter.Format;

/** Generated logs written and read back: every row, millisecond times, the manifest, nothing half-written. */
class AuditLogWriterTest {
  @TempDir Path tmp;

  private static final RadiologyReadingLog RADIOLOGY =
      new RadiologyReadingLog(RadiologyReadingLog.Settings.defaults().withSessions(20));
  private static final DiabetesAuditLog DIABETES = new DiabetesAuditLog(DiabetesAuditLog.Settings.defaults().withVisits(60));

  private static AuditLogWriter writer(Format f) {
    return new AuditLogWriter(f, false, "tollgate test");
  }

  /** Every generated row, as (step, start, end), straight from the generator. */
  private static List<long[]> generated() {
    List<long[]> rows = new ArrayList<>();
    RADIOLOGY.generate((s, step, a, b) -> rows.add(new long[] {RadiologyReadingLog.STEPS.indexOf(step), a, b}));
    return rows;
  }

  @Test
  void radiologyReadsBackExactlyInBothFormats() throws Exception {
    List<long[]> expected = generated();
    for (Format f : Format.values()) {
      Path dir = tmp.resolve("radiology-" + f.extension());
      CohortWriter.Result r = writer(f).writeRadiology(RADIOLOGY, true, dir);
      assertEquals(expected.size(), r.rows().get(AuditLogWriter.INTERACTIONS));
      InteractionLog log = InteractionLogReader.read(dir.resolve("interactions." + f.extension()));
      assertEquals(expected.size(), log.rows());
      assertTrue(log.hasSessions());
      assertEquals(List.of("site", "shift"), log.attributeNames());
      for (int i = 0; i < expected.size(); i++) {
        long[] e = expected.get(i);
        assertEquals(RadiologyReadingLog.STEPS.get((int) e[0]), log.stepName(log.step(i)), "row " + i);
        assertEquals(e[1], log.startMillis(i), "row " + i);
        assertEquals(e[2], log.endMillis(i), "row " + i);
      }
      String manifest = Files.readString(dir.resolve(AuditLogWriter.MANIFEST));
      assertTrue(manifest.contains("\"schema\": \"tollgate.log/v1\""), manifest);
      assertTrue(manifest.contains("\"generator\": \"radiology\""), manifest);
      assertTrue(manifest.contains("\"sha256\": \"" + org.tollgate.ingest.Hashes.file(dir.resolve("interactions." + f.extension())) + "\""));
    }
    List<String> csv = Files.readAllLines(tmp.resolve("radiology-csv/interactions.csv"));
    assertEquals("session_id,user_id,role,step,start_time,end_time,period,site,shift", csv.get(0));
    assertTrue(csv.get(1).matches("R0000001,rad-001,radiologist,open_study,2025-01-06T07:0\\d:\\d\\d\\.\\d{3}Z,.*,pre,main,day"), csv.get(1));
  }

  @Test
  void radiologyWithoutSessionIdsLeavesTheColumnOut() throws Exception {
    Path dir = tmp.resolve("nosession");
    writer(Format.CSV).writeRadiology(RADIOLOGY, false, dir);
    assertEquals("user_id,role,step,start_time,end_time,period,site,shift", Files.readAllLines(dir.resolve("interactions.csv")).get(0));
    assertFalse(InteractionLogReader.read(dir.resolve("interactions.csv")).hasSessions());
  }

  @Test
  void diabetesWritesEventsAndEncountersThatReadBack() throws Exception {
    long[] n = new long[2];
    DIABETES.generate((e, a, b) -> n[0]++, (u, r, c, t, s, e) -> n[1]++);
    for (Format f : Format.values()) {
      Path dir = tmp.resolve("diabetes-" + f.extension());
      CohortWriter.Result r = writer(f).writeDiabetes(DIABETES, dir);
      assertEquals(n[1], r.rows().get(AuditLogWriter.EVENTS));
      assertEquals(n[0], r.rows().get(AuditLogWriter.ENCOUNTERS));
      EventLog log = EventLogReader.read(dir.resolve("events." + f.extension()), dir.resolve("encounters." + f.extension()),
          EventLogReader.Columns.defaults(), ZoneOffset.UTC);
      assertEquals(n[1], log.events());
      assertEquals(0, log.unmatchedEvents());
      assertEquals(60, log.encounterCount());
    }
    assertEquals("user_id,role,clinical,task,time,encounter_id", Files.readAllLines(tmp.resolve("diabetes-csv/events.csv")).get(0));
  }

  @Test
  void anExistingDirectoryIsNotReplacedWithoutForceAndNothingIsLeftBehind() throws Exception {
    Path dir = tmp.resolve("taken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("keep.txt"), "x");
    BadInputException e = assertThrows(BadInputException.class, () -> writer(Format.CSV).writeDiabetes(DIABETES, dir));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    new AuditLogWriter(Format.CSV, true, "t").writeDiabetes(DIABETES, dir);
    assertFalse(Files.exists(dir.resolve("keep.txt")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary directory left");
    }
  }
}
