package org.tollgate.cohort;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One score per visit: the smallest prediction log a referral, triage or readmission tool produces,
 * for the case library's cases that are about one decision per visit rather than a score stream.
 *
 * <h2>Specification (generator version {@value #GENERATOR_VERSION})</h2>
 *
 * <p>Visit {@code k} draws from its own stream keyed by (seed, k), so it is the same in a log of any
 * size. Its encounter id is {@code V} + 7 digits of k + 1 and its patient id {@code Q} + 7 digits of k + 1
 * (one visit per patient). Its time is uniform over the period in whole minutes. Attributes: {@code sex}
 * F/M = 0.52/0.48, {@code age_band} 18-44/45-64/65-74/75+ = 0.22/0.33/0.22/0.23, {@code race_ethnicity}
 * and {@code zip3} with {@link SepsisCohort}'s distributions (70% of Black patients in two prefixes, so
 * zip3 is a proxy for race). The label is 1 with probability {@link Settings#prevalence()}; the score is
 * logistic(−2 + {@link Settings#separation()} × label + N(0, 1)) rounded to three decimals, so the
 * binormal AUROC is Φ(separation / √2). A visit with label 1 has an outcome event of type
 * {@link Settings#outcome()} one hour after the visit.
 */
public final class ScoredVisits {
  public static final int GENERATOR_VERSION = 1;
  public static final List<String> ATTRIBUTES = List.of("sex", "age_band", "race_ethnicity", "zip3");

  private static final int PURPOSE = 301;
  private static final double[] SEX_P = {0.52, 0.48};
  private static final double[] AGE_P = {0.22, 0.33, 0.22, 0.23};
  private static final double[] RACE_P = {0.58, 0.16, 0.15, 0.06, 0.03, 0.02};
  private static final double[][] ZIP_P = {
    {0.02, 0.04, 0.06, 0.20, 0.24, 0.20, 0.14, 0.10},
    {0.45, 0.25, 0.10, 0.06, 0.04, 0.04, 0.03, 0.03},
    {0.10, 0.12, 0.40, 0.14, 0.08, 0.06, 0.05, 0.05},
    {0.04, 0.06, 0.10, 0.30, 0.20, 0.14, 0.10, 0.06},
    {0.10, 0.10, 0.15, 0.15, 0.15, 0.15, 0.10, 0.10},
    {0.12, 0.12, 0.12, 0.12, 0.13, 0.13, 0.13, 0.13},
  };

  /** One visit; {@code attributes} in {@link #ATTRIBUTES} order. */
  public record Visit(String patientId, String encounterId, long epochSecond, double score, int label, List<String> attributes) {}

  /**
   * What to generate.
   *
   * @param visits 1 to 10,000,000
   * @param seed any long
   * @param start first moment of the period, whole seconds
   * @param days length of the period, 1–3,650
   * @param prevalence share of visits with label 1, strictly between 0 and 1
   * @param separation the positives' shift on the logit scale, 0–10
   * @param outcome the outcome event type
   */
  public record Settings(int visits, long seed, Instant start, int days, double prevalence, double separation, String outcome) {
    public Settings {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(outcome, "outcome");
      if (visits < 1 || visits > 10_000_000) throw new IllegalArgumentException("visits must be between 1 and 10000000, got " + visits);
      if (days < 1 || days > 3650) throw new IllegalArgumentException("days must be between 1 and 3650, got " + days);
      if (!(prevalence > 0 && prevalence < 1)) throw new IllegalArgumentException("prevalence must be strictly between 0 and 1, got " + prevalence);
      if (!(separation >= 0 && separation <= 10)) throw new IllegalArgumentException("separation must be between 0 and 10, got " + separation);
      if (start.getNano() != 0) throw new IllegalArgumentException("start must be a whole second, got " + start);
    }
  }

  private final Settings settings;

  public ScoredVisits(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /** Visit {@code k}, 0-based. */
  public Visit visit(int k) {
    if (k < 0 || k >= settings.visits()) throw new IndexOutOfBoundsException("visit " + k + " outside [0, " + settings.visits() + ")");
    UniformRandomProvider r = Streams.of(settings.seed(), PURPOSE, k);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
    long minutes = settings.days() * 1440L;
    long t = settings.start().getEpochSecond() + 60L * (long) (r.nextDouble() * minutes);
    String sex = SepsisCohort.SEXES.get(pick(r, SEX_P));
    String age = SepsisCohort.AGE_BANDS.get(pick(r, AGE_P));
    int race = pick(r, RACE_P);
    String zip = SepsisCohort.ZIP3S.get(pick(r, ZIP_P[race]));
    int label = r.nextDouble() < settings.prevalence() ? 1 : 0;
    double logit = -2 + settings.separation() * label + g.sample();
    double score = Math.round(1000 / (1 + Math.exp(-logit))) / 1000.0;
    String id = String.format(Locale.ROOT, "%07d", k + 1);
    return new Visit("Q" + id, "V" + id, t, score, label, List.of(sex, age, SepsisCohort.RACES.get(race), zip));
  }

  private static int pick(UniformRandomProvider r, double[] p) {
    double u = r.nextDouble();
    double c = 0;
    for (int i = 0; i < p.length - 1; i++) {
      c += p[i];
      if (u < c) return i;
    }
    return p.length - 1;
  }
}
