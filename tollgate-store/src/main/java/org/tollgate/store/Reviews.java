package org.tollgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Review runs: the verdict, every item's result, the inputs' hashes and the dossier, stored as one transaction. */
public final class Reviews {
  private final Store store;

  Reviews(Store store) {
    this.store = store;
  }

  /** One rule's outcome; {@code evidence} is JSON text of the item's (already suppressed, id-free) numbers. */
  public record Item(String id, String title, String status, String reason, String evidence) {
    public Item {
      Objects.requireNonNull(id, "item id");
      Objects.requireNonNull(status, "item status");
      title = title == null ? "" : title;
      reason = reason == null ? "" : reason;
      evidence = evidence == null ? "{}" : evidence;
    }
  }

  /** One input file: where it was, its SHA-256 and its row count (no content). */
  public record Input(String path, String format, String sha256, long rows) {
    public Input {
      Objects.requireNonNull(path, "input path");
      Objects.requireNonNull(sha256, "input sha256");
      format = format == null ? "" : format;
    }
  }

  /**
   * A finished review to record.
   *
   * @param settings the review settings as given (the review.yaml text)
   * @param dossier the dossier JSON text (small-cell suppressed, id-free)
   */
  public record NewRun(String useCaseId, String useCaseTitle, String verdict, String fatalFlaw, String toolVersion, String reviewDir,
      String settings, String dossier, List<Item> items, List<Input> inputs) {
    public NewRun {
      Objects.requireNonNull(useCaseId, "use case id");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(dossier, "dossier");
      items = List.copyOf(items);
      inputs = List.copyOf(inputs);
      useCaseTitle = useCaseTitle == null ? useCaseId : useCaseTitle;
      Texts.check("the use case's title", useCaseTitle, Texts.TITLE);
      toolVersion = toolVersion == null ? "dev" : toolVersion;
      reviewDir = reviewDir == null ? "" : reviewDir;
    }
  }

  /** A stored run. */
  public record Run(String id, String useCaseId, String verdict, String fatalFlaw, String toolVersion, String reviewDir, String settings,
      String settingsSha256, String dossier, String dossierSha256, String actor, String createdAt, List<Item> items, List<Input> inputs) {}

  /** What {@link #record} returns: the new run's id and the audit checkpoint after it. */
  public record Recorded(String runId, AuditLog.Checkpoint checkpoint) {}

  /** Records a run with its items, inputs and audit entry as one transaction. */
  public Recorded record(NewRun r, String actor) {
    return record(r, actor, null);
  }

  /** As {@link #record(NewRun, String)}; {@code beforeCommit} runs last inside the transaction (tests use it to crash there). */
  Recorded record(NewRun r, String actor, Runnable beforeCommit) {
    String id = UUID.randomUUID().toString();
    return store.transaction(c -> {
      AuditLog.lock(c);
      String now = Store.now();
      ensureUseCase(c, r.useCaseId(), r.useCaseTitle(), now);
      String settingsSha = Digests.sha256(r.settings());
      String previous = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT settings_sha256 FROM review_runs WHERE use_case_id = ? ORDER BY created_at DESC, id DESC")) {
        ps.setString(1, r.useCaseId());
        ps.setMaxRows(1);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) previous = rs.getString(1);
        }
      }
      if (previous != null && !previous.equals(settingsSha)) {
        store.audit().append(c, actor, AuditAction.SETTINGS_CHANGE, subject(r.useCaseId()),
            Map.of("previous_settings_sha256", previous, "settings_sha256", settingsSha, "run_id", id));
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_runs (id, use_case_id, verdict, fatal_flaw, tool_version, review_dir, "
          + "settings, settings_sha256, dossier, dossier_sha256, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, r.useCaseId());
        ps.setString(3, r.verdict());
        ps.setString(4, r.fatalFlaw());
        ps.setString(5, r.toolVersion());
        ps.setString(6, r.reviewDir());
        ps.setString(7, r.settings());
        ps.setString(8, Digests.sha256(r.settings()));
        ps.setString(9, r.dossier());
        ps.setString(10, Digests.sha256(r.dossier()));
        ps.setString(11, actor);
        ps.setString(12, now);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_items (run_id, position, item_id, title, status, reason, evidence) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        int k = 0;
        for (Item it : r.items()) {
          ps.setString(1, id);
          ps.setInt(2, k++);
          ps.setString(3, it.id());
          ps.setString(4, it.title());
          ps.setString(5, it.status());
          ps.setString(6, it.reason());
          ps.setString(7, it.evidence());
          ps.addBatch();
        }
        if (k > 0) ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_inputs (run_id, position, path, format, sha256, row_count) "
          + "VALUES (?, ?, ?, ?, ?, ?)")) {
        int k = 0;
        for (Input in : r.inputs()) {
          ps.setString(1, id);
          ps.setInt(2, k++);
          ps.setString(3, in.path());
          ps.setString(4, in.format());
          ps.setString(5, in.sha256());
          ps.setLong(6, in.rows());
          ps.addBatch();
        }
        if (k > 0) ps.executeBatch();
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("run_id", id);
      payload.put("use_case", r.useCaseId());
      payload.put("verdict", r.verdict());
      payload.put("fatal_flaw", r.fatalFlaw());
      payload.put("tool_version", r.toolVersion());
      payload.put("settings_sha256", Digests.sha256(r.settings()));
      payload.put("dossier_sha256", Digests.sha256(r.dossier()));
      Map<String, String> items = new LinkedHashMap<>();
      for (Item it : r.items()) items.put(it.id(), it.status());
      payload.put("items", items);
      List<Map<String, Object>> inputs = new ArrayList<>();
      for (Input in : r.inputs()) inputs.add(Map.of("path", in.path(), "sha256", in.sha256(), "rows", in.rows()));
      payload.put("inputs", inputs);
      AuditLog.Checkpoint cp = store.audit().append(c, actor, AuditAction.REVIEW_RUN, subject(r.useCaseId()), payload);
      if (beforeCommit != null) beforeCommit.run();
      return new Recorded(id, cp);
    });
  }

  /** A use case with its latest run (null fields when it has none yet). */
  public record UseCase(String id, String title, String createdAt, String latestRunId, String latestVerdict, String latestRunAt) {}

  /** Every use case, by id, with its latest run's id, verdict and time. */
  public List<UseCase> useCases() {
    return useCases(null);
  }

  /** One use case with its latest run, or null when there is none with this id. */
  public UseCase useCase(String id) {
    List<UseCase> one = useCases(id);
    return one.isEmpty() ? null : one.get(0);
  }

  /** All use cases ({@code id} null) or the one with this id, each with its latest run. */
  private List<UseCase> useCases(String id) {
    return store.transaction(c -> {
      List<UseCase> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.title, u.created_at, r.id, r.verdict, r.created_at FROM use_cases u "
          + "LEFT JOIN review_runs r ON r.id = (SELECT r2.id FROM review_runs r2 WHERE r2.use_case_id = u.id ORDER BY r2.created_at DESC, r2.id DESC LIMIT 1) "
          + (id == null ? "" : "WHERE u.id = ? ") + "ORDER BY u.id")) {
        if (id != null) ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(new UseCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return out;
    });
  }

  /**
   * Registers a use case before its first review ({@code use_case.create} in the audit log). The id is what
   * review.yaml's {@code use_case.id} must say; refused when it exists or is not letters, digits, '.', '_' or '-'.
   */
  public AuditLog.Checkpoint createUseCase(String id, String title, String actor) {
    if (id == null || !id.matches("[A-Za-z0-9._-]{1,200}")) throw new StoreException("use case id must be 1-200 letters, digits, '.', '_' or '-': " + id);
    if (title == null || title.isBlank()) throw new StoreException("a use case needs a title of 1-" + Texts.TITLE + " characters");
    Texts.check("the title", title, Texts.TITLE);
    return store.transaction(c -> {
      AuditLog.lock(c);
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM use_cases WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) throw new StoreException("use case " + id + " already exists");
        }
      }
      ensureUseCase(c, id, title, Store.now());
      return store.audit().append(c, actor, AuditAction.USE_CASE_CREATE, subject(id), Map.of("use_case", id, "title_sha256", Digests.sha256(title)));
    });
  }

  /** The audit subject of everything about a use case. */
  public static String subject(String useCaseId) {
    return "use_case/" + useCaseId;
  }

  /**
   * Refuses to act on a use case that is not registered: attesting or deciding never creates one (only a review run
   * or {@link #createUseCase}, which check who may and what an id may be).
   */
  public void requireUseCase(String id) {
    if (id == null || id.length() > Texts.NAME || useCase(id) == null) {
      throw new StoreException.NotFound("no use case " + id + ": register it (tollgate review, or POST /api/v1/use-cases) before attesting or deciding");
    }
  }

  /** Refuses a run id that is not a run of {@code useCaseId} (a decision names the run it judged). */
  static void requireRunOf(Connection c, String runId, String useCaseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT use_case_id FROM review_runs WHERE id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new StoreException("no review run " + runId + " (give the full run id of a run of " + useCaseId + ")");
        if (!useCaseId.equals(rs.getString(1))) throw new StoreException("run " + runId + " is a run of another use case, not of " + useCaseId);
      }
    }
  }

  static void ensureUseCase(Connection c, String id, String title, String now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM use_cases WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO use_cases (id, title, created_at) VALUES (?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, title);
      ps.setString(3, now);
      ps.executeUpdate();
    }
  }

  /** A stored run by id, or by a unique prefix of its id; null when there is none. */
  public Run find(String idOrPrefix) {
    return store.transaction(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM review_runs WHERE id LIKE ? ORDER BY id")) {
        ps.setString(1, idOrPrefix.replace("%", "").replace("_", "") + "%");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) ids.add(rs.getString(1));
        }
      }
      if (ids.isEmpty()) return null;
      if (ids.size() > 1 && !ids.contains(idOrPrefix)) {
        throw new StoreException("run id prefix " + idOrPrefix + " matches " + ids.size() + " runs; give more characters");
      }
      return load(c, ids.contains(idOrPrefix) ? idOrPrefix : ids.get(0));
    });
  }

  /** Every run of a use case, oldest first. */
  public List<Run> runs(String useCaseId) {
    return store.transaction(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM review_runs WHERE use_case_id = ? ORDER BY created_at, id")) {
        ps.setString(1, useCaseId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) ids.add(rs.getString(1));
        }
      }
      List<Run> out = new ArrayList<>();
      for (String id : ids) out.add(load(c, id));
      return out;
    });
  }

  /** Every run id (for consistency checks). */
  public List<Run> all() {
    return store.transaction(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM review_runs ORDER BY created_at, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getString(1));
      }
      List<Run> out = new ArrayList<>();
      for (String id : ids) out.add(load(c, id));
      return out;
    });
  }

  private static Run load(Connection c, String id) throws SQLException {
    List<Item> items = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT item_id, title, status, reason, evidence FROM run_items WHERE run_id = ? ORDER BY position")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) items.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    List<Input> inputs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT path, format, sha256, row_count FROM run_inputs WHERE run_id = ? ORDER BY position")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) inputs.add(new Input(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id, use_case_id, verdict, fatal_flaw, tool_version, review_dir, settings, "
        + "settings_sha256, dossier, dossier_sha256, actor, created_at FROM review_runs WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
        return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), items, inputs);
      }
    }
  }
}
