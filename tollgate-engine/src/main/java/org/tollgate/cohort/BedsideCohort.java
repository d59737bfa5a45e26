package org.tollgate.cohort;

/** A cohort that also charts bedside inputs (the features table a paper fallback is found on). */
public interface BedsideCohort extends Cohort {
  /**
   * Streams the chart rows of encounters {@code [from, to)} in index order: for each encounter,
   * {@code encounters} first, then its rows in time order (see {@link FeatureSink}).
   */
  void generateFeatures(int from, int to, EncounterSink encounters, FeatureSink features);
}
