package org.tollgate.cohort;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A synthetic radiology reading-session interaction log around an AI go-live: the essay's pilot
 * whose model "slowed the radiologist's scroll speed by 0.4 seconds per image. Over 200 scans,
 * that's 80 extra seconds per session."
 *
 * <h2>Specification (generator version {@value #GENERATOR_VERSION})</h2>
 *
 * <p>Change the output for the same settings only together with {@link #GENERATOR_VERSION}.
 *
 * <h3>Determinism</h3>
 * Session {@code k} draws from its own random stream keyed by (seed, k), so it is the same in a log of
 * any size and can be generated alone.
 *
 * <h3>Schedule</h3>
 * Sessions {@code [0, ⌈n/2⌉)} are pre go-live, the rest post. In each period, session j (0-based
 * within the period) belongs to day ⌊j / (U·S)⌋ of the period, user (j mod U·S) mod U and slot
 * ⌊(j mod U·S) / U⌋, with U users and S sessions per user per day. Slot s starts at 07:00 UTC +
 * s × 30 minutes + a uniform 0–120 s; a session lasts about 6–12 minutes, so consecutive sessions of
 * a user are separated by idle gaps well over 5 minutes and can be rebuilt from them. The pre period starts on the
 * start day; the post period starts {@value #WASHOUT_DAYS} days after the pre period's last day (a
 * wash-out around go-live). Every day counts (no weekends).
 *
 * <h3>Users</h3>
 * User u has id {@code rad-} + 3 digits of u + 1; every fourth user (u mod 4 = 3) is a
 * {@code resident}, whose steps take 1.3 times as long, the others {@code radiologist}. Sites:
 * {@code main} for even u, {@code north} for odd; shift {@code day} for sessions starting before
 * 15:00 UTC, else {@code evening}.
 *
 * <h3>A session</h3>
 * Steps in this order, each starting when the previous one ended plus a pause uniform on 0–300 ms:
 * <ul>
 *   <li>{@code open_study}: once, log-normal median 6 s, σ 0.4 on the log scale;
 *   <li>{@code scroll_image}: once per image, 160–240 images (uniform; mean 200), log-normal median 1.0 s,
 *       σ 0.25 — and in the post period plus {@link Settings#scrollPenaltyMillis()} (default 400 ms): the AI
 *       overlay slows every scroll by the same amount, so the mean delta is exactly the penalty;
 *   <li>{@code measure}: after an image, with probability 2/200 per image (about 2 per session),
 *       log-normal median 8 s, σ 0.4;
 *   <li>{@code dictate}: once, log-normal median 90 s, σ 0.35;
 *   <li>{@code sign}: once, log-normal median 4 s, σ 0.3.
 * </ul>
 * Durations are whole milliseconds (at least 1). About 205 rows per session. Expected extra time per
 * post session: penalty × 200 = 80 s at the defaults.
 */
public final class RadiologyReadingLog {
  public static final String NAME = "radiology";
  public static final int GENERATOR_VERSION = 1;
  public static final int WASHOUT_DAYS = 14;

  public static final List<String> STEPS = List.of("open_study", "scroll_image", "measure", "dictate", "sign");

  private static final int PURPOSE = 201;
  private static final long SLOT_MILLIS = 30 * 60_000L;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long FIRST_SLOT_MILLIS = 7 * 3_600_000L;
  private static final long EVENING_FROM_MILLIS = 15 * 3_600_000L;
  private static final double RESIDENT_FACTOR = 1.3;
  private static final double MEASURE_P = 2.0 / 200;

  /** Receives the rows of a session in time order. */
  @FunctionalInterface
  public interface Sink {
    void row(Session session, String step, long startMillis, long endMillis);
  }

  /**
   * One reading session.
   *
   * @param index session index, 0-based
   * @param sessionId {@code R} + 7 digits of index + 1
   * @param period {@code pre} or {@code post}
   */
  public record Session(int index, String sessionId, String userId, String role, String period, String site, String shift) {}

  /**
   * What to generate. Every default is a public constant.
   *
   * @param sessions reading sessions, 2 to {@value #MAX_SESSIONS} (default {@value #DEFAULT_SESSIONS}); half pre, half post
   * @param seed random seed (default {@value #DEFAULT_SEED})
   * @param start first day of the pre period, UTC midnight (default 2025-01-06)
   * @param users radiologists and residents, 1–999 (default {@value #DEFAULT_USERS})
   * @param sessionsPerUserPerDay 1–32 (default {@value #DEFAULT_SESSIONS_PER_USER_PER_DAY})
   * @param scrollPenaltyMillis added to every post-period scroll, −500 to 10,000 ms (negative: a tool that speeds scrolling up) (default {@value #DEFAULT_SCROLL_PENALTY_MILLIS})
   */
  public record Settings(int sessions, long seed, Instant start, int users, int sessionsPerUserPerDay, int scrollPenaltyMillis) {
    public static final int DEFAULT_SESSIONS = 2_000;
    public static final int MAX_SESSIONS = 5_000_000;
    public static final long DEFAULT_SEED = 1L;
    public static final Instant DEFAULT_START = Instant.parse("2025-01-06T00:00:00Z");
    public static final int DEFAULT_USERS = 12;
    public static final int DEFAULT_SESSIONS_PER_USER_PER_DAY = 24;
    public static final int DEFAULT_SCROLL_PENALTY_MILLIS = 400;

    public Settings {
      Objects.requireNonNull(start, "start");
      if (sessions < 2 || sessions > MAX_SESSIONS) {
        throw new IllegalArgumentException("sessions must be between 2 and " + MAX_SESSIONS + ", got " + sessions);
      }
      if (start.getEpochSecond() % 86_400 != 0 || start.getNano() != 0 || start.isBefore(Instant.EPOCH)
          || start.isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
        throw new IllegalArgumentException("start must be a UTC midnight between 1970 and 2100, got " + start);
      }
      if (users < 1 || users > 999) {
        throw new IllegalArgumentException("users must be between 1 and 999, got " + users);
      }
      if (sessionsPerUserPerDay < 1 || sessionsPerUserPerDay > 32) {
        throw new IllegalArgumentException("sessionsPerUserPerDay must be between 1 and 32, got " + sessionsPerUserPerDay);
      }
      if (scrollPenaltyMillis < -500 || scrollPenaltyMillis > 10_000) {
        throw new IllegalArgumentException("scrollPenaltyMillis must be between -500 and 10000, got " + scrollPenaltyMillis);
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_SESSIONS, DEFAULT_SEED, DEFAULT_START, DEFAULT_USERS, DEFAULT_SESSIONS_PER_USER_PER_DAY,
          DEFAULT_SCROLL_PENALTY_MILLIS);
    }

    public Settings withSessions(int n) {
      return new Settings(n, seed, start, users, sessionsPerUserPerDay, scrollPenaltyMillis);
    }

    public Settings withSeed(long s) {
      return new Settings(sessions, s, start, users, sessionsPerUserPerDay, scrollPenaltyMillis);
    }

    public Settings withUsers(int u, int perDay) {
      return new Settings(sessions, seed, start, u, perDay, scrollPenaltyMillis);
    }

    public Settings withScrollPenaltyMillis(int ms) {
      return new Settings(sessions, seed, start, users, sessionsPerUserPerDay, ms);
    }
  }

  private final Settings settings;
  private final int preSessions;
  private final long preStart;
  private final long postStart;
  private final String[] userIds;

  public RadiologyReadingLog(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.preSessions = (settings.sessions() + 1) / 2;
    int perDay = settings.users() * settings.sessionsPerUserPerDay();
    long preDays = (preSessions + perDay - 1) / perDay;
    this.preStart = settings.start().toEpochMilli();
    this.postStart = preStart + (preDays + WASHOUT_DAYS) * DAY_MILLIS;
    this.userIds = new String[settings.users()];
    for (int u = 0; u < userIds.length; u++) userIds[u] = String.format(Locale.ROOT, "rad-%03d", u + 1);
  }

  public Settings settings() {
    return settings;
  }

  public String name() {
    return NAME;
  }

  public int sessions() {
    return settings.sessions();
  }

  /** Every setting that determines the output, in a stable order, for manifests. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator_version", GENERATOR_VERSION);
    m.put("sessions", settings.sessions());
    m.put("seed", settings.seed());
    m.put("start", settings.start().toString());
    m.put("users", settings.users());
    m.put("sessions_per_user_per_day", settings.sessionsPerUserPerDay());
    m.put("scroll_penalty_ms", settings.scrollPenaltyMillis());
    m.put("post_start", Instant.ofEpochMilli(postStart).toString());
    return m;
  }

  /** Streams sessions {@code [from, to)} in index order, each session's rows in time order. */
  public void generate(int from, int to, Sink sink) {
    if (from < 0 || to > settings.sessions() || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + settings.sessions() + ")");
    }
    int u = settings.users();
    int s = settings.sessionsPerUserPerDay();
    for (int k = from; k < to; k++) {
      boolean post = k >= preSessions;
      int j = post ? k - preSessions : k;
      int day = j / (u * s);
      int r = j % (u * s);
      int user = r % u;
      int slot = r / u;
      UniformRandomProvider rng = Streams.of(settings.seed(), PURPOSE, k);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
      long dayStart = (post ? postStart : preStart) + day * DAY_MILLIS;
      long offset = FIRST_SLOT_MILLIS + slot * SLOT_MILLIS + (long) (rng.nextDouble() * 120_000);
      boolean resident = user % 4 == 3;
      Session session = new Session(k, String.format(Locale.ROOT, "R%07d", k + 1), userIds[user], resident ? "resident" : "radiologist",
          post ? "post" : "pre", user % 2 == 0 ? "main" : "north", offset < EVENING_FROM_MILLIS ? "day" : "evening");
      double f = resident ? RESIDENT_FACTOR : 1;
      long t = dayStart + offset;
      t = step(sink, session, "open_study", t, f * logNormal(g, 6000, 0.4), 0);
      int images = 160 + rng.nextInt(81);
      long penalty = post ? settings.scrollPenaltyMillis() : 0;
      for (int i = 0; i < images; i++) {
        t = step(sink, session, "scroll_image", t + pause(rng), f * logNormal(g, 1000, 0.25), penalty);
        if (rng.nextDouble() < MEASURE_P) {
          t = step(sink, session, "measure", t + pause(rng), f * logNormal(g, 8000, 0.4), 0);
        }
      }
      t = step(sink, session, "dictate", t + pause(rng), f * logNormal(g, 90_000, 0.35), 0);
      step(sink, session, "sign", t + pause(rng), f * logNormal(g, 4000, 0.3), 0);
    }
  }

  /** Streams every session. */
  public void generate(Sink sink) {
    generate(0, settings.sessions(), sink);
  }

  private static long step(Sink sink, Session s, String step, long start, double millis, long extra) {
    // a negative penalty (a faster tool) still leaves every step at least 1 ms long
    long end = extra >= 0 ? start + Math.max(1, Math.round(millis)) + extra : start + Math.max(1, Math.round(millis) + extra);
    sink.row(s, step, start, end);
    return end;
  }

  private static long pause(UniformRandomProvider rng) {
    return rng.nextInt(301);
  }

  private static double logNormal(ZigguratSampler.NormalizedGaussian g, double median, double sigma) {
    return median * Math.exp(sigma * g.sample());
  }
}
