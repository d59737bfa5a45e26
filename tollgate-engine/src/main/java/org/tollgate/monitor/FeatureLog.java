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
}
