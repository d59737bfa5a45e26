package org.tollgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.tollgate.cases.CaseLibrary;
import org.tollgate.gate.ItemResult;

/** The case library as a table: case, verdict, the deciding rule and its sentence. */
final class CaseTable {
  private CaseTable() {}

  static void print(List<CaseLibrary.Result> results, PrintWriter o) {
    int w = results.stream().mapToInt(r -> r.kase().name().length()).max().orElse(4);
    o.printf(Locale.ROOT, "%-" + w + "s  %-8s  %s%n", "case", "verdict", "deciding rule: fatal flaw");
    o.println("-".repeat(w + 2 + 8 + 2 + 40));
    for (CaseLibrary.Result r : results) {
      ItemResult d = r.deciding();
      String why = d == null ? "every rule passes" : rule(d) + ": " + r.outcome().gate().fatalFlaw();
      o.printf(Locale.ROOT, "%-" + w + "s  %-8s  %s%n", r.kase().name(), r.outcome().gate().verdict().word(), why);
    }
    o.flush();
  }

  /** "item 2" for the checklist, the rule's id otherwise. */
  static String rule(ItemResult d) {
    return d.isChecklistItem() ? "item " + d.id() : d.id();
  }
}
