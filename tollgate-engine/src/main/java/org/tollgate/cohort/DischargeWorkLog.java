package org.tollgate.cohort;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A discharge-planning interaction log around the go-live of a readmission risk list: physicians and
 * nurses no longer assess readmission risk by hand, and case managers are asked to call every listed
 * patient — the essay's readmission model that "shifted responsibility to case managers without giving
 * them new tools".
 *
 * <h2>Specification (generator version {@value #GENERATOR_VERSION})</h2>
 *
 * <p>Session {@code k} draws from its own stream keyed by (seed, k). Sessions {@code [0, ⌈n/2⌉)} are
 * pre go-live, the rest post; the role is k mod 3 (physician, nurse, case_manager) and the user
 * {@code phys-}, {@code rn-} or {@code cm-} + 2 digits of ⌊k / 3⌋ mod 4 + 1. Within its period session j
 * starts at the period's start + j × 40 minutes (the post period starts 30 days after the pre period).
 * Steps run in order, each after a uniform 0–5 s pause, with log-normal durations (σ 0.3 on the log
 * scale) of these medians:
 * <ul>
 *   <li>physician: {@code review_chart} 120 s, {@code risk_review} 240 s pre / 30 s post (the list
 *       pre-fills it), {@code sign_discharge} 30 s;
 *   <li>nurse: {@code discharge_teaching} 300 s, {@code risk_screen} 180 s pre / 30 s post,
 *       {@code document} 60 s;
 *   <li>case_manager: {@code review_cases} 240 s, {@code call_patient} 180 s once pre and twice post
 *       (every listed patient must be called), {@code document} 60 s.
 * </ul>
 * Expected change per session: physicians −210 s, nurses −150 s, case managers +180 s; over all
 * sessions about −60 s. Durations are whole milliseconds.
 */
public final class DischargeWorkLog {
  public static final int GENERATOR_VERSION = 1;
  private static final int PURPOSE = 401;
  private static final String[] ROLES = {"physician", "nurse", "case_manager"};
  private static final String[] PREFIX = {"phys-", "rn-", "cm-"};
  private static final long SESSION_GAP_MILLIS = 40 * 60_000L;
  private static final long POST_OFFSET_MILLIS = 30 * 86_400_000L;

  /** Receives each step. */
  @FunctionalInterface
  public interface Sink {
    void row(String sessionId, String userId, String role, String step, long startMillis, long endMillis, String period);
  }

  /**
   * @param sessions 2 to 1,000,000
   * @param seed any long
   * @param start first session's start, whole seconds
   */
  public record Settings(int sessions, long seed, Instant start) {
    public Settings {
      Objects.requireNonNull(start, "start");
      if (sessions < 2 || sessions > 1_000_000) throw new IllegalArgumentException("sessions must be between 2 and 1000000, got " + sessions);
    }
  }

  private final Settings settings;

  public DischargeWorkLog(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public void generate(Sink sink) {
    int preCount = (settings.sessions() + 1) / 2;
    long t0 = settings.start().toEpochMilli();
    for (int k = 0; k < settings.sessions(); k++) {
      UniformRandomProvider r = Streams.of(settings.seed(), PURPOSE, k);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
      boolean post = k >= preCount;
      int j = post ? k - preCount : k;
      int role = k % 3;
      String id = String.format(Locale.ROOT, "D%07d", k + 1);
      String user = PREFIX[role] + String.format(Locale.ROOT, "%02d", (k / 3) % 4 + 1);
      String period = post ? "post" : "pre";
      long[] t = {t0 + (post ? POST_OFFSET_MILLIS : 0) + j * SESSION_GAP_MILLIS};
      Step step = (name, medianSeconds) -> {
        long start = t[0] + (long) (r.nextDouble() * 5000);
        long end = start + Math.max(1, Math.round(medianSeconds * 1000 * Math.exp(0.3 * g.sample())));
        sink.row(id, user, ROLES[role], name, start, end, period);
        t[0] = end;
      };
      switch (role) {
        case 0 -> {
          step.run("review_chart", 120);
          step.run("risk_review", post ? 30 : 240);
          step.run("sign_discharge", 30);
        }
        case 1 -> {
          step.run("discharge_teaching", 300);
          step.run("risk_screen", post ? 30 : 180);
          step.run("document", 60);
        }
        default -> {
          step.run("review_cases", 240);
          step.run("call_patient", 180);
          if (post) step.run("call_patient", 180);
          step.run("document", 60);
        }
      }
    }
  }

  private interface Step {
    void run(String name, double medianSeconds);
  }
}
