package org.tollgate.web;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Login attempts allowed per rolling minute, in memory: per client address, per user name (as typed, any case), and
 * for all clients together. Counted before the password is checked, so a refused attempt costs no BCrypt work and
 * writes no audit entry: the audit trail grows by at most {@link Limits#total} entries a minute from people who are
 * not logged in. A restart forgets the counts (the store's per-account waits, {@link org.tollgate.store.People#delayAfter},
 * do not).
 */
final class LoginLimiter {
  /**
   * @param perClient attempts a minute from one address
   * @param perName attempts a minute at one user name
   * @param total attempts a minute from everyone
   */
  record Limits(int perClient, int perName, int total) {
    static final Limits DEFAULT = new Limits(20, 10, 120);

    Limits {
      if (perClient < 1 || perName < 1 || total < 1) throw new IllegalArgumentException("login limits must be at least 1");
    }
  }

  private static final long WINDOW_NANOS = 60_000_000_000L;
  private final Limits limits;
  private final Map<String, ArrayDeque<Long>> clients = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> names = new HashMap<>();
  private final ArrayDeque<Long> all = new ArrayDeque<>();

  LoginLimiter(Limits limits) {
    this.limits = limits;
  }

  /** Counts one attempt; throws a 429 (with the wait) when any limit is already reached. */
  synchronized void attempt(String client, String name) {
    long now = System.nanoTime();
    String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    if (n.length() > 256) n = n.substring(0, 256);
    ArrayDeque<Long> c = clients.computeIfAbsent(client, k -> new ArrayDeque<>());
    ArrayDeque<Long> u = names.computeIfAbsent(n, k -> new ArrayDeque<>());
    for (ArrayDeque<Long> q : java.util.List.of(c, u, all)) while (!q.isEmpty() && now - q.peekFirst() > WINDOW_NANOS) q.pollFirst();
    if (c.size() >= limits.perClient()) throw refused(c, now, "too many login attempts from your address");
    if (u.size() >= limits.perName()) throw refused(u, now, "too many login attempts for this user name");
    if (all.size() >= limits.total()) throw refused(all, now, "too many login attempts at this server");
    c.addLast(now);
    u.addLast(now);
    all.addLast(now);
    if (clients.size() > 10_000) clients.values().removeIf(q -> q.isEmpty() || now - q.peekLast() > WINDOW_NANOS);
    if (names.size() > 10_000) names.values().removeIf(q -> q.isEmpty() || now - q.peekLast() > WINDOW_NANOS);
  }

  private static WebException refused(ArrayDeque<Long> q, long now, String what) {
    long seconds = Math.max(1, (WINDOW_NANOS - (now - q.peekFirst())) / 1_000_000_000L + 1);
    return new TooMany(what + "; try again in " + seconds + " s", seconds);
  }

  /** A 429 with the seconds to wait (sent as Retry-After). */
  static final class TooMany extends WebException {
    private static final long serialVersionUID = 1L;
    final long retryAfter;

    TooMany(String message, long retryAfter) {
      super(429, message);
      this.retryAfter = retryAfter;
    }
  }
}
