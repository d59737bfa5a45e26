package org.tollgate.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tollgate.format.Units;
import java.util.Map;

/**
 * Group-versus-reference comparisons, one family at a time: the evaluation's subgroup disparities and the launch
 * gate's subgroup rule over the policy under review build their rows here and judge them with the same tests,
 * intervals, Holm adjustment and power figures.
 *
 * <ul>
 *   <li>A proportion x₁/n₁ against x₀/n₀ ({@link #proportion}): Wilson intervals, Newcombe hybrid score difference, Katz
 *       ratio, pooled two-proportion z test, and the Fleiss minimum detectable difference on the two denominators at the
 *       reference proportion ({@link Stats#minimumDetectableDifference}).
 *   <li>An AUROC against the reference's ({@link #auroc}): unpaired DeLong test and difference interval, ratio by the
 *       delta method on the log, and the Hanley–McNeil minimum detectable difference on the four class counts
 *       ({@link Stats#minimumDetectableAurocDifference}), never the sensitivity's.
 * </ul>
 * {@link #judge} adjusts the family's p-values by Holm and gives each row its status: suppressed (a count of 1 to
 * min cell − 1 would be revealed: no number of the row is kept), difference (adjusted p &lt; 0.05), underpowered (not
 * significant and the minimum detectable difference above the power limit, or undefined), or no detectable difference.
 */
public final class Comparisons {
  private Comparisons() {}

  /**
   * One comparison before the family's adjustment.
   *
   * @param minDetectable smallest difference detectable with 80% power (NaN: none, or not computed)
   * @param suppressed withheld by the small-cell rule: every other field is ignored and nothing of it is printed
   */
  public record Row(Map<String, String> group, Map<String, String> reference, String metric, Interval groupValue, Interval referenceValue,
      Interval difference, Interval ratio, double p, String test, boolean suppressed, double minDetectable) {}

  /**
   * The level that stands for every other level of an attribute pooled, as a comparison's reference: a group whose
   * attribute's reference group cannot show the compared counts is compared with all the others together
   * ({@link Evaluator#label} writes it "all other race_ethnicity groups pooled").
   */
  public static final String POOLED = "all other groups pooled";

  /** The reference "all other {@code attribute} groups pooled". */
  public static Map<String, String> pooled(String attribute) {
    return Map.of(attribute, POOLED);
  }

  /** A row withheld by the small-cell rule. */
  public static Row suppressed(Map<String, String> group, Map<String, String> reference, String metric, String test) {
    return new Row(group, reference, metric, null, null, null, null, Double.NaN, test, true, Double.NaN);
  }

  /** x₁/n₁ in the group against x₀/n₀ in the reference (see the class javadoc). */
  public static Row proportion(Map<String, String> group, Map<String, String> reference, String metric, long x1, long n1, long x0, long n0) {
    return proportion(group, reference, metric, x1, n1, x0, n0, "two-proportion z");
  }

  /**
   * As {@link #proportion(Map, Map, String, long, long, long, long)} on effective counts (real numbers: counts divided by a
   * design effect, Rao &amp; Scott 1992, doi:10.2307/2532311), named {@code test}; see {@code org.tollgate.alerts.AlertPpv}.
   */
  public static Row proportion(Map<String, String> group, Map<String, String> reference, String metric, double x1, double n1, double x0, double n0,
      String test) {
    return new Row(group, reference, metric, Stats.wilson(x1, n1), Stats.wilson(x0, n0), Stats.newcombeDifference(x1, n1, x0, n0),
        Stats.katzRatio(x1, n1, x0, n0), Stats.twoProportionP(x1, n1, x0, n0), test, false,
        Stats.minimumDetectableDifference(n1, n0, n0 == 0 ? Double.NaN : x0 / n0));
  }

  /**
   * The group's AUROC against the reference's (see the class javadoc); {@code positives}/{@code negatives} are each
   * group's class counts. A row without a test (a variance undefined) keeps its power figure and is judged underpowered.
   */
  public static Row auroc(Map<String, String> group, Map<String, String> reference, RankMetrics.Auroc a1, long positives1, long negatives1,
      RankMetrics.Auroc a0, long positives0, long negatives0) {
    double mdd = Stats.minimumDetectableAurocDifference(positives1, negatives1, positives0, negatives0, a0.auc());
    if (Double.isNaN(a1.variance()) || Double.isNaN(a0.variance())) {
      return new Row(group, reference, "auroc", null, null, null, null, Double.NaN, "DeLong (unpaired)", false, mdd);
    }
    Stats.AurocComparison cmp = Stats.unpairedDelong(a1.auc(), a1.variance(), positives1 + negatives1, a0.auc(), a0.variance(), positives0 + negatives0);
    double seLog = Math.sqrt(a1.variance() / (a1.auc() * a1.auc()) + a0.variance() / (a0.auc() * a0.auc()));
    double r = a1.auc() / a0.auc();
    Interval ratio = new Interval(r, r * Math.exp(-Stats.Z95 * seLog), r * Math.exp(Stats.Z95 * seLog), Interval.Method.DELONG);
    return new Row(group, reference, "auroc", a1.interval(), a0.interval(), cmp.difference(), ratio, cmp.p(), "DeLong (unpaired)", false, mdd);
  }

  /**
   * Judges one family of comparisons: Holm-adjusts the p-values of all its rows together, then gives each its status and
   * a neutral statement with interval and adjusted p.
   *
   * @param minCell the small-cell limit (for the statement of a suppressed row)
   * @param powerLimit a non-significant row whose minimum detectable difference exceeds this is underpowered
   */
  public static List<Disparity> judge(List<Row> rows, int minCell, double powerLimit) {
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) p[i] = rows.get(i).suppressed() ? Double.NaN : rows.get(i).p();
    double[] adj = Stats.holm(p);
    List<Disparity> out = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      Row row = rows.get(k);
      Map<String, String> g = row.group();
      Map<String, String> ref = row.reference();
      String name = metricLabel(row.metric());
      Disparity.Status status;
      String statement;
      if (row.suppressed()) {
        status = Disparity.Status.SUPPRESSED;
        statement = String.format(Locale.ROOT, "%s in %s is not compared with %s: a count of 1 to %d would be revealed.",
            name, Evaluator.label(g), Evaluator.label(ref), minCell - 1);
        out.add(new Disparity(List.copyOf(g.keySet()), g, ref, row.metric(), null, null, null, null, Double.NaN, Double.NaN, row.test(), status, statement, Double.NaN));
        continue;
      } else if (row.difference() == null || Double.isNaN(row.p())) {
        status = Disparity.Status.UNDERPOWERED;
        statement = String.format(Locale.ROOT, "%s in %s cannot be compared with %s: too few cases of one class.", name, Evaluator.label(g), Evaluator.label(ref));
      } else if (adj[k] < 0.05) {
        status = Disparity.Status.DIFFERENCE;
        double d = row.difference().estimate();
        statement = String.format(Locale.ROOT, "%s in %s is %s %s than in %s (95%% CI %s to %s; adjusted p %s).",
            name, Evaluator.label(g), Units.number(Math.abs(d), 2), d < 0 ? "lower" : "higher", Evaluator.label(ref),
            Units.number(d < 0 ? -row.difference().upper() : row.difference().lower(), 2), Units.number(d < 0 ? -row.difference().lower() : row.difference().upper(), 2), Units.pValue(adj[k]));
      } else if (Double.isNaN(row.minDetectable()) || row.minDetectable() > powerLimit) {
        status = Disparity.Status.UNDERPOWERED;
        statement = Double.isNaN(row.minDetectable())
            ? String.format(Locale.ROOT, "%s is too small to judge %s against %s: no difference could be detected with 80%% power.", Evaluator.label(g), name, Evaluator.label(ref))
            : String.format(Locale.ROOT, "%s is too small to judge %s against %s: only a difference of %s or more could be detected with 80%% power. Not evidence of equal performance.",
                Evaluator.label(g), name, Evaluator.label(ref), Units.number(row.minDetectable(), 2));
      } else {
        status = Disparity.Status.NO_DETECTABLE_DIFFERENCE;
        double d = row.difference().estimate();
        statement = String.format(Locale.ROOT, "No detectable difference in %s between %s and %s: %s %s (95%% CI %s to %s; adjusted p %s).",
            name, Evaluator.label(g), Evaluator.label(ref), Units.number(Math.abs(d), 2), d < 0 ? "lower" : "higher", Units.number(row.difference().lower(), 2), Units.number(row.difference().upper(), 2), Units.pValue(adj[k]));
      }
      out.add(new Disparity(List.copyOf(g.keySet()), g, ref, row.metric(), row.groupValue(), row.referenceValue(), row.difference(), row.ratio(),
          row.p(), adj[k], row.test(), status, statement, row.minDetectable()));
    }
    return out;
  }

  /** A metric's name in statements. */
  public static String metricLabel(String metric) {
    return switch (metric) {
      case "sensitivity" -> "Sensitivity";
      case "specificity" -> "Specificity";
      case "ppv" -> "PPV";
      case "npv" -> "NPV";
      case "flag_rate" -> "Flag rate";
      case "auroc" -> "AUROC";
      case "detected_in_time" -> "Detected in time (sensitivity of the policy)";
      case "alert_ppv" -> "Alert PPV";
      case "encounters_flagged" -> "Share of encounters flagged";
      default -> metric;
    };
  }

}
