package org.tollgate.cli;

import java.io.PrintWriter;
import org.tollgate.data.BadInputException;
import org.tollgate.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tollgate} command. */
@Command(
    name = "tollgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Launch review workbench for clinical AI: decide GO / REDESIGN / NO-GO on what a tool does to clinical work.",
    subcommands = {
      DemoCommand.class,
      CasesCommand.class,
      BriefCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      EvaluateCommand.class,
      SimulateCommand.class,
      BurdenCommand.class,
      FrictionCommand.class,
      BehaviorCommand.class,
      DrillCommand.class,
      ReviewCommand.class,
      InitCommand.class,
      PortfolioCommand.class,
      AuditCommand.class,
      UserCommand.class,
      AttestCommand.class,
      DecideCommand.class,
      MonitorCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Exit codes: 0 success, 1 internal error, 2 bad input or usage, 3 review halted."})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(Main::exitCode);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ex instanceof BadInputException || ex instanceof CommandLine.ParameterException || ex instanceof StoreException) {
            err.println("tollgate: " + ex.getMessage());
          } else {
            err.println("tollgate: internal error: " + ex);
            if (System.getenv("TOLLGATE_DEBUG") != null) {
              ex.printStackTrace(err);
            } else {
              err.println("(set TOLLGATE_DEBUG=1 for the stack trace and report it)");
            }
          }
          err.flush();
          return exitCode(ex);
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("tollgate: " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
          }
          err.flush();
          return ExitCodes.BAD_INPUT;
        });
    return cl;
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof BadInputException || ex instanceof CommandLine.ParameterException || ex instanceof StoreException) {
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.INTERNAL;
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tollgate " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
  }
}
