package org.tollgate.evaluation;

/**
 * Confusion counts at one threshold (predicted positive iff score ≥ threshold) and the proportions
 * derived from them. A proportion with a zero denominator is NaN (undefined), never 0.
 */
public record Confusion(long tp, long fp, long tn, long fn) {
  public Confusion {
    if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
      throw new IllegalArgumentException("negative count: tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
    }
  }

  public long n() {
    return tp + fp + tn + fn;
  }

  public long positives() {
    return tp + fn;
  }

  public long negatives() {
    return tn + fp;
  }

  public long flagged() {
    return tp + fp;
  }

  static double ratio(long num, long den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }

  public double sensitivity() {
    return ratio(tp, tp + fn);
  }

  public double specificity() {
    return ratio(tn, tn + fp);
  }

  public double ppv() {
    return ratio(tp, tp + fp);
  }

  public double npv() {
    return ratio(tn, tn + fn);
  }

  public double flagRate() {
    return ratio(tp + fp, n());
  }

  public double accuracy() {
    return ratio(tp + tn, n());
  }

  public double prevalence() {
    return ratio(tp + fn, n());
  }

  /** F1 = 2TP / (2TP + FP + FN); NaN when there are no positives and nothing flagged. */
  public double f1() {
    return ratio(2 * tp, 2 * tp + fp + fn);
  }

  /** No-information rate max(π, 1 − π): the accuracy of always answering the majority class. */
  public double noInformationRate() {
    double p = prevalence();
    return Double.isNaN(p) ? Double.NaN : Math.max(p, 1 - p);
  }

  /**
   * Net benefit at threshold probability pt (Vickers &amp; Elkin 2006, doi:10.1177/0272989X06295361):
   * TP/n − FP/n · pt/(1 − pt). Defined for 0 ≤ pt &lt; 1: at pt = 0 a false positive costs nothing and NB = TP/n
   * (as dcurves reports it); undefined (NaN) at pt ≥ 1, where the odds pt/(1 − pt) are infinite, and for n = 0.
   */
  public double netBenefit(double pt) {
    long n = n();
    if (n == 0 || !(pt >= 0 && pt < 1)) {
      return Double.NaN;
    }
    return (double) tp / n - (double) fp / n * (pt / (1 - pt));
  }

  /** Net benefit of treating everyone: π − (1 − π) · pt/(1 − pt); at pt = 0 it is the prevalence π; NaN at pt ≥ 1. */
  public double treatAllNetBenefit(double pt) {
    double p = prevalence();
    if (Double.isNaN(p) || !(pt >= 0 && pt < 1)) {
      return Double.NaN;
    }
    return p - (1 - p) * (pt / (1 - pt));
  }
}
