package org.tollgate.friction;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a friction audit. Every default is a public constant, the seed among them, so any run
 * can be repeated exactly.
 *
 * @param bootstrap bootstrap replicates, at least {@value #MIN_BOOTSTRAP} (default {@value #DEFAULT_BOOTSTRAP})
 * @param seed bootstrap seed (default {@value #DEFAULT_SEED})
 * @param sessionGapMillis when the log has no session column: a user's next step starts a new session when it begins
 *     more than this after the latest end so far in the current session (default 5 minutes)
 * @param hoursPerFte hours in one FTE-year (default 2,080)
 * @param sessionsPerUserPerDay post-period sessions per user per calendar day for the compounding, or null to take it
 *     from the data
 * @param zone zone whose calendar days count the days of a period (default UTC)
 */
public record FrictionSettings(
    int bootstrap, long seed, long sessionGapMillis, double hoursPerFte, Double sessionsPerUserPerDay, ZoneId zone) {

  public static final int DEFAULT_BOOTSTRAP = 1000;
  /** Fewer replicates cannot place the 2.5% tails of a percentile interval with any stability. */
  public static final int MIN_BOOTSTRAP = 100;
  public static final long DEFAULT_SEED = 20240601L;
  public static final long DEFAULT_SESSION_GAP_MILLIS = 5 * 60_000L;
  public static final double DEFAULT_HOURS_PER_FTE = 2080;

  public FrictionSettings {
    if (bootstrap < MIN_BOOTSTRAP) {
      throw new IllegalArgumentException("bootstrap must be at least " + MIN_BOOTSTRAP + " replicates, got " + bootstrap);
    }
    if (sessionGapMillis <= 0) {
      throw new IllegalArgumentException("sessionGap must be > 0, got " + sessionGapMillis + " ms");
    }
    if (!(hoursPerFte > 0) || !Double.isFinite(hoursPerFte)) {
      throw new IllegalArgumentException("hoursPerFte must be > 0, got " + hoursPerFte);
    }
    if (sessionsPerUserPerDay != null && (!(sessionsPerUserPerDay > 0) || !Double.isFinite(sessionsPerUserPerDay))) {
      throw new IllegalArgumentException("sessionsPerUserPerDay must be > 0, got " + sessionsPerUserPerDay);
    }
    zone = zone == null ? ZoneOffset.UTC : zone;
  }

  /** The defaults. */
  public static FrictionSettings defaults() {
    return new FrictionSettings(DEFAULT_BOOTSTRAP, DEFAULT_SEED, DEFAULT_SESSION_GAP_MILLIS, DEFAULT_HOURS_PER_FTE, null, ZoneOffset.UTC);
  }

  public FrictionSettings withBootstrap(int replicates, long newSeed) {
    return new FrictionSettings(replicates, newSeed, sessionGapMillis, hoursPerFte, sessionsPerUserPerDay, zone);
  }

  public FrictionSettings withSessionGapMillis(long millis) {
    return new FrictionSettings(bootstrap, seed, millis, hoursPerFte, sessionsPerUserPerDay, zone);
  }

  public FrictionSettings withHoursPerFte(double hours) {
    return new FrictionSettings(bootstrap, seed, sessionGapMillis, hours, sessionsPerUserPerDay, zone);
  }

  public FrictionSettings withSessionsPerUserPerDay(Double perDay) {
    return new FrictionSettings(bootstrap, seed, sessionGapMillis, hoursPerFte, perDay, zone);
  }

  /** Every setting in a stable order, for reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bootstrap", bootstrap);
    m.put("seed", seed);
    m.put("session_gap_minutes", sessionGapMillis / 60_000.0);
    m.put("hours_per_fte", hoursPerFte);
    m.put("sessions_per_user_per_day", sessionsPerUserPerDay);
    m.put("zone", zone.getId());
    return m;
  }
}
