package org.tollgate.cohort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A synthetic inpatient sepsis cohort with a deliberately imperfect, deliberately unfair early
 * warning score: enough realism for tollgate's reviews (alert volume, lead time, subgroup
 * disparities, proxy variables, downtime drills) to find something.
 *
 * <h2>Specification (generator version {@value #GENERATOR_VERSION})</h2>
 *
 * <p>Change the output for the same settings only together with {@link #GENERATOR_VERSION}.
 *
 * <h3>Determinism and splitting</h3>
 * Every random quantity comes from a stream keyed by (seed, purpose, index) — see {@code Streams}:
 * patients from their first encounter's index, encounters from their own index, outages from the
 * seed alone. Encounter {@code k} is therefore identical in a cohort of 10 or of 10 million
 * encounters and can be generated alone. Score rows come from their own stream, so generating
 * without scores (encounters and events only) gives the same encounters and events.
 *
 * <h3>Patients and encounters</h3>
 * <ul>
 *   <li>Encounters are grouped in blocks of 32 consecutive indices; each block is cut into
 *       patients with 1, 2, 3 or 4 consecutive encounters with probabilities 0.80, 0.13, 0.05,
 *       0.02 (about 1.29 encounters per patient; a patient cut by the block end keeps fewer).
 *       Encounter ids are {@code E} + 7 digits of {@code k + 1}; patient ids are {@code P} + 7
 *       digits of a fixed permutation of the first encounter's index, so they share no numbers
 *       with encounter ids.
 *   <li>Length of stay is log-normal with the configured median and σ = 0.75 on the log scale
 *       (mean ≈ 1.32 × median, as in US inpatient stays), × 1.5 for encounters with sepsis
 *       (septic patients stay longer), clipped to [6 h, max stay] and to at least 1 day with sepsis;
 *       whole minutes.
 *   <li>A patient's later admissions follow the previous discharge after a gap of 1 day +
 *       exponential(mean 40 days); the first is uniform over the part of the period that leaves room
 *       for the later ones (gaps shrink where they must), so every admission lies in the period and
 *       a patient's stays never overlap. Admission times are whole minutes with no diurnal or
 *       weekly pattern.
 * </ul>
 *
 * <h3>Attributes (repeated on every score row)</h3>
 * Patient-level: {@code age_band} 18-44/45-64/65-74/75+ = 0.22/0.33/0.22/0.23; {@code sex} F/M =
 * 0.52/0.48; {@code race_ethnicity} White/Black/Hispanic/Asian/Other/Unknown =
 * 0.58/0.16/0.15/0.06/0.03/0.02; {@code comorbidity_band} 0/1-2/3+ rising with age (18-44:
 * 0.55/0.35/0.10 … 75+: 0.12/0.43/0.45); {@code payer} mostly Medicare from 65, otherwise mostly
 * Commercial, with more Medicaid for Black and Hispanic patients; {@code zip3} one of eight
 * 3-digit ZIP prefixes drawn from a distribution that depends on race and ethnicity (residential
 * segregation): 70% of Black patients live in two prefixes where few White patients live, so ZIP
 * is a strong proxy for race (one-vs-rest AUROC of zip3 for Black is about 0.85), as proxy
 * detection should find. Encounter-level: {@code unit} MICU/SICU/MED/SURG/TELE =
 * 0.12/0.08/0.45/0.20/0.15.
 *
 * <h3>Outcome</h3>
 * P(sepsis) = logistic(β₀ + age effect (−0.5, 0, 0.3, 0.55) + comorbidity effect (0, 0.45, 0.9)
 * + unit effect (MICU 1.0, SICU 0.7, MED 0, SURG −0.2, TELE −0.3)); β₀ is solved by bisection so
 * that the expected prevalence over the attribute distribution equals the setting exactly. Onset
 * lies at a uniform 10–70% of the stay, at least 4 h after admission; it is emitted as a
 * {@value #ONSET} event, and the label is 1 on every score row of the encounter.
 *
 * <h3>Score</h3>
 * One score per interval on the wall-clock grid (times that are multiples of the interval since
 * the epoch) from the first grid time at or after admission to the last before discharge. On the
 * logit scale a score is the sum of
 * <ul>
 *   <li>an encounter baseline: −3.0 + 0.25 × comorbidity level + 0.35 in an ICU + 0.45 at 75+ +
 *       0.3 with sepsis, plus normal noise (σ 0.45);
 *   <li>slow physiological drift: a stationary AR(1) process, σ 0.5, correlation time 8 h;
 *   <li>measurement noise, σ 0.15 per row;
 *   <li>for sepsis, a rise that ramps linearly over 4–24 h (uniform) before onset and then stays
 *       (scores continue after onset; simulators censor them): height normal(2.4, 0.5) in 80% of
 *       cases and normal(0.3, 0.2) in the 20% the model misses, clipped at 0, times 0.45 at age
 *       75+ and 0.5 for Black patients — the model's disparities: it discriminates worse in both
 *       groups (an under-represented training population; a biased input such as pulse oximetry);
 *   <li>during half of all procedures, a transient rise of normal(2.2, 0.4) for the procedure's
 *       duration, whatever the label: the alerts during routine procedures that context windows
 *       should suppress.
 * </ul>
 * The score is the logistic of the sum, rounded to three decimals (so in [0, 1] with at most
 * 1,001 distinct values, like a logged probability).
 *
 * <h3>Events</h3>
 * <ul>
 *   <li>{@value #PROCEDURE}: Poisson(rate × stay in days) per stay, rate per day MICU 0.5, SICU
 *       0.7, MED 0.2, SURG 0.6, TELE 0.3; duration uniform 30–180 min; value empty; end time set.
 *   <li>{@value #LACTATE} (mmol/L, one decimal, at least 0.3): routine draws Poisson(0.25/day, 0.6
 *       in an ICU) at uniform times, log-normal with median 1.2 (1.4 with sepsis, +0.2 in an ICU),
 *       σ 0.35, so about 7% of routine values are ≥ 2; with sepsis, a work-up draw in the 3 h before
 *       onset in 85% of cases (median 2.8, σ 0.4: ≥ 2 in about 80%) and a repeat 2–6 h after onset
 *       in 60% (median 2.4). A result that falls in an {@code ehr} or {@code lab_interface}
 *       outage is filed when the outage ends (dropped if that is after discharge).
 *   <li>{@value #ONSET}: at onset, no value.
 * </ul>
 *
 * <h3>Outages</h3>
 * {@code round(u × years)} windows with u uniform on {2, …, 6} (at least one), starting uniformly in
 * the period, lasting 1–8 h in 5-minute steps, of system {@code ehr} (0.4), {@code sepsis_model}
 * (0.35) or {@code lab_interface} (0.25). When {@link Settings#scoreGapsDuringOutages()} is set, no
 * score is logged while the EHR or the model is down (the noise still evolves, so the other rows
 * are the same either way).
 *
 * <h3>Bedside inputs (version 2)</h3>
 * Vital signs, mental status and lab results as a nurse charts them, drawn from the same physiology as
 * the score: see {@link BedsideInputs} and {@link #generateFeatures}. Version 2 added them; the score,
 * event, encounter and outage rows are those of version 1.
 */
public final class SepsisCohort implements BedsideCohort {

  /** Name used on the command line and in manifests. */
  public static final String NAME = "sepsis";

  /** Bumped whenever the same settings would give different output. */
  public static final int GENERATOR_VERSION = 2;

  public static final String ONSET = "sepsis_onset";
  public static final String LACTATE = "lactate";
  public static final String PROCEDURE = "procedure";

  public static final String SYSTEM_EHR = "ehr";
  public static final String SYSTEM_MODEL = "sepsis_model";
  public static final String SYSTEM_LAB = "lab_interface";

  /** Attribute column names, in {@link Encounter#attributes()} order. */
  public static final List<String> ATTRIBUTES =
      List.of("age_band", "sex", "race_ethnicity", "comorbidity_band", "unit", "payer", "zip3");

  public static final List<String> AGE_BANDS = List.of("18-44", "45-64", "65-74", "75+");
  public static final List<String> SEXES = List.of("F", "M");
  public static final List<String> RACES = List.of("White", "Black", "Hispanic", "Asian", "Other", "Unknown");
  public static final List<String> COMORBIDITY_BANDS = List.of("0", "1-2", "3+");
  public static final List<String> UNITS = List.of("MICU", "SICU", "MED", "SURG", "TELE");
  public static final List<String> PAYERS = List.of("Medicare", "Medicaid", "Commercial", "Self-pay");
  public static final List<String> ZIP3S = List.of("303", "300", "301", "302", "305", "306", "307", "308");

  // ---- the model's constants (see the class javadoc) ----
  private static final int BLOCK = 32;
  private static final double[] VISITS_P = {0.80, 0.13, 0.05, 0.02};
  private static final double[] AGE_P = {0.22, 0.33, 0.22, 0.23};
  private static final double[] SEX_P = {0.52, 0.48};
  private static final double[] RACE_P = {0.58, 0.16, 0.15, 0.06, 0.03, 0.02};
  private static final int BLACK = 1;
  private static final int HISPANIC = 2;
  private static final int AGE_75 = 3;
  private static final double[][] ZIP_P = {
    {0.02, 0.04, 0.06, 0.20, 0.24, 0.20, 0.14, 0.10}, // White
    {0.45, 0.25, 0.10, 0.06, 0.04, 0.04, 0.03, 0.03}, // Black
    {0.10, 0.12, 0.40, 0.14, 0.08, 0.06, 0.05, 0.05}, // Hispanic
    {0.04, 0.06, 0.10, 0.30, 0.20, 0.14, 0.10, 0.06}, // Asian
    {0.10, 0.10, 0.15, 0.15, 0.15, 0.15, 0.10, 0.10}, // Other
    {0.12, 0.12, 0.12, 0.12, 0.13, 0.13, 0.13, 0.13}, // Unknown
  };
  private static final double[][] COMORBIDITY_P = {
    {0.55, 0.35, 0.10}, {0.30, 0.45, 0.25}, {0.18, 0.45, 0.37}, {0.12, 0.43, 0.45},
  };
  // payer order: Medicare, Medicaid, Commercial, Self-pay
  private static final double[] PAYER_65 = {0.86, 0.05, 0.07, 0.02};
  private static final double[] PAYER_UNDER_65 = {0.10, 0.28, 0.50, 0.12};
  private static final double[] PAYER_UNDER_65_BLACK_HISPANIC = {0.10, 0.40, 0.38, 0.12};
  private static final double[] UNIT_P = {0.12, 0.08, 0.45, 0.20, 0.15};
  private static final boolean[] ICU = {true, true, false, false, false};

  private static final double[] AGE_RISK = {-0.5, 0.0, 0.3, 0.55};
  private static final double[] COMORBIDITY_RISK = {0.0, 0.45, 0.9};
  private static final double[] UNIT_RISK = {1.0, 0.7, 0.0, -0.2, -0.3};

  private static final double STAY_SIGMA = 0.75;
  private static final double SEPSIS_STAY_FACTOR = 1.5;
  private static final long MIN_STAY = 6 * 3600;
  private static final long MIN_SEPSIS_STAY = 24 * 3600;
  private static final long MIN_ONSET_AFTER_ADMIT = 4 * 3600;
  private static final long DAY = 86_400;
  private static final double GAP_MEAN_DAYS = 40;

  private static final double BASE_LOGIT = -3.0;
  private static final double BASE_SIGMA = 0.45;
  private static final double AR_SIGMA = 0.5;
  private static final double AR_TAU_SECONDS = 8 * 3600;
  private static final double ROW_SIGMA = 0.15;
  private static final double DETECTED_P = 0.80;
  private static final double RISE_MEAN = 2.4;
  private static final double RISE_SIGMA = 0.5;
  private static final double MISSED_RISE_MEAN = 0.3;
  private static final double MISSED_RISE_SIGMA = 0.2;
  private static final double RISE_FACTOR_75 = 0.45;
  private static final double RISE_FACTOR_BLACK = 0.5;
  private static final double SPIKE_P = 0.5;
  private static final double REDESIGNED_DETECTED_P = 0.90;
  private static final double SPIKE_MEAN = 2.2;
  private static final double SPIKE_SIGMA = 0.4;

  private static final double[] PROCEDURE_RATE = {0.5, 0.7, 0.2, 0.6, 0.3};
  private static final double LACTATE_RATE = 0.25;
  private static final double LACTATE_RATE_ICU = 0.6;

  private static final double[] OUTAGE_SYSTEM_P = {0.40, 0.35, 0.25};
  private static final String[] OUTAGE_SYSTEMS = {SYSTEM_EHR, SYSTEM_MODEL, SYSTEM_LAB};

  /**
   * What to generate. Every default is a public constant.
   *
   * @param encounters number of encounters, 1 to {@value #MAX_ENCOUNTERS} (default {@value #DEFAULT_ENCOUNTERS})
   * @param seed the random seed (default {@value #DEFAULT_SEED}); any long
   * @param start start of the admission period, whole seconds, 1970–2100 (default 2025-01-01T00:00:00Z)
   * @param periodDays admissions are spread over this many days from {@code start}, 1–3,650
   *     (default {@value #DEFAULT_PERIOD_DAYS})
   * @param prevalence expected share of encounters with sepsis, strictly between 0 and 1 (default {@value #DEFAULT_PREVALENCE})
   * @param scoreIntervalMinutes minutes between scores, 1–240 (default {@value #DEFAULT_SCORE_INTERVAL_MINUTES})
   * @param medianStayDays median length of stay without sepsis, 0.25 to {@code maxStayDays}
   *     (default {@value #DEFAULT_MEDIAN_STAY_DAYS})
   * @param maxStayDays stays are capped at this many days, 1–365 (default {@value #DEFAULT_MAX_STAY_DAYS})
   * @param scoreGapsDuringOutages whether no scores are logged while the EHR or the model is down
   *     (default {@value #DEFAULT_SCORE_GAPS_DURING_OUTAGES})
   * @param model which score model: {@link Model#ORIGINAL} (default) or {@link Model#REDESIGNED}
   */
  public record Settings(
      int encounters,
      long seed,
      Instant start,
      int periodDays,
      double prevalence,
      int scoreIntervalMinutes,
      double medianStayDays,
      double maxStayDays,
      boolean scoreGapsDuringOutages,
      Model model) {

    public static final int DEFAULT_ENCOUNTERS = 1_000;
    public static final int MAX_ENCOUNTERS = 10_000_000;
    public static final long DEFAULT_SEED = 1L;
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
    public static final int DEFAULT_PERIOD_DAYS = 365;
    public static final double DEFAULT_PREVALENCE = 0.07;
    public static final int DEFAULT_SCORE_INTERVAL_MINUTES = 15;
    public static final double DEFAULT_MEDIAN_STAY_DAYS = 3.5;
    public static final double DEFAULT_MAX_STAY_DAYS = 30;
    public static final boolean DEFAULT_SCORE_GAPS_DURING_OUTAGES = true;

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** The settings with the original score model (the form before {@link Model} existed). */
    public Settings(int encounters, long seed, Instant start, int periodDays, double prevalence, int scoreIntervalMinutes,
        double medianStayDays, double maxStayDays, boolean scoreGapsDuringOutages) {
      this(encounters, seed, start, periodDays, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, Model.ORIGINAL);
    }

    public Settings {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(model, "model");
      if (encounters < 1 || encounters > MAX_ENCOUNTERS) {
        throw new IllegalArgumentException(
            "encounters must be between 1 and " + MAX_ENCOUNTERS + ", got " + encounters);
      }
      if (start.getNano() != 0 || start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
        throw new IllegalArgumentException(
            "start must be a whole second between 1970 and 2100, got " + start);
      }
      if (periodDays < 1 || periodDays > 3650) {
        throw new IllegalArgumentException("periodDays must be between 1 and 3650, got " + periodDays);
      }
      if (!(prevalence > 0 && prevalence < 1)) {
        throw new IllegalArgumentException("prevalence must be strictly between 0 and 1, got " + prevalence);
      }
      if (scoreIntervalMinutes < 1 || scoreIntervalMinutes > 240) {
        throw new IllegalArgumentException(
            "scoreIntervalMinutes must be between 1 and 240, got " + scoreIntervalMinutes);
      }
      if (!(maxStayDays >= 1 && maxStayDays <= 365)) {
        throw new IllegalArgumentException("maxStayDays must be between 1 and 365, got " + maxStayDays);
      }
      if (!(medianStayDays >= 0.25 && medianStayDays <= maxStayDays)) {
        throw new IllegalArgumentException(
            "medianStayDays must be between 0.25 and maxStayDays (" + maxStayDays + "), got " + medianStayDays);
      }
    }

    /** All defaults: 1,000 encounters, seed 1, from 2025-01-01 over 365 days, 7%, every 15 minutes. */
    public static Settings defaults() {
      return new Settings(
          DEFAULT_ENCOUNTERS, DEFAULT_SEED, DEFAULT_START, DEFAULT_PERIOD_DAYS, DEFAULT_PREVALENCE,
          DEFAULT_SCORE_INTERVAL_MINUTES, DEFAULT_MEDIAN_STAY_DAYS, DEFAULT_MAX_STAY_DAYS,
          DEFAULT_SCORE_GAPS_DURING_OUTAGES);
    }

    public Settings withEncounters(int n) {
      return new Settings(n, seed, start, periodDays, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, model);
    }

    public Settings withSeed(long s) {
      return new Settings(encounters, s, start, periodDays, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, model);
    }

    public Settings withStart(Instant t) {
      return new Settings(encounters, seed, t, periodDays, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, model);
    }

    public Settings withPeriodDays(int days) {
      return new Settings(encounters, seed, start, days, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, model);
    }

    public Settings withPrevalence(double p) {
      return new Settings(encounters, seed, start, periodDays, p, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, model);
    }

    public Settings withScoreIntervalMinutes(int minutes) {
      return new Settings(encounters, seed, start, periodDays, prevalence, minutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, model);
    }

    public Settings withStay(double medianDays, double maxDays) {
      return new Settings(encounters, seed, start, periodDays, prevalence, scoreIntervalMinutes, medianDays, maxDays, scoreGapsDuringOutages, model);
    }

    public Settings withScoreGapsDuringOutages(boolean gaps) {
      return new Settings(encounters, seed, start, periodDays, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, gaps, model);
    }

    public Settings withModel(Model m) {
      return new Settings(encounters, seed, start, periodDays, prevalence, scoreIntervalMinutes, medianStayDays, maxStayDays, scoreGapsDuringOutages, m);
    }
  }

  /**
   * The score model. {@code ORIGINAL} is the one specified above. {@code REDESIGNED} is a retrained
   * model for the case library's redesigned tools: the same draws, but no rise factors for age 75+ or
   * Black patients (it discriminates equally well for everyone), no rise during procedures (it does
   * not read procedure-time vitals), and the sepsis rise detected in 90% of cases instead of 80%.
   * Events, encounters, attributes and outages are identical for both.
   */
  public enum Model {
    ORIGINAL,
    REDESIGNED
  }

  private final Settings settings;
  private final long startSecond;
  private final long periodSeconds;
  private final long intervalSeconds;
  private final double beta0;
  private final List<Outage> outages;

  public SepsisCohort(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.startSecond = settings.start().getEpochSecond();
    this.periodSeconds = settings.periodDays() * DAY;
    this.intervalSeconds = settings.scoreIntervalMinutes() * 60L;
    this.beta0 = solveIntercept(settings.prevalence());
    this.outages = makeOutages();
  }

  /** A cohort with default settings apart from the encounter count and the seed. */
  public static SepsisCohort of(int encounters, long seed) {
    return new SepsisCohort(Settings.defaults().withEncounters(encounters).withSeed(seed));
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int encounters() {
    return settings.encounters();
  }

  @Override
  public List<String> attributeNames() {
    return ATTRIBUTES;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator_version", GENERATOR_VERSION);
    m.put("encounters", settings.encounters());
    m.put("seed", settings.seed());
    m.put("start", settings.start().toString());
    m.put("period_days", settings.periodDays());
    m.put("prevalence", settings.prevalence());
    m.put("score_interval_minutes", settings.scoreIntervalMinutes());
    m.put("median_stay_days", settings.medianStayDays());
    m.put("max_stay_days", settings.maxStayDays());
    m.put("score_gaps_during_outages", settings.scoreGapsDuringOutages());
    if (settings.model() != Model.ORIGINAL) m.put("model", settings.model().name().toLowerCase(java.util.Locale.ROOT));
    return Collections.unmodifiableMap(m);
  }

  @Override
  public List<Outage> outages() {
    return outages;
  }

  /** The logistic intercept β₀ that gives the configured expected prevalence. */
  double intercept() {
    return beta0;
  }

  /** Expected prevalence for intercept {@code b}, summed exactly over the attribute distribution. */
  static double expectedPrevalence(double b) {
    double sum = 0;
    for (int a = 0; a < AGE_P.length; a++) {
      for (int c = 0; c < COMORBIDITY_RISK.length; c++) {
        for (int u = 0; u < UNIT_P.length; u++) {
          sum += AGE_P[a] * COMORBIDITY_P[a][c] * UNIT_P[u]
              * logistic(b + AGE_RISK[a] + COMORBIDITY_RISK[c] + UNIT_RISK[u]);
        }
      }
    }
    return sum;
  }

  private static double solveIntercept(double prevalence) {
    double lo = -40;
    double hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = 0.5 * (lo + hi);
      if (expectedPrevalence(mid) < prevalence) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private List<Outage> makeOutages() {
    UniformRandomProvider r = Streams.of(settings.seed(), Streams.OUTAGES, 0);
    double years = settings.periodDays() / 365.0;
    int count = Math.max(1, (int) Math.round((2 + r.nextInt(5)) * years));
    List<Outage> list = new ArrayList<>(count);
    long steps = periodSeconds / 300;
    for (int i = 0; i < count; i++) {
      long begin = startSecond + (long) (r.nextDouble() * steps) * 300;
      long length = (12 + r.nextInt(85)) * 300L;
      String system = OUTAGE_SYSTEMS[pick(r, OUTAGE_SYSTEM_P)];
      list.add(new Outage(begin, begin + length, system));
    }
    list.sort((a, b) -> Long.compare(a.startEpochSecond(), b.startEpochSecond()));
    return List.copyOf(list);
  }

  @Override
  public void generate(int from, int to, EncounterSink encounters, ScoreSink scores, EventSink events) {
    if (from < 0 || to > settings.encounters() || from > to) {
      throw new IndexOutOfBoundsException(
          "range [" + from + ", " + to + ") outside [0, " + settings.encounters() + ")");
    }
    Run run = new Run();
    for (int k = from; k < to; k++) {
      run.generate(k, encounters, scores, events, null);
    }
  }

  /**
   * Streams the bedside chart rows ({@link BedsideInputs}) of encounters {@code [from, to)} in index
   * order, each encounter's rows in time order after the encounter itself.
   */
  @Override
  public void generateFeatures(int from, int to, EncounterSink encounters, FeatureSink features) {
    if (from < 0 || to > settings.encounters() || from > to) {
      throw new IndexOutOfBoundsException(
          "range [" + from + ", " + to + ") outside [0, " + settings.encounters() + ")");
    }
    Run run = new Run();
    for (int k = from; k < to; k++) {
      run.generate(k, encounters, null, null, features);
    }
  }

  /** Encounter {@code k} alone, without its rows (for tests and random access). */
  public Encounter encounter(int k) {
    Encounter[] out = new Encounter[1];
    generate(k, k + 1, e -> out[0] = e, null, null);
    return out[0];
  }

  static double logistic(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** Index drawn from a discrete distribution given by its probabilities (summing to 1). */
  private static int pick(UniformRandomProvider r, double[] p) {
    double u = r.nextDouble();
    int last = p.length - 1;
    for (int i = 0; i < last; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return last;
  }

  private static String id(char prefix, long number) {
    char[] c = {prefix, '0', '0', '0', '0', '0', '0', '0'};
    String digits = Long.toString(number);
    if (digits.length() > 7) {
      return prefix + digits;
    }
    digits.getChars(0, digits.length(), c, 8 - digits.length());
    return new String(c);
  }

  private static long minutes(double seconds) {
    return Math.round(seconds / 60) * 60;
  }

  /**
   * The state of one generation pass: the current block's patient partition, the current patient,
   * and reusable buffers, so a sequential pass draws each block and patient once.
   */
  private final class Run {
    private int block = -1;
    private final int[] slotFirst = new int[BLOCK];
    private final int[] slotVisits = new int[BLOCK];

    private int patientFirst = -1;
    private String patientId;
    private int age;
    private int sex;
    private int race;
    private int zip;
    private int comorbidity;
    private int payer;
    private final int[] visitUnit = new int[VISITS_P.length];
    private final int[] visitLabel = new int[VISITS_P.length];
    private final long[] visitStay = new long[VISITS_P.length];
    private final double[] visitOnsetFraction = new double[VISITS_P.length];
    private final long[] visitAdmit = new long[VISITS_P.length];

    // procedures of the current encounter
    private int procedures;
    private long[] procStart = new long[8];
    private long[] procEnd = new long[8];
    private double[] procSpike = new double[8];

    // events of the current encounter, sorted before emitting
    private int eventCount;
    private long[] eventTime = new long[16];
    private String[] eventType = new String[16];
    private double[] eventValue = new double[16];
    private long[] eventEnd = new long[16];

    // outages that block scores during the current stay
    private int blocking;
    private final long[] blockStart = new long[outages.size()];
    private final long[] blockEnd = new long[outages.size()];

    void generate(int k, EncounterSink encounters, ScoreSink scores, EventSink events, FeatureSink features) {
      loadBlock(k / BLOCK);
      int slot = k % BLOCK;
      loadPatient(slotFirst[slot], slotVisits[slot]);
      int visit = k - patientFirst;
      int unit = visitUnit[visit];
      int label = visitLabel[visit];
      long admit = visitAdmit[visit];
      long discharge = admit + visitStay[visit];
      long onset = Encounter.NO_ONSET;
      if (label == 1) {
        long at = Math.max(MIN_ONSET_AFTER_ADMIT, minutes(visitOnsetFraction[visit] * visitStay[visit]));
        onset = admit + Math.min(at, visitStay[visit] - 3600);
      }
      Encounter e = new Encounter(
          k, id('E', k + 1L), patientId, admit, discharge, label, onset,
          List.of(
              AGE_BANDS.get(age), SEXES.get(sex), RACES.get(race), COMORBIDITY_BANDS.get(comorbidity),
              UNITS.get(unit), PAYERS.get(payer), ZIP3S.get(zip)));
      if (encounters != null) {
        encounters.encounter(e);
      }
      if (scores == null && events == null && features == null) {
        return;
      }
      UniformRandomProvider er = Streams.of(settings.seed(), Streams.EVENTS, k);
      ZigguratSampler.NormalizedGaussian eg = ZigguratSampler.NormalizedGaussian.of(er);
      drawProcedures(er, eg, unit, admit, discharge);
      if (events != null || features != null) {
        // the events' stream continues after the procedures whether or not scores are drawn in between
        eventCount = 0;
        if (label == 1) {
          addEvent(onset, ONSET, EventSink.NO_VALUE, EventSink.NO_END);
        }
        drawLactates(er, eg, unit, e);
        for (int i = 0; i < procedures; i++) {
          addEvent(procStart[i], PROCEDURE, EventSink.NO_VALUE, procEnd[i]);
        }
      }
      BedsideInputs.Chart chart = null;
      if (features != null) {
        chart = new BedsideInputs.Chart(settings.seed(), e, ICU[unit], age == AGE_75, outages, features);
        for (int i = 0; i < eventCount; i++) {
          if (LACTATE.equals(eventType[i])) chart.lab(BedsideInputs.LACTATE, eventTime[i], eventValue[i]);
        }
      }
      if (scores != null || chart != null) {
        emitScores(k, e, unit, scores, chart);
      }
      if (events != null) {
        emitEvents(e, events);
      }
    }

    private void loadBlock(int b) {
      if (b == block) {
        return;
      }
      UniformRandomProvider r = Streams.of(settings.seed(), Streams.BLOCK, b);
      int i = 0;
      while (i < BLOCK) {
        int m = Math.min(1 + pick(r, VISITS_P), BLOCK - i);
        for (int j = 0; j < m; j++) {
          slotFirst[i + j] = b * BLOCK + i;
          slotVisits[i + j] = m;
        }
        i += m;
      }
      block = b;
    }

    private void loadPatient(int first, int visits) {
      if (first == patientFirst) {
        return;
      }
      UniformRandomProvider r = Streams.of(settings.seed(), Streams.PATIENT, first);
      age = pick(r, AGE_P);
      sex = pick(r, SEX_P);
      race = pick(r, RACE_P);
      zip = pick(r, ZIP_P[race]);
      comorbidity = pick(r, COMORBIDITY_P[age]);
      payer = pick(r, age >= 2 ? PAYER_65 : (race == BLACK || race == HISPANIC) ? PAYER_UNDER_65_BLACK_HISPANIC : PAYER_UNDER_65);
      double position = r.nextDouble();
      for (int j = 0; j < visits; j++) {
        drawCore(first + j, j);
      }
      long[] gap = new long[visits];
      long stays = 0;
      long gaps = 0;
      for (int j = 0; j + 1 < visits; j++) {
        gap[j] = DAY + minutes(-GAP_MEAN_DAYS * DAY * Math.log(1 - r.nextDouble()));
        stays += visitStay[j];
        gaps += gap[j];
      }
      // the last admission must fall before the period ends: admissions are whole minutes, so the
      // last one may be at most a minute before the end
      long budget = periodSeconds - 60;
      if (stays + gaps > budget && gaps > 0) {
        double room = Math.max(0, budget - stays);
        for (int j = 0; j + 1 < visits; j++) {
          gap[j] = (long) (gap[j] * room / gaps / 60) * 60;
        }
        gaps = 0;
        for (int j = 0; j + 1 < visits; j++) {
          gaps += gap[j];
        }
      }
      long slack = Math.max(0, budget - stays - gaps);
      long t = startSecond + (long) (position * (slack / 60)) * 60;
      for (int j = 0; j < visits; j++) {
        visitAdmit[j] = t;
        t += visitStay[j] + gap[j];
      }
      // a fixed permutation of [0, 10^7): 7,919 is prime, hence coprime with 10^7
      patientId = id('P', (first * 7_919L + 1_234_567L) % 10_000_000L);
      patientFirst = first;
    }

    /** Unit, outcome, stay and onset position of encounter {@code k}, the {@code j}-th visit of the loaded patient. */
    private void drawCore(int k, int j) {
      UniformRandomProvider r = Streams.of(settings.seed(), Streams.CORE, k);
      int unit = pick(r, UNIT_P);
      double uLabel = r.nextDouble();
      double z = ZigguratSampler.NormalizedGaussian.of(r).sample();
      double uOnset = r.nextDouble();
      double risk = logistic(beta0 + AGE_RISK[age] + COMORBIDITY_RISK[comorbidity] + UNIT_RISK[unit]);
      int label = uLabel < risk ? 1 : 0;
      double stayDays = settings.medianStayDays() * Math.exp(STAY_SIGMA * z) * (label == 1 ? SEPSIS_STAY_FACTOR : 1);
      long stay = minutes(Math.min(stayDays, settings.maxStayDays()) * DAY);
      stay = Math.max(stay, label == 1 ? MIN_SEPSIS_STAY : MIN_STAY);
      visitUnit[j] = unit;
      visitLabel[j] = label;
      visitStay[j] = stay;
      visitOnsetFraction[j] = 0.1 + 0.6 * uOnset;
    }

    private void drawProcedures(
        UniformRandomProvider r, ZigguratSampler.NormalizedGaussian g, int unit, long admit, long discharge) {
      double stayDays = (discharge - admit) / (double) DAY;
      int n = PoissonSampler.of(r, PROCEDURE_RATE[unit] * stayDays).sample();
      if (n > procStart.length) {
        procStart = new long[n];
        procEnd = new long[n];
        procSpike = new double[n];
      }
      long stayMinutes = (discharge - admit) / 60;
      for (int i = 0; i < n; i++) {
        long duration = 30 + r.nextInt(151);
        long offset = (long) (r.nextDouble() * (stayMinutes - duration + 1));
        boolean spikes = r.nextDouble() < SPIKE_P && settings.model() == Model.ORIGINAL;
        double height = SPIKE_MEAN + SPIKE_SIGMA * g.sample();
        // keep procedures sorted by start: insertion sort, n is small
        int at = i;
        long start = admit + offset * 60;
        while (at > 0 && procStart[at - 1] > start) {
          procStart[at] = procStart[at - 1];
          procEnd[at] = procEnd[at - 1];
          procSpike[at] = procSpike[at - 1];
          at--;
        }
        procStart[at] = start;
        procEnd[at] = start + duration * 60;
        procSpike[at] = spikes ? height : 0;
      }
      procedures = n;
    }

    private void drawLactates(UniformRandomProvider r, ZigguratSampler.NormalizedGaussian g, int unit, Encounter e) {
      long admit = e.admitEpochSecond();
      long discharge = e.dischargeEpochSecond();
      double stayDays = (discharge - admit) / (double) DAY;
      int n = PoissonSampler.of(r, (ICU[unit] ? LACTATE_RATE_ICU : LACTATE_RATE) * stayDays).sample();
      double median = (e.label() == 1 ? 1.4 : 1.2) + (ICU[unit] ? 0.2 : 0);
      long stayMinutes = (discharge - admit) / 60;
      for (int i = 0; i < n; i++) {
        long t = admit + (long) (r.nextDouble() * stayMinutes) * 60;
        addLactate(t, median * Math.exp(0.35 * g.sample()), discharge);
      }
      if (e.label() == 1) {
        long onset = e.onsetEpochSecond();
        boolean workup = r.nextDouble() < 0.85;
        long before = (long) (r.nextDouble() * 180) * 60;
        double workupValue = 2.8 * Math.exp(0.4 * g.sample());
        boolean repeat = r.nextDouble() < 0.6;
        long after = (120 + (long) (r.nextDouble() * 240)) * 60;
        double repeatValue = 2.4 * Math.exp(0.4 * g.sample());
        if (workup) {
          addLactate(Math.max(admit, onset - before), workupValue, discharge);
        }
        if (repeat && onset + after < discharge) {
          addLactate(onset + after, repeatValue, discharge);
        }
      }
    }

    private void addLactate(long t, double value, long discharge) {
      for (Outage o : outages) {
        if (o.contains(t) && !o.system().equals(SYSTEM_MODEL)) {
          t = o.endEpochSecond(); // back-charted when the system returns
        }
      }
      if (t >= discharge) {
        return;
      }
      addEvent(t, LACTATE, Math.max(0.3, Math.round(value * 10) / 10.0), EventSink.NO_END);
    }

    private void addEvent(long t, String type, double value, long end) {
      if (eventCount == eventTime.length) {
        int n = eventCount * 2;
        eventTime = java.util.Arrays.copyOf(eventTime, n);
        eventType = java.util.Arrays.copyOf(eventType, n);
        eventValue = java.util.Arrays.copyOf(eventValue, n);
        eventEnd = java.util.Arrays.copyOf(eventEnd, n);
      }
      int at = eventCount++;
      while (at > 0 && eventTime[at - 1] > t) {
        eventTime[at] = eventTime[at - 1];
        eventType[at] = eventType[at - 1];
        eventValue[at] = eventValue[at - 1];
        eventEnd[at] = eventEnd[at - 1];
        at--;
      }
      eventTime[at] = t;
      eventType[at] = type;
      eventValue[at] = value;
      eventEnd[at] = end;
    }

    private void emitEvents(Encounter e, EventSink sink) {
      for (int i = 0; i < eventCount; i++) {
        sink.event(e, eventTime[i], eventType[i], eventValue[i], eventEnd[i]);
      }
    }

    /** Score rows to {@code sink} and the bedside chart's physiology to {@code chart}; either may be null. */
    private void emitScores(int k, Encounter e, int unit, ScoreSink sink, BedsideInputs.Chart chart) {
      long admit = e.admitEpochSecond();
      long discharge = e.dischargeEpochSecond();
      blocking = 0;
      if (settings.scoreGapsDuringOutages()) {
        for (Outage o : outages) {
          if (!o.system().equals(SYSTEM_LAB) && o.endEpochSecond() > admit && o.startEpochSecond() < discharge) {
            blockStart[blocking] = o.startEpochSecond();
            blockEnd[blocking] = o.endEpochSecond();
            blocking++;
          }
        }
      }
      UniformRandomProvider r = Streams.of(settings.seed(), Streams.SCORES, k);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
      boolean sepsis = e.label() == 1;
      boolean old = age == AGE_75;
      double mu = BASE_LOGIT + 0.25 * comorbidity + (ICU[unit] ? 0.35 : 0) + (old ? 0.45 : 0) + (sepsis ? 0.3 : 0);
      double base = mu + BASE_SIGMA * g.sample();
      boolean detected = r.nextDouble() < (settings.model() == Model.ORIGINAL ? DETECTED_P : REDESIGNED_DETECTED_P);
      double z = g.sample();
      double rise = detected ? RISE_MEAN + RISE_SIGMA * z : MISSED_RISE_MEAN + MISSED_RISE_SIGMA * z;
      double bodyRise = Math.max(0, rise);
      if (settings.model() == Model.ORIGINAL) rise = Math.max(0, rise) * (old ? RISE_FACTOR_75 : 1) * (race == BLACK ? RISE_FACTOR_BLACK : 1);
      else rise = Math.max(0, rise);
      double ramp = (4 + 20 * r.nextDouble()) * 3600;
      long onset = sepsis ? e.onsetEpochSecond() : Long.MAX_VALUE;
      double rampStart = sepsis ? onset - ramp : Double.MAX_VALUE;

      double rho = Math.exp(-intervalSeconds / AR_TAU_SECONDS);
      double innovation = AR_SIGMA * Math.sqrt(1 - rho * rho);
      double drift = AR_SIGMA * g.sample();
      long t = Math.floorDiv(admit + intervalSeconds - 1, intervalSeconds) * intervalSeconds;
      for (; t < discharge; t += intervalSeconds) {
        drift = rho * drift + innovation * g.sample();
        double x = base + drift + ROW_SIGMA * g.sample();
        if (t >= onset) {
          x += rise;
        } else if (t > rampStart) {
          x += rise * (t - rampStart) / ramp;
        }
        for (int i = 0; i < procedures && procStart[i] <= t; i++) {
          if (t < procEnd[i]) {
            x += procSpike[i];
          }
        }
        if (chart != null) {
          chart.at(t, drift, t >= onset ? bodyRise : t > rampStart ? bodyRise * (t - rampStart) / ramp : 0);
        }
        if (sink == null || (blocking > 0 && blocked(t))) {
          continue;
        }
        sink.score(e, t, Math.round(1000.0 / (1.0 + Math.exp(-x))) / 1000.0);
      }
      if (chart != null) {
        chart.finish();
      }
    }

    private boolean blocked(long t) {
      for (int i = 0; i < blocking; i++) {
        if (t >= blockStart[i] && t < blockEnd[i]) {
          return true;
        }
      }
      return false;
    }
  }
}
