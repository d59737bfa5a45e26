package org.tollgate.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedsideInputsTest {
  static final SepsisCohort COHORT = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(400).withSeed(7).withScoreIntervalMinutes(60));

  static List<String> scores(SepsisCohort c) {
    List<String> out = new ArrayList<>();
    c.generate(null, (e, t, s) -> out.add(e.index() + "@" + t + "=" + s), null);
    return out;
  }

  @Test
  void chartingTheBedsideInputsChangesNoScore() {
    // the score rows of version 1's model, with and without the features pass in between
    List<String> before = scores(COHORT);
    COHORT.generateFeatures(0, COHORT.encounters(), null, (e, t, v, s) -> {});
    assertEquals(before, scores(COHORT));
  }

  @Test
  void encounterChartIsTheSameAloneOrInTheCohort() {
    List<String> all = new ArrayList<>();
    COHORT.generateFeatures(0, COHORT.encounters(), null, (e, t, v, s) -> {
      if (e.index() == 123) all.add(t + java.util.Arrays.toString(v) + java.util.Arrays.toString(s));
    });
    List<String> alone = new ArrayList<>();
    COHORT.generateFeatures(123, 124, null, (e, t, v, s) -> alone.add(t + java.util.Arrays.toString(v) + java.util.Arrays.toString(s)));
    assertEquals(all, alone);
    assertTrue(alone.size() > 2);
  }

  @Test
  void rowsAreInTimeOrderInsideTheStayAndNoSourceTimeIsInTheFuture() {
    long[] last = {Long.MIN_VALUE, -1};
    COHORT.generateFeatures(0, COHORT.encounters(), null, (e, t, v, s) -> {
      if (e.index() != last[1]) last[0] = Long.MIN_VALUE;
      assertTrue(t >= last[0], "time order");
      assertTrue(t >= e.admitEpochSecond() && t < e.dischargeEpochSecond(), "inside the stay");
      for (int i = 0; i < v.length; i++) {
        assertEquals(Double.isNaN(v[i]), s[i] == FeatureSink.NO_TIME, "a value has a source time, a missing one none");
        if (s[i] != FeatureSink.NO_TIME) assertTrue(s[i] <= t, "source time after the row");
      }
      last[0] = t;
      last[1] = e.index();
    });
  }

  /** Septic patients in the last hours before onset look septic at the bedside: SIRS/qSOFA-like shifts in the means. */
  @Test
  void septicPatientsDeteriorateBeforeOnset() {
    SepsisCohort c = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(3000).withSeed(11).withScoreIntervalMinutes(60));
    double[] sum = new double[4];
    long[] n = new long[2];
    c.generateFeatures(0, c.encounters(), null, (e, t, v, s) -> {
      if (Double.isNaN(v[BedsideInputs.RR]) || s[BedsideInputs.RR] != t) return;
      boolean late = e.hasOnset() && t < e.onsetEpochSecond() && e.onsetEpochSecond() - t <= 2 * 3600;
      if (!late && e.hasOnset()) return;
      int k = late ? 1 : 0;
      sum[2 * k] += v[BedsideInputs.RR];
      sum[2 * k + 1] += v[BedsideInputs.HR];
      n[k]++;
    });
    double rrNone = sum[0] / n[0];
    double hrNone = sum[1] / n[0];
    double rrLate = sum[2] / n[1];
    double hrLate = sum[3] / n[1];
    assertEquals(16.5, rrNone, 0.5, "baseline respiratory rate");
    assertEquals(80, hrNone, 2, "baseline heart rate");
    // 80% of rises have height about 2.4 and 20% about 0.3 (ramp nearly done 2 h before onset): RR +1.8 × ~1.9, HR +10 × ~1.9
    assertTrue(rrLate - rrNone > 2.5 && rrLate - rrNone < 4.5, "RR shift " + (rrLate - rrNone));
    assertTrue(hrLate - hrNone > 14 && hrLate - hrNone < 24, "HR shift " + (hrLate - hrNone));
  }
}
