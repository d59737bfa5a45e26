package org.tollgate.evaluation;

/**
 * Threshold-free metrics of one stratum, computed from its {@link ScoreCounts} in one pass over the
 * distinct scores (O(distinct), independent of the number of cases).
 */
public final class RankMetrics {
  /** Clip for logit(score) in calibration: scores are taken in [ε, 1 − ε], ε = 1e-6. */
  public static final double LOGIT_EPSILON = 1e-6;

  private RankMetrics() {}

  /** AUROC with its DeLong variance. */
  public record Auroc(double auc, double variance) {
    /** 95% interval: auc ± z·√variance, truncated to [0, 1], as R pROC's {@code ci.auc(method = "delong")}. */
    public Interval interval() {
      if (Double.isNaN(auc)) {
        return Interval.UNDEFINED;
      }
      double half = Stats.Z95 * Math.sqrt(variance);
      return new Interval(auc, Math.max(0, auc - half), Math.min(1, auc + half), Interval.Method.DELONG);
    }
  }

  /**
   * AUROC as the Mann–Whitney statistic with ties counted ½, and its variance by DeLong, DeLong and
   * Clarke-Pearson (1988, doi:10.2307/2531595) using the placement values of Sun &amp; Xu (2014,
   * doi:10.1109/LSP.2014.2337313): for a positive with score x, V10 = (#negatives below x + ½ #negatives
   * at x)/n0; for a negative with score y, V01 = (#positives above y + ½ #positives at y)/n1; AUC = mean
   * V10; Var = S10/n1 + S01/n0 with S the sample variances (denominator n − 1) of the placements.
   * Cases sharing a score share a placement, so the sums run over distinct scores.
   *
   * <p>Undefined (NaN) without both classes; the variance is NaN with fewer than two of either class.
   */
  public static Auroc auroc(ScoreCounts c) {
    long n1 = c.positives();
    long n0 = c.negatives();
    if (n1 == 0 || n0 == 0) {
      return new Auroc(Double.NaN, Double.NaN);
    }
    double[] s = c.scores();
    long[] pos = c.pos();
    long[] neg = c.neg();
    int d = s.length;
    double sumV10 = 0;
    long negBelow = 0;
    for (int i = 0; i < d; i++) {
      if (pos[i] > 0) {
        sumV10 += pos[i] * ((negBelow + 0.5 * neg[i]) / n0);
      }
      negBelow += neg[i];
    }
    double auc = sumV10 / n1;
    if (n1 < 2 || n0 < 2) {
      return new Auroc(auc, Double.NaN);
    }
    double s10 = 0;
    double s01 = 0;
    negBelow = 0;
    long posAbove = n1;
    for (int i = 0; i < d; i++) {
      posAbove -= pos[i];
      if (pos[i] > 0) {
        double v = (negBelow + 0.5 * neg[i]) / n0 - auc;
        s10 += pos[i] * v * v;
      }
      if (neg[i] > 0) {
        double v = (posAbove + 0.5 * pos[i]) / n1 - auc;
        s01 += neg[i] * v * v;
      }
      negBelow += neg[i];
    }
    s10 /= (n1 - 1);
    s01 /= (n0 - 1);
    return new Auroc(auc, s10 / n1 + s01 / n0);
  }

  /**
   * Average precision exactly as scikit-learn's {@code average_precision_score}: AP = Σ_k (R_k − R_{k−1})·P_k
   * over distinct thresholds in descending order, R_0 = 0, P and R the precision and recall of "score ≥
   * threshold" (no interpolation). NaN without positives.
   */
  public static double averagePrecision(ScoreCounts c) {
    long p = c.positives();
    if (p == 0) {
      return Double.NaN;
    }
    long[] pos = c.pos();
    long[] neg = c.neg();
    long tp = 0;
    long fp = 0;
    double prevRecall = 0;
    double ap = 0;
    for (int i = pos.length - 1; i >= 0; i--) {
      if (pos[i] == 0 && neg[i] == 0) {
        continue;
      }
      tp += pos[i];
      fp += neg[i];
      double recall = (double) tp / p;
      double precision = (double) tp / (tp + fp);
      ap += (recall - prevRecall) * precision;
      prevRecall = recall;
    }
    return ap;
  }

  /** Brier score: mean of (score − label)². NaN when empty. */
  public static double brier(ScoreCounts c) {
    long n = c.n();
    if (n == 0) {
      return Double.NaN;
    }
    double[] s = c.scores();
    long[] pos = c.pos();
    long[] neg = c.neg();
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      double a = 1 - s[i];
      sum += pos[i] * a * a + neg[i] * s[i] * s[i];
    }
    return sum / n;
  }

  /** Logistic recalibration result. */
  public record Calibration(double intercept, double slope, double slopeFitIntercept) {}

  /**
   * Logistic recalibration on x = logit(score) (scores clipped to [ε, 1−ε], ε = {@value #LOGIT_EPSILON}),
   * following Van Calster et al. (2019, doi:10.1186/s12916-019-1466-7):
   * <ul>
   *   <li>calibration slope b from logit P(y=1) = a + b·x (unpenalised maximum likelihood; {@code slopeFitIntercept} is that a);
   *   <li>calibration intercept ("calibration-in-the-large") a' from logit P(y=1) = a' + x (x as an offset, slope fixed at 1).
   * </ul>
   * Fitted by Newton–Raphson over the distinct scores weighted by their counts (identical to fitting
   * the individual cases). NaN with one class only, with a single distinct score (slope), or when the
   * fit does not converge (separation).
   */
  public static Calibration calibration(ScoreCounts c) {
    return calibration(c, logits(c.scores()), null);
  }

  /** logit(score) of each score, clipped as {@link #calibration(ScoreCounts)} says. */
  static double[] logits(double[] scores) {
    double[] x = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      double p = Math.min(1 - LOGIT_EPSILON, Math.max(LOGIT_EPSILON, scores[i]));
      x[i] = Math.log(p / (1 - p));
    }
    return x;
  }

  /**
   * {@link #calibration(ScoreCounts)} with the logits of {@code c.scores()} given ({@link #logits}) and
   * Newton started at {@code start} (a fit of nearby data, e.g. the full sample for a bootstrap
   * replicate; null: at a = 0, b = 1). Both starts converge to the same maximum to the stopping
   * tolerance (relative steps below 1e-13 and 1e-12); a start from which Newton fails is retried from
   * the default one, so a warm start never loses a fit the default start finds. A replicate near the
   * full sample needs about half the Newton steps.
   */
  static Calibration calibration(ScoreCounts c, double[] logits, Calibration start) {
    if (c.positives() == 0 || c.negatives() == 0) {
      return new Calibration(Double.NaN, Double.NaN, Double.NaN);
    }
    long[] allPos = c.pos();
    long[] allNeg = c.neg();
    int n = allPos.length;
    // Only scores with cases: bootstrap replicates leave many empty, and they add nothing to any sum
    // below; leaving them out once (not testing them in every Newton step) changes no result.
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (allPos[i] + allNeg[i] != 0) {
        d++;
      }
    }
    double[] x = new double[d];
    double[] pos = new double[d];
    double[] mass = new double[d];
    for (int i = 0, j = 0; i < n; i++) {
      if (allPos[i] + allNeg[i] == 0) {
        continue;
      }
      x[j] = logits[i];
      pos[j] = allPos[i];
      mass[j] = allPos[i] + allNeg[i];
      j++;
    }
    double a0 = Double.NaN;
    if (start != null && Double.isFinite(start.intercept())) {
      a0 = interceptFit(x, pos, mass, d, start.intercept());
    }
    if (Double.isNaN(a0)) {
      a0 = interceptFit(x, pos, mass, d, 0);
    }
    double[] ab = null;
    if (n >= 2) { // the stratum's distinct scores, as before: a replicate left with one behaves as it did
      if (start != null && Double.isFinite(start.slope()) && Double.isFinite(start.slopeFitIntercept())) {
        ab = slopeFit(x, pos, mass, d, start.slopeFitIntercept(), start.slope());
      }
      if (ab == null) {
        ab = slopeFit(x, pos, mass, d, 0, 1);
      }
    }
    return new Calibration(a0, ab != null ? ab[1] : Double.NaN, ab != null ? ab[0] : Double.NaN);
  }

  /** Intercept with offset x: 1-D Newton on a from {@code a}; NaN when it does not converge. */
  private static double interceptFit(double[] x, double[] pos, double[] mass, int d, double a) {
    for (int it = 0; it < 100; it++) {
      double g = 0;
      double h = 0;
      for (int i = 0; i < d; i++) {
        double m = mass[i];
        double p = sigmoid(a + x[i]);
        g += pos[i] - m * p;
        h += m * p * (1 - p);
      }
      if (h <= 0) {
        break;
      }
      double step = g / h;
      a += step;
      if (Math.abs(step) < 1e-13 * (1 + Math.abs(a))) {
        return a;
      }
    }
    return Double.NaN;
  }

  /** (a, b) of logit P(y=1) = a + b·x by Newton from (a, b); null when it does not converge. */
  private static double[] slopeFit(double[] x, double[] pos, double[] mass, int d, double a, double b) {
    for (int it = 0; it < 200; it++) {
      double ga = 0;
      double gb = 0;
      double haa = 0;
      double hab = 0;
      double hbb = 0;
      for (int i = 0; i < d; i++) {
        double m = mass[i];
        double p = sigmoid(a + b * x[i]);
        double r = pos[i] - m * p;
        double w = m * p * (1 - p);
        ga += r;
        gb += r * x[i];
        haa += w;
        hab += w * x[i];
        hbb += w * x[i] * x[i];
      }
      double det = haa * hbb - hab * hab;
      if (!(det > 0) || Double.isNaN(det)) {
        return null;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      a += da;
      b += db;
      if (Math.abs(da) < 1e-12 * (1 + Math.abs(a)) && Math.abs(db) < 1e-12 * (1 + Math.abs(b))) {
        return new double[] {a, b};
      }
      if (Math.abs(b) > 1e6) {
        return null;
      }
    }
    return null;
  }

  private static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }
}
