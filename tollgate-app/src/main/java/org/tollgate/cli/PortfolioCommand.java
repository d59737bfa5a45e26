package org.tollgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.format.Units;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.Json;
import org.tollgate.review.ReviewRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate portfolio DIR...}: rank use cases by defensibility first, then expected benefit. */
@Command(name = "portfolio", mixinStandardHelpOptions = true,
    description = {"Regulatory path mapping across use cases: each scored 1–5 on clinical validation burden, data",
        "provenance clarity and fallback existence; ranked by defensibility first, then expected benefit per month."})
final class PortfolioCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions reportOptions;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Review folders.")
  List<Path> dirs;

  record Row(ReviewRunner.Outcome o, double benefit) {}

  @Override
  public Integer call() {
    String fmt = reportOptions.format();
    List<Row> rows = new ArrayList<>();
    for (Path d : dirs) {
      ReviewRunner.Outcome o = ReviewRunner.run(ReviewFile.read(d));
      PolicyReport chosen = o.policies().stream().filter(p -> p.policy().name().equals(o.review().chosenPolicy())).findFirst().orElse(null);
      // as the dossier prints it: withheld (NaN) when it would give a small count back, so the web app's portfolio ranks alike
      rows.add(new Row(o, chosen == null ? Double.NaN : org.tollgate.alerts.ShownReport.of(chosen, o.review().limits().minCell()).netBenefitPerMonth()));
    }
    rows.sort(Comparator.comparingDouble((Row r) -> -r.o().gate().regulatory().defensibility())
        .thenComparingDouble(r -> Double.isNaN(r.benefit()) ? Double.POSITIVE_INFINITY : -r.benefit())
        .thenComparing(r -> r.o().review().useCase().id()));
    reportOptions.write(spec.commandLine().getOut(), w -> {
      if (fmt.equals("json")) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema", "tollgate.portfolio/v1");
        ArrayNode a = doc.putArray("use_cases");
        int rank = 0;
        for (Row r : rows) {
          ObjectNode x = a.addObject();
          x.put("rank", ++rank);
          x.put("id", r.o().review().useCase().id());
          x.put("title", r.o().review().useCase().title());
          x.put("verdict", r.o().gate().verdict().word());
          x.put("fatal_flaw", r.o().gate().fatalFlaw());
          x.put("clinical_validation_score", r.o().gate().regulatory().validationScore());
          x.put("data_provenance_clarity", r.o().gate().regulatory().provenanceClarity());
          x.put("fallback_existence", r.o().gate().regulatory().fallbackExistence());
          x.put("defensibility", r.o().gate().regulatory().defensibility());
          Json.num(x, "net_benefit_per_month", r.benefit());
        }
        Json.write(w, doc);
      } else {
        w.printf(Locale.ROOT, "%-4s %-28s %-9s %9s %10s %9s %13s %15s%n", "Rank", "Use case", "Verdict", "Validat.", "Provenance", "Fallback", "Defensibility", "Benefit $/month");
        int rank = 0;
        for (Row r : rows) {
          var g = r.o().gate();
          w.printf(Locale.ROOT, "%-4d %-28s %-9s %9d %10d %9d %13s %15s%n", ++rank, trunc(r.o().review().useCase().id(), 28), g.verdict().word(),
              g.regulatory().validationScore(), g.regulatory().provenanceClarity(), g.regulatory().fallbackExistence(), Units.number(g.regulatory().defensibility(), 1),
              Units.money(r.benefit()));
        }
        w.println();
        w.println("Scores: 1 = least defensible, 5 = most. Ranked by defensibility, then expected benefit.");
      }
    });
    return ExitCodes.OK;
  }

  private static String trunc(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
