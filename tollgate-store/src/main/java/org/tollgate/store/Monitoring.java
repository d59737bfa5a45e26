package org.tollgate.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Monitored periods of live use cases ({@code tollgate monitor}, {@code POST /api/v1/use-cases/{id}/monitoring})
 * and each use case's monitoring status. Recording periods is one transaction with its audit entries: one
 * {@code monitor.period} entry per period stored (its span, summary SHA-256 and whether it breached), and one
 * {@code guardrail.breach} entry when the use case turns <i>re-review due</i> (further breaches while it is
 * already due add none; a stable last period turns it back to <i>monitored</i> only through a new committee
 * decision, not by itself).
 *
 * <p>The small-cell rule is enforced here, below every writer: a period summary holding any count from 1 to
 * {@value #MIN_CELL_MINUS_ONE} is refused.
 */
public final class Monitoring {
  /** Largest count that must be withheld (the common public-health rule: below 11). */
  public static final int MIN_CELL_MINUS_ONE = 10;
  /** Status of a use case with a breach it has not been re-reviewed for. */
  public static final String RE_REVIEW_DUE = "re-review due";
  /** Status of a monitored use case without an open breach. */
  public static final String MONITORED = "monitored";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Store store;

  Monitoring(Store store) {
    this.store = store;
  }

  /**
   * One period to store.
   *
   * @param summary the period's object of a {@code tollgate.monitoring/v1} document (JSON text)
   * @param inputs the inputs' provenance as JSON text (array of {path, sha256, rows})
   */
  public record Period(String start, String end, String period, String summary, boolean breached, String inputs) {
    public Period {
      Objects.requireNonNull(start, "period start");
      Objects.requireNonNull(end, "period end");
      Objects.requireNonNull(summary, "period summary");
      period = period == null ? "" : period;
      inputs = inputs == null ? "[]" : inputs;
    }
  }

  /** A stored period. */
  public record Stored(String start, String end, String period, String summary, String summarySha256, boolean breached, String inputs, String actor,
      String createdAt) {}

  /** A use case's monitoring status; null from {@link #status} when it has never been monitored. */
  public record Status(String status, String reason, String since) {
    public boolean reReviewDue() {
      return RE_REVIEW_DUE.equals(status);
    }
  }

  /** What {@link #record} did. */
  public record Recorded(int periods, boolean breachRecorded, AuditLog.Checkpoint checkpoint) {}

  /**
   * Stores the periods (a period already stored for the use case is replaced) and, when {@code reason} is not
   * null (the last period breaches a guardrail), turns the use case re-review due.
   */
  public Recorded record(String useCaseId, String useCaseTitle, List<Period> periods, String reason, String actor) {
    for (Period p : periods) refuseSmallCells(p.summary(), "$");
    return store.transaction(c -> {
      AuditLog.lock(c);
      String now = Store.now();
      Reviews.ensureUseCase(c, useCaseId, useCaseTitle == null ? useCaseId : useCaseTitle, now);
      AuditLog.Checkpoint cp = null;
      for (Period p : periods) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM monitor_periods WHERE use_case_id = ? AND period_start = ? AND period_end = ?")) {
          ps.setString(1, useCaseId);
          ps.setString(2, p.start());
          ps.setString(3, p.end());
          ps.executeUpdate();
        }
        String sha = Digests.sha256(p.summary());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO monitor_periods (use_case_id, period_start, period_end, period, summary, "
            + "summary_sha256, breached, inputs, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, useCaseId);
          ps.setString(2, p.start());
          ps.setString(3, p.end());
          ps.setString(4, p.period());
          ps.setString(5, p.summary());
          ps.setString(6, sha);
          ps.setBoolean(7, p.breached());
          ps.setString(8, p.inputs());
          ps.setString(9, actor);
          ps.setString(10, now);
          ps.executeUpdate();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("start", p.start());
        payload.put("end", p.end());
        payload.put("summary_sha256", sha);
        payload.put("breached", p.breached());
        cp = store.audit().append(c, actor, AuditAction.MONITOR_PERIOD, Reviews.subject(useCaseId), payload);
      }
      Status before = status(c, useCaseId);
      boolean breach = false;
      if (reason != null && (before == null || !before.reReviewDue())) {
        upsertStatus(c, useCaseId, RE_REVIEW_DUE, reason, now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", RE_REVIEW_DUE);
        payload.put("reason", reason);
        cp = store.audit().append(c, actor, AuditAction.GUARDRAIL_BREACH, Reviews.subject(useCaseId), payload);
        breach = true;
      } else if (before == null) {
        upsertStatus(c, useCaseId, reason == null ? MONITORED : RE_REVIEW_DUE, reason, now);
      }
      return new Recorded(periods.size(), breach, cp);
    });
  }

  /** The use case's monitoring status, or null when it has never been monitored. */
  public Status status(String useCaseId) {
    return store.transaction(c -> status(c, useCaseId));
  }

  /**
   * Ends a re-review: the committee has decided again, so the use case is monitored afresh (called with the
   * decision, inside no other transaction).
   */
  public void reviewed(String useCaseId) {
    store.transaction(c -> {
      Status s = status(c, useCaseId);
      if (s != null && s.reReviewDue()) upsertStatus(c, useCaseId, MONITORED, null, Store.now());
      return null;
    });
  }

  /** A use case's stored periods, oldest first. */
  public List<Stored> periods(String useCaseId) {
    return store.transaction(c -> {
      List<Stored> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT period_start, period_end, period, summary, summary_sha256, breached, inputs, actor, created_at "
          + "FROM monitor_periods WHERE use_case_id = ? ORDER BY period_start, period_end")) {
        ps.setString(1, useCaseId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7),
                rs.getString(8), rs.getString(9)));
          }
        }
      }
      return out;
    });
  }

  private static Status status(java.sql.Connection c, String useCaseId) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status, reason, since FROM monitor_status WHERE use_case_id = ?")) {
      ps.setString(1, useCaseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Status(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
      }
    }
  }

  private static void upsertStatus(java.sql.Connection c, String useCaseId, String status, String reason, String now) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM monitor_status WHERE use_case_id = ?")) {
      ps.setString(1, useCaseId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO monitor_status (use_case_id, status, reason, since, updated_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, useCaseId);
      ps.setString(2, status);
      ps.setString(3, reason);
      ps.setString(4, now);
      ps.setString(5, now);
      ps.executeUpdate();
    }
  }

  /** Refuses JSON holding an integral count from 1 to 10 anywhere (the summaries' counts; settings are not stored here). */
  static void refuseSmallCells(String json, String path) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new StoreException("a monitoring period summary is not JSON: " + e.getMessage(), e);
    }
    walk(n, path);
  }

  private static void walk(JsonNode n, String path) {
    if (n.isIntegralNumber()) {
      long v = n.asLong();
      if (v >= 1 && v <= MIN_CELL_MINUS_ONE) {
        throw new StoreException("refusing a monitoring summary with a small cell: " + path + " = " + v + " (counts from 1 to 10 must be withheld)");
      }
    } else if (n.isObject()) {
      n.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey()));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) walk(n.get(i), path + "[" + i + "]");
    }
  }
}
