package org.tollgate.evaluation;

import java.util.Arrays;

/**
 * The mergeable sufficient statistic of an evaluation: for every finest stratum cell, the
 * {@link ScoreCounts} of the cases whose patient has a single case ("singles"), plus the cases of
 * patients with several cases kept together as clusters (cell, score, label per case) so the bootstrap
 * can resample patients, not cases. Without patient ids every case is a single.
 *
 * <p>Everything an evaluation reports is computed from this object; it can be built in this process
 * ({@link #of(Cases)}) or assembled from counts made elsewhere (DuckDB, Spark) with
 * {@link #fromCells}. {@link #merge} of the summaries of two disjoint sets of patients equals the summary
 * of their union (a patient's cases must not be split across the two).
 *
 * <p>Canonical form: within a cluster the cases are ordered by (cell, score, label), and clusters are
 * ordered by size, then by their cases compared in that order. The bootstrap draws one weight per
 * cluster in this order, so the summary (and every bootstrap interval made from it) is the same however
 * the patients were split into parts, in which order the parts were merged, and in which order the
 * patients came; two clusters that compare equal have identical cases, so their order cannot matter.
 * {@link #equals} compares everything.
 */
public final class EvaluationSummary {
  private final Cells cells;
  private final ScoreCounts[] singles;
  /** clusterStart[k]..clusterStart[k+1] index the entries of cluster k. */
  private final int[] clusterStart;
  private final int[] entryCell;
  private final double[] entryScore;
  private final byte[] entryLabel;

  EvaluationSummary(Cells cells, ScoreCounts[] singles, int[] clusterStart, int[] entryCell, double[] entryScore, byte[] entryLabel) {
    this.cells = cells;
    this.singles = singles;
    this.clusterStart = clusterStart;
    this.entryCell = entryCell;
    this.entryScore = entryScore;
    this.entryLabel = entryLabel;
  }

  /** A summary from per-cell counts alone (no patient clusters). {@code counts.length == cells.count()}. */
  public static EvaluationSummary fromCells(Cells cells, ScoreCounts[] counts) {
    if (counts.length != cells.count()) {
      throw new IllegalArgumentException("need " + cells.count() + " cells, got " + counts.length);
    }
    ScoreCounts[] s = new ScoreCounts[counts.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = counts[i] == null ? ScoreCounts.empty() : counts[i];
    }
    return new EvaluationSummary(cells, s, new int[] {0}, new int[0], new double[0], new byte[0]);
  }

  /** Summarises cases: O(n log n) for the per-cell sorts. */
  public static EvaluationSummary of(Cases c) {
    int n = c.n;
    int nc = c.cells.count();
    boolean[] single = new boolean[n];
    int[] order = null;
    int clusters = 0;
    int entries = 0;
    int[] start;
    if (c.patient == null) {
      Arrays.fill(single, true);
      start = new int[] {0};
    } else {
      int[] perPatient = new int[c.patients];
      for (int i = 0; i < n; i++) perPatient[c.patient[i]]++;
      for (int i = 0; i < n; i++) {
        single[i] = perPatient[c.patient[i]] == 1;
      }
      // Bucket multi-case patients' cases by patient (counting sort).
      int[] firstEntry = new int[c.patients + 1];
      for (int p = 0; p < c.patients; p++) {
        firstEntry[p + 1] = firstEntry[p] + (perPatient[p] > 1 ? perPatient[p] : 0);
        if (perPatient[p] > 1) clusters++;
      }
      entries = firstEntry[c.patients];
      order = new int[entries];
      int[] fill = Arrays.copyOf(firstEntry, c.patients);
      for (int i = 0; i < n; i++) {
        if (!single[i]) order[fill[c.patient[i]]++] = i;
      }
      start = new int[clusters + 1];
      int k = 0;
      for (int p = 0; p < c.patients; p++) {
        if (perPatient[p] > 1) {
          start[++k] = firstEntry[p + 1];
        }
      }
    }
    // Per-cell singles: group case indices by cell, then sort each cell's scores per class.
    int[] cellCount = new int[nc + 1];
    for (int i = 0; i < n; i++) if (single[i]) cellCount[c.cell[i] + 1]++;
    for (int k = 0; k < nc; k++) cellCount[k + 1] += cellCount[k];
    double[] bySc = new double[cellCount[nc]];
    byte[] byLb = new byte[cellCount[nc]];
    int[] fill = Arrays.copyOf(cellCount, nc);
    for (int i = 0; i < n; i++) {
      if (single[i]) {
        int at = fill[c.cell[i]]++;
        bySc[at] = c.score[i];
        byLb[at] = c.label[i];
      }
    }
    ScoreCounts[] singles = new ScoreCounts[nc];
    for (int k = 0; k < nc; k++) {
      singles[k] = ScoreCounts.fromCases(bySc, byLb, cellCount[k], cellCount[k + 1]);
    }
    int[] ec = new int[entries];
    double[] es = new double[entries];
    byte[] el = new byte[entries];
    for (int j = 0; j < entries; j++) {
      int i = order[j];
      ec[j] = c.cell[i];
      es[j] = c.score[i];
      el[j] = c.label[i];
    }
    return canonical(c.cells, singles, start, ec, es, el);
  }

  /** Orders cases within each cluster and the clusters themselves as the class comment says. */
  private static EvaluationSummary canonical(Cells cells, ScoreCounts[] singles, int[] start, int[] ec, double[] es, byte[] el) {
    int k = start.length - 1;
    int m = ec.length;
    Integer[] entries = new Integer[m];
    for (int j = 0; j < m; j++) entries[j] = j;
    for (int c = 0; c < k; c++) {
      Arrays.sort(entries, start[c], start[c + 1], (a, b) -> compareEntry(ec, es, el, a, ec, es, el, b));
    }
    int[] c1 = new int[m];
    double[] s1 = new double[m];
    byte[] l1 = new byte[m];
    for (int j = 0; j < m; j++) {
      c1[j] = ec[entries[j]];
      s1[j] = es[entries[j]];
      l1[j] = el[entries[j]];
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) order[c] = c;
    Arrays.sort(order, (a, b) -> compareCluster(start, c1, s1, l1, a, start, c1, s1, l1, b));
    int[] st = new int[k + 1];
    int[] c2 = new int[m];
    double[] s2 = new double[m];
    byte[] l2 = new byte[m];
    int at = 0;
    for (int c = 0; c < k; c++) {
      int from = start[order[c]];
      int len = start[order[c] + 1] - from;
      System.arraycopy(c1, from, c2, at, len);
      System.arraycopy(s1, from, s2, at, len);
      System.arraycopy(l1, from, l2, at, len);
      at += len;
      st[c + 1] = at;
    }
    return new EvaluationSummary(cells, singles, st, c2, s2, l2);
  }

  private static int compareEntry(int[] ca, double[] sa, byte[] la, int a, int[] cb, double[] sb, byte[] lb, int b) {
    int r = Integer.compare(ca[a], cb[b]);
    if (r == 0) r = Double.compare(sa[a], sb[b]);
    if (r == 0) r = Byte.compare(la[a], lb[b]);
    return r;
  }

  private static int compareCluster(int[] sta, int[] ca, double[] sa, byte[] la, int a, int[] stb, int[] cb, double[] sb, byte[] lb, int b) {
    int na = sta[a + 1] - sta[a];
    int nb = stb[b + 1] - stb[b];
    if (na != nb) return Integer.compare(na, nb);
    for (int j = 0; j < na; j++) {
      int r = compareEntry(ca, sa, la, sta[a] + j, cb, sb, lb, stb[b] + j);
      if (r != 0) return r;
    }
    return 0;
  }

  /** The summary of the union; the two must share stratification attributes and levels. */
  public EvaluationSummary merge(EvaluationSummary o) {
    if (!cells.attributes().equals(o.cells.attributes()) || cells.count() != o.cells.count()) {
      throw new IllegalArgumentException("summaries have different strata: " + cells.attributes() + " vs " + o.cells.attributes());
    }
    for (int a = 0; a < cells.attributes().size(); a++) {
      if (!Arrays.equals(cells.levels(a), o.cells.levels(a))) {
        throw new IllegalArgumentException("summaries code attribute " + cells.attributes().get(a) + " differently");
      }
    }
    ScoreCounts[] s = new ScoreCounts[singles.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = singles[i].merge(o.singles[i]);
    }
    // Both cluster lists are in canonical order: merge them, keeping it.
    int k1 = clusters();
    int k2 = o.clusters();
    int m = entryCell.length + o.entryCell.length;
    int[] start = new int[k1 + k2 + 1];
    int[] ec = new int[m];
    double[] es = new double[m];
    byte[] el = new byte[m];
    int i = 0;
    int j = 0;
    int at = 0;
    for (int k = 0; k < k1 + k2; k++) {
      boolean mine = j >= k2
          || (i < k1 && compareCluster(clusterStart, entryCell, entryScore, entryLabel, i, o.clusterStart, o.entryCell, o.entryScore, o.entryLabel, j) <= 0);
      EvaluationSummary from = mine ? this : o;
      int c = mine ? i++ : j++;
      int a = from.clusterStart[c];
      int len = from.clusterStart[c + 1] - a;
      System.arraycopy(from.entryCell, a, ec, at, len);
      System.arraycopy(from.entryScore, a, es, at, len);
      System.arraycopy(from.entryLabel, a, el, at, len);
      at += len;
      start[k + 1] = at;
    }
    return new EvaluationSummary(cells, s, start, ec, es, el);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EvaluationSummary x) || !cells.attributes().equals(x.cells.attributes())) return false;
    for (int a = 0; a < cells.attributes().size(); a++) {
      if (!Arrays.equals(cells.levels(a), x.cells.levels(a))) return false;
    }
    return Arrays.equals(singles, x.singles) && Arrays.equals(clusterStart, x.clusterStart) && Arrays.equals(entryCell, x.entryCell)
        && Arrays.equals(entryScore, x.entryScore) && Arrays.equals(entryLabel, x.entryLabel);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(singles) * 31 + Arrays.hashCode(entryScore);
  }

  public Cells cells() {
    return cells;
  }

  public int clusters() {
    return clusterStart.length - 1;
  }

  /** All cases of a cell, singles and clustered. */
  public ScoreCounts cell(int k) {
    if (entryCell.length == 0) {
      return singles[k];
    }
    int m = 0;
    for (int v : entryCell) if (v == k) m++;
    if (m == 0) {
      return singles[k];
    }
    double[] sc = new double[m];
    byte[] lb = new byte[m];
    int j = 0;
    for (int i = 0; i < entryCell.length; i++) {
      if (entryCell[i] == k) {
        sc[j] = entryScore[i];
        lb[j++] = entryLabel[i];
      }
    }
    return singles[k].merge(ScoreCounts.fromCases(sc, lb, 0, m));
  }

  /** Counts of all cells, computed once (O(entries) per cell with clusters). */
  ScoreCounts[] allCells() {
    ScoreCounts[] out = new ScoreCounts[singles.length];
    if (entryCell.length == 0) {
      return singles.clone();
    }
    int nc = singles.length;
    int[] cnt = new int[nc + 1];
    for (int v : entryCell) cnt[v + 1]++;
    for (int k = 0; k < nc; k++) cnt[k + 1] += cnt[k];
    double[] sc = new double[entryCell.length];
    byte[] lb = new byte[entryCell.length];
    int[] fill = Arrays.copyOf(cnt, nc);
    for (int i = 0; i < entryCell.length; i++) {
      int at = fill[entryCell[i]]++;
      sc[at] = entryScore[i];
      lb[at] = entryLabel[i];
    }
    for (int k = 0; k < nc; k++) {
      out[k] = singles[k].merge(ScoreCounts.fromCases(sc, lb, cnt[k], cnt[k + 1]));
    }
    return out;
  }

  ScoreCounts singles(int k) {
    return singles[k];
  }

  int[] clusterStart() {
    return clusterStart;
  }

  int[] entryCell() {
    return entryCell;
  }

  double[] entryScore() {
    return entryScore;
  }

  byte[] entryLabel() {
    return entryLabel;
  }
}
