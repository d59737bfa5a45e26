package org.tollgate.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tollgate.evaluation.ScoreCounts;

/**
 * What one period of live data did, as counts and histograms only (no encounter or patient appears):
 * the sufficient statistic of every check the monitor makes. Summaries of the same period made from
 * different parts of the data (hospitals, partitions of a lake) {@link #merge merge} exactly, and
 * consecutive periods merge into a longer window.
 *
 * <p>What is counted where (see docs/monitoring.md):
 * <ul>
 *   <li>score rows, the score histogram and the flag count by the row's time;
 *   <li>patient-days by each encounter's span from its first to its last score, split across periods;
 *   <li>replayed alerts by firing time; an alert is false when its encounter's outcome window has closed
 *       without an onset within the horizon, and pending while that window is still open;
 *   <li>performance by admission (first score) period, only for encounters whose window has closed
 *       (last score + outcome horizon + label delay ≤ as-of time); the others are counted as pending and
 *       in nothing else;
 *   <li>the live alert log by the live alert's time; a replayed alert no live alert matches by the
 *       replayed alert's time;
 *   <li>the features table (the model's inputs as charted) by each row's time: per input, rows, rows where
 *       it is missing, and the histogram of its values rounded to {@value #FEATURE_DECIMALS} decimals.
 * </ul>
 *
 * @param start first second of the period (epoch seconds, inclusive)
 * @param end end of the period (exclusive)
 * @param volume exposure and replayed alert counts
 * @param scores the score histogram and the count at or above the policy's threshold
 * @param match the comparison with the live system's alert log, or null when none was given
 * @param performance outcomes of matured encounters admitted in the period
 * @param subgroups per level of each breakdown attribute, in attribute then level order
 * @param features per input of the features table, in name order; empty when no features table was given
 */
public record PeriodSummary(long start, long end, Volume volume, Scores scores, Match match, Performance performance, List<Subgroup> subgroups,
    List<Feature> features) {
  /** Scores are rounded to this many decimals in the histograms (a score logged to three is unchanged). */
  public static final int SCORE_DECIMALS = 4;
  /** Feature values are rounded to this many decimals in the histograms (vital signs and lab values in clinical units). */
  public static final int FEATURE_DECIMALS = 2;

  public PeriodSummary {
    if (end <= start) throw new IllegalArgumentException("period end " + end + " not after its start " + start);
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(performance, "performance");
    subgroups = List.copyOf(subgroups);
    features = List.copyOf(features);
  }

  /** A summary without features (no features table). */
  public PeriodSummary(long start, long end, Volume volume, Scores scores, Match match, Performance performance, List<Subgroup> subgroups) {
    this(start, end, volume, scores, match, performance, subgroups, List.of());
  }

  /**
   * @param scoreRows score rows in the period
   * @param admitted encounters whose first score falls in the period
   * @param patientSeconds Σ over encounters of the part of [first score, last score] inside the period, in seconds
   *     (whole seconds, so that merging is exact; {@link #patientDays()} in days)
   * @param alerts alerts of the approved policy replayed on the live scores, by firing time
   * @param falseAlerts of those, alerts of encounters whose window has closed without a timely onset
   * @param pendingAlerts of those, alerts of encounters whose window is still open
   */
  public record Volume(long scoreRows, long admitted, long patientSeconds, long alerts, long falseAlerts, long pendingAlerts) {
    /** Patient-days: patient-seconds / 86,400. */
    public double patientDays() {
      return patientSeconds / 86_400.0;
    }

    Volume merge(Volume o) {
      return new Volume(scoreRows + o.scoreRows, admitted + o.admitted, patientSeconds + o.patientSeconds, alerts + o.alerts,
          falseAlerts + o.falseAlerts, pendingAlerts + o.pendingAlerts);
    }
  }

  /** @param flagged rows with score ≥ the policy's threshold */
  public record Scores(Distribution all, long flagged) {
    Scores merge(Scores o) {
      return new Scores(all.merge(o.all), flagged + o.flagged);
    }
  }

  /**
   * The live system's alerts against the replay, encounter by encounter: a live alert and a replayed alert
   * of the same encounter match when their times differ by at most the tolerance (greedy, in time order).
   *
   * @param actedKnown live alerts whose log says whether they were acted on
   * @param acted of those, acted on
   */
  public record Match(long liveAlerts, long matched, long liveOnly, long replayOnly, long actedKnown, long acted) {
    Match merge(Match o) {
      if (o == null) return this;
      return new Match(liveAlerts + o.liveAlerts, matched + o.matched, liveOnly + o.liveOnly, replayOnly + o.replayOnly,
          actedKnown + o.actedKnown, acted + o.acted);
    }
  }

  /**
   * @param matured encounters admitted in the period whose outcome window has closed
   * @param pending encounters admitted in the period whose window is still open (counted nowhere else)
   * @param outcomes matured encounters with an outcome onset
   * @param detected of those, with a timely alert
   * @param alerts replayed alerts of matured encounters
   * @param timely of those, timely
   * @param leadMinutes lead time of each detected encounter (onset − first timely delivery), whole minutes
   * @param admission each matured encounter's first score with its outcome (calibration, O/E)
   */
  public record Performance(long matured, long pending, long outcomes, long detected, long alerts, long timely, Distribution leadMinutes,
      ScoreCounts admission) {
    Performance merge(Performance o) {
      return new Performance(matured + o.matured, pending + o.pending, outcomes + o.outcomes, detected + o.detected, alerts + o.alerts,
          timely + o.timely, leadMinutes.merge(o.leadMinutes), admission.merge(o.admission));
    }
  }

  /** One level of a breakdown attribute: its score histogram and its matured encounters' outcomes. */
  public record Subgroup(String attribute, String level, Distribution scores, long matured, long outcomes, long detected) {
    String key() {
      return attribute + "=" + level;
    }

    Subgroup merge(Subgroup o) {
      return new Subgroup(attribute, level, scores.merge(o.scores), matured + o.matured, outcomes + o.outcomes, detected + o.detected);
    }
  }

  /**
   * One input of the features table in the period.
   *
   * @param name the input's column name
   * @param rows feature rows in the period
   * @param missing of those, rows where the input has no value
   * @param values the values of the others, rounded to {@value PeriodSummary#FEATURE_DECIMALS} decimals
   */
  public record Feature(String name, long rows, long missing, Distribution values) {
    public Feature {
      if (missing < 0 || missing > rows) throw new IllegalArgumentException("feature " + name + ": missing " + missing + " of " + rows + " rows");
      if (values.n() != rows - missing) throw new IllegalArgumentException("feature " + name + ": " + values.n() + " values for " + (rows - missing) + " present rows");
    }

    /** Share of rows without a value; NaN without rows. */
    public double missingShare() {
      return rows == 0 ? Double.NaN : (double) missing / rows;
    }

    Feature merge(Feature o) {
      return new Feature(name, rows + o.rows, missing + o.missing, values.merge(o.values));
    }
  }

  /** This summary with the features of the same period. */
  public PeriodSummary withFeatures(List<Feature> f) {
    return new PeriodSummary(start, end, volume, scores, match, performance, subgroups, f);
  }

  /** Days the period spans. */
  public double days() {
    return (end - start) / 86_400.0;
  }

  /**
   * The summary of both: the same period from two parts of the data, or adjacent periods (then the span
   * runs from the earlier start to the later end). Exact, commutative and associative.
   */
  public PeriodSummary merge(PeriodSummary o) {
    Map<String, Subgroup> g = new LinkedHashMap<>();
    for (Subgroup s : subgroups) g.put(s.key(), s);
    for (Subgroup s : o.subgroups) g.merge(s.key(), s, Subgroup::merge);
    List<Subgroup> merged = new ArrayList<>(g.values());
    merged.sort(java.util.Comparator.comparing(Subgroup::attribute).thenComparing(Subgroup::level));
    Match m = match == null ? o.match : match.merge(o.match);
    Map<String, Feature> f = new java.util.TreeMap<>();
    for (Feature x : features) f.put(x.name(), x);
    for (Feature x : o.features) f.merge(x.name(), x, Feature::merge);
    return new PeriodSummary(Math.min(start, o.start), Math.max(end, o.end), volume.merge(o.volume), scores.merge(o.scores), m,
        performance.merge(o.performance), merged, List.copyOf(f.values()));
  }

  /** All the summaries merged (in order); null when the list is empty. */
  public static PeriodSummary mergeAll(List<PeriodSummary> list) {
    PeriodSummary s = null;
    for (PeriodSummary p : list) s = s == null ? p : s.merge(p);
    return s;
  }
}
