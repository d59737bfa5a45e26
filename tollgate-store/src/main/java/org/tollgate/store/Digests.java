package org.tollgate.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and canonical JSON: the two primitives of the audit chain. */
public final class Digests {
  /** Map keys sorted at every level, no whitespace: the same payload map always gives the same bytes. */
  static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Digests() {}

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code s}. */
  public static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Canonical JSON of a payload (maps, lists, strings, numbers, booleans, null). */
  public static String canonical(Object payload) {
    try {
      return CANONICAL.writeValueAsString(payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not JSON-serialisable: " + e.getMessage(), e);
    }
  }
}
