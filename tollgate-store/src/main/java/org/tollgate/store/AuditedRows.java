package org.tollgate.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows the committee sees, held to the chained audit entries that recorded them: the hash chain proves the
 * entries unchanged, and this proves the tables still say what the entries say. Checked, for every row:
 * <ul>
 *   <li>{@code decisions}: use case, outcome, conditions, review date, run, signer and monitoring guardrails against its
 *       {@code decision} entry;</li>
 *   <li>{@code review_runs}: use case, verdict, fatal flaw, tool version, actor, the SHA-256 of its stored settings and
 *       dossier, and its items' statuses ({@code run_items}) against its {@code review.run} entry;</li>
 *   <li>{@code attestations}: use case, item, signer, role, the SHA-256 of the note and of the signed text, document hash and staff trained
 *       against its {@code attestation} entry;</li>
 *   <li>{@code users}: the roles against the latest {@code user.add} or {@code user.roles} entry about that user.</li>
 * </ul>
 * A row without its entry, and an entry whose row is gone, are differences too. The first difference (by the seq of the
 * entry it concerns) is reported.
 */
final class AuditedRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditedRows() {}

  /** One difference: the entry it concerns and what differs. */
  record Difference(long seq, String what) {}

  /** The first difference between the tables and the entries, or null when every row matches. */
  static Difference firstDifference(Connection c, List<AuditLog.Entry> entries) throws SQLException {
    Map<String, AuditLog.Entry> decisions = new HashMap<>();
    Map<String, AuditLog.Entry> runs = new HashMap<>();
    Map<String, AuditLog.Entry> attestations = new HashMap<>();
    Map<String, AuditLog.Entry> roles = new HashMap<>();
    Map<AuditLog.Entry, JsonNode> payloads = new HashMap<>();
    for (AuditLog.Entry e : entries) {
      JsonNode p;
      try {
        p = JSON.readTree(e.payload());
      } catch (java.io.IOException ex) {
        return new Difference(e.seq(), "entry seq " + e.seq() + ": its payload is not JSON");
      }
      payloads.put(e, p);
      switch (e.action()) {
        case "decision" -> decisions.put(p.path("decision_id").asText(), e);
        case "review.run" -> runs.put(p.path("run_id").asText(), e);
        case "attestation" -> attestations.put(p.path("attestation_id").asText(), e);
        case "user.add", "user.roles" -> roles.put(p.path("user").asText(), e);
        default -> { }
      }
    }
    List<Difference> found = new ArrayList<>();
    long orphanSeq = Long.MAX_VALUE;

    try (PreparedStatement ps = c.prepareStatement("SELECT id, use_case_id, run_id, outcome, conditions, review_date, user_name, guardrails FROM decisions");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        AuditLog.Entry e = decisions.remove(id);
        if (e == null) {
          found.add(new Difference(orphanSeq, "decision " + id + " is in the decisions table but in no audit entry (added outside tollgate)"));
          continue;
        }
        JsonNode p = payloads.get(e);
        String row = "decision " + id + " (entry seq " + e.seq() + ")";
        differ(found, e, row, "use case", rs.getString(2), subjectId(e.subject()));
        differ(found, e, row, "run_id", rs.getString(3), text(p, "run_id"));
        differ(found, e, row, "outcome", rs.getString(4), text(p, "outcome"));
        differ(found, e, row, "conditions", rs.getString(5), text(p, "conditions"));
        differ(found, e, row, "review_date", rs.getString(6), text(p, "review_date"));
        differ(found, e, row, "signer", rs.getString(7), e.actor());
        differ(found, e, row, "guardrails", rs.getString(8), text(p, "guardrails"));
      }
    }
    for (AuditLog.Entry e : decisions.values()) found.add(new Difference(e.seq(), "the decision recorded in entry seq " + e.seq() + " is missing from the decisions table"));

    Map<String, Map<String, String>> items = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT run_id, item_id, status FROM run_items ORDER BY run_id, position"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) items.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(rs.getString(2), rs.getString(3));
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id, use_case_id, verdict, fatal_flaw, tool_version, actor, settings, dossier FROM review_runs");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        AuditLog.Entry e = runs.remove(id);
        if (e == null) {
          found.add(new Difference(orphanSeq, "review run " + id + " is in the review_runs table but in no audit entry (added outside tollgate)"));
          continue;
        }
        JsonNode p = payloads.get(e);
        String row = "review run " + id + " (entry seq " + e.seq() + ")";
        differ(found, e, row, "use case", rs.getString(2), text(p, "use_case"));
        differ(found, e, row, "verdict", rs.getString(3), text(p, "verdict"));
        differ(found, e, row, "fatal_flaw", rs.getString(4), text(p, "fatal_flaw"));
        differ(found, e, row, "tool_version", rs.getString(5), text(p, "tool_version"));
        differ(found, e, row, "actor", rs.getString(6), e.actor());
        differ(found, e, row, "SHA-256 of the settings", Digests.sha256(rs.getString(7)), text(p, "settings_sha256"));
        differ(found, e, row, "SHA-256 of the dossier", Digests.sha256(rs.getString(8)), text(p, "dossier_sha256"));
        Map<String, String> want = new java.util.TreeMap<>();
        p.path("items").fields().forEachRemaining(f -> want.put(f.getKey(), f.getValue().asText()));
        differ(found, e, row, "item statuses", String.valueOf(items.getOrDefault(id, Map.of())), String.valueOf(want));
      }
    }
    for (AuditLog.Entry e : runs.values()) found.add(new Difference(e.seq(), "the review run recorded in entry seq " + e.seq() + " is missing from the review_runs table"));

    try (PreparedStatement ps = c.prepareStatement("SELECT id, use_case_id, item, user_name, role_used, note, document_sha256, staff_trained, signs FROM attestations");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        AuditLog.Entry e = attestations.remove(id);
        if (e == null) {
          found.add(new Difference(orphanSeq, "attestation " + id + " is in the attestations table but in no audit entry (added outside tollgate)"));
          continue;
        }
        JsonNode p = payloads.get(e);
        String row = "attestation " + id + " (entry seq " + e.seq() + ")";
        differ(found, e, row, "use case", rs.getString(2), subjectId(e.subject()));
        differ(found, e, row, "item", rs.getString(3), text(p, "item"));
        differ(found, e, row, "signer", rs.getString(4), e.actor());
        differ(found, e, row, "role", rs.getString(5), text(p, "role"));
        String note = rs.getString(6);
        differ(found, e, row, "SHA-256 of the note", note == null ? null : Digests.sha256(note), text(p, "note_sha256"));
        differ(found, e, row, "document_sha256", rs.getString(7), text(p, "document_sha256"));
        int n = rs.getInt(8);
        differ(found, e, row, "staff_trained", rs.wasNull() ? null : Integer.toString(n), text(p, "staff_trained"));
        String signs = rs.getString(9);
        differ(found, e, row, "SHA-256 of the signed text", signs == null ? null : Digests.sha256(signs), text(p, "signs_sha256"));
      }
    }
    for (AuditLog.Entry e : attestations.values()) found.add(new Difference(e.seq(), "the attestation recorded in entry seq " + e.seq() + " is missing from the attestations table"));

    try (PreparedStatement ps = c.prepareStatement("SELECT name, roles FROM users"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        AuditLog.Entry e = roles.get(name);
        if (e == null) {
          found.add(new Difference(orphanSeq, "user " + name + " is in the users table but in no audit entry (added outside tollgate)"));
          continue;
        }
        differ(found, e, "user " + name + " (entry seq " + e.seq() + ")", "roles", sortedRoles(rs.getString(2)), sortedRoles(text(payloads.get(e), "roles")));
      }
    }
    return found.stream().min(java.util.Comparator.comparingLong(Difference::seq)).orElse(null);
  }

  private static void differ(List<Difference> found, AuditLog.Entry e, String row, String field, String table, String entry) {
    if (!Objects.equals(table, entry)) {
      found.add(new Difference(e.seq(), row + ": " + field + " is " + show(table) + " in the table but " + show(entry) + " in the audit entry"));
    }
  }

  private static String show(String s) {
    if (s == null) return "empty";
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'";
  }

  private static String text(JsonNode p, String key) {
    JsonNode v = p.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String subjectId(String subject) {
    return subject.startsWith("use_case/") ? subject.substring("use_case/".length()) : subject;
  }

  private static String sortedRoles(String s) {
    if (s == null) return null;
    return String.join(",", java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).sorted().toList());
  }
}
