package org.tollgate.friction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions from a session column, and rebuilt from idle gaps at exact boundaries. */
class SessionsTest {
  static final long T0 = 1_735_000_000_000L;
  static final long GAP = 5 * 60_000L;

  private static InteractionLog.Builder raw() {
    return new InteractionLog.Builder(false, List.of());
  }

  @Test
  void aGapOfExactlyTheThresholdContinuesTheSessionAndOneMillisecondMoreSplitsIt() {
    InteractionLog.Builder b = raw();
    b.add(null, "u", "r", "a", T0, T0 + 1000, Period.PRE);
    b.add(null, "u", "r", "a", T0 + 1000 + GAP, T0 + 2000 + GAP, Period.PRE); // gap exactly 5 min: same session
    b.add(null, "u", "r", "a", T0 + 2000 + 2 * GAP + 1, T0 + 3000 + 2 * GAP + 1, Period.PRE); // 5 min + 1 ms: new
    Sessions s = Sessions.of(b.build(null), GAP);
    assertTrue(s.rebuilt);
    assertEquals(2, s.count);
    assertEquals(2, s.entryCount[s.entryStart[0]]);
    assertEquals(2000, s.total[0]);
    assertEquals(1000, s.total[1]);
  }

  @Test
  void theGapIsMeasuredFromTheLatestEndSoFarNotTheLastRow() {
    InteractionLog.Builder b = raw();
    b.add(null, "u", "r", "dictate", T0, T0 + 10 * 60_000, Period.PRE); // long step, ends at +10 min
    b.add(null, "u", "r", "scroll", T0 + 60_000, T0 + 61_000, Period.PRE); // inside it
    b.add(null, "u", "r", "sign", T0 + 14 * 60_000, T0 + 14 * 60_000 + 500, Period.PRE); // 4 min after +10: same
    assertEquals(1, Sessions.of(b.build(null), GAP).count);
  }

  @Test
  void usersAndPeriodsNeverShareASessionAndRowsAreTakenInTimeOrder() {
    InteractionLog.Builder b = raw();
    // Out of order in the file; u and v interleaved; u switches period with no gap.
    b.add(null, "u", "r", "a", T0 + 2000, T0 + 3000, Period.PRE);
    b.add(null, "v", "r", "a", T0, T0 + 500, Period.PRE);
    b.add(null, "u", "r", "a", T0, T0 + 1000, Period.PRE);
    b.add(null, "u", "r", "a", T0 + 3000, T0 + 4000, Period.POST);
    b.add(null, "v", "r", "b", T0 + 600, T0 + 900, Period.PRE);
    Sessions s = Sessions.of(b.build(null), GAP);
    assertEquals(3, s.count);
    // Sessions in (user code, time) order: u pre (2 rows), u post, v pre.
    assertArrayEquals(new int[] {0, 0, 1}, s.user);
    assertArrayEquals(new byte[] {0, 1, 0}, s.period);
    assertArrayEquals(new long[] {2000, 1000, 800}, s.total);
    assertArrayEquals(new long[] {T0, T0 + 3000, T0}, s.firstStart);
  }

  @Test
  void aSessionColumnIsTakenAsGivenAndEntriesAreSummedPerStep() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of("site"));
    b.add("S1", "u", "r", "b", T0, T0 + 100, Period.PRE, "north");
    b.add("S2", "v", "r", "a", T0, T0 + 200, Period.POST, "south");
    b.add("S1", "u", "r", "a", T0 + 9 * 3_600_000L, T0 + 9 * 3_600_000L + 300, Period.PRE, "south"); // hours later: still S1
    b.add("S1", "u", "r", "b", T0 + 200, T0 + 250, Period.PRE, "north");
    InteractionLog log = b.build(null);
    Sessions s = Sessions.of(log, GAP);
    assertFalse(s.rebuilt);
    assertEquals(2, s.count);
    // S1: step b (code 0) 2 occurrences, 150 ms; step a (code 1) 1, 300 ms; entries in step order.
    assertEquals(0, s.entryStart[0]);
    assertEquals(2, s.entryStart[1]);
    assertArrayEquals(new int[] {0, 1, 1}, java.util.Arrays.copyOf(s.entryStep, 3));
    assertArrayEquals(new long[] {2, 1, 1}, java.util.Arrays.copyOf(s.entryCount, 3));
    assertArrayEquals(new long[] {150, 300, 200}, java.util.Arrays.copyOf(s.entrySum, 3));
    assertEquals("north", log.attributeLevel(0, s.attribute[0][0]), "a session's attributes are its first row's");
  }

  @Test
  void theBuilderRefusesInvertedTimesAndSessionsSpanningUsersOrPeriods() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    InteractionLog.RowException end = assertThrows(InteractionLog.RowException.class,
        () -> b.add("S1", "u", "r", "a", T0 + 500, T0, Period.PRE));
    assertEquals("end", end.column());
    assertEquals("end is before start (500 ms earlier)", end.getMessage());
    b.add("S1", "u", "r", "a", T0, T0 + 1, Period.PRE);
    assertEquals("user", assertThrows(InteractionLog.RowException.class, () -> b.add("S1", "w", "r", "a", T0, T0, Period.PRE)).column());
    assertEquals("period", assertThrows(InteractionLog.RowException.class, () -> b.add("S1", "u", "r", "a", T0, T0, Period.POST)).column());
  }

  @Test
  void periodParsingAcceptsOnlyPreAndPost() {
    assertEquals(Period.PRE, Period.parse(" PRE "));
    assertEquals(Period.POST, Period.parse("post"));
    assertEquals("period must be 'pre' or 'post', got 'during'",
        assertThrows(IllegalArgumentException.class, () -> Period.parse("during")).getMessage());
  }
}
