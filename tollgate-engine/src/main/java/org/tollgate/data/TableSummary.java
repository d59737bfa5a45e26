package org.tollgate.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a score table holds, safe to show: counts, time span, prevalence, score range and the levels
 * of each attribute. Patient and encounter ids never appear, only how many there are.
 *
 * <p>Small-cell suppression: a count from 1 to 10 ({@code < }{@value #SMALL_CELL}) is not shown.
 * When exactly one level of an attribute is suppressed, the smallest other non-zero level is
 * suppressed too (complementary suppression), since the hidden count would otherwise follow from the
 * row total. Prevalence is suppressed when positives or negatives number 1 to 10, since the
 * proportion and the shown total would give the count back. Totals (rows, patients, encounters) are
 * shown: they describe the file, not a subgroup.
 *
 * @param rows score rows in the table
 * @param patients distinct patients, or null without a patient column
 * @param encounters distinct encounters, or null without an encounter column
 * @param first earliest score time as an ISO-8601 instant, or null without times
 * @param last latest score time, or null
 * @param prevalence share of positive units, or null without labels
 * @param score score range and mean
 * @param attributes one entry per attribute column, in table order
 */
public record TableSummary(
    long rows,
    Integer patients,
    Integer encounters,
    String first,
    String last,
    Prevalence prevalence,
    ScoreStats score,
    List<AttributeSummary> attributes) {

  /** Counts below this are suppressed (the common public-health rule). */
  public static final int SMALL_CELL = org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL;

  public TableSummary {
    Objects.requireNonNull(score, "score");
    attributes = List.copyOf(attributes);
  }

  /**
   * Prevalence of the outcome.
   *
   * @param unit "encounter" (an encounter is positive when any of its rows has label 1) when the
   *     table has encounters, else "row"
   * @param total units counted
   * @param positives positive units, or null when suppressed
   * @param value positives / total, or null when suppressed
   * @param suppressed true when positives or negatives number 1 to 10
   */
  public record Prevalence(String unit, long total, Long positives, Double value, boolean suppressed) {}

  /**
   * @param min smallest score, NaN when every score is missing
   * @param max largest score
   * @param mean arithmetic mean of the non-missing scores
   * @param missing scores that are NaN (readers reject them; tables built in memory may have them)
   */
  public record ScoreStats(double min, double max, double mean, long missing) {}

  /** @param name attribute column; @param levels every level in code order */
  public record AttributeSummary(String name, List<LevelCount> levels) {
    public AttributeSummary {
      levels = List.copyOf(levels);
    }
  }

  /** @param count rows at this level, null when suppressed */
  public record LevelCount(String level, Long count, boolean suppressed) {}

  /** Summarises a table. O(rows × attributes), no allocation per row. */
  public static TableSummary of(ScoreTable t) {
    int n = t.rows();
    String first = null;
    String last = null;
    if (t.hasTime() && n > 0) {
      int[] time = t.timeColumn();
      int lo = Integer.MAX_VALUE;
      int hi = Integer.MIN_VALUE;
      for (int r = 0; r < n; r++) {
        lo = Math.min(lo, time[r]);
        hi = Math.max(hi, time[r]);
      }
      first = Instant.ofEpochSecond(t.timeBase() + lo).toString();
      last = Instant.ofEpochSecond(t.timeBase() + hi).toString();
    }
    return new TableSummary(
        n,
        t.hasPatients() ? t.patientCount() : null,
        t.hasEncounters() ? t.encounterCount() : null,
        first,
        last,
        t.hasLabels() ? prevalence(t) : null,
        scoreStats(t),
        attributes(t));
  }

  private static Prevalence prevalence(ScoreTable t) {
    byte[] label = t.labelColumn();
    int n = t.rows();
    long total;
    long positives = 0;
    String unit;
    if (t.hasEncounters()) {
      unit = "encounter";
      boolean[] positive = new boolean[t.encounterCount()];
      boolean[] seen = new boolean[t.encounterCount()];
      int[] enc = t.encounterColumn();
      for (int r = 0; r < n; r++) {
        seen[enc[r]] = true;
        if (label[r] == 1) {
          positive[enc[r]] = true;
        }
      }
      total = 0;
      for (int e = 0; e < positive.length; e++) {
        if (seen[e]) {
          total++;
          if (positive[e]) {
            positives++;
          }
        }
      }
    } else {
      unit = "row";
      total = n;
      for (int r = 0; r < n; r++) {
        if (label[r] == 1) {
          positives++;
        }
      }
    }
    long negatives = total - positives;
    boolean suppressed = isSmall(positives) || isSmall(negatives);
    if (suppressed) {
      return new Prevalence(unit, total, null, null, true);
    }
    return new Prevalence(unit, total, positives, total == 0 ? null : (double) positives / total, false);
  }

  private static ScoreStats scoreStats(ScoreTable t) {
    double[] s = t.scoreColumn();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    long missing = 0;
    for (int r = 0; r < t.rows(); r++) {
      double v = s[r];
      if (Double.isNaN(v)) {
        missing++;
        continue;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    long present = t.rows() - missing;
    if (present == 0) {
      return new ScoreStats(Double.NaN, Double.NaN, Double.NaN, missing);
    }
    return new ScoreStats(min, max, sum / present, missing);
  }

  private static List<AttributeSummary> attributes(ScoreTable t) {
    List<AttributeSummary> out = new ArrayList<>();
    for (int a = 0; a < t.attributeNames().size(); a++) {
      int levels = t.attributeLevelCount(a);
      long[] counts = new long[levels];
      short[] codes = t.attributeColumn(a);
      for (int r = 0; r < t.rows(); r++) {
        counts[codes[r]]++;
      }
      boolean[] hide = new boolean[levels];
      int hidden = 0;
      for (int l = 0; l < levels; l++) {
        if (isSmall(counts[l])) {
          hide[l] = true;
          hidden++;
        }
      }
      if (hidden == 1) {
        // Complementary suppression: hide the smallest other non-zero level too.
        int pick = -1;
        for (int l = 0; l < levels; l++) {
          if (!hide[l] && counts[l] > 0 && (pick < 0 || counts[l] < counts[pick])) {
            pick = l;
          }
        }
        if (pick >= 0) {
          hide[pick] = true;
        }
      }
      List<LevelCount> lc = new ArrayList<>(levels);
      for (int l = 0; l < levels; l++) {
        lc.add(new LevelCount(t.attributeLevel(a, l), hide[l] ? null : counts[l], hide[l]));
      }
      out.add(new AttributeSummary(t.attributeNames().get(a), lc));
    }
    return out;
  }

  /** 1 to 10: shown as "<11". Zero is not a small cell: nobody can be singled out. */
  private static boolean isSmall(long count) {
    return org.tollgate.evaluation.SmallCells.withheld(count, SMALL_CELL);
  }
}
