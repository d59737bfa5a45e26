package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.ingest.Fixtures.write;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.behavior.EventLog;
import org.tollgate.data.BadInputException;

/** EHR event logs with visits from an encounters table or from their own columns, and bad input. */
class EventLogReaderTest {
  @TempDir Path dir;

  private static final EventLogReader.Columns COLS = EventLogReader.Columns.defaults();

  private static long s(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  private String message(Path log, Path enc) {
    return assertThrows(BadInputException.class, () -> EventLogReader.read(log, enc, COLS, ZoneOffset.UTC)).getMessage();
  }

  @Test
  void visitsFromAnEncountersTable() {
    Path log = write(dir, "events.csv", "user_id,role,clinical,task,time,encounter_id",
        "u1,nurse,yes,risk_assessment,2025-03-03T09:10:00Z,V1",
        "u2,front_desk,No,risk_assessment,2025-03-04T12:00:00Z,V1",
        "u3,scribe,,note,2025-03-03T09:00:00Z,V9");
    Path enc = write(dir, "encounters.csv", "encounter_id,visit_start,visit_end",
        "V1,2025-03-03T09:00:00Z,2025-03-03T09:30:00Z");
    EventLog l = EventLogReader.read(log, enc, COLS, ZoneOffset.UTC);
    assertEquals(3, l.events());
    assertEquals(EventLog.CLINICAL, l.clinical(0));
    assertEquals(EventLog.NOT_CLINICAL, l.clinical(1));
    assertEquals(EventLog.UNKNOWN, l.clinical(2));
    assertEquals(s("2025-03-03T09:00:00Z"), l.visitStart(1));
    assertEquals(s("2025-03-03T09:30:00Z"), l.visitEnd(1));
    assertEquals(1, l.unmatchedEvents(), "V9 has no visit");
    assertEquals("encounters.csv", Path.of(l.visitSource().path()).getFileName().toString());
    assertEquals(1, l.visitSource().rows());
  }

  @Test
  void visitsFromColumnsOfTheLog() {
    Path log = write(dir, "inline.csv", "user_id,role,task,time,encounter_id,visit_start,visit_end",
        "u1,nurse,risk_assessment,2025-03-03T09:10:00Z,V1,2025-03-03T09:00:00Z,2025-03-03T09:30:00Z",
        "u2,coder,risk_assessment,2025-03-05T09:10:00Z,V1,2025-03-03T09:00:00Z,2025-03-03T09:30:00Z");
    EventLog l = EventLogReader.read(log, null, COLS, ZoneOffset.UTC);
    assertEquals(0, l.unmatchedEvents());
    assertEquals(EventLog.UNKNOWN, l.clinical(0), "no clinical column");
    assertNull(l.visitSource());
    assertEquals("visit_start", l.eventSource().columns().get("visit_start"));
  }

  @Test
  void badInputNamesFileRowAndColumn() {
    Path noVisits = write(dir, "novisit.csv", "user_id,role,task,time,encounter_id", "u,r,t,2025-03-03T09:10:00Z,V1");
    assertEquals(noVisits + ": column 'visit_start': no visit times: give an encounters table (encounter_id, visit_start, visit_end)"
        + " or add those columns to the log; the file has [user_id, role, task, time, encounter_id]", message(noVisits, null));

    Path enc = write(dir, "enc.csv", "encounter_id,visit_start,visit_end",
        "V1,2025-03-03T09:00:00Z,2025-03-03T09:30:00Z", "V2,2025-03-03T10:00:00Z,2025-03-03T09:30:00Z");
    assertEquals(enc + ": row 2, column 'visit_end': visit_end is before visit_start", message(noVisits, enc));

    Path twice = write(dir, "twice.csv", "encounter_id,visit_start,visit_end",
        "V1,2025-03-03T09:00:00Z,2025-03-03T09:30:00Z", "V1,2025-03-03T09:00:00Z,2025-03-03T09:45:00Z");
    assertEquals(twice + ": row 2, column 'encounter_id': encounter 'V1' already has a different visit start or end",
        message(noVisits, twice));

    Path good = write(dir, "good.csv", "encounter_id,visit_start,visit_end", "V1,2025-03-03T09:00:00Z,2025-03-03T09:30:00Z");
    Path badClinical = write(dir, "clin.csv", "user_id,role,clinical,task,time,encounter_id",
        "u,r,yes,t,2025-03-03T09:10:00Z,V1", "u,r,maybe,t,2025-03-03T09:10:00Z,V1");
    assertEquals(badClinical + ": row 2, column 'clinical': must be yes or no (or true/false, 1/0), got 'maybe'",
        message(badClinical, good));

    Path badTime = write(dir, "time.csv", "user_id,role,task,time,encounter_id", "u,r,t,soon,V1");
    assertEquals(badTime + ": row 1, column 'time': not an ISO-8601 timestamp: 'soon'", message(badTime, good));

    Path empty = write(dir, "empty.csv");
    assertEquals(empty + ": empty file: no header and no data rows", message(empty, good));
    assertEquals(empty + ": empty file: no header and no data rows", message(noVisits, empty));
    Path header = write(dir, "header.csv", "user_id,role,task,time,encounter_id");
    assertTrue(message(header, good).endsWith("the file has no data rows"));
  }
}
