package org.tollgate.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;

/**
 * The simulation summary (v3) carries the per-encounter sums of alert PPV's cluster-aware interval ({@link AlertPpv}),
 * keeps "unknown" unknown, and refuses a v2 file (made without the sums) by name.
 */
class RunFileTest {
  static final InputRecord IN = new InputRecord("lake/scores", "parquet", "-", 100, 0, ColumnMapping.defaults());
  static final AlertPolicy REFIRE = new AlertPolicy("refire", 0.5, 1, null, List.of(), 60, 3, null);

  /** Encounters with (alerts, timely) = (3, 3), (2, 0), (0, 0): Σa² = 13, Σt² = 9, Σta = 9 (AlertPpv's design effect 2.4). */
  static PolicyCounts handWorked() {
    return PolicyCounts.of(5, 3, 0, 2, 3, 1, 1, 2, new long[] {14_400}, 13, 9, 9);
  }

  static byte[] bytes(PolicyCounts c) throws IOException {
    Simulator.Run run = new Simulator.Run(List.of(REFIRE), new PolicyCounts[] {c}, Map.of("sex", List.of(Map.entry("F", new PolicyCounts[] {c}))),
        1, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RunFile(run, new Outcome("sepsis_onset", 720), IN, IN).write(out);
    return out.toByteArray();
  }

  @Test
  void thePerEncounterSumsSurviveTheFileOverallAndPerGroup() throws IOException {
    RunFile back = RunFile.read(new ByteArrayInputStream(bytes(handWorked())), "run.tgr");
    for (PolicyCounts c : List.of(back.run().overall()[0], back.run().byStratum().get("sex").get(0).getValue()[0])) {
      assertTrue(c.hasEncounterSums());
      assertEquals(13, c.sumAlertsSquared());
      assertEquals(9, c.sumTimelySquared());
      assertEquals(9, c.sumTimelyTimesAlerts());
      assertEquals(2.4, AlertPpv.designEffect(c), 1e-12);
      assertArrayEquals(new long[] {14_400}, c.leadSeconds());
    }
  }

  @Test
  void countersWithoutTheSumsStayWithoutThemAndTakeAlertsAsIndependent() throws IOException {
    PolicyCounts none = PolicyCounts.of(5, 3, 0, 2, 3, 1, 1, 2, new long[] {14_400});
    PolicyCounts back = RunFile.read(new ByteArrayInputStream(bytes(none)), "run.tgr").run().overall()[0];
    assertFalse(back.hasEncounterSums());
    assertEquals(1, AlertPpv.designEffect(back), 0);
  }

  @Test
  void aVersionTwoFileIsRefusedNamingBothVersions() throws IOException {
    byte[] b = bytes(handWorked());
    b[11] = 2; // the version int after the 8 magic bytes "TGSIMRUN": 0, 0, 0, 3
    BadInputException e = assertThrows(BadInputException.class, () -> RunFile.read(new ByteArrayInputStream(b), "old.tgr"));
    assertTrue(e.getMessage().contains("old.tgr") && e.getMessage().contains("version 2 is not supported; this tollgate reads version 3"),
        e.getMessage());
  }

  @Test
  void sumsBelowTheCountsAreACorruptFile() throws IOException {
    byte[] good = bytes(handWorked());
    // Σa² (13) is the ninth long of the overall counts; find it after the eight counters 5, 3, 0, 2, 3, 1, 1, 2.
    byte[] bad = good.clone();
    int at = indexOfLongs(bad, 5, 3, 0, 2, 3, 1, 1, 2, 13) + 8 * 8;
    bad[at + 7] = 4; // Σa² = 4 < 5 alerts
    BadInputException e = assertThrows(BadInputException.class, () -> RunFile.read(new ByteArrayInputStream(bad), "bad.tgr"));
    assertTrue(e.getMessage().contains("bad.tgr") && e.getMessage().contains("corrupt"), e.getMessage());
  }

  private static int indexOfLongs(byte[] b, long... v) {
    outer:
    for (int i = 0; i + v.length * 8 <= b.length; i++) {
      for (int k = 0; k < v.length; k++) {
        long x = 0;
        for (int j = 0; j < 8; j++) x = (x << 8) | (b[i + k * 8 + j] & 0xff);
        if (x != v[k]) continue outer;
      }
      return i;
    }
    throw new AssertionError("counters not found");
  }
}
