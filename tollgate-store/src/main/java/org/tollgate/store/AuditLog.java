package org.tollgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tamper-evident audit log: an append-only hash chain.
 *
 * <p>Entry n holds seq, time, actor, action, subject, the payload (canonical JSON of summaries and
 * hashes, never patient data), {@code payload_digest} = SHA-256(payload), {@code prev_hash} = entry
 * n−1's hash (64 zeros for the first), and {@code hash} = SHA-256(prev_hash ‖ canonical entry), where the
 * canonical entry is each of seq, time, actor, action, subject and payload_digest written as
 * {@code <length>:<value>\n}, length in UTF-8 bytes (length-prefixed, so no field can bleed into the next).
 *
 * <p>Appends lock the single {@code audit_head} row ({@code SELECT ... FOR UPDATE}) inside the caller's
 * transaction, so concurrent writers queue and the chain stays linear; the head also records the last
 * seq and hash, so deleting the newest entries is detected too. After each write the new head is the
 * {@link Checkpoint}: written down outside the system, it proves later that nothing before it changed.
 */
public final class AuditLog {
  static final String GENESIS = "0".repeat(64);

  private final Store store;

  AuditLog(Store store) {
    this.store = store;
  }

  /** One stored entry. */
  public record Entry(long seq, String time, String actor, String action, String subject, String payload, String payloadDigest,
      String prevHash, String hash) {}

  /** The chain's head after a write: seq and hash to keep outside the system. */
  public record Checkpoint(long seq, String hash) {
    @Override
    public String toString() {
      return "seq " + seq + " sha256 " + hash;
    }
  }

  /**
   * Result of {@link #verify()}.
   *
   * @param intact true when every entry and the head match
   * @param entries entries read
   * @param firstBadSeq the first entry that does not match (or is missing); null when intact
   * @param problem what differs, in words; null when intact
   * @param head the head as stored
   */
  public record Verification(boolean intact, long entries, Long firstBadSeq, String problem, Checkpoint head) {}

  /** Appends one entry in its own transaction. */
  public Checkpoint append(String actor, AuditAction action, String subject, Map<String, ?> payload) {
    return store.transaction(c -> append(c, actor, action, subject, payload));
  }

  /** Appends one entry inside the caller's transaction (which must not be in auto-commit mode). */
  Checkpoint append(Connection c, String actor, AuditAction action, String subject, Map<String, ?> payload) throws SQLException {
    if (c.getAutoCommit()) throw new IllegalStateException("audit append needs a transaction");
    long last;
    String prev;
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) throw new StoreException("the audit head row is missing: the store was tampered with or not migrated");
      last = rs.getLong(1);
      prev = rs.getString(2);
    }
    long seq = last + 1;
    String time = Store.now();
    String body = Digests.canonical(payload);
    String digest = Digests.sha256(body);
    String hash = hash(prev, seq, time, actor, action.code(), subject, digest);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, created_at, actor, action, subject, payload, payload_digest, "
        + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, time);
      ps.setString(3, actor);
      ps.setString(4, action.code());
      ps.setString(5, subject);
      ps.setString(6, body);
      ps.setString(7, digest);
      ps.setString(8, prev);
      ps.setString(9, hash);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
    return new Checkpoint(seq, hash);
  }

  /**
   * Takes the audit head's row lock at the start of a write transaction, so that writes which also
   * create shared rows (a use case on first use) are serialized with the append that ends them.
   */
  static void lock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) throw new StoreException("the audit head row is missing: the store was tampered with or not migrated");
    }
  }

  /** hash = SHA-256(prev_hash ‖ canonical entry); see the class comment. */
  static String hash(String prev, long seq, String time, String actor, String action, String subject, String digest) {
    StringBuilder b = new StringBuilder(prev);
    for (String f : new String[] {Long.toString(seq), time, actor, action, subject, digest}) {
      b.append(f.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append(':').append(f).append('\n');
    }
    return Digests.sha256(b.toString());
  }

  /** The current head. */
  public Checkpoint checkpoint() {
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Checkpoint(rs.getLong(1), rs.getString(2)) : null;
      }
    });
  }

  /** Every entry in seq order. */
  public List<Entry> entries() {
    return query("SELECT seq, created_at, actor, action, subject, payload, payload_digest, prev_hash, hash FROM audit_log ORDER BY seq", null);
  }

  /** The entries about one subject (e.g. {@code use_case/sepsis-alert}), in seq order. */
  public List<Entry> entries(String subject) {
    return query("SELECT seq, created_at, actor, action, subject, payload, payload_digest, prev_hash, hash FROM audit_log WHERE subject = ? "
        + "ORDER BY seq", subject);
  }

  private List<Entry> query(String sql, String arg) {
    return store.transaction(c -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (arg != null) ps.setString(1, arg);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9)));
          }
        }
      }
      return out;
    });
  }

  /**
   * Walks the chain from seq 1 and reports the first entry that does not match: a gap in seq (a deleted
   * entry), a prev_hash that is not the previous entry's hash (a reordered, replaced or removed entry), a
   * payload whose SHA-256 is not its digest, or a hash that does not match the entry's fields; then checks
   * that the head points at the last entry (deleting the newest entries leaves the head ahead of them); then that the
   * decisions, review runs (verdicts, dossiers), attestations (signers) and users' roles the pages show still say what
   * their chained entries say ({@link AuditedRows}), naming the first difference.
   */
  public Verification verify() {
    List<Entry> all = entries();
    Checkpoint head = checkpoint();
    long expected = 1;
    String prev = GENESIS;
    for (Entry e : all) {
      if (e.seq() != expected) {
        String what = e.seq() > expected
            ? "entry seq " + expected + " is missing (deleted); the next stored entry is seq " + e.seq()
            : "entry seq " + e.seq() + " appears out of order after seq " + (expected - 1);
        return new Verification(false, all.size(), Math.min(e.seq(), expected), what, head);
      }
      if (!e.prevHash().equals(prev)) {
        return bad(all, head, e, "its prev_hash is not the hash of entry seq " + (e.seq() - 1)
            + " (an entry was replaced, reordered or removed before it)");
      }
      if (!Digests.sha256(e.payload()).equals(e.payloadDigest())) {
        return bad(all, head, e, "its payload was changed (SHA-256 of the payload no longer equals payload_digest)");
      }
      String h = hash(e.prevHash(), e.seq(), e.time(), e.actor(), e.action(), e.subject(), e.payloadDigest());
      if (!h.equals(e.hash())) {
        return bad(all, head, e, "its hash does not match its fields (seq, time, actor, action, subject or payload_digest was changed)");
      }
      prev = e.hash();
      expected++;
    }
    long last = expected - 1;
    if (head == null) {
      return new Verification(false, all.size(), last + 1, "the audit head row is missing", null);
    }
    if (head.seq() != last) {
      String what = head.seq() > last
          ? "entries seq " + (last + 1) + " to " + head.seq() + " are missing (deleted); the head records seq " + head.seq()
          : "the head records seq " + head.seq() + " but the log has entries up to seq " + last;
      return new Verification(false, all.size(), Math.min(head.seq(), last) + 1, what, head);
    }
    if (!head.hash().equals(prev)) {
      return new Verification(false, all.size(), last, "the head's hash is not the hash of entry seq " + last, head);
    }
    AuditedRows.Difference d = store.transaction(c -> AuditedRows.firstDifference(c, all));
    if (d != null) {
      // A row with no entry at all is reported at the head: nothing in the chain accounts for it.
      return new Verification(false, all.size(), d.seq() == Long.MAX_VALUE ? last : d.seq(), d.what(), head);
    }
    return new Verification(true, all.size(), null, null, head);
  }

  /**
   * {@link #verify()}, then also checks a checkpoint kept outside the system: entry {@code expected.seq()}
   * must exist with hash {@code expected.hash()}. This catches a forger who rewrote the whole chain after it.
   */
  public Verification verify(Checkpoint expected) {
    Verification v = verify();
    if (!v.intact() || expected == null) return v;
    for (Entry e : entries()) {
      if (e.seq() == expected.seq()) {
        if (e.hash().equals(expected.hash())) return v;
        return new Verification(false, v.entries(), e.seq(), "entry seq " + e.seq() + " does not match the checkpoint written down: its hash is "
            + e.hash() + ", the checkpoint says " + expected.hash() + " (the chain was rewritten from here or earlier)", v.head());
      }
    }
    return new Verification(false, v.entries(), expected.seq(), "entry seq " + expected.seq() + " of the checkpoint written down is not in the log", v.head());
  }

  /** A checkpoint published outside the store ({@link #publish}): the head it names, when and by whom, and where it went. */
  public record Published(Checkpoint checkpoint, String time, String actor, String where) {}

  /**
   * Records that the current head was published outside the store (a file on another system, a ticket, an e-mail):
   * appends an {@code audit.checkpoint} entry naming that head, which the web app shows. The entry does not make the
   * published copy any safer; it tells readers which checkpoint to compare against the copy they hold.
   *
   * @return the head that was published (the entry itself comes after it)
   */
  public Checkpoint publish(String actor, String where) {
    return store.transaction(c -> {
      Checkpoint head;
      try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new StoreException("the audit head row is missing: the store was tampered with or not migrated");
        head = new Checkpoint(rs.getLong(1), rs.getString(2));
      }
      java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
      p.put("seq", head.seq());
      p.put("hash", head.hash());
      p.put("published_to", where);
      append(c, actor, AuditAction.AUDIT_CHECKPOINT, "audit", p);
      return head;
    });
  }

  /** The last published checkpoint, or null when none was. */
  public Published lastPublished() {
    List<Entry> es = query("SELECT seq, created_at, actor, action, subject, payload, payload_digest, prev_hash, hash FROM audit_log "
        + "WHERE action = '" + AuditAction.AUDIT_CHECKPOINT.code() + "' ORDER BY seq DESC", null);
    if (es.isEmpty()) return null;
    Entry e = es.get(0);
    try {
      com.fasterxml.jackson.databind.JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.payload());
      return new Published(new Checkpoint(p.path("seq").asLong(), p.path("hash").asText()), e.time(), e.actor(), p.path("published_to").asText(null));
    } catch (java.io.IOException ex) {
      return null;
    }
  }

  /** Parses a checkpoint as printed ({@code seq 12 sha256 <hex>}) or as {@code 12:<hex>}. */
  public static Checkpoint parseCheckpoint(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(?:seq\\s+)?(\\d+)(?:\\s+sha256\\s+|\\s*:\\s*)([0-9a-fA-F]{64})\\s*").matcher(s);
    if (!m.matches()) throw new StoreException("checkpoint '" + s + "' is not 'seq N sha256 HEX' or 'N:HEX'");
    return new Checkpoint(Long.parseLong(m.group(1)), m.group(2).toLowerCase(java.util.Locale.ROOT));
  }

  private static Verification bad(List<Entry> all, Checkpoint head, Entry e, String why) {
    return new Verification(false, all.size(), e.seq(), "entry seq " + e.seq() + ": " + why, head);
  }
}
