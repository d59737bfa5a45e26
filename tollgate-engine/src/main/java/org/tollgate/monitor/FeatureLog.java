package org.tollgate.monitor;

import java.util.List;

/**
 * The features table as the monitor reads it (the model's inputs as charted): per row its time and, per input, its
 * value, NaN where the input is missing. Which encounter a row belongs to does not matter here: missingness and drift
 * are judged per period, by each row's time.
 *
 * @param names the inputs' column names
 * @param time each row's time (epoch seconds)
 * @param values per input (in {@code names} order), per row
 */
public record FeatureLog(List<String> names, long[] time, double[][] values) {
  public FeatureLog {
    names = List.copyOf(names);
    if (values.length != names.size()) throw new IllegalArgumentException(values.length + " value columns for " + names.size() + " inputs");
    for (int f = 0; f < values.length; f++) {
      if (values[f].length != time.length) throw new IllegalArgumentException("input " + names.get(f) + " has " + values[f].length + " values for " + time.length + " rows");
    }
  }

  public int rows() {
    return time.length;
  }

  /** A features table's bedside inputs as the monitor reads them: per input (its column name) a value per row, NaN where missing. */
  public static FeatureLog of(org.tollgate.fallback.FeatureTable ft) {
    List<String> names = new java.util.ArrayList<>();
    List<double[]> values = new java.util.ArrayList<>();
    for (org.tollgate.fallback.BedsideInput in : ft.inputs()) {
      double[] v = new double[ft.rows()];
      for (int r = 0; r < v.length; r++) v[r] = ft.value(in, r);
      names.add(in.column());
      values.add(v);
    }
    long[] t = new long[ft.rows()];
    for (int r = 0; r < t.length; r++) t[r] = ft.time(r);
    return new FeatureLog(names, t, values.toArray(new double[0][]));
  }
}
