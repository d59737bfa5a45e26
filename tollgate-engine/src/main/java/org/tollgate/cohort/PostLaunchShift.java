package org.tollgate.cohort;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A live year after launch: a cohort (normally the {@link SepsisCohort}) with two configurable shifts laid
 * over it, for the monitor and the case library. Self-contained: the underlying generator is unchanged and
 * this class changes only which encounters are emitted and their scores.
 *
 * <ul>
 *   <li><b>Surge</b> (as after the onset of COVID-19: the share of inpatients triggering a sepsis alert rose
 *       from 9% to 21% a day while census fell 35%, Wong et al., JAMA Netw Open 2021,
 *       doi:10.1001/jamanetworkopen.2021.35286): encounters admitted in [surge start, surge start + days)
 *       are kept with probability {@code surgeKeep} (census falls to about that share), and every score
 *       logged inside that window rises by {@code surgeLogit} on the logit scale (the patients in hospital
 *       are sicker, or their vital signs are read differently: more of them alert, from the first day).
 *       Outcomes are unchanged, so the extra alerts are false ones.
 *   <li><b>Calibration drift</b>: every score's logit rises by {@code driftLogitPerYear} × (years since the
 *       cohort's start): the model slowly over-predicts (observed/expected falls).
 *   <li><b>Lactate gap</b> (a lab analyser down, or the assay no longer ordered): lactate results drawn in
 *       [gap start, gap start + days) are lost. The lactate events in the window are dropped (so the two-signal
 *       alert cannot confirm), and in the features table a row whose latest lactate was drawn in the window shows
 *       the encounter's latest lactate drawn before it instead, or none (missing). Scores and every other input are
 *       unchanged: the model does not read lactate, the alert's confirmation and the paper fallback do.
 * </ul>
 * Scores are rounded to three decimals again. Which encounters are dropped depends only on the seed and
 * the encounter's index, so ranges can still be generated independently. The features table (the bedside
 * inputs, {@link BedsideCohort}) of the kept encounters passes through, with the lactate gap laid over it.
 *
 * @param surgeStart first admission instant of the surge, or null for none
 * @param surgeDays length of the surge in days (≥ 0)
 * @param surgeKeep share of the surge's admissions kept, in (0, 1]
 * @param surgeLogit rise of the kept surge encounters' scores on the logit scale
 * @param driftLogitPerYear rise of every score's logit per year since the start
 * @param seed seed of the drop decisions
 * @param lactateGapStart first instant of the lactate gap, or null for none
 * @param lactateGapDays length of the lactate gap in days (≥ 0)
 */
public record PostLaunchShift(Instant surgeStart, int surgeDays, double surgeKeep, double surgeLogit, double driftLogitPerYear, long seed,
    Instant lactateGapStart, int lactateGapDays) {
  public PostLaunchShift {
    if (surgeDays < 0) throw new IllegalArgumentException("surge days must be ≥ 0, got " + surgeDays);
    if (lactateGapDays < 0) throw new IllegalArgumentException("lactate gap days must be ≥ 0, got " + lactateGapDays);
    if (!(surgeKeep > 0 && surgeKeep <= 1)) throw new IllegalArgumentException("surge keep share must be in (0, 1], got " + surgeKeep);
    if (!Double.isFinite(surgeLogit) || !Double.isFinite(driftLogitPerYear)) throw new IllegalArgumentException("shifts must be finite");
  }

  /** Surge and drift, no lactate gap. */
  public PostLaunchShift(Instant surgeStart, int surgeDays, double surgeKeep, double surgeLogit, double driftLogitPerYear, long seed) {
    this(surgeStart, surgeDays, surgeKeep, surgeLogit, driftLogitPerYear, seed, null, 0);
  }

  /** No shift at all. */
  public static PostLaunchShift none() {
    return new PostLaunchShift(null, 0, 1, 0, 0, 0);
  }

  /** The shifted cohort. */
  public BedsideCohort over(SepsisCohort base) {
    return new Shifted(base, this);
  }

  private static final class Shifted implements BedsideCohort {
    private final SepsisCohort base;
    private final PostLaunchShift shift;
    private final long start;
    private final long surgeFrom;
    private final long surgeTo;
    private final long gapFrom;
    private final long gapTo;

    Shifted(SepsisCohort base, PostLaunchShift shift) {
      this.base = Objects.requireNonNull(base);
      this.shift = shift;
      this.start = base.settings().start().getEpochSecond();
      this.surgeFrom = shift.surgeStart() == null ? Long.MAX_VALUE : shift.surgeStart().getEpochSecond();
      this.surgeTo = shift.surgeStart() == null ? Long.MAX_VALUE : surgeFrom + shift.surgeDays() * 86_400L;
      this.gapFrom = shift.lactateGapStart() == null ? Long.MAX_VALUE : shift.lactateGapStart().getEpochSecond();
      this.gapTo = shift.lactateGapStart() == null ? Long.MAX_VALUE : gapFrom + shift.lactateGapDays() * 86_400L;
    }

    private boolean inGap(long t) {
      return t >= gapFrom && t < gapTo;
    }

    @Override
    public String name() {
      return base.name();
    }

    @Override
    public int encounters() {
      return base.encounters();
    }

    @Override
    public List<String> attributeNames() {
      return base.attributeNames();
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>(base.describe());
      if (shift.surgeStart() != null) {
        m.put("surge_start", shift.surgeStart().toString());
        m.put("surge_days", shift.surgeDays());
        m.put("surge_keep", shift.surgeKeep());
        m.put("surge_logit", shift.surgeLogit());
      }
      m.put("drift_logit_per_year", shift.driftLogitPerYear());
      if (shift.lactateGapStart() != null) {
        m.put("lactate_gap_start", shift.lactateGapStart().toString());
        m.put("lactate_gap_days", shift.lactateGapDays());
      }
      m.put("shift_seed", shift.seed());
      return m;
    }

    @Override
    public List<Outage> outages() {
      return base.outages();
    }

    /** Whether the surge drops this encounter. */
    private boolean dropped(Encounter e) {
      boolean surge = e.admitEpochSecond() >= surgeFrom && e.admitEpochSecond() < surgeTo;
      return surge && new SplittableRandom(shift.seed() * 0x9E3779B97F4A7C15L + e.index()).nextDouble() >= shift.surgeKeep();
    }

    @Override
    public void generateFeatures(int from, int to, EncounterSink encounters, FeatureSink features) {
      boolean[] dropped = new boolean[1];
      // the encounter's latest lactate drawn outside the gap: what its chart shows while newer ones are lost
      double[] kept = new double[1];
      long[] keptAt = new long[1];
      EncounterSink es = e -> {
        dropped[0] = dropped(e);
        kept[0] = FeatureSink.MISSING;
        keptAt[0] = FeatureSink.NO_TIME;
        if (!dropped[0] && encounters != null) encounters.encounter(e);
      };
      int lac = BedsideInputs.LACTATE;
      // the generator's arrays are its chart's state: the row is changed in copies
      double[] v = new double[BedsideInputs.INPUTS.size()];
      long[] st = new long[v.length];
      FeatureSink fs = features == null ? null : (e, t, values, times) -> {
        if (dropped[0]) return;
        if (times[lac] != FeatureSink.NO_TIME && inGap(times[lac])) {
          System.arraycopy(values, 0, v, 0, v.length);
          System.arraycopy(times, 0, st, 0, st.length);
          v[lac] = kept[0];
          st[lac] = keptAt[0];
          features.chart(e, t, v, st);
        } else {
          kept[0] = values[lac];
          keptAt[0] = times[lac];
          features.chart(e, t, values, times);
        }
      };
      for (int k = from; k < to; k++) base.generateFeatures(k, k + 1, es, fs);
    }

    @Override
    public void generate(int from, int to, EncounterSink encounters, ScoreSink scores, EventSink events) {
      boolean[] dropped = new boolean[1];
      EncounterSink es = e -> {
        dropped[0] = dropped(e);
        if (!dropped[0] && encounters != null) encounters.encounter(e);
      };
      ScoreSink ss = scores == null ? null : (e, t, s) -> {
        if (dropped[0]) return;
        double add = (t >= surgeFrom && t < surgeTo ? shift.surgeLogit() : 0) + shift.driftLogitPerYear() * (t - start) / (365.0 * 86_400);
        if (add != 0) {
          double p = Math.min(1 - 1e-6, Math.max(1e-6, s));
          double x = Math.log(p / (1 - p)) + add;
          s = Math.round(1000.0 / (1.0 + Math.exp(-x))) / 1000.0;
        }
        scores.score(e, t, s);
      };
      EventSink vs = events == null ? null : (e, t, type, v, end) -> {
        if (!dropped[0] && !(SepsisCohort.LACTATE.equals(type) && inGap(t))) events.event(e, t, type, v, end);
      };
      for (int k = from; k < to; k++) base.generate(k, k + 1, es, ss, vs);
    }
  }
}
