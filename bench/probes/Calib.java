import java.nio.file.*;
import java.util.*;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.tollgate.data.*;
import org.tollgate.evaluation.*;
import org.tollgate.ingest.*;

/**
 * How much of the bootstrap's calibration cost is avoidable: times RankMetrics.calibration on Poisson
 * replicates of each finest cell and of the overall stratum, against a copy that (1) starts Newton at the
 * full-sample fit, (2) skips atoms with zero weight, (3) takes the logits from a table computed once.
 * Checks the two agree to 1e-9. java -cp benchmarks.jar Calib.java DIR
 */
public class Calib {
  public static void main(String[] a) throws Exception {
    List<String> by = List.of("age_band", "sex", "comorbidity_band");
    ScoreTable t = new PredictionReader().read(Path.of(a[0], "scores.parquet"), ColumnMapping.defaults().withAttributes(by), Need.SCORE_AND_LABEL);
    EvaluationSummary sum = EvaluationSummary.of(Cases.from(t, by, null, null));
    List<ScoreCounts> strata = new ArrayList<>();
    ScoreCounts all = ScoreCounts.empty();
    for (int k = 0; k < sum.cells().count(); k++) { strata.add(sum.cell(k)); all = all.merge(sum.cell(k)); }
    strata.add(all);
    int reps = 200;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {1, 2});
    List<ScoreCounts> repl = new ArrayList<>();
    List<double[]> warm = new ArrayList<>();
    for (ScoreCounts s : strata) {
      RankMetrics.Calibration full = RankMetrics.calibration(s);
      for (int r = 0; r < reps; r++) {
        int d = s.distinct();
        double[] sc = new double[d]; long[] p = new long[d]; long[] q = new long[d];
        for (int i = 0; i < d; i++) { sc[i] = s.score(i); p[i] = pois(rng, s.positivesAt(i)); q[i] = pois(rng, s.negativesAt(i)); }
        repl.add(ScoreCounts.of(sc, p, q));  // zero-count atoms kept, as Bootstrap's replicates keep them
        warm.add(new double[] {full.intercept(), full.slopeFitIntercept(), full.slope()});
      }
    }
    System.out.printf("%d strata x %d replicates = %d fits, %d distinct scores in the overall stratum%n", strata.size(), reps, repl.size(), all.distinct());
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime(); double chk = 0;
      for (ScoreCounts c : repl) { RankMetrics.Calibration k = RankMetrics.calibration(c); chk += k.intercept() + k.slope(); }
      long t1 = System.nanoTime(); double chk2 = 0; double maxDiff = 0;
      for (int i = 0; i < repl.size(); i++) { double[] k = fast(repl.get(i), warm.get(i)); chk2 += k[0] + k[1]; }
      long t2 = System.nanoTime();
      for (int i = 0; i < repl.size(); i++) {
        RankMetrics.Calibration k = RankMetrics.calibration(repl.get(i)); double[] f = fast(repl.get(i), warm.get(i));
        maxDiff = Math.max(maxDiff, Math.max(Math.abs(k.intercept() - f[0]), Math.abs(k.slope() - f[1])));
      }
      System.out.printf("RankMetrics.calibration %6.1f us/fit   warm-started copy %6.1f us/fit   max |difference| %.2e%n",
          (t1 - t0) / 1e3 / repl.size(), (t2 - t1) / 1e3 / repl.size(), maxDiff);
    }
  }

  static long pois(UniformRandomProvider rng, long mean) { return mean == 0 ? 0 : PoissonSampler.of(rng, mean).sample(); }

  static final double EPS = RankMetrics.LOGIT_EPSILON;
  static final double[] LOGIT = new double[1001];
  static { for (int i = 0; i <= 1000; i++) { double p = Math.min(1 - EPS, Math.max(EPS, i / 1000.0)); LOGIT[i] = Math.log(p / (1 - p)); } }

  /** The same fits and convergence tests as RankMetrics.calibration; start at the full-sample fit; zero-weight atoms skipped. */
  static double[] fast(ScoreCounts c, double[] start) {
    int d = c.distinct();
    double[] x = new double[d]; double[] m = new double[d]; double[] y = new double[d]; int n = 0;
    for (int i = 0; i < d; i++) {
      long w = c.positivesAt(i) + c.negativesAt(i);
      if (w == 0) continue;
      double s = c.score(i); int k = (int) Math.round(s * 1000);
      x[n] = k / 1000.0 == s ? LOGIT[k] : Math.log(Math.min(1 - EPS, Math.max(EPS, s)) / (1 - Math.min(1 - EPS, Math.max(EPS, s))));
      m[n] = w; y[n++] = c.positivesAt(i);
    }
    double a0 = Double.isNaN(start[0]) ? 0 : start[0]; boolean ok0 = false;
    for (int it = 0; it < 100; it++) {
      double g = 0, h = 0;
      for (int i = 0; i < n; i++) { double p = sig(a0 + x[i]); g += y[i] - m[i] * p; h += m[i] * p * (1 - p); }
      if (h <= 0) break;
      double step = g / h; a0 += step;
      if (Math.abs(step) < 1e-13 * (1 + Math.abs(a0))) { ok0 = true; break; }
    }
    double aa = Double.isNaN(start[1]) ? 0 : start[1], b = Double.isNaN(start[2]) ? 1 : start[2]; boolean ok = false;
    for (int it = 0; it < 200 && n >= 2; it++) {
      double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
      for (int i = 0; i < n; i++) {
        double p = sig(aa + b * x[i]); double r = y[i] - m[i] * p; double w = m[i] * p * (1 - p);
        ga += r; gb += r * x[i]; haa += w; hab += w * x[i]; hbb += w * x[i] * x[i];
      }
      double det = haa * hbb - hab * hab;
      if (!(det > 0)) break;
      double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
      aa += da; b += db;
      if (Math.abs(da) < 1e-12 * (1 + Math.abs(aa)) && Math.abs(db) < 1e-12 * (1 + Math.abs(b))) { ok = true; break; }
      if (Math.abs(b) > 1e6) break;
    }
    return new double[] {ok0 ? a0 : Double.NaN, ok ? b : Double.NaN};
  }

  static double sig(double z) { return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)); }
}
