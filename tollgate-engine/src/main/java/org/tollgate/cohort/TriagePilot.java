package org.tollgate.cohort;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * An emergency-department triage pilot, before and after the tool: one row per admitted ER visit with
 * its wait and whether the admission decision was later judged an error — the essay's "reduces ER wait
 * times by 18% but increases admission errors by 3%".
 *
 * <h2>Specification (generator version {@value #GENERATOR_VERSION})</h2>
 *
 * <p>Visit {@code k} draws from its own stream keyed by (seed, k); visits {@code [0, n)} are pre, {@code
 * [n, 2n)} post. Wait minutes: log-normal, median {@link Settings#waitMedianMinutes()}, σ 0.5 on the log
 * scale, times {@link Settings#waitFactorPost()} after go-live, one decimal. Admission error: Bernoulli
 * with {@link Settings#errorRatePre()} before and {@link Settings#errorRatePost()} after.
 */
public final class TriagePilot {
  public static final int GENERATOR_VERSION = 1;
  private static final int PURPOSE = 501;

  /** Receives each visit. */
  @FunctionalInterface
  public interface Sink {
    void row(String period, double waitMinutes, int admissionError);
  }

  /**
   * @param visitsPerPeriod 1 to 1,000,000
   * @param waitFactorPost post-period waits are multiplied by this (0.82: 18% shorter)
   */
  public record Settings(int visitsPerPeriod, long seed, double waitMedianMinutes, double waitFactorPost, double errorRatePre, double errorRatePost) {
    public Settings {
      if (visitsPerPeriod < 1 || visitsPerPeriod > 1_000_000) {
        throw new IllegalArgumentException("visitsPerPeriod must be between 1 and 1000000, got " + visitsPerPeriod);
      }
      if (!(waitMedianMinutes > 0) || !(waitFactorPost > 0)) throw new IllegalArgumentException("wait median and factor must be > 0");
      for (double p : new double[] {errorRatePre, errorRatePost}) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(String.format(Locale.ROOT, "error rates must be in [0, 1], got %s", p));
      }
    }
  }

  private final Settings settings;

  public TriagePilot(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public void generate(Sink sink) {
    int n = settings.visitsPerPeriod();
    for (int k = 0; k < 2 * n; k++) {
      UniformRandomProvider r = Streams.of(settings.seed(), PURPOSE, k);
      double z = ZigguratSampler.NormalizedGaussian.of(r).sample();
      boolean post = k >= n;
      double wait = settings.waitMedianMinutes() * Math.exp(0.5 * z) * (post ? settings.waitFactorPost() : 1);
      int error = r.nextDouble() < (post ? settings.errorRatePost() : settings.errorRatePre()) ? 1 : 0;
      sink.row(post ? "post" : "pre", Math.round(wait * 10) / 10.0, error);
    }
  }
}
