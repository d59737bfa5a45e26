package org.tollgate.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tollgate.store.People;

/**
 * Browser sessions: a random id in an HttpOnly, SameSite=Strict cookie, the person it belongs to, and a CSRF
 * token (synchronizer pattern) that every form post must echo. Held in memory: a restart logs everyone out.
 */
final class Sessions {
  static final String COOKIE = "tollgate_session";
  /** Before login there is no session; the login form is protected by a double-submit cookie instead. */
  static final String LOGIN_COOKIE = "tollgate_login";
  static final Duration LIFETIME = Duration.ofHours(8);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @param passwordTemporary logged in with a temporary password not yet replaced: only the change-password page is open
   * @param credentialsVersion the account's credentials version at login; the session ends when the account's differs
   *     (its password changed or was reset, it was locked, its roles changed)
   */
  record Session(String id, People.Principal principal, String csrf, Instant expires, boolean passwordTemporary, int credentialsVersion) {}

  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  Session create(People.Principal p, boolean passwordTemporary, int credentialsVersion) {
    Instant now = Instant.now();
    byId.values().removeIf(x -> now.isAfter(x.expires()));
    Session s = new Session(token(), p, token(), Instant.now().plus(LIFETIME), passwordTemporary, credentialsVersion);
    byId.put(s.id(), s);
    return s;
  }

  /** The session's person has replaced their password: this session lives on with the account's new credentials version. */
  void passwordChanged(String id, int credentialsVersion) {
    byId.computeIfPresent(id, (k, v) -> new Session(v.id(), v.principal(), v.csrf(), v.expires(), false, credentialsVersion));
  }

  /** The live session with this id, or null (unknown or expired). */
  Session find(String id) {
    if (id == null) return null;
    Session s = byId.get(id);
    if (s == null) return null;
    if (Instant.now().isAfter(s.expires())) {
      byId.remove(id);
      return null;
    }
    return s;
  }

  void end(String id) {
    if (id != null) byId.remove(id);
  }

  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Constant-time comparison, so a token cannot be guessed byte by byte from response times. */
  static boolean same(String a, String b) {
    if (a == null || b == null) return false;
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The Set-Cookie value: HttpOnly (no script can read it), SameSite=Strict (no other site's form sends it), Secure over HTTPS. */
  static String cookie(String name, String value, long maxAgeSeconds, boolean secure) {
    return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
