package org.tollgate.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.tollgate.evaluation.RankMetrics;
import org.tollgate.evaluation.ScoreCounts;
import org.tollgate.format.Units;

/**
 * Proxy detection: how well each model input predicts each protected attribute, and inputs whose
 * names suggest a proxy (ZIP or postal code, payer or insurance, deprivation index). "Redlining with
 * better math" — Obermeyer et al. (Science 2019, doi:10.1126/science.aax2342) on labels; the same
 * logic holds for inputs.
 *
 * <ul>
 *   <li>categorical input: Cramér's V of the contingency table, V = √(χ² / (n · (min(r, c) − 1))), and the
 *       one-vs-rest AUROC of the best single-input predictor (each input level scored by the share of
 *       the protected level within it, in-sample), maximised over protected levels;
 *   <li>numeric input: one-vs-rest AUROC of the input for each protected level, as max(A, 1 − A).
 * </ul>
 */
public final class Proxies {
  static final Pattern NAME = Pattern.compile("(?i).*(zip|postal|postcode|payer|insurance|insurer|deprivation|adi|svi|neighbo(u)?rhood|census_tract|tract).*");

  private Proxies() {}

  /** How strongly one input stands in for one protected attribute. */
  public record Finding(String input, String attribute, double cramersV, double auroc, String auroclevel, boolean nameSuggestsProxy) {}

  public static boolean nameSuggestsProxy(String name) {
    return NAME.matcher(name).matches();
  }

  /** A categorical input against a protected attribute; codes are 0-based levels, -1 missing (skipped). */
  public static Finding categorical(String input, int[] x, int xLevels, String attribute, int[] a, String[] aLevels) {
    int n = 0;
    long[][] t = new long[xLevels][aLevels.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0 || a[i] < 0) continue;
      t[x[i]][a[i]]++;
      n++;
    }
    long[] row = new long[xLevels];
    long[] col = new long[aLevels.length];
    for (int r = 0; r < xLevels; r++) for (int c = 0; c < aLevels.length; c++) {
      row[r] += t[r][c];
      col[c] += t[r][c];
    }
    int rr = 0;
    int cc = 0;
    for (long v : row) if (v > 0) rr++;
    for (long v : col) if (v > 0) cc++;
    double chi2 = 0;
    for (int r = 0; r < xLevels; r++) {
      if (row[r] == 0) continue;
      for (int c = 0; c < aLevels.length; c++) {
        if (col[c] == 0) continue;
        double e = (double) row[r] * col[c] / n;
        double d = t[r][c] - e;
        chi2 += d * d / e;
      }
    }
    int k = Math.min(rr, cc) - 1;
    double v = n == 0 || k <= 0 ? Double.NaN : Math.sqrt(chi2 / (n * (double) k));
    double best = Double.NaN;
    String bestLevel = null;
    for (int c = 0; c < aLevels.length; c++) {
      if (col[c] == 0 || col[c] == n) continue;
      // Score each input level by the share of protected level c in it; AUROC of that score for c vs rest.
      double[] s = new double[xLevels];
      long[] pos = new long[xLevels];
      long[] neg = new long[xLevels];
      for (int r = 0; r < xLevels; r++) {
        s[r] = row[r] == 0 ? 0 : (double) t[r][c] / row[r];
        pos[r] = t[r][c];
        neg[r] = row[r] - t[r][c];
      }
      double auc = aucFromGroups(s, pos, neg);
      if (Double.isNaN(best) || auc > best) {
        best = auc;
        bestLevel = aLevels[c];
      }
    }
    return new Finding(input, attribute, v, best, bestLevel, nameSuggestsProxy(input));
  }

  /** A numeric input (NaN = missing, skipped) against a protected attribute. */
  public static Finding numeric(String input, double[] x, String attribute, int[] a, String[] aLevels) {
    double best = Double.NaN;
    String bestLevel = null;
    for (int c = 0; c < aLevels.length; c++) {
      List<Double> ps = new ArrayList<>();
      List<Double> ns = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (Double.isNaN(x[i]) || a[i] < 0) continue;
        (a[i] == c ? ps : ns).add(x[i]);
      }
      if (ps.isEmpty() || ns.isEmpty()) continue;
      double[] s = new double[ps.size() + ns.size()];
      byte[] l = new byte[s.length];
      for (int i = 0; i < ps.size(); i++) {
        s[i] = ps.get(i);
        l[i] = 1;
      }
      for (int i = 0; i < ns.size(); i++) s[ps.size() + i] = ns.get(i);
      double auc = RankMetrics.auroc(ScoreCounts.fromCases(s, l, 0, s.length)).auc();
      auc = Math.max(auc, 1 - auc);
      if (Double.isNaN(best) || auc > best) {
        best = auc;
        bestLevel = aLevels[c];
      }
    }
    return new Finding(input, attribute, Double.NaN, best, bestLevel, nameSuggestsProxy(input));
  }

  private static double aucFromGroups(double[] s, long[] pos, long[] neg) {
    Integer[] idx = new Integer[s.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    java.util.Arrays.sort(idx, (p, q) -> Double.compare(s[p], s[q]));
    List<Double> distinct = new ArrayList<>();
    List<long[]> counts = new ArrayList<>();
    for (int i : idx) {
      if (pos[i] + neg[i] == 0) continue;
      if (!distinct.isEmpty() && distinct.get(distinct.size() - 1) == s[i]) {
        counts.get(counts.size() - 1)[0] += pos[i];
        counts.get(counts.size() - 1)[1] += neg[i];
      } else {
        distinct.add(s[i]);
        counts.add(new long[] {pos[i], neg[i]});
      }
    }
    double[] d = new double[distinct.size()];
    long[] p = new long[d.length];
    long[] q = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = distinct.get(i);
      p[i] = counts.get(i)[0];
      q[i] = counts.get(i)[1];
    }
    return RankMetrics.auroc(ScoreCounts.of(d, p, q)).auc();
  }

  /**
   * A finding in words, the one wording of every writer (the gate's reason, the HTI-1 source attributes): "zip3 predicts
   * race_ethnicity (AUROC 0.84 for Black, Cramér's V 0.62)"; a measure that is undefined is left out.
   */
  public static String describe(Finding f) {
    List<String> parts = new ArrayList<>();
    if (!Double.isNaN(f.auroc())) parts.add("AUROC " + Units.number(f.auroc(), 2) + (f.auroclevel() == null ? "" : " for " + f.auroclevel()));
    if (!Double.isNaN(f.cramersV())) parts.add("Cramér's V " + Units.number(f.cramersV(), 2));
    return f.input() + " predicts " + f.attribute() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  /**
   * Each categorical input column of a table against each protected attribute column, one case per
   * encounter (its first row) when the table has encounters, else per row.
   */
  public static List<Finding> fromTable(org.tollgate.data.ScoreTable t, List<String> inputs, List<String> protectedAttrs) {
    int n = t.hasEncounters() ? t.encounterCount() : t.rows();
    int[] rowOf = new int[n];
    java.util.Arrays.fill(rowOf, -1);
    for (int r = 0; r < t.rows(); r++) {
      int k = t.hasEncounters() ? t.encounter(r) : r;
      if (rowOf[k] < 0) rowOf[k] = r;
    }
    List<Finding> out = new ArrayList<>();
    for (String in : inputs) {
      int ia = t.attributeIndex(in);
      int[] x = new int[n];
      for (int k = 0; k < n; k++) x[k] = rowOf[k] < 0 ? -1 : t.attributeCode(ia, rowOf[k]);
      for (String p : protectedAttrs) {
        int pa = t.attributeIndex(p);
        if (pa < 0 || pa == ia) continue;
        int[] a = new int[n];
        for (int k = 0; k < n; k++) a[k] = rowOf[k] < 0 ? -1 : t.attributeCode(pa, rowOf[k]);
        out.add(categorical(in, x, t.attributeLevelCount(ia), p, a, t.attributeLevels(pa)));
      }
    }
    return out;
  }
}
