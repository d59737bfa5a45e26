package org.tollgate.cohort;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The bedside inputs of the synthetic sepsis cohort: what a nurse reads off the chart or the monitor
 * (vital signs, mental status, recent lab results), charted with their source times. They form the
 * {@code features} table a paper fallback is found and measured on. Kept apart from
 * {@link SepsisCohort}'s score so the score stream is the same with or without them.
 *
 * <h2>Specification (part of {@link SepsisCohort#GENERATOR_VERSION} 2)</h2>
 *
 * <p>Random draws come from the encounter's own stream (seed, bedside, k): adding or removing the
 * features table changes no score, event or encounter.
 *
 * <h3>The physiology the score also reads</h3>
 * Two quantities of the score model drive the inputs at time t: the slow physiological drift d(t) (the
 * score's AR(1) term, σ 0.5) and the sepsis rise r(t) before the model's attenuation: the rise height
 * (normal(2.4, 0.5), or normal(0.3, 0.2) in the 20% of cases the model misses, clipped at 0) times the
 * ramp fraction (0 before the ramp, 1 from onset). The model's score is then a noisy function of the
 * inputs: its logit adds an encounter baseline, measurement noise, the procedure spikes (which no vital
 * sign shows) and, for the original model, a rise attenuated for patients 75+ and Black patients
 * (whose physiology here deteriorates as anyone's does: the model, not the body, is biased).
 *
 * <h3>Inputs (columns, in {@link #INPUTS} order)</h3>
 * Per encounter baselines: heart rate normal(80, 8), respiratory rate normal(16.5, 1.5), systolic pressure
 * normal(128, 14), temperature normal(36.9, 0.2); a septic patient is febrile (80%) or hypothermic (20%).
 * At a vitals round, with e = standard normal noise per value:
 * <ul>
 *   <li>{@code heart_rate} (/min, whole) = base + 9 d + 10 r + 7 e, in [35, 200];
 *   <li>{@code resp_rate} (/min, whole) = base + 1.0 d + 1.8 r + 2.0 e, in [8, 50];
 *   <li>{@code temperature} (°C, one decimal) = base + 0.15 d ± 0.55 r + 0.3 e (+ fever, − hypothermia),
 *       in [33, 42]; not taken at 15% of rounds;
 *   <li>{@code systolic_bp} (mmHg, whole) = base − 4 d − 10 r + 9 e, in [50, 230];
 *   <li>{@code altered_mentation} (1 altered, 0 alert) with P(altered) = logistic(−4.2 + 1.3 r + 0.3 d
 *       + 1.0 at age 75+); charted at 80% of rounds;
 *   <li>{@code wbc} (white cells, ×10⁹/L, one decimal): drawn at 05:00 UTC on each day of the stay with
 *       probability 0.5 (0.9 in an ICU) and once 1 h after admission with probability 0.85; log-normal,
 *       median 8 × exp(0.1 d) × (1 + 0.25 r), σ 0.25; resulted 1 h after the draw;
 *   <li>{@code lactate} (mmol/L): the cohort's lactate events (routine and sepsis work-up draws), charted
 *       when their result is filed.
 * </ul>
 * Vitals rounds are on the wall-clock grid every 4 hours on a ward (00:00, 04:00, … UTC) and every hour
 * in an ICU, taken at the first score-grid time at or after the round (so exactly on it with 15- or
 * 60-minute scores); 5% of ward rounds are missed. Vital signs are taken at the bedside in any outage;
 * a lab result that falls in an {@code ehr} or {@code lab_interface} outage is filed when it ends
 * (dropped if that is after discharge), as the lactate events are.
 *
 * <h3>Rows</h3>
 * One row per charting time (a vitals round or a lab result), holding the latest value of every input
 * known then with its source time (empty before the first). Rows at or after discharge are not written.
 */
public final class BedsideInputs {
  private BedsideInputs() {}

  /** Input column names; each has a source-time column named {@code <input>_time}. */
  public static final List<String> INPUTS =
      List.of("heart_rate", "resp_rate", "temperature", "systolic_bp", "altered_mentation", "wbc", "lactate");

  /** Suffix of an input's source-time column. */
  public static final String TIME_SUFFIX = "_time";

  static final int HR = 0;
  static final int RR = 1;
  static final int TEMP = 2;
  static final int SBP = 3;
  static final int MENTATION = 4;
  static final int WBC = 5;
  static final int LACTATE = 6;

  private static final long HOUR = 3600;
  private static final long DAY = 86_400;
  private static final long WARD_ROUND = 4 * HOUR;
  private static final long WBC_DRAW_OFFSET = 5 * HOUR;

  /**
   * The chart of one encounter, advanced along the score grid by {@link SepsisCohort}. Not thread-safe;
   * one per encounter.
   */
  static final class Chart {
    private final Encounter e;
    private final FeatureSink sink;
    private final List<Outage> outages;
    private final UniformRandomProvider r;
    private final ZigguratSampler.NormalizedGaussian g;
    private final boolean icu;
    private final boolean old;
    private final double hrBase;
    private final double rrBase;
    private final double sbpBase;
    private final double tempBase;
    private final double tempSign;
    private final double[] values = new double[INPUTS.size()];
    private final long[] times = new long[INPUTS.size()];
    private final long roundStep;
    private long nextRound;
    private long nextWbc;
    private boolean admissionWbc;
    // pending lab results: availability time, draw time, input, value; kept sorted by availability
    private int pending;
    private long[] pendAt = new long[8];
    private long[] pendDrawn = new long[8];
    private int[] pendInput = new int[8];
    private double[] pendValue = new double[8];

    Chart(long seed, Encounter e, boolean icu, boolean old, List<Outage> outages, FeatureSink sink) {
      this.e = e;
      this.sink = sink;
      this.outages = outages;
      this.icu = icu;
      this.old = old;
      this.r = Streams.of(seed, Streams.BEDSIDE, e.index());
      this.g = ZigguratSampler.NormalizedGaussian.of(r);
      hrBase = 80 + 8 * g.sample();
      rrBase = 16.5 + 1.5 * g.sample();
      sbpBase = 128 + 14 * g.sample();
      tempBase = 36.9 + 0.2 * g.sample();
      tempSign = r.nextDouble() < 0.8 ? 1 : -1;
      admissionWbc = r.nextDouble() < 0.85;
      Arrays.fill(values, FeatureSink.MISSING);
      Arrays.fill(times, FeatureSink.NO_TIME);
      roundStep = icu ? HOUR : WARD_ROUND;
      long admit = e.admitEpochSecond();
      nextRound = Math.floorDiv(admit + roundStep - 1, roundStep) * roundStep;
      long wbc = Math.floorDiv(admit, DAY) * DAY + WBC_DRAW_OFFSET;
      nextWbc = wbc < admit + HOUR ? wbc + DAY : wbc;
    }

    /** A lab result known in advance (the lactate events), available at {@code at} (already moved past outages). */
    void lab(int input, long at, double value) {
      addPending(at, at, input, value);
    }

    /**
     * The physiology at score-grid time {@code t} (ascending): files lab results due by then, takes a
     * vitals round when one is due and draws the day's white cell count.
     *
     * @param drift the score's slow drift d(t)
     * @param rise the unattenuated sepsis rise r(t)
     */
    void at(long t, double drift, double rise) {
      if (admissionWbc && t >= e.admitEpochSecond() + HOUR) {
        admissionWbc = false;
        drawWbc(t, drift, rise);
      }
      if (t >= nextWbc) {
        boolean drawn = r.nextDouble() < (icu ? 0.9 : 0.5);
        double z = g.sample();
        if (drawn) addPending(filed(t + HOUR), t, WBC, wbc(drift, rise, z));
        nextWbc += DAY * (1 + Math.floorDiv(t - nextWbc, DAY));
      }
      flush(t);
      if (t >= nextRound) {
        nextRound = (Math.floorDiv(t, roundStep) + 1) * roundStep;
        vitals(t, drift, rise);
      }
    }

    /** Files the results still pending before discharge. */
    void finish() {
      flush(e.dischargeEpochSecond() - 1);
    }

    private void drawWbc(long t, double drift, double rise) {
      addPending(filed(t + HOUR), t, WBC, wbc(drift, rise, g.sample()));
    }

    private static double wbc(double drift, double rise, double z) {
      double v = 8 * Math.exp(0.1 * drift) * (1 + 0.25 * rise) * Math.exp(0.25 * z);
      return Math.max(0.5, Math.round(v * 10) / 10.0);
    }

    private void vitals(long t, double drift, double rise) {
      // every draw is made whether or not the round is missed, so the stream does not depend on it
      double uMissed = r.nextDouble();
      double hr = hrBase + 9 * drift + 10 * rise + 7 * g.sample();
      double rr = rrBase + 1.0 * drift + 1.8 * rise + 2.0 * g.sample();
      double temp = tempBase + 0.15 * drift + tempSign * 0.55 * rise + 0.3 * g.sample();
      double uTemp = r.nextDouble();
      double sbp = sbpBase - 4 * drift - 10 * rise + 9 * g.sample();
      double pAltered = SepsisCohort.logistic(-4.2 + 1.3 * rise + 0.3 * drift + (old ? 1.0 : 0));
      double uAltered = r.nextDouble();
      double uCharted = r.nextDouble();
      if (!icu && uMissed < 0.05) return;
      set(HR, t, clip(Math.round(hr), 35, 200));
      set(RR, t, clip(Math.round(rr), 8, 50));
      if (uTemp >= 0.15) set(TEMP, t, clip(Math.round(temp * 10) / 10.0, 33, 42));
      set(SBP, t, clip(Math.round(sbp), 50, 230));
      if (uCharted < 0.8) set(MENTATION, t, uAltered < pAltered ? 1 : 0);
      emit(t);
    }

    private void set(int input, long t, double v) {
      values[input] = v;
      times[input] = t;
    }

    private void emit(long t) {
      if (t < e.dischargeEpochSecond()) sink.chart(e, t, values, times);
    }

    private void flush(long t) {
      int done = 0;
      while (done < pending && pendAt[done] <= t) {
        if (pendAt[done] < e.dischargeEpochSecond()) {
          set(pendInput[done], pendDrawn[done], pendValue[done]);
          // the row's time is when the result was filed; its source time is the draw
          emit(pendAt[done]);
        }
        done++;
      }
      if (done > 0) {
        int left = pending - done;
        System.arraycopy(pendAt, done, pendAt, 0, left);
        System.arraycopy(pendDrawn, done, pendDrawn, 0, left);
        System.arraycopy(pendInput, done, pendInput, 0, left);
        System.arraycopy(pendValue, done, pendValue, 0, left);
        pending = left;
      }
    }

    private void addPending(long at, long drawn, int input, double value) {
      if (pending == pendAt.length) {
        int n = pending * 2;
        pendAt = Arrays.copyOf(pendAt, n);
        pendDrawn = Arrays.copyOf(pendDrawn, n);
        pendInput = Arrays.copyOf(pendInput, n);
        pendValue = Arrays.copyOf(pendValue, n);
      }
      int i = pending++;
      while (i > 0 && pendAt[i - 1] > at) {
        pendAt[i] = pendAt[i - 1];
        pendDrawn[i] = pendDrawn[i - 1];
        pendInput[i] = pendInput[i - 1];
        pendValue[i] = pendValue[i - 1];
        i--;
      }
      pendAt[i] = at;
      pendDrawn[i] = drawn;
      pendInput[i] = input;
      pendValue[i] = value;
    }

    /** When a result due at {@code t} is filed: at the end of an EHR or lab-interface outage covering it. */
    private long filed(long t) {
      for (Outage o : outages) {
        if (o.contains(t) && !o.system().equals(SepsisCohort.SYSTEM_MODEL)) t = o.endEpochSecond();
      }
      return t;
    }

    private static double clip(double v, double lo, double hi) {
      return Math.max(lo, Math.min(hi, v));
    }
  }
}
