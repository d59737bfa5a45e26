package org.tollgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tollgate.store.AuditLog;
import org.tollgate.store.People;
import org.tollgate.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate decide USE-CASE OUTCOME --as USER}: the committee's decision, by the chair only. */
@Command(name = "decide", mixinStandardHelpOptions = true,
    description = {"Records the governance committee's decision: approve, approve-with-contingencies (needs --conditions and",
        "--review-date), re-review (needs --review-date) or decline. Only a committee_chair may."})
final class DecideCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "USE-CASE")
  String useCase;

  @Parameters(index = "1", paramLabel = "DECISION", description = "approve, approve-with-contingencies, re-review or decline.")
  String outcome;

  @Option(names = "--as", required = true, paramLabel = "USER")
  String user;

  @Option(names = "--conditions", paramLabel = "TEXT")
  String conditions;

  @Option(names = "--review-date", paramLabel = "YYYY-MM-DD")
  String reviewDate;

  @Option(names = "--run", paramLabel = "RUN-ID", description = "The review run the decision is based on.")
  String run;

  @Option(names = "--guardrails", paramLabel = "DIR", description = {"Attach the monitoring guardrails of this review folder's monitoring: block",
      "as structured conditions; tollgate monitor then holds the live tool to them (docs/monitoring.md)."})
  java.nio.file.Path guardrails;

  @Override
  public Integer call() {
    People.Outcome o = People.Outcome.parse(outcome);
    try (Store st = store.open()) {
      People.Principal p = StoreOptions.login(st, user);
      String g = guardrails == null ? null : org.tollgate.ingest.config.MonitoringFile.toJson(org.tollgate.ingest.config.MonitoringFile.read(guardrails).settings());
      AuditLog.Checkpoint cp = st.people().decide(p, useCase, o, conditions, People.date(reviewDate), run, g);
      PrintWriter out = spec.commandLine().getOut();
      out.println(user + " recorded " + o.word() + " for " + useCase + (g == null ? "" : ", with the monitoring guardrails " + g));
      out.println("Audit checkpoint: " + cp);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
