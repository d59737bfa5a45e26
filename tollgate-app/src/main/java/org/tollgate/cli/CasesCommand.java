package org.tollgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.cases.CaseLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate cases [NAME...]}: runs the case library through the launch gate and prints the table. */
@Command(name = "cases", mixinStandardHelpOptions = true,
    description = {"Runs the case library (every case in the essay as a review folder) through the launch gate and prints",
        "case, verdict and the deciding rule with its fatal flaw. Data are generated on first use (deterministic, seeded)",
        "into ROOT/CASE/data and reused while the recipe is unchanged; `tollgate review ROOT/CASE` shows every rule."})
final class CasesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "CASE", description = "Cases to run (default: all).")
  List<String> names = new ArrayList<>();

  @Option(names = "--root", paramLabel = "DIR", defaultValue = CaseLibrary.DEFAULT_ROOT, description = "Where the case folders go (default: ${DEFAULT-VALUE}).")
  Path root;

  @Override
  public Integer call() {
    List<CaseLibrary.Case> chosen = names.isEmpty() ? CaseLibrary.all() : names.stream().map(CaseLibrary::find).toList();
    CaseTable.print(CaseLibrary.run(chosen, root), spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
