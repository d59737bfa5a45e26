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
 * A synthetic EHR audit log of a diabetes clinic: the essay's pilot, where audit logs showed that
 * "68% of risk assessments were completed after the visit, often by staff with no clinical training".
 *
 * <h2>Specification (generator version {@value #GENERATOR_VERSION})</h2>
 *
 * <p>Change the output for the same settings only together with {@link #GENERATOR_VERSION}. Visit
 * {@code k} draws from its own random stream keyed by (seed, k).
 *
 * <h3>Visits</h3>
 * {@value #PHYSICIANS} physicians each see {@value #SLOTS_PER_DAY} visits a day, every day: visit k is on
 * day ⌊k / 48⌋ from the start, physician k mod 4, slot ⌊(k mod 48) / 4⌋, starting at 08:00 UTC +
 * slot × 40 min + a uniform 0–5 min and lasting a uniform 15–30 min (whole seconds). Encounter ids are
 * {@code D} + 7 digits of k + 1.
 *
 * <h3>Staff</h3>
 * Clinical: {@code physician} ({@code md-01}…{@code md-04}, the visit's physician), {@code nurse}
 * ({@code rn-01}…{@code rn-03}), {@code medical_assistant} ({@code ma-01}…{@code ma-04}). Without
 * clinical credentials: {@code care_coordinator} ({@code cc-01}, {@code cc-02}) and {@code front_desk}
 * ({@code fd-01}…{@code fd-03}). Within a role the user is uniform.
 *
 * <h3>Events per visit</h3>
 * <ul>
 *   <li>{@code check_in} by front desk, 5–20 min before the start (uniform);
 *   <li>{@code vitals} by a medical assistant, 2–8 min after the start;
 *   <li>{@code note_signed} by the physician, after the end by a log-normal delay, median 2 h, σ 0.8;
 *   <li>{@code risk_assessment} in {@value #RISK_ASSESSED_PERCENT}% of visits. When: after the visit with
 *       probability {@link Settings#afterVisitShare()} (default 0.68), during 0.22 / (0.22 + 0.10) of the rest,
 *       else before. After: by a care coordinator (0.55), front desk (0.20) or a nurse (0.25), a log-normal
 *       delay after the end, median 20 h, σ 0.9 — so about three quarters of after-visit assessments are by
 *       staff without clinical credentials. During: a uniform time within the visit, by the physician (0.6)
 *       or a nurse (0.4). Before: 1–48 h before the start (pre-visit planning), by a nurse (0.7) or a care
 *       coordinator (0.3).
 * </ul>
 */
public final class DiabetesAuditLog {
  public static final String NAME = "diabetes-audit";
  public static final int GENERATOR_VERSION = 1;
  public static final int PHYSICIANS = 4;
  public static final int SLOTS_PER_DAY = 48;
  public static final int RISK_ASSESSED_PERCENT = 92;
  public static final String RISK_ASSESSMENT = "risk_assessment";
  public static final List<String> CLINICAL_ROLES = List.of("physician", "nurse", "medical_assistant");

  private static final int PURPOSE = 202;
  private static final long DAY = 86_400;
  private static final double DURING_SHARE_OF_REST = 0.22 / 0.32;

  /** Receives one visit window. */
  @FunctionalInterface
  public interface VisitSink {
    void visit(String encounterId, long startEpochSecond, long endEpochSecond);
  }

  /** Receives one event. */
  @FunctionalInterface
  public interface EventSink {
    void event(String userId, String role, boolean clinical, String task, long epochSecond, String encounterId);
  }

  /**
   * What to generate.
   *
   * @param visits clinic visits, 1 to {@value #MAX_VISITS} (default {@value #DEFAULT_VISITS})
   * @param seed random seed (default {@value #DEFAULT_SEED})
   * @param start first clinic day, a UTC midnight (default 2025-03-03)
   * @param afterVisitShare probability that a risk assessment is done after the visit, in [0, 1] (default {@value #DEFAULT_AFTER_VISIT_SHARE})
   */
  public record Settings(int visits, long seed, Instant start, double afterVisitShare) {
    public static final int DEFAULT_VISITS = 2_000;
    public static final int MAX_VISITS = 10_000_000;
    public static final long DEFAULT_SEED = 1L;
    public static final Instant DEFAULT_START = Instant.parse("2025-03-03T00:00:00Z");
    public static final double DEFAULT_AFTER_VISIT_SHARE = 0.68;

    public Settings {
      Objects.requireNonNull(start, "start");
      if (visits < 1 || visits > MAX_VISITS) {
        throw new IllegalArgumentException("visits must be between 1 and " + MAX_VISITS + ", got " + visits);
      }
      if (start.getEpochSecond() % DAY != 0 || start.getNano() != 0 || start.isBefore(Instant.EPOCH)
          || start.isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
        throw new IllegalArgumentException("start must be a UTC midnight between 1970 and 2100, got " + start);
      }
      if (!(afterVisitShare >= 0 && afterVisitShare <= 1)) {
        throw new IllegalArgumentException("afterVisitShare must be between 0 and 1, got " + afterVisitShare);
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_VISITS, DEFAULT_SEED, DEFAULT_START, DEFAULT_AFTER_VISIT_SHARE);
    }

    public Settings withVisits(int n) {
      return new Settings(n, seed, start, afterVisitShare);
    }

    public Settings withSeed(long s) {
      return new Settings(visits, s, start, afterVisitShare);
    }
  }

  private static final String[] PHYSICIAN_IDS = ids("md", 4);
  private static final String[] NURSE_IDS = ids("rn", 3);
  private static final String[] MA_IDS = ids("ma", 4);
  private static final String[] CC_IDS = ids("cc", 2);
  private static final String[] FD_IDS = ids("fd", 3);

  private final Settings settings;

  public DiabetesAuditLog(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  public String name() {
    return NAME;
  }

  public int visits() {
    return settings.visits();
  }

  /** Every setting that determines the output, in a stable order, for manifests. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator_version", GENERATOR_VERSION);
    m.put("visits", settings.visits());
    m.put("seed", settings.seed());
    m.put("start", settings.start().toString());
    m.put("after_visit_share", settings.afterVisitShare());
    m.put("clinical_roles", CLINICAL_ROLES);
    return m;
  }

  /**
   * Streams visits {@code [from, to)} in index order: each visit's window, then its events. A null sink
   * skips that part; what the other receives is the same either way.
   */
  public void generate(int from, int to, VisitSink visits, EventSink events) {
    if (from < 0 || to > settings.visits() || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + settings.visits() + ")");
    }
    long base = settings.start().getEpochSecond();
    for (int k = from; k < to; k++) {
      UniformRandomProvider r = Streams.of(settings.seed(), PURPOSE, k);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
      int day = k / SLOTS_PER_DAY;
      int physician = k % PHYSICIANS;
      int slot = (k % SLOTS_PER_DAY) / PHYSICIANS;
      long start = base + day * DAY + 8 * 3600 + slot * 40 * 60 + r.nextInt(301);
      long end = start + 15 * 60 + r.nextInt(15 * 60 + 1);
      String enc = String.format(Locale.ROOT, "D%07d", k + 1);
      if (visits != null) visits.visit(enc, start, end);
      // Draw everything whether or not events are wanted, so both sinks see the same visit.
      long checkIn = start - 300 - r.nextInt(901);
      String fd = FD_IDS[r.nextInt(FD_IDS.length)];
      long vitals = start + 120 + r.nextInt(361);
      String ma = MA_IDS[r.nextInt(MA_IDS.length)];
      long note = end + Math.round(7200 * Math.exp(0.8 * g.sample()));
      boolean assessed = r.nextDouble() * 100 < RISK_ASSESSED_PERCENT;
      double when = r.nextDouble();
      double who = r.nextDouble();
      double u = r.nextDouble();
      double z = g.sample();
      int pick = r.nextInt(1 << 20);
      if (events == null) continue;
      events.event(fd, "front_desk", false, "check_in", checkIn, enc);
      events.event(ma, "medical_assistant", true, "vitals", vitals, enc);
      events.event(PHYSICIAN_IDS[physician], "physician", true, "note_signed", note, enc);
      if (!assessed) continue;
      if (when < settings.afterVisitShare()) {
        long t = end + 1 + Math.round(72_000 * Math.exp(0.9 * z));
        if (who < 0.55) events.event(CC_IDS[pick % CC_IDS.length], "care_coordinator", false, RISK_ASSESSMENT, t, enc);
        else if (who < 0.75) events.event(FD_IDS[pick % FD_IDS.length], "front_desk", false, RISK_ASSESSMENT, t, enc);
        else events.event(NURSE_IDS[pick % NURSE_IDS.length], "nurse", true, RISK_ASSESSMENT, t, enc);
      } else if ((when - settings.afterVisitShare()) / (1 - settings.afterVisitShare()) < DURING_SHARE_OF_REST) {
        long t = start + Math.round(u * (end - start));
        if (who < 0.6) events.event(PHYSICIAN_IDS[physician], "physician", true, RISK_ASSESSMENT, t, enc);
        else events.event(NURSE_IDS[pick % NURSE_IDS.length], "nurse", true, RISK_ASSESSMENT, t, enc);
      } else {
        long t = start - 3600 - Math.round(u * 47 * 3600);
        if (who < 0.7) events.event(NURSE_IDS[pick % NURSE_IDS.length], "nurse", true, RISK_ASSESSMENT, t, enc);
        else events.event(CC_IDS[pick % CC_IDS.length], "care_coordinator", false, RISK_ASSESSMENT, t, enc);
      }
    }
  }

  /** Streams every visit. */
  public void generate(VisitSink visits, EventSink events) {
    generate(0, settings.visits(), visits, events);
  }

  private static String[] ids(String prefix, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) out[i] = String.format(Locale.ROOT, "%s-%02d", prefix, i + 1);
    return out;
  }
}
