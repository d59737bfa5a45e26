package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.alerts.Simulator;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

class EventReaderTest {
  @TempDir Path dir;

  /**
   * An outcome event with an end time is refused naming its file row and the end_time column (issue 19 item 13:
   * it was refused with no row, naming column 'type'). Row 3 of the events file is the first sepsis_onset with one;
   * row 1 is a procedure window, which may have one.
   */
  @Test
  void anOutcomeEventWithAnEndTimeIsRefusedAtItsRowAndTheEndTimeColumn() throws Exception {
    Path scores = dir.resolve("scores.csv");
    Files.writeString(scores, """
        encounter_id,time,score
        E1,2025-05-01T00:00:00Z,0.9
        E2,2025-05-01T00:00:00Z,0.1
        """);
    Path events = dir.resolve("events.csv");
    Files.writeString(events, """
        encounter_id,time,type,value,end_time
        E1,2025-05-01T01:00:00Z,procedure,,2025-05-01T02:00:00Z
        E1,2025-05-01T03:00:00Z,sepsis_onset,,
        E2,2025-05-01T03:00:00Z,sepsis_onset,,2025-05-01T04:00:00Z
        E2,2025-05-01T05:00:00Z,sepsis_onset,,2025-05-01T06:00:00Z
        """);
    ScoreTable t = new PredictionReader().read(scores, ColumnMapping.defaults().withAttributes(List.of()), Need.SCORE_STREAM);
    EventTable e = EventReader.read(events, t, null, null);
    BadInputException ex = assertThrows(BadInputException.class,
        () -> Simulator.run(t, e, new Outcome("sepsis_onset", 720), List.of(AlertPolicy.threshold("p", 0.5)), List.of()));
    assertEquals(events + ": row 3, column 'end_time': an event of outcome type 'sepsis_onset' has an end_time: it is a context window,"
        + " not an outcome (an outcome happens at a moment; leave its end_time empty)", ex.getMessage());
  }
}
