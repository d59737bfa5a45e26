package org.tollgate.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tollgate.cases.CaseLibrary;
import org.tollgate.report.BriefPage;
import org.tollgate.report.Pdf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate brief CASE [--answer]}: a training brief from a case, or its answer key. */
@Command(name = "brief", mixinStandardHelpOptions = true,
    description = {"Writes a training brief from a case of the case library (HTML and PDF): the use case, conflicting",
        "stakeholder demands and the numbers the review measured, with the verdict and fatal flaw hidden — to be answered",
        "with a one-page go/no-go. --answer writes the answer key from tollgate's own review of the case's data.",
        "`tollgate cases` lists the cases."})
final class BriefCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CASE", description = "A case of the library, e.g. 01-sepsis-alert.")
  String name;

  @Option(names = "--answer", description = "Write the answer key instead of the brief.")
  boolean answer;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = CaseLibrary.DEFAULT_ROOT, description = "Where the case folders go (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where to write brief.html/.pdf or answer.html/.pdf (default: the case folder).")
  Path out;

  @Override
  public Integer call() throws Exception {
    CaseLibrary.Case c = CaseLibrary.find(name);
    CaseLibrary.Result r = CaseLibrary.run(c, root);
    String xhtml = answer ? BriefPage.answer(c.name(), r.outcome(), r.deciding()) : BriefPage.brief(c.name(), r.outcome(), CaseLibrary.stakeholders(c));
    Path dir = out != null ? out : r.folder();
    Output.folder(dir);
    String base = answer ? "answer" : "brief";
    Output.atomic(dir.resolve(base + ".html"), s -> s.write(xhtml.getBytes(StandardCharsets.UTF_8)));
    Output.atomic(dir.resolve(base + ".pdf"), s -> Pdf.render(xhtml, s));
    spec.commandLine().getOut().println("Wrote " + dir.resolve(base + ".html") + " and " + dir.resolve(base + ".pdf"));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
