package org.tollgate.cohort;

import java.util.List;
import java.util.Map;
import org.tollgate.data.ScoreTable;

/**
 * A deterministic synthetic cohort: the same settings give the same rows, and encounter {@code k}
 * does not depend on how many encounters the cohort has or on which range is generated, so ranges
 * can be generated independently (in parallel, or resumed).
 *
 * <p>Implementations are immutable and safe to share between threads; each {@code generate} call
 * keeps its own state.
 */
public interface Cohort {

  /** Short name used on the command line and in manifests, e.g. {@code sepsis}. */
  String name();

  /** Number of encounters. */
  int encounters();

  /** Names of the per-encounter attribute columns, in the order of {@link Encounter#attributes()}. */
  List<String> attributeNames();

  /**
   * Every setting that determines the output, seed included, in a stable order, for manifests.
   * Values are strings, numbers or booleans.
   */
  Map<String, Object> describe();

  /**
   * Streams encounters {@code [from, to)} in index order. For each encounter: {@code encounters}
   * first, then its score rows, then its events. A null sink skips that part, and skipping the
   * score rows skips their per-row work; what the other sinks receive is the same either way.
   */
  void generate(int from, int to, EncounterSink encounters, ScoreSink scores, EventSink events);

  /** Streams the whole cohort; see {@link #generate(int, int, EncounterSink, ScoreSink, EventSink)}. */
  default void generate(EncounterSink encounters, ScoreSink scores, EventSink events) {
    generate(0, encounters(), encounters, scores, events);
  }

  /** System downtime windows over the cohort's period, sorted by start. */
  List<Outage> outages();

  /**
   * The score rows in memory, with patient and encounter ids, time, score, label and every
   * attribute. For small cohorts (tests, examples): a row costs about 40 bytes while building and
   * a sepsis stay averages some 450 rows, so keep it to a few thousand encounters.
   */
  default ScoreTable scoreTable() {
    ScoreTable.Builder builder = new ScoreTable.Builder(true, true, true, true, attributeNames());
    String[] values = new String[attributeNames().size()];
    generate(
        e -> e.attributes().toArray(values),
        (e, t, s) -> builder.add(e.encounterId(), e.patientId(), t, s, e.label(), values),
        null);
    return builder.build(null);
  }
}
