package org.tollgate.fallback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds a paper rule that replicates the policy's decision: at most {@value PaperRule#MAX_CRITERIA}
 * criteria on bedside values, whole points 1–{@value PaperRule#MAX_POINTS} each and one cut-off, that
 * maximises the number of the policy's timely detections it also makes in time ("replicated", at the
 * checklist's interval, {@link PaperAlerts}) subject to a bound on its extra false alerts: false paper
 * alerts ≤ the policy's + {@code maxExtra} × staff-shifts.
 *
 * <h2>Method</h2>
 * Candidates are every input of the features table × {≥, ≤} × thresholds on the input's clinical grid
 * ({@link BedsideInput#step()} from {@link BedsideInput#low()} to {@link BedsideInput#high()}; a yes/no
 * input is one candidate), so every threshold is one a clinician writes; and only thresholds that point away
 * from normal ({@link BedsideInput#abnormal}: beyond the zero-score bands of NEWS2), so no box is one most
 * patients tick. The bound is handled by
 * Lagrangian relaxation (Everett, "Generalized Lagrange multiplier method for solving problems of optimum
 * allocation of resources", Operations Research 11(3), 1963, doi:10.1287/opre.11.3.399): for each
 * multiplier λ of a fixed ladder s × {1/16, 1/4, 1, 4}, s = policy detections / allowed false alerts (the small
 * multipliers let a first criterion that alone is over the bound be narrowed by a second),
 * the rule maximising J = replicated − λ × false alerts is grown by greedy forward selection (each step
 * adds the criterion, at one point, and keeps or raises the cut-off by one, whose J is highest; it stops
 * when J no longer rises or at five criteria), then refined by coordinate ascent (each criterion's
 * threshold over its grid; each criterion's points 1–3 with cut-offs near the current one) until nothing
 * improves, at most three rounds. Every rule evaluated on the way that keeps within the bound is a
 * candidate answer; the answer is the one with the most replicated detections, then the fewest false
 * alerts, then the fewest criteria, then the first evaluated; except that a criterion must earn its place: the
 * answer is the rule with the fewest criteria whose replicated count is within max(1, 2% of the policy's
 * detections) of the best. This is the greedy construction of integer
 * point scores that clinical scores were built with before exact methods, and the k-of-n form of m-of-n
 * rules (Murphy &amp; Pazzani, "ID2-of-3: constructive induction of M-of-N concepts for discriminators in
 * decision trees", ICML 1991, doi:10.1016/B978-1-55860-200-7.50040-4); the exact optimum is an integer
 * program (Ustun &amp; Rudin, "Supersparse linear integer models for optimized medical scoring systems",
 * Machine Learning 102, 2016, doi:10.1007/s10994-015-5528-6) this search does not guarantee.
 *
 * <h2>Limits</h2>
 * Deterministic (ties break by candidate order: input, direction, threshold); evaluations run on all
 * cores but results do not depend on their number. Only the inputs of {@link BedsideInput} are searched.
 * Cost: about 10⁴ evaluations of O(checks) each. Returns null when no rule within the bound replicates a
 * single detection (or the policy detects none).
 */
public final class RuleSearch {
  private RuleSearch() {}

  static final double[] LADDER = {1.0 / 16, 0.25, 1, 4};
  private static final int ROUNDS = 3;

  /** A rule being grown: candidate indices, points, cut-off, per-check sums. */
  private record State(List<Integer> picked, List<Integer> points, int cutOff, byte[] sums, double j, long replicated, long falseAlerts) {
    /** Bitsets of the rows whose points reach each level, up to one more criterion's worth. */
    long[][] levels() {
      return PaperAlerts.levels(sums, cutOff + PaperRule.MAX_POINTS + 1);
    }
  }

  /** The rule with the candidate's rows at {@code points}: met where the others reach cutOff, or the candidate's points complete them. */
  private static PaperAlerts.Counts with(FallbackData d, CheckGrid g, long[][] levels, long[] cand, int points, int cutOff) {
    return d.run(g, PaperAlerts.at(levels, cutOff), cand, PaperAlerts.at(levels, cutOff - points), d.target(), false);
  }

  /** The best rule within the bound, or null. */
  public static PaperRule find(FallbackData d, double maxExtraFalseAlertsPerStaffShift) {
    CheckGrid g = d.grid();
    List<Criterion> cands = candidates(g);
    long[][] bits = new long[cands.size()][];
    IntStream.range(0, cands.size()).parallel().forEach(i -> bits[i] = g.bits(cands.get(i)));
    double allowed = d.allowedFalseAlerts(maxExtraFalseAlertsPerStaffShift);
    Best best = new Best(allowed, Math.max(1, (long) Math.floor(0.02 * d.policyDetected())));
    if (d.policyDetected() == 0) return null;
    double scale = d.policyDetected() / Math.max(1.0, allowed);
    for (double l : LADDER) {
      double lambda = l * scale;
      State s = greedy(d, g, cands, bits, lambda, best);
      refine(d, g, cands, bits, lambda, best, s);
    }
    return best.rule(cands);
  }

  /** Every candidate criterion on the inputs of the grid, in checklist order. */
  static List<Criterion> candidates(CheckGrid g) {
    List<Criterion> out = new ArrayList<>();
    for (BedsideInput in : BedsideInput.values()) {
      if (g.value[in.ordinal()] == null) continue;
      if (in.binary()) {
        out.add(new Criterion(in, Criterion.Op.AT_LEAST, 1));
        continue;
      }
      for (Criterion.Op op : Criterion.Op.values()) {
        int steps = (int) Math.round((in.high() - in.low()) / in.step());
        for (int k = 0; k <= steps; k++) {
          double t = in.round(in.low() + k * in.step());
          if (in.abnormal(op, t)) out.add(new Criterion(in, op, t));
        }
      }
    }
    return out;
  }

  private static State greedy(FallbackData d, CheckGrid g, List<Criterion> cands, long[][] bits, double lambda, Best best) {
    State s = new State(List.of(), List.of(), 0, new byte[g.rows], 0, 0, 0);
    while (s.picked().size() < PaperRule.MAX_CRITERIA) {
      final State cur = s;
      final long[][] levels = cur.levels();
      int n = cands.size();
      double[][] res = new double[n * 2][];
      IntStream.range(0, n * 2).parallel().forEach(x -> {
        int i = x >> 1;
        int cut = cur.cutOff() + (x & 1);
        if (cut < 1 || !addable(cands, cur.picked(), i)) return;
        PaperAlerts.Counts c = with(d, g, levels, bits[i], 1, cut);
        res[x] = new double[] {c.replicated - lambda * c.falseAlerts, c.replicated, c.falseAlerts};
      });
      int pick = -1;
      for (int x = 0; x < res.length; x++) {
        if (res[x] == null) continue;
        int i = x >> 1;
        List<Integer> picked = plus(cur.picked(), i);
        best.offer(picked, plus(cur.points(), 1), cur.cutOff() + (x & 1), (long) res[x][1], (long) res[x][2]);
        if (pick < 0 || better(res[x], res[pick])) pick = x;
      }
      if (pick < 0 || !(res[pick][0] > cur.j())) break;
      int i = pick >> 1;
      byte[] sums = cur.sums().clone();
      PaperAlerts.add(sums, bits[i], 1);
      s = new State(plus(cur.picked(), i), plus(cur.points(), 1), cur.cutOff() + (pick & 1), sums, res[pick][0], (long) res[pick][1], (long) res[pick][2]);
    }
    return s;
  }

  private static void refine(FallbackData d, CheckGrid g, List<Criterion> cands, long[][] bits, double lambda, Best best, State s) {
    for (int round = 0; round < ROUNDS && !s.picked().isEmpty(); round++) {
      boolean changed = false;
      for (int p = 0; p < s.picked().size(); p++) {
        final State cur = s;
        final int pos = p;
        int ci = cur.picked().get(p);
        int w = cur.points().get(p);
        byte[] without = cur.sums().clone();
        PaperAlerts.add(without, bits[ci], -w);
        final long[][] levels = PaperAlerts.levels(without, cur.cutOff() + 2 + 1);
        // moves: (candidate, points, cut-off)
        List<int[]> moves = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
          Criterion c = cands.get(i);
          if (c.input() == cands.get(ci).input() && c.op() == cands.get(ci).op() && i != ci) moves.add(new int[] {i, w, cur.cutOff()});
        }
        int others = cur.points().stream().mapToInt(Integer::intValue).sum() - w;
        for (int nw = 1; nw <= PaperRule.MAX_POINTS; nw++) {
          for (int cut = Math.max(1, cur.cutOff() - 2); cut <= Math.min(others + nw, cur.cutOff() + 2); cut++) {
            if (nw != w || cut != cur.cutOff()) moves.add(new int[] {ci, nw, cut});
          }
        }
        double[][] res = new double[moves.size()][];
        IntStream.range(0, moves.size()).parallel().forEach(m -> {
          int[] mv = moves.get(m);
          if (mv[0] != ci && !addable(cands, without(cur.picked(), pos), mv[0])) return;
          PaperAlerts.Counts c = with(d, g, levels, bits[mv[0]], mv[1], mv[2]);
          res[m] = new double[] {c.replicated - lambda * c.falseAlerts, c.replicated, c.falseAlerts};
        });
        int pick = -1;
        for (int m = 0; m < res.length; m++) {
          if (res[m] == null) continue;
          int[] mv = moves.get(m);
          best.offer(replace(cur.picked(), pos, mv[0]), replace(cur.points(), pos, mv[1]), mv[2], (long) res[m][1], (long) res[m][2]);
          if (pick < 0 || better(res[m], res[pick])) pick = m;
        }
        if (pick >= 0 && res[pick][0] > cur.j()) {
          int[] mv = moves.get(pick);
          byte[] sums = without.clone();
          PaperAlerts.add(sums, bits[mv[0]], mv[1]);
          s = new State(replace(cur.picked(), pos, mv[0]), replace(cur.points(), pos, mv[1]), mv[2], sums, res[pick][0], (long) res[pick][1], (long) res[pick][2]);
          changed = true;
        }
      }
      if (!changed) break;
    }
  }

  /** Higher J; ties: fewer false alerts; then the earlier move. */
  private static boolean better(double[] a, double[] b) {
    if (a[0] != b[0]) return a[0] > b[0];
    return a[2] < b[2];
  }

  /** A candidate may join unless it is already in the rule or the rule already has its input in the same direction. */
  private static boolean addable(List<Criterion> cands, List<Integer> picked, int i) {
    Criterion c = cands.get(i);
    for (int p : picked) {
      Criterion q = cands.get(p);
      if (p == i || (q.input() == c.input() && q.op() == c.op())) return false;
    }
    return true;
  }

  private static List<Integer> plus(List<Integer> l, int x) {
    List<Integer> out = new ArrayList<>(l);
    out.add(x);
    return out;
  }

  private static List<Integer> without(List<Integer> l, int pos) {
    List<Integer> out = new ArrayList<>(l);
    out.remove(pos);
    return out;
  }

  private static List<Integer> replace(List<Integer> l, int pos, int x) {
    List<Integer> out = new ArrayList<>(l);
    out.set(pos, x);
    return out;
  }

  /** The best rule within the bound seen so far, per number of criteria. */
  private static final class Best {
    private final double allowed;
    private final long tolerance;
    private final Entry[] bySize = new Entry[PaperRule.MAX_CRITERIA + 1];

    private record Entry(List<Integer> picked, List<Integer> points, int cutOff, long replicated, long falseAlerts) {}

    Best(double allowed, long tolerance) {
      this.allowed = allowed;
      this.tolerance = tolerance;
    }

    void offer(List<Integer> picked, List<Integer> points, int cutOff, long replicated, long falseAlerts) {
      if (falseAlerts > allowed + 1e-9 || replicated == 0) return;
      Entry b = bySize[picked.size()];
      boolean take = b == null || replicated > b.replicated() || (replicated == b.replicated() && falseAlerts < b.falseAlerts());
      if (take) bySize[picked.size()] = new Entry(picked, points, cutOff, replicated, falseAlerts);
    }

    PaperRule rule(List<Criterion> cands) {
      long top = -1;
      for (Entry e : bySize) if (e != null) top = Math.max(top, e.replicated());
      if (top < 0) return null;
      Entry chosen = null;
      for (Entry e : bySize) {
        if (e != null && e.replicated() >= top - tolerance) {
          chosen = e;
          break;
        }
      }
      List<Integer> picked = chosen.picked();
      List<Integer> points = chosen.points();
      int cutOff = chosen.cutOff();
      // drop criteria worth nothing (points that can never matter are kept: they change which boxes count)
      Integer[] order = new Integer[picked.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      java.util.Arrays.sort(order, Comparator.comparing(i -> cands.get(picked.get(i))));
      List<Criterion> cs = new ArrayList<>();
      List<Integer> ps = new ArrayList<>();
      for (int i : order) {
        cs.add(cands.get(picked.get(i)));
        ps.add(points.get(i));
      }
      return new PaperRule(null, cs, ps, cutOff, PaperRule.Origin.FOUND);
    }
  }
}
