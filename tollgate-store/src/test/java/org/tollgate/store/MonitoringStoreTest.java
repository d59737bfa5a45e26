package org.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringStoreTest {
  @TempDir Path dir;

  static Monitoring.Period period(String start, String end, boolean breached) {
    return new Monitoring.Period(start, end, "week", "{\"start\": \"" + start + "\", \"alerts\": 140, \"withheld\": [\"window.outcomes\"], \"window\": {\"outcomes\": null}}",
        breached, "[{\"path\": \"live/scores.parquet\", \"sha256\": \"ab\", \"rows\": 123456}]");
  }

  /**
   * A breach turns the use case re-review due with its sentence and writes exactly one guardrail.breach entry,
   * however many periods (each with its monitor.period entry) and later breaches follow; the audit chain stays intact.
   */
  @Test
  void aBreachChangesTheStatusAndWritesExactlyOneAuditEntry() {
    try (Store st = Store.open(Store.h2File(dir.resolve("store")))) {
      Monitoring m = st.monitoring();
      assertNull(m.status("uc"));
      m.record("uc", "Use case", List.of(period("2026-06-25", "2026-07-02", false)), null, "cron");
      assertEquals(Monitoring.MONITORED, m.status("uc").status());
      Monitoring.Recorded r = m.record("uc", "Use case", List.of(period("2026-07-02", "2026-07-09", true)), "alert volume: alerts per day 2.0 against 0.0–1.8", "cron");
      assertTrue(r.breachRecorded());
      Monitoring.Status s = m.status("uc");
      assertTrue(s.reReviewDue());
      assertEquals("alert volume: alerts per day 2.0 against 0.0–1.8", s.reason());
      Monitoring.Recorded again = m.record("uc", "Use case", List.of(period("2026-07-09", "2026-07-16", true)), "still breached", "cron");
      assertFalse(again.breachRecorded(), "already due: no second breach entry");
      List<AuditLog.Entry> e = st.audit().entries(Reviews.subject("uc"));
      assertEquals(1, e.stream().filter(x -> x.action().equals("guardrail.breach")).count());
      assertEquals(3, e.stream().filter(x -> x.action().equals("monitor.period")).count());
      assertEquals(3, m.periods("uc").size());
      assertTrue(st.audit().verify().intact());
      // The committee re-reviews: monitored afresh, and the next breach is recorded again.
      m.reviewed("uc");
      assertFalse(m.status("uc").reReviewDue());
      assertTrue(m.record("uc", "Use case", List.of(period("2026-07-16", "2026-07-23", true)), "again", "cron").breachRecorded());
    }
  }

  /** The store refuses a summary holding a count from 1 to 10 and writes nothing. */
  @Test
  void aSummaryWithASmallCellIsRefusedAndNothingIsWritten() {
    try (Store st = Store.open(Store.h2File(dir.resolve("store")))) {
      Monitoring.Period bad = new Monitoring.Period("2026-07-02", "2026-07-09", "week", "{\"window\": {\"outcomes\": 7}}", true, "[]");
      StoreException e = assertThrows(StoreException.class, () -> st.monitoring().record("uc", null, List.of(period("2026-06-25", "2026-07-02", false), bad), "x", "cron"));
      assertTrue(e.getMessage().contains("$.window.outcomes = 7"), e.getMessage());
      assertTrue(st.monitoring().periods("uc").isEmpty());
      assertNull(st.monitoring().status("uc"));
      assertTrue(st.audit().entries(Reviews.subject("uc")).isEmpty());
    }
  }

  /** Storing a period again replaces it (a re-run over the same week), with a new monitor.period entry. */
  @Test
  void aPeriodStoredAgainIsReplaced() {
    try (Store st = Store.open(Store.h2File(dir.resolve("store")))) {
      st.monitoring().record("uc", null, List.of(period("2026-06-25", "2026-07-02", false)), null, "cron");
      st.monitoring().record("uc", null, List.of(period("2026-06-25", "2026-07-02", false)), null, "cron");
      assertEquals(1, st.monitoring().periods("uc").size());
    }
  }
}
