package org.tollgate.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.tollgate.evaluation.Disparity;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.Interval;
import org.tollgate.evaluation.StratumResult;
import org.tollgate.format.Units;

/** Plain-text report of an evaluation for a terminal: words and numbers, no colour needed. */
public final class EvaluationTable {
  private EvaluationTable() {}

  public static void print(Evaluation e, PrintWriter out) {
    int k = e.settings().minCell();
    if (e.input() != null) {
      out.printf(Locale.ROOT, "Input: %s (%s, %s, sha256 %s)%n", e.input().path(), e.input().format(), Units.count(e.input().rows(), "row"), e.input().sha256());
    }
    out.printf(Locale.ROOT, "Cases: one per %s%s; predicted positive iff score >= %s; withheld counts are shown as \"w\" (the small-cell rule: a count"
        + " below %d, or a larger one that would give such a count back by subtraction).%n",
        e.per() == org.tollgate.evaluation.Cases.Per.ENCOUNTER ? "encounter" : "score row",
        e.per() == org.tollgate.evaluation.Cases.Per.ENCOUNTER ? " (scores combined by " + e.combine().name().toLowerCase(Locale.ROOT) + ")" : "",
        Units.plain(e.settings().threshold()), k);
    if (e.rawScale()) {
      out.println("Scores on their own (raw) scale: the threshold is in the score's units. "
          + org.tollgate.data.ColumnMapping.ScoreScale.RAW_SENTENCE);
    }
    if (e.settings().bootstrap() > 0) {
      out.printf(Locale.ROOT, "Bootstrap: %s, seed %d (AUPRC, Brier, calibration, net benefit).%n", Units.count(e.settings().bootstrap(), "replicate"), e.settings().seed());
    }
    out.println();
    String head = String.format(Locale.ROOT, "%-34s %8s %7s %6s %6s %6s %6s  %-19s %-19s %-19s %-19s %-19s %-19s %6s",
        "Stratum", "n", "pos", "TP", "FP", "TN", "FN", "Sensitivity", "Specificity", "PPV", "Flag rate", "AUROC", "AUPRC", "Brier");
    out.println(head);
    out.println("-".repeat(head.length()));
    row(out, e.overall());
    for (StratumResult s : e.strata()) row(out, s);
    if (!e.warnings().isEmpty()) {
      out.println();
      out.println("Warnings:");
      for (String w : e.warnings()) out.println("  ! " + w);
    }
    boolean any = false;
    for (Disparity d : e.disparities()) {
      if (d.status() == Disparity.Status.DIFFERENCE || d.status() == Disparity.Status.UNDERPOWERED) {
        if (!any) {
          out.println();
          out.println("Disparities (against the reference group; Holm-adjusted across " + Units.count(e.disparities().size(), "comparison") + "):");
          any = true;
        }
        out.println("  [" + d.status().word() + "] " + d.statement());
      }
    }
    if (!any && !e.disparities().isEmpty()) {
      out.println();
      out.println("Disparities: no detectable difference in any of " + Units.count(e.disparities().size(), "comparison") + " (Holm-adjusted).");
    }
    out.flush();
  }

  private static void row(PrintWriter out, StratumResult s) {
    String name = s.by().isEmpty() ? "Overall" : String.join(" × ", s.by().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
    if (name.length() > 34) name = name.substring(0, 33) + "…";
    out.printf(Locale.ROOT, "%-34s %8s %7s %6s %6s %6s %6s  %-19s %-19s %-19s %-19s %-19s %-19s %6s%n", name,
        count(s.n()), count(s.positives()), count(s.tp()), count(s.fp()), count(s.tn()), count(s.fn()),
        ci(s.metrics().get("sensitivity")), ci(s.metrics().get("specificity")), ci(s.metrics().get("ppv")),
        ci(s.metrics().get("flag_rate")), ci(s.metrics().get("auroc")), ci(s.metrics().get("auprc")), est(s.metrics().get("brier")));
  }

  private static String count(Long v) {
    // "w", not "<11": complementary withholding also withholds large cells, and "<11" would say they were small
    return v == null ? "w" : Units.count(v);
  }

  private static String ci(Interval i) {
    if (i == null || !i.defined()) return "—";
    if (Double.isNaN(i.lower())) return Units.number(i.estimate(), 3);
    return Units.number(i.estimate(), 3) + " (" + Units.number(i.lower(), 3) + "–" + Units.number(i.upper(), 3) + ")";
  }

  private static String est(Interval i) {
    return i == null || !i.defined() ? "—" : Units.number(i.estimate(), 4);
  }
}
