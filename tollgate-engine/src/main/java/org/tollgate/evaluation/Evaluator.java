package org.tollgate.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.format.Units;

/**
 * Runs a stratified evaluation: one pass over the table builds the {@link EvaluationSummary}; every
 * metric, interval, comparison and sweep is computed from the summary.
 */
public final class Evaluator {
  private Evaluator() {}

  /** The metrics that need probabilities: undefined (not computed) on a raw score scale. */
  static final java.util.Set<String> PROBABILITY_ONLY = java.util.Set.of("brier", "calibration_intercept", "calibration_slope", "net_benefit");

  /** True when the evaluated scores are on their own (raw) scale, not probabilities (from the input's column mapping). */
  public static boolean rawScale(InputRecord input) {
    return input != null && input.mapping() != null && input.mapping().scoreScale() == ColumnMapping.ScoreScale.RAW;
  }

  /** Evaluates a score table. */
  public static Evaluation evaluate(ScoreTable table, EvaluationSettings settings) {
    Cases cases = Cases.from(table, settings.by(), settings.per(), settings.combine());
    double days = Double.NaN;
    if (table.hasTime() && table.rows() > 0) {
      int[] t = table.timeColumn();
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int r = 0; r < table.rows(); r++) {
        min = Math.min(min, t[r]);
        max = Math.max(max, t[r]);
      }
      days = (max - (double) min) / 86400.0;
    }
    return evaluate(EvaluationSummary.of(cases), settings, table.input(), cases.per, cases.combine, days);
  }

  /** Evaluates a summary made anywhere (this process, DuckDB, Spark). */
  public static Evaluation evaluate(EvaluationSummary summary, EvaluationSettings s, InputRecord input, Cases.Per per, Cases.Combine combine, double days) {
    Cells cells = summary.cells();
    int nattr = cells.attributes().size();
    String file = input == null ? null : input.path();
    for (Map.Entry<String, String> e : s.reference().entrySet()) {
      int a = cells.attributes().indexOf(e.getKey());
      if (!List.of(cells.levels(a)).contains(e.getValue())) {
        throw new BadInputException(file, 0, e.getKey(), "reference group '" + e.getValue() + "' does not occur; levels are " + List.of(cells.levels(a)));
      }
    }
    boolean raw = rawScale(input);
    String problem = (raw ? ColumnMapping.ScoreScale.RAW : ColumnMapping.ScoreScale.PROBABILITY).thresholdProblem(s.threshold(),
        "declare the raw score scale");
    if (problem != null) throw new IllegalArgumentException("threshold " + problem);
    ScoreCounts[] cellCounts = summary.allCells();
    // Strata: overall (mask 0), each attribute, and with intersections every mask with ≥ 2 bits.
    List<Integer> masks = new ArrayList<>();
    masks.add(0);
    for (int i = 0; i < nattr; i++) masks.add(1 << i);
    if (s.intersections()) {
      for (int m = 1; m < (1 << nattr); m++) {
        if (Integer.bitCount(m) >= 2) masks.add(m);
      }
    }
    List<int[]> strataCells = new ArrayList<>();
    List<Integer> strataMask = new ArrayList<>();
    List<Integer> strataKey = new ArrayList<>();
    List<ScoreCounts> strataCounts = new ArrayList<>();
    for (int mask : masks) {
      Map<Integer, List<Integer>> byKey = new LinkedHashMap<>();
      for (int c = 0; c < cells.count(); c++) {
        if (cellCounts[c].n() == 0 && mask != 0) continue;
        byKey.computeIfAbsent(cells.project(c, mask), k -> new ArrayList<>()).add(c);
      }
      // Order strata by the attributes' level order.
      List<Integer> keys = new ArrayList<>(byKey.keySet());
      keys.sort(Integer::compare);
      for (int key : keys) {
        List<Integer> cs = byKey.get(key);
        ScoreCounts sc = ScoreCounts.empty();
        for (int c : cs) sc = sc.merge(cellCounts[c]);
        strataCells.add(cs.stream().mapToInt(Integer::intValue).toArray());
        strataMask.add(mask);
        strataKey.add(cs.get(0));
        strataCounts.add(sc);
      }
    }
    int ns = strataCells.size();
    ScoreCounts[] sca = strataCounts.toArray(new ScoreCounts[0]);
    // Each stratum's calibration fit: its estimate, and where the bootstrap's replicate fits start.
    RankMetrics.Calibration[] calibration = new RankMetrics.Calibration[ns];
    for (int i = 0; i < ns; i++) calibration[i] = RankMetrics.calibration(sca[i]);
    double[][][] boot = s.bootstrap() > 0
        ? Bootstrap.run(summary, sca, calibration, strataCells.toArray(new int[0][]), s.bootstrap(), s.seed(), s.threshold())
        : null;

    // Raw (unsuppressed) metrics per stratum, for comparisons.
    Confusion[] conf = new Confusion[ns];
    RankMetrics.Auroc[] auc = new RankMetrics.Auroc[ns];
    List<Map<String, Interval>> metrics = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      ScoreCounts sc = sca[i];
      Confusion c = sc.confusion(s.threshold());
      conf[i] = c;
      auc[i] = RankMetrics.auroc(sc);
      Map<String, Interval> m = new LinkedHashMap<>();
      m.put("sensitivity", Stats.wilson(c.tp(), c.positives()));
      m.put("specificity", Stats.wilson(c.tn(), c.negatives()));
      m.put("ppv", Stats.wilson(c.tp(), c.flagged()));
      m.put("npv", Stats.wilson(c.tn(), c.tn() + c.fn()));
      m.put("flag_rate", Stats.wilson(c.flagged(), c.n()));
      m.put("accuracy", Stats.wilson(c.tp() + c.tn(), c.n()));
      m.put("f1", Interval.point(c.f1()));
      m.put("auroc", auc[i].interval());
      RankMetrics.Calibration cal = calibration[i];
      double[] est = {RankMetrics.averagePrecision(sc), RankMetrics.brier(sc), cal.intercept(), cal.slope(), c.netBenefit(s.threshold())};
      for (int k = 0; k < Bootstrap.METRICS.length; k++) {
        m.put(Bootstrap.METRICS[k], boot == null ? Interval.point(est[k]) : Bootstrap.percentile(est[k], boot[i][k]));
        // On a raw scale a score is not a probability: Brier, calibration and net benefit are undefined, not computed.
        if (raw && PROBABILITY_ONLY.contains(Bootstrap.METRICS[k])) m.put(Bootstrap.METRICS[k], Interval.UNDEFINED);
      }
      for (Map.Entry<String, Interval> e : m.entrySet()) {
        if (Double.isNaN(e.getValue().estimate())) e.setValue(Interval.UNDEFINED);
      }
      metrics.add(m);
    }

    // Reference group per mask (non-overall): the named level(s), else the largest stratum.
    int[] referenceOf = new int[ns];
    java.util.Arrays.fill(referenceOf, -1);
    for (int mask : masks) {
      if (mask == 0) continue;
      int best = -1;
      for (int i = 0; i < ns; i++) {
        if (strataMask.get(i) != mask) continue;
        if (matchesReference(cells, s.reference(), strataKey.get(i), mask)) {
          if (best < 0 || !matchesReference(cells, s.reference(), strataKey.get(best), mask) || sca[i].n() > sca[best].n()) {
            best = i;
          }
        } else if (best < 0 || (!matchesReference(cells, s.reference(), strataKey.get(best), mask) && sca[i].n() > sca[best].n())) {
          best = i;
        }
      }
      for (int i = 0; i < ns; i++) if (strataMask.get(i) == mask) referenceOf[i] = best;
    }

    // Small cells, cell by cell (withheldCells): a stratum whose cases, positives or negatives are withheld is withheld
    // whole ("stratum"); one that withholds only some of its confusion cells keeps the rest and every rate made of them ("counts").
    boolean[][] hide = withheldCells(cells, ns, strataMask, strataKey, conf, s.minCell());
    String[] suppression = new String[ns];
    for (int i = 0; i < ns; i++) {
      boolean[] h = hide[i];
      if (conf[i].n() == 0 || h[N] || h[POS] || h[NEG]) {
        suppression[i] = "stratum";
        java.util.Arrays.fill(h, true);
      } else {
        for (int k = TP; k < CELLS; k++) if (h[k]) suppression[i] = "counts";
      }
    }

    // Power: smallest detectable sensitivity difference against the reference.
    double[] mdd = new double[ns];
    String[] power = new String[ns];
    for (int i = 0; i < ns; i++) {
      mdd[i] = Double.NaN;
      if (strataMask.get(i) == 0) continue;
      int r = referenceOf[i];
      if (r == i) {
        power[i] = "reference";
        continue;
      }
      if (hide[i][POS] || !shows(hide[r], "sensitivity")) {
        // The figure depends on both groups' positives and the reference's sensitivity: printed beside the other
        // groups' figures it would let a withheld true-positive count be solved back. Left out, with the reason.
        power[i] = "withheld";
        continue;
      }
      mdd[i] = Stats.minimumDetectableDifference(conf[i].positives(), conf[r].positives(), conf[r].sensitivity());
      power[i] = Double.isNaN(mdd[i]) || mdd[i] > s.powerLimit() ? "underpowered" : "adequate";
    }

    List<Disparity> disparities = disparities(cells, s, ns, strataMask, strataKey, referenceOf, conf, auc, suppression, hide);

    List<String> warnings = new ArrayList<>();
    List<String> paradoxStrata = new ArrayList<>();
    List<StratumResult> results = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      Map<String, String> by = cells.describe(strataKey.get(i), strataMask.get(i));
      Confusion c = conf[i];
      boolean paradox = !Double.isNaN(c.accuracy()) && c.accuracy() <= c.noInformationRate();
      if (paradox && suppression[i] == null) {
        if (i == 0) {
          warnings.add("Overall: accuracy " + Units.number(c.accuracy(), 3) + " is not above the no-information rate " + Units.number(c.noInformationRate(), 3)
              + " — always predicting \"" + (c.prevalence() < 0.5 ? "no outcome" : "outcome") + "\" would be right " + Units.percent(c.noInformationRate())
              + " of the time. Accuracy here is no evidence that the model works; read sensitivity, PPV and the alert burden instead.");
        } else {
          paradoxStrata.add(label(by) + " (" + Units.number(c.accuracy(), 3) + " vs " + Units.number(c.noInformationRate(), 3) + ")");
        }
      }
      results.add(redact(by, c, metrics.get(i), suppression[i], hide[i], paradox, s.threshold(), mdd[i], power[i]));
    }

    if (!paradoxStrata.isEmpty()) {
      warnings.add("Accuracy is at or below the no-information rate (accuracy vs rate) in " + paradoxStrata.size() + " subgroup"
          + (paradoxStrata.size() == 1 ? "" : "s") + ": " + String.join("; ", paradoxStrata) + ".");
    }
    ScoreCounts overall = sca[0];
    List<SweepPoint> sweep = new ArrayList<>();
    int steps = (int) Math.round(1 / s.sweepStep());
    // On a raw scale the sweep spans the scores' own range [min, max] in the same number of steps.
    double lo = raw && overall.scores().length > 0 ? overall.scores()[0] : 0;
    double hi = raw && overall.scores().length > 0 ? overall.scores()[overall.scores().length - 1] : 1;
    for (int k = 0; k <= steps; k++) {
      double t = raw ? (k == steps ? hi : lo + (hi - lo) * k / steps) : Math.min(1, Math.round(k * s.sweepStep() * 1e9) / 1e9);
      sweep.add(point(overall.confusion(t), t, s.minCell()));
    }
    List<OperatingPoint> ops = operatingPoints(overall, s, days);
    if (raw) {
      results.replaceAll(Evaluator::withoutNetBenefit);
      sweep.replaceAll(Evaluator::withoutNetBenefit);
      ops.replaceAll(o -> o.at() == null ? o : new OperatingPoint(o.rule(), o.target(), o.threshold(), withoutNetBenefit(o.at()), o.note()));
    }
    return new Evaluation(input, s, per, combine, days, results.get(0), results.subList(1, results.size()),
        disparities, sweep, ops, raw ? List.of() : calibrationBins(overall, s.minCell()), warnings, conf[0]);
  }

  // A stratum's cells, in order: cases, positives, negatives, TP, FN, FP, TN, flagged, not flagged.
  private static final int N = 0, POS = 1, NEG = 2, TP = 3, FN = 4, FP = 5, TN = 6, FLAG = 7, UNFLAG = 8, CELLS = 9;
  /** The sums inside a stratum: n = positives + negatives = flagged + not; positives = TP + FN; negatives = FP + TN; flagged = TP + FP; not flagged = FN + TN. */
  private static final int[][] WITHIN = {{N, POS, NEG}, {POS, TP, FN}, {NEG, FP, TN}, {N, FLAG, UNFLAG}, {FLAG, TP, FP}, {UNFLAG, FN, TN}};

  /** The cells each proportion is made of (numerator, denominator, and the rest of the denominator). */
  private static int[] metricCells(String metric) {
    return switch (metric) {
      case "sensitivity" -> new int[] {TP, POS, FN};
      case "specificity" -> new int[] {TN, NEG, FP};
      case "ppv" -> new int[] {TP, FLAG, FP};
      case "npv" -> new int[] {TN, UNFLAG, FN};
      case "flag_rate" -> new int[] {FLAG, N, UNFLAG};
      // accuracy, F1, net benefit: made of all four confusion cells
      default -> new int[] {TP, FN, FP, TN};
    };
  }

  /** Whether a stratum with withheld cells {@code h} shows {@code metric} (every cell it is made of is shown). */
  private static boolean shows(boolean[] h, String metric) {
    for (int k : metricCells(metric)) if (h[k]) return false;
    return true;
  }

  /**
   * Which cells of each stratum are withheld ({@link SmallCells#withholdGroups}), cell by cell: each stratum's sums
   * ({@link #WITHIN}) and each cell's sum over sibling strata (those sharing a mask and every level but one attribute's
   * add up to their parent stratum: the levels of sex to the overall, the sites within sex F to sex F). A stratum keeps
   * every count that needs no withholding: five true positives withhold its confusion matrix (any one cell and the
   * shown margins give the others), not its cases, positives or flagged cases.
   *
   * @return hide[i][k] for stratum i and cell k
   */
  static boolean[][] withheldCells(Cells cells, int ns, List<Integer> strataMask, List<Integer> strataKey, Confusion[] conf, int minCell) {
    long[][] v = new long[ns][];
    Map<Long, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < ns; i++) {
      Confusion c = conf[i];
      v[i] = new long[] {c.n(), c.positives(), c.negatives(), c.tp(), c.fn(), c.fp(), c.tn(), c.flagged(), c.n() - c.flagged()};
      index.put(((long) strataMask.get(i) << 32) | cells.project(strataKey.get(i), strataMask.get(i)), i);
    }
    Map<Long, List<Integer>> slices = new LinkedHashMap<>();
    for (int b = 0; b < cells.attributes().size(); b++) {
      for (int i = 0; i < ns; i++) {
        int mask = strataMask.get(i);
        if ((mask & (1 << b)) == 0) continue;
        int parent = mask & ~(1 << b);
        // One family per (attribute split, parent stratum): the parent's key, then the siblings.
        long slice = ((long) b << 56) | ((long) mask << 32) | cells.project(strataKey.get(i), parent);
        slices.computeIfAbsent(slice, k -> new ArrayList<>()).add(i);
      }
    }
    List<int[]> families = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> e : slices.entrySet()) {
      List<Integer> sib = e.getValue();
      int b = (int) (e.getKey() >>> 56);
      int mask = strataMask.get(sib.get(0));
      int parentMask = mask & ~(1 << b);
      Integer parent = index.get(((long) parentMask << 32) | cells.project(strataKey.get(sib.get(0)), parentMask));
      int[] f = new int[sib.size() + 1];
      // The parent is a stratum of its own when its mask is evaluated (always: the overall, each attribute, every intersection).
      f[0] = parent == null ? -1 : parent;
      for (int j = 0; j < sib.size(); j++) f[j + 1] = sib.get(j);
      families.add(f);
    }
    return java.util.Arrays.copyOf(SmallCells.withholdGroups(v, WITHIN, families, minCell), ns);
  }

  private static boolean matchesReference(Cells cells, Map<String, String> ref, int cell, int mask) {
    if (ref.isEmpty()) return false;
    Map<String, String> by = cells.describe(cell, mask);
    boolean any = false;
    for (Map.Entry<String, String> e : ref.entrySet()) {
      if (by.containsKey(e.getKey())) {
        any = true;
        if (!by.get(e.getKey()).equals(e.getValue())) return false;
      }
    }
    return any;
  }

  /** A stratum in words: "Overall", or "age_band 75+ × sex F" ("all other race groups pooled" for {@link Comparisons#pooled}). */
  public static String label(Map<String, String> by) {
    if (by.isEmpty()) return "Overall";
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : by.entrySet()) {
      if (sb.length() > 0) sb.append(" × ");
      if (Comparisons.POOLED.equals(e.getValue())) sb.append("all other ").append(e.getKey()).append(" groups pooled");
      else sb.append(e.getKey()).append(' ').append(e.getValue());
    }
    return sb.toString();
  }

  private static StratumResult redact(Map<String, String> by, Confusion c, Map<String, Interval> m, String suppression, boolean[] hide,
      boolean paradox, double threshold, double mdd, String power) {
    Map<String, Interval> shown = new LinkedHashMap<>(m);
    if ("stratum".equals(suppression)) {
      shown.replaceAll((k, v) -> Interval.UNDEFINED);
      return new StratumResult(by, null, null, null, null, null, null, shown, Double.NaN, Double.NaN, suppression, false, Double.NaN, power, null);
    }
    if ("counts".equals(suppression)) {
      // Each rate made only of shown cells stays; accuracy, F1 and net benefit need all four confusion cells.
      for (String k : new String[] {"sensitivity", "specificity", "ppv", "npv", "flag_rate", "accuracy", "f1", "net_benefit"}) {
        if (!shows(hide, k)) shown.put(k, Interval.UNDEFINED);
      }
      return new StratumResult(by, c.n(), c.positives(), hide[TP] ? null : c.tp(), hide[FP] ? null : c.fp(), hide[TN] ? null : c.tn(),
          hide[FN] ? null : c.fn(), shown, c.noInformationRate(), c.treatAllNetBenefit(threshold), suppression, paradox, mdd, power,
          hide[FLAG] ? null : c.flagged());
    }
    return new StratumResult(by, c.n(), c.positives(), c.tp(), c.fp(), c.tn(), c.fn(), shown, c.noInformationRate(),
        c.treatAllNetBenefit(threshold), null, paradox, mdd, power, c.flagged());
  }

  /** On a raw scale the threshold is no probability, so net benefit (treat-all included) is undefined. */
  private static StratumResult withoutNetBenefit(StratumResult r) {
    return new StratumResult(r.by(), r.n(), r.positives(), r.tp(), r.fp(), r.tn(), r.fn(), r.metrics(), r.noInformationRate(), Double.NaN,
        r.suppression(), r.accuracyParadox(), r.minDetectableSensitivityDifference(), r.power(), r.flagged());
  }

  private static SweepPoint withoutNetBenefit(SweepPoint p) {
    return new SweepPoint(p.threshold(), p.tp(), p.fp(), p.tn(), p.fn(), p.sensitivity(), p.specificity(), p.ppv(), p.npv(), p.flagRate(),
        Double.NaN, Double.NaN);
  }

  private static SweepPoint point(Confusion c, double t, int minCell) {
    boolean small = SmallCells.anyWithheld(minCell, c.tp(), c.fp(), c.tn(), c.fn());
    if (small) {
      return new SweepPoint(t, null, null, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          c.treatAllNetBenefit(t));
    }
    return new SweepPoint(t, c.tp(), c.fp(), c.tn(), c.fn(), c.sensitivity(), c.specificity(), c.ppv(), c.npv(), c.flagRate(),
        c.netBenefit(t), c.treatAllNetBenefit(t));
  }

  private static List<OperatingPoint> operatingPoints(ScoreCounts sc, EvaluationSettings s, double days) {
    List<OperatingPoint> out = new ArrayList<>();
    int d = sc.distinct();
    // Candidate thresholds are the distinct scores (each changes the confusion counts); "above all" flags nothing.
    if (s.targetSensitivity() != null) {
      double best = Double.NaN;
      for (int i = d - 1; i >= 0; i--) {
        Confusion c = sc.confusion(sc.score(i));
        if (c.sensitivity() >= s.targetSensitivity()) {
          best = sc.score(i);
          break;
        }
      }
      out.add(op("target_sensitivity", s.targetSensitivity(), best, sc, s.minCell(),
          Double.isNaN(best) ? "no threshold reaches this sensitivity" : "highest threshold with sensitivity ≥ target"));
    }
    if (s.targetFlagRate() != null) {
      double best = Double.NaN;
      for (int i = 0; i < d; i++) {
        if (sc.confusion(sc.score(i)).flagRate() <= s.targetFlagRate()) {
          best = sc.score(i);
          break;
        }
      }
      out.add(op("target_flag_rate", s.targetFlagRate(), best, sc, s.minCell(),
          Double.isNaN(best) ? "every threshold flags more than this" : "lowest threshold with flag rate ≤ target"));
    }
    if (s.flaggedPerDayBudget() != null) {
      if (Double.isNaN(days) || days <= 0) {
        out.add(new OperatingPoint("flagged_per_day_budget", s.flaggedPerDayBudget(), Double.NaN, null,
            "needs a time column spanning more than zero days"));
      } else {
        double best = Double.NaN;
        for (int i = 0; i < d; i++) {
          if (sc.confusion(sc.score(i)).flagged() / days <= s.flaggedPerDayBudget()) {
            best = sc.score(i);
            break;
          }
        }
        out.add(op("flagged_per_day_budget", s.flaggedPerDayBudget(), best, sc, s.minCell(),
            Double.isNaN(best) ? "every threshold flags more than this" : "lowest threshold flagging ≤ budget over " + Units.days(days)));
      }
    }
    return out;
  }

  private static OperatingPoint op(String rule, double target, double t, ScoreCounts sc, int minCell, String note) {
    return new OperatingPoint(rule, target, t, Double.isNaN(t) ? null : point(sc.confusion(t), t, minCell), note);
  }

  private static List<CalibrationBin> calibrationBins(ScoreCounts sc, int minCell) {
    List<CalibrationBin> bins = new ArrayList<>();
    long[] n = new long[10];
    long[] ev = new long[10];
    double[] sum = new double[10];
    for (int i = 0; i < sc.distinct(); i++) {
      double v = sc.score(i);
      int b = Math.max(0, Math.min(9, (int) Math.floor(v * 10)));
      long m = sc.positivesAt(i) + sc.negativesAt(i);
      n[b] += m;
      ev[b] += sc.positivesAt(i);
      sum[b] += v * m;
    }
    boolean[] hide = new boolean[10];
    for (int b = 0; b < 10; b++) hide[b] = n[b] > 0 && SmallCells.anyWithheld(minCell, ev[b], n[b] - ev[b]);
    // The bins add up to the overall counts.
    SmallCells.complement(hide, n);
    for (int b = 0; b < 10; b++) {
      boolean small = hide[b] || n[b] == 0;
      bins.add(small
          ? new CalibrationBin(b / 10.0, (b + 1) / 10.0, null, Double.NaN, Interval.UNDEFINED)
          : new CalibrationBin(b / 10.0, (b + 1) / 10.0, n[b], sum[b] / n[b], Stats.wilson(ev[b], n[b])));
    }
    return bins;
  }

  private static final String[] PROPORTION_METRICS = {"sensitivity", "specificity", "ppv", "npv", "flag_rate"};

  private static long[] numDen(Confusion c, String metric) {
    return switch (metric) {
      case "sensitivity" -> new long[] {c.tp(), c.positives()};
      case "specificity" -> new long[] {c.tn(), c.negatives()};
      case "ppv" -> new long[] {c.tp(), c.flagged()};
      case "npv" -> new long[] {c.tn(), c.tn() + c.fn()};
      case "flag_rate" -> new long[] {c.flagged(), c.n()};
      default -> throw new IllegalArgumentException(metric);
    };
  }

  private static List<Disparity> disparities(Cells cells, EvaluationSettings s, int ns, List<Integer> strataMask, List<Integer> strataKey,
      int[] referenceOf, Confusion[] conf, RankMetrics.Auroc[] auc, String[] suppression, boolean[][] hide) {
    List<Comparisons.Row> rows = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      int mask = strataMask.get(i);
      int r = referenceOf[i];
      if (mask == 0 || r < 0) continue;
      Map<String, String> g = cells.describe(strataKey.get(i), mask);
      Map<String, String> ref = cells.describe(strataKey.get(r), strataMask.get(r));
      // All other groups pooled (the overall minus this one) stand in for a reference that withholds the compared counts,
      // for a single attribute, when the overall shows them too (then the pool gives nothing withheld back).
      Map<String, String> pooled = Integer.bitCount(mask) == 1 ? Comparisons.pooled(cells.attributes().get(Integer.numberOfTrailingZeros(mask))) : null;
      if (r == i) {
        // A reference no other group of its attribute can be compared with in a metric is compared with them pooled.
        if (pooled == null) continue;
        for (String metric : PROPORTION_METRICS) {
          boolean alone = true;
          for (int j = 0; j < ns; j++) if (j != i && strataMask.get(j) == mask && shows(hide[j], metric) && numDen(conf[j], metric)[1] > 0) alone = false;
          Comparisons.Row row = alone ? againstPool(g, pooled, metric, conf, hide, i) : null;
          if (row != null) rows.add(row);
        }
        continue;
      }
      for (String metric : PROPORTION_METRICS) {
        // A comparison is made only on counts shown on both sides: its intervals, difference and p-value are functions of them.
        if (shows(hide[i], metric) && shows(hide[r], metric)) {
          long[] x = numDen(conf[i], metric);
          long[] f = numDen(conf[r], metric);
          rows.add(Comparisons.proportion(g, ref, metric, x[0], x[1], f[0], f[1]));
          continue;
        }
        Comparisons.Row row = pooled == null ? null : againstPool(g, pooled, metric, conf, hide, i);
        rows.add(row != null ? row : Comparisons.suppressed(g, ref, metric, "two-proportion z"));
      }
      boolean wholeHidden = "stratum".equals(suppression[i]) || "stratum".equals(suppression[r]);
      rows.add(wholeHidden ? Comparisons.suppressed(g, ref, "auroc", "DeLong (unpaired)")
          : Comparisons.auroc(g, ref, auc[i], conf[i].positives(), conf[i].negatives(), auc[r], conf[r].positives(), conf[r].negatives()));
    }
    return Comparisons.judge(rows, s.minCell(), s.powerLimit());
  }

  /**
   * Stratum {@code i} against every other stratum of its attribute pooled (the overall, stratum 0, minus it) on
   * {@code metric}; null when it cannot be made: the stratum or the overall withholds the metric's cells, or either side
   * has nothing to divide by.
   */
  private static Comparisons.Row againstPool(Map<String, String> g, Map<String, String> pooled, String metric, Confusion[] conf, boolean[][] hide, int i) {
    if (!shows(hide[i], metric) || !shows(hide[0], metric)) return null;
    long[] x = numDen(conf[i], metric);
    long[] all = numDen(conf[0], metric);
    long[] pool = {all[0] - x[0], all[1] - x[1]};
    if (x[1] <= 0 || pool[1] <= 0) return null;
    return Comparisons.proportion(g, pooled, metric, x[0], x[1], pool[0], pool[1]);
  }

}
