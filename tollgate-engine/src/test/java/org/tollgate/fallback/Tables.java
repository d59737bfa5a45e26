package org.tollgate.fallback;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tollgate.data.EventTable;
import org.tollgate.data.ScoreTable;

/** Hand-made score, event and feature tables for the fallback tests. */
final class Tables {
  static final long T0 = 1_735_689_600L; // 2025-01-01T00:00Z, a multiple of 4 h
  static final long H = 3600;

  final List<String> ids = new ArrayList<>();
  final List<long[]> scoreTimes = new ArrayList<>();
  final List<double[]> scores = new ArrayList<>();
  final List<Long> onsets = new ArrayList<>();
  final List<long[]> featureTimes = new ArrayList<>();
  final List<double[][]> featureValues = new ArrayList<>();

  /** An encounter: its scores at times, its onset (or null), its chart rows (times and, per row, values by input ordinal). */
  Tables add(long[] times, double[] s, Long onset, long[] fTimes, double[][] fValues) {
    ids.add(String.format("E%05d", ids.size()));
    scoreTimes.add(times);
    scores.add(s);
    onsets.add(onset);
    featureTimes.add(fTimes);
    featureValues.add(fValues);
    return this;
  }

  ScoreTable scoreTable() {
    ScoreTable.Builder b = new ScoreTable.Builder(true, false, true, false, List.of());
    for (int e = 0; e < ids.size(); e++) {
      b.encounter(ids.get(e));
      for (int i = 0; i < scoreTimes.get(e).length; i++) b.add(ids.get(e), null, scoreTimes.get(e)[i], scores.get(e)[i], 0);
    }
    return b.build(null);
  }

  EventTable events(ScoreTable t) {
    EventTable.Builder b = new EventTable.Builder(t).declareTypes(List.of("sepsis_onset"));
    for (int e = 0; e < ids.size(); e++) {
      if (onsets.get(e) != null) b.add(ids.get(e), onsets.get(e), "sepsis_onset", Double.NaN, EventTable.NO_END);
    }
    return b.build(null);
  }

  /** Values are source-timed at their row's time. */
  FeatureTable features(ScoreTable t, Set<BedsideInput> inputs) {
    FeatureTable.Builder b = new FeatureTable.Builder(t.encounterCount(), inputs, EnumSet.noneOf(BedsideInput.class));
    for (int e = 0; e < ids.size(); e++) {
      int code = -1;
      for (int c = 0; c < t.encounterCount(); c++) if (t.encounterId(c).equals(ids.get(e))) code = c;
      for (int r = 0; r < featureTimes.get(e).length; r++) {
        b.add(code, featureTimes.get(e)[r], featureValues.get(e)[r], new long[BedsideInput.values().length]);
      }
    }
    return b.build(null);
  }

  /** Values by input ordinal: NaN everywhere but the given inputs. */
  static double[] values(Object... inputAndValue) {
    double[] v = new double[BedsideInput.values().length];
    java.util.Arrays.fill(v, Double.NaN);
    for (int i = 0; i < inputAndValue.length; i += 2) v[((BedsideInput) inputAndValue[i]).ordinal()] = ((Number) inputAndValue[i + 1]).doubleValue();
    return v;
  }
}
