package org.tollgate.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lactate gap of the post-launch shift, against the same cohort without it: lactate results drawn in the gap are lost
 * (no lactate event in it; no feature row shows a lactate drawn in it, the encounter's latest earlier one instead), and
 * nothing else changes (scores, other events, every other input, the rows themselves).
 */
class PostLaunchShiftTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant GAP = Instant.parse("2026-01-11T00:00:00Z");

  @Test
  void lactateResultsDrawnInTheGapAreLostAndNothingElseChanges() {
    SepsisCohort base = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(400).withPeriodDays(30).withSeed(5).withStart(START));
    BedsideCohort plain = PostLaunchShift.none().over(base);
    BedsideCohort gapped = new PostLaunchShift(null, 0, 1, 0, 0, 5, GAP, 7).over(base);
    long from = GAP.getEpochSecond();
    long to = from + 7 * 86_400L;
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    plain.generate(0, 400, null, (e, t, s) -> a.add("score " + e.index() + " " + t + " " + s), (e, t, type, v, end) -> a.add(type + " " + e.index() + " " + t + " " + v));
    gapped.generate(0, 400, null, (e, t, s) -> b.add("score " + e.index() + " " + t + " " + s), (e, t, type, v, end) -> b.add(type + " " + e.index() + " " + t + " " + v));
    List<String> lost = new ArrayList<>();
    for (String r : a) {
      String[] f = r.split(" ");
      if (f[0].equals(SepsisCohort.LACTATE) && Long.parseLong(f[2]) >= from && Long.parseLong(f[2]) < to) lost.add(r);
    }
    assertTrue(lost.size() > 20, "the gap must lose lactates: " + lost.size());
    List<String> kept = new ArrayList<>(a);
    kept.removeAll(lost);
    assertEquals(kept, b, "scores and every other event unchanged; the gap's lactates gone");

    int lac = BedsideInputs.LACTATE;
    List<double[]> fa = new ArrayList<>();
    List<long[]> ta = new ArrayList<>();
    List<double[]> fb = new ArrayList<>();
    List<long[]> tb = new ArrayList<>();
    plain.generateFeatures(0, 400, null, (e, t, v, s) -> {
      fa.add(v.clone());
      ta.add(new long[] {e.index(), t, s[lac]});
    });
    gapped.generateFeatures(0, 400, null, (e, t, v, s) -> {
      fb.add(v.clone());
      tb.add(new long[] {e.index(), t, s[lac]});
    });
    assertEquals(fa.size(), fb.size(), "the same chart rows");
    long[] lastOutside = {-1, Long.MIN_VALUE};
    double lastValue = Double.NaN;
    int changed = 0;
    for (int r = 0; r < fa.size(); r++) {
      long[] x = ta.get(r);
      long[] y = tb.get(r);
      assertEquals(x[0], y[0]);
      assertEquals(x[1], y[1]);
      for (int i = 0; i < BedsideInputs.INPUTS.size(); i++) if (i != lac) assertEquals(fa.get(r)[i], fb.get(r)[i], 0.0, "input " + i + " row " + r);
      if (lastOutside[0] != x[0]) {
        lastOutside[0] = x[0];
        lastOutside[1] = FeatureSink.NO_TIME;
        lastValue = Double.NaN;
      }
      boolean inGap = x[2] != FeatureSink.NO_TIME && x[2] >= from && x[2] < to;
      if (inGap) {
        changed++;
        assertEquals(lastOutside[1], y[2], "row " + r + ": the latest lactate drawn before the gap");
        assertEquals(lastValue, fb.get(r)[lac], 0.0);
      } else {
        assertEquals(x[2], y[2]);
        assertEquals(fa.get(r)[lac], fb.get(r)[lac], 0.0);
        lastOutside[1] = x[2];
        lastValue = fa.get(r)[lac];
      }
    }
    assertTrue(changed > 100, "rows showing a lost lactate: " + changed);
  }
}
